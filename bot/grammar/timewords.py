"""Time words: the window a due-date question asks about, and a date written in a line."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.grammar.intents import Window
from bot.ledger.deadlines import written_date
from bot.normalize import parse_number

# Checked in this order: 下周 before 本周's 周, 快到期 before a bare 到期.
_WINDOWS = (
    (Window.OVERDUE, re.compile(r"逾期|超期|过期|延误|误期|超时|过了截止|已经?过了?期")),
    (Window.NEXT_WEEK, re.compile(r"下(?:个)?(?:周|星期|礼拜)")),
    (Window.WEEK, re.compile(r"(?:本|这|这个|今|当)(?:周|星期|礼拜)|这几天|最近几天")),
    (Window.NEXT_MONTH, re.compile(r"下(?:个)?月")),
    (Window.MONTH, re.compile(r"(?:本|这个?|当|今)月|月底前?")),
    (
        Window.SOON,
        re.compile(
            r"快(?:要)?到?(?:到期|截止|到时间)|即将(?:到期|截止)|临近|马上(?:要)?(?:到期|截止)|近期"
            r"|最近"
        ),
    ),
)
# Words asking when something is due, with or without a window.
DUE_WORDS = re.compile(
    r"截止|截至(?:日期|时间)|到期|期限|时限|deadline|ddl|什么时候|啥时候|几时|哪天|几号|哪一天|还有几天|还剩几天"
    r"|多久(?:要|得)?(?:完成|交)|(?:是不是|是否)(?:要|得|需要)(?:在|于).{1,8}(?:前|之前)(?:完成|办结|交)",
    re.IGNORECASE,
)
# Words asking what there is to do, which a window turns into a due-date question.
TODO_WORDS = re.compile(
    r"要做|做什么|做啥|干什么|干啥|干嘛|忙什么|忙啥|任务|工作|事|到期|截止|完成|交|有什么|有哪些|安排"
)
_DATE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})年\s*[0-9一二三四五六七八九十]{1,3}月\s*[0-9一二三四五六七八九十]{1,3}[日号]?"
    r"|[0-9一二三四五六七八九十]{1,3}月\s*[0-9一二三四五六七八九十]{1,3}[日号]?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8}|\d{1,2}[-/.]\d{1,2}"
)


# A month named by its number (11月, not 11月20日): this month or the next, seen from today.
_MONTH = re.compile(
    r"(?<![0-9年./-])([0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?!\s*[0-9一二三四五六七八九十]+\s*[日号])"
)


def _named_month(text: str, today: date) -> Window | None:
    found = _MONTH.search(text)
    month = parse_number(found.group(1)) if found else None
    if month == today.month:
        return Window.MONTH
    if month == today.month % 12 + 1:
        return Window.NEXT_MONTH
    return None


def window(text: str, today: date | None = None) -> Window | None:
    """The window `text` names (本周 → week, 快到期 → soon, 逾期 → overdue, 11月 in
    November → month), if any."""
    named = next((w for w, words in _WINDOWS if words.search(text)), None)
    return named or (_named_month(text, today) if today else None)


def next_on_or_after(month: int, day: int, today: date) -> date | None:
    """The first `month`-`day` on or after `today`, within four years (2月29日); None if never."""
    for year in range(today.year, today.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


_WEEKDAY = re.compile(
    r"(?P<week>下下|下个?|本|这个?)(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])"
)
_DAYS = "一二三四五六日"


def weekday_in(text: str, today: date) -> date | None:
    """``下周五``, ``本周三``, ``下下周一``: a weekday of this week or a later one."""
    found = _WEEKDAY.search(text)
    if found is None:
        return None
    day = found["day"].replace("天", "日")
    index = int(day) - 1 if day.isdigit() else _DAYS.index(day)
    weeks = 2 if found["week"] == "下下" else 1 if found["week"].startswith("下") else 0
    return today + timedelta(days=7 * weeks + index - today.weekday())


_MONTH_END = re.compile(
    r"(?P<year>明年|今年)?\s*(?P<month>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?:底|末)"
    r"|(?P<relative>下个?|本|这个?)月(?:底|末)"
)


def month_end(text: str, today: date) -> date | None:
    """``明年1月底`` → 2022-01-31, ``12月底`` → the next 31 December from `today`,
    ``下个月底`` → the end of the month after today's, ``本月底`` → the end of today's."""
    found = _MONTH_END.search(text)
    if found is not None and found["relative"]:
        ahead = today.month + found["relative"].startswith("下")
        return date(today.year + ahead // 12, ahead % 12 + 1, 1) - timedelta(days=1)
    month = parse_number(found["month"]) if found else None
    if found is None or month is None or not 1 <= month <= 12:
        return None
    year = today.year + (found["year"] == "明年")
    if found["year"] is None and month < today.month:
        year += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def date_at(text: str, today: date) -> tuple[date | None, int]:
    """The first date written in `text` (one without a year is its next one from `today`),
    else a month's end (``明年1月底``), else a weekday said relative to this week (``下周五``),
    with where its words end in `text` (0 when no date is written)."""
    for found in _DATE.finditer(text):
        parts = written_date(found.group().replace(" ", ""))
        if parts is None:
            continue
        year, month, day = parts
        if year is None:
            return next_on_or_after(month, day, today), found.end()
        try:
            return date(year, month, day), found.end()
        except ValueError:
            return None, found.end()
    for pattern, read in ((_MONTH_END, month_end), (_WEEKDAY, weekday_in)):
        found = pattern.search(text)
        if found is not None:
            return read(text, today), found.end()
    return None, 0


def date_in(text: str, today: date) -> date | None:
    """The date written in `text`, as `date_at` reads it; None if none."""
    return date_at(text, today)[0]
