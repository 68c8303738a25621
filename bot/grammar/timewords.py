"""Time words: the window a due-date question asks about, and a date written in a line."""

from __future__ import annotations

import re
from datetime import date

from bot.grammar.intents import Window
from bot.ledger.deadlines import written_date

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
            r"快(?:要)?(?:到期|截止|到时间)|即将(?:到期|截止)|临近|马上(?:要)?(?:到期|截止)|近期"
        ),
    ),
)
# Words asking when something is due, with or without a window.
DUE_WORDS = re.compile(
    r"截止|到期|期限|时限|deadline|ddl|什么时候|啥时候|几时|哪天|几号|哪一天|还有几天|还剩几天"
    r"|多久(?:要|得)?(?:完成|交)",
    re.IGNORECASE,
)
# Words asking what there is to do, which a window turns into a due-date question.
TODO_WORDS = re.compile(
    r"要做|做什么|做啥|干什么|干啥|任务|工作|事|到期|截止|完成|交|有什么|有哪些|安排"
)
_DATE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})年\s*[0-9一二三四五六七八九十]{1,3}月\s*[0-9一二三四五六七八九十]{1,3}[日号]?"
    r"|[0-9一二三四五六七八九十]{1,3}月\s*[0-9一二三四五六七八九十]{1,3}[日号]?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8}|\d{1,2}[-/.]\d{1,2}"
)


def window(text: str) -> Window | None:
    """The window `text` names (本周 → week, 快到期 → soon, 逾期 → overdue), if any."""
    return next((w for w, words in _WINDOWS if words.search(text)), None)


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


def date_in(text: str, today: date) -> date | None:
    """The first date written in `text`; one without a year is its next one from `today`."""
    for found in _DATE.finditer(text):
        parts = written_date(found.group().replace(" ", ""))
        if parts is None:
            continue
        year, month, day = parts
        if year is None:
            return next_on_or_after(month, day, today)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None
