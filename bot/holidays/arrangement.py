"""Read the State Council's yearly 国务院办公厅关于YYYY年部分节假日安排的通知.

Pure: text in, a `Reading` out. Every holiday period (its days off, and the 补休 day of older
notices) and every makeup working day (…上班) is read, in the wordings the notices have used
since 2016: 星期X or 周X, half- or full-width punctuation, 农历 notes beside the weekday, a
range that crosses the new year, 与周末连休, 补休, 不调休, 共N天 or 放假N天. Nothing doubtful is
accepted quietly: a printed weekday that is wrong for its date, a 共N天 that does not match
the period, an arrangement sentence that could not be read, a makeup day on a weekday, all
become `problems`; sentences that arrange nothing (鼓励…休息) are kept as `notes`.

"Days off" are the days a period names: ``1月1日放假，与周末连休`` is 1 January only, the
weekend being off anyway (`Period.joins_weekend` says the notice joined it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

__all__ = ["Arrangement", "Period", "Reading", "read_arrangement"]

WEEKDAYS = "一二三四五六日"
SATURDAY = 5
_TITLE = re.compile(r"国务院办公厅关于(\d{4})年\s*部分节假日安排的通知")
_YEAR = (_TITLE, re.compile(r"现将(\d{4})年"), re.compile(r"(\d{4})年部分节假日"))
_ITEM = re.compile(r"(?:^|(?<=[。\n]))[ \t]*([一二三四五六七八九十]{1,3})、([^:\n。,]{1,40}):")
_DATE = (
    r"(?:(?P<y{n}>\d{{4}})年)?(?:(?P<m{n}>\d{{1,2}})月)?(?P<d{n}>\d{{1,2}})日"
    r"(?:\((?P<note{n}>[^)]*)\))?"
)
_ONE_DATE = re.compile(_DATE.format(n=""))
_PERIOD = re.compile(
    _DATE.format(n="1") + r"(?:至" + _DATE.format(n="2") + r")?放假(?:调休)?(?:(?P<stated>\d+)天)?"
)
_DATES_THEN = re.compile(r"(?P<list>(?:" + _DATE.format(n="") + r"、?)+)(?P<verb>上班|补休)")
_COUNT = re.compile(r"共(\d+)天(?:\(不调休\))?")
_JOINS = re.compile(r"与周[末六日]连休")
_NO_SWAP = re.compile(r"\(?不调休\)?")
_WEEKDAY = re.compile(r"周([一二三四五六日天])")
_ARRANGES = ("放假", "上班", "补休")
_CLOSING = ("节假日期间", "鼓励单位", "国务院办公厅")


@dataclass(frozen=True, slots=True)
class Period:
    """One holiday's days off as the notice gives them."""

    name: str
    first: date
    last: date
    in_lieu: tuple[date, ...] = ()  # 补休 days of older notices (1月2日（星期一）补休)
    joins_weekend: bool = False

    @property
    def days_off(self) -> tuple[date, ...]:
        """Every day off of the period: first to last, then any 补休 day."""
        span = (self.last - self.first).days + 1
        return tuple(self.first + timedelta(days=i) for i in range(span)) + self.in_lieu


@dataclass(frozen=True, slots=True)
class Arrangement:
    """A year's holidays: its periods and makeup working days, and the notice's title."""

    year: int
    title: str
    periods: tuple[Period, ...]
    workdays: tuple[date, ...]

    @property
    def holidays(self) -> tuple[date, ...]:
        """Every day off in the periods, in order."""
        return tuple(sorted({d for p in self.periods for d in p.days_off}))


@dataclass(frozen=True, slots=True)
class Reading:
    """What was read, with every doubt: only a reading without problems may be stored."""

    arrangement: Arrangement | None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Read in full and every check passed."""
        return self.arrangement is not None and not self.problems


def _normalize(text: str) -> str:
    """Half-width punctuation and digits, 周 for 星期, one kind of line end."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("星期", "周").replace("周天", "周日")


def _label(day: date) -> str:
    return f"{day.month}月{day.day}日"


class _Reader:
    """Reads one notice, collecting problems as it goes."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.periods: list[Period] = []
        self.workdays: list[date] = []

    def date_of(self, groups: dict[str, str | None], n: str, base: date | None) -> date | None:
        """The date in match groups suffixed `n`; year and month default to `base`'s."""
        year = int(groups[f"y{n}"] or (base.year if base else self.year))
        month_text = groups[f"m{n}"] or (str(base.month) if base else None)
        day_text = groups[f"d{n}"] or ""
        if month_text is None:
            self.problems.append(f"“{day_text}日”没有写月份")
            return None
        try:
            day = date(year, int(month_text), int(day_text))
        except ValueError:
            self.problems.append(f"“{year}年{month_text}月{day_text}日”不是有效日期")
            return None
        self._check_weekday(day, groups[f"note{n}"])
        if abs(day.year - self.year) > 1:
            self.problems.append(f"{day.isoformat()} 不在 {self.year} 年前后")
        return day

    def _check_weekday(self, day: date, note: str | None) -> None:
        match = _WEEKDAY.search(note or "")
        if match is None:
            return
        printed = WEEKDAYS.index(match.group(1).replace("天", "日"))
        if printed != day.weekday():
            self.problems.append(
                f"{_label(day)}是周{WEEKDAYS[day.weekday()]}，通知写的是周{WEEKDAYS[printed]}"
            )

    def dates_in(self, text: str) -> list[date]:
        """The dates of a list such as ``1月26日(周日)、2月8日(周六)``; month carries over."""
        days: list[date] = []
        for match in _ONE_DATE.finditer(text):
            day = self.date_of(match.groupdict(), "", days[-1] if days else None)
            if day is not None:
                days.append(day)
        return days

    def item(self, name: str, body: str) -> None:
        """One numbered item: its sentences, split at 。."""
        for sentence in (s.strip() for s in body.split("。")):
            if sentence and not self._sentence(name, sentence):
                if any(word in sentence for word in _ARRANGES):
                    self.problems.append(f"{name}：读不懂“{sentence}”")
                else:
                    self.notes.append(f"{name}：{sentence}")

    def _sentence(self, name: str, sentence: str) -> bool:
        """Read a period or a list of makeup days; False when it is neither."""
        period = _PERIOD.match(sentence)
        if period is not None:
            self._period(name, period, sentence[period.end() :])
            return True
        listed = _DATES_THEN.fullmatch(sentence)
        if listed is None:
            return False
        days = self.dates_in(listed["list"])
        if listed["verb"] == "上班":
            self._workdays(name, days)
        elif self.periods and self.periods[-1].name == name:
            last = self.periods[-1]
            self.periods[-1] = replace(last, in_lieu=last.in_lieu + tuple(days))
        else:
            return False
        return True

    def _period(self, name: str, match: re.Match[str], rest: str) -> None:
        groups = match.groupdict()
        first = self.date_of(groups, "1", None)
        if first is None:
            return
        last = first if groups["d2"] is None else self.date_of(groups, "2", first)
        if last is None:
            return
        if last < first:
            self.problems.append(f"{name}：{_label(first)}至{_label(last)}，结束早于开始")
            return
        span = (last - first).days + 1
        counts = [int(groups["stated"])] if groups["stated"] else []
        in_lieu: list[date] = []
        joins = False
        for clause in (c.strip() for c in rest.split(",")):
            if not clause or _NO_SWAP.fullmatch(clause):
                continue
            if (count := _COUNT.fullmatch(clause)) is not None:
                counts.append(int(count.group(1)))
            elif _JOINS.fullmatch(clause):
                joins = True
            elif (lieu := _DATES_THEN.fullmatch(clause)) and lieu["verb"] == "补休":
                in_lieu.extend(self.dates_in(lieu["list"]))
            elif (lieu := _DATES_THEN.fullmatch(clause)) and lieu["verb"] == "上班":
                self._workdays(name, self.dates_in(lieu["list"]))
            else:
                self.problems.append(f"{name}：读不懂“{clause}”")
        for count in counts:
            if count != span + len(in_lieu):
                self.problems.append(
                    f"{name}：{_label(first)}至{_label(last)}是 {span + len(in_lieu)} 天，"
                    f"通知写的是共{count}天"
                )
        self.periods.append(Period(name, first, last, tuple(in_lieu), joins))

    def _workdays(self, name: str, days: list[date]) -> None:
        for day in days:
            if day.weekday() < SATURDAY:
                self.problems.append(
                    f"{name}：上班日{_label(day)}是周{WEEKDAYS[day.weekday()]}，不是周末"
                )
        self.workdays.extend(days)

    def finish(self) -> None:
        """Checks across items: every day named once, something read at all."""
        if not self.periods:
            self.problems.append("没有读到任何放假安排（应有“一、元旦：…放假…”这样的条目）")
        seen: dict[date, str] = {}
        for period in self.periods:
            for day in period.days_off:
                if day in seen:
                    self.problems.append(f"{_label(day)}在{seen[day]}和{period.name}中都放假")
                seen[day] = period.name
        for day in self.workdays:
            if day in seen:
                self.problems.append(f"{_label(day)}既放假（{seen[day]}）又上班")
        if len(set(self.workdays)) != len(self.workdays):
            self.problems.append("同一个上班日写了两次")


def _body(text: str) -> str:
    """An item's text: its lines joined, up to a blank line or the closing paragraph."""
    lines = []
    for line in (raw.strip() for raw in text.split("\n")):
        if lines and (not line or line.startswith(_CLOSING)):
            break
        lines.append(line)
    return "".join(lines)


def find_year(text: str) -> int | None:
    """The arrangement's year, from its title or from 现将YYYY年…; None when neither is there."""
    normal = _normalize(text)
    for pattern in _YEAR:
        match = pattern.search(normal)
        if match is not None:
            return int(match.group(1))
    return None


def read_arrangement(text: str) -> Reading:
    """Read a notice's text; see the module docstring for what is read and checked."""
    normal = _normalize(text)
    year = find_year(normal)
    if year is None:
        return Reading(None, ("找不到年份：应有“国务院办公厅关于YYYY年部分节假日安排的通知”",))
    title_match = _TITLE.search(normal)
    title = (
        re.sub(r"\s+", "", title_match.group(0))
        if title_match
        else f"国务院办公厅关于{year}年部分节假日安排的通知"
    )
    reader = _Reader(year)
    headers = list(_ITEM.finditer(normal))
    ends = [h.start() for h in headers[1:]] + [len(normal)]
    for header, end in zip(headers, ends, strict=False):
        reader.item(header.group(2).strip(), _body(normal[header.end() : end]))
    reader.finish()
    arrangement = Arrangement(
        year, title, tuple(reader.periods), tuple(sorted(set(reader.workdays)))
    )
    return Reading(arrangement, tuple(reader.problems), tuple(reader.notes))
