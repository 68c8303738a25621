"""The dates stage: due dates as notices write them, and the notice's own year. Pure.

`read_dates` reads one text (a 完成时限 / 时限要求 / 备注 cell, or a requirement's prose) into
one-off due dates, a recurring phrase and a continuous phrase, following the rules of the
corpus answer key:

- a full date as printed (``2021年6月30日``, ``2021.6.30``, ``6月30日前``);
- ``6月底前`` / ``6月底`` / ``6月末`` → the month's last day; ``8月前`` → the day before the
  month, i.e. the last day of July; ``X月上旬`` / ``X月初`` → X-10, ``中旬`` → X-20, ``下旬`` → the
  month's last day;
- ``年底前`` / ``年内`` / ``年底`` / ``年末`` → 12-31; ``上半年`` → 06-30; ``下半年`` → 12-31;
  ``第三季度`` / ``三季度末`` → the quarter's last day;
- a date without a year takes the year last written before it in the same text, else the
  notice's year; a date with a year (also the following year) is taken as printed;
- a range (``3月至6月``, ``2021.3-2021.6``) is due at its end; several dates are all due;
- ``每季度`` / ``每月10日前`` / ``每年`` / ``每半年`` / ``每月`` are recurring, not one-off;
- ``长期坚持`` / ``持续推进`` / ``常态化`` / ``长期`` are continuous: no due date.

A cell is read whole: a bare month (``2021年6月``, ``6月``) is due at the month's end, ``全年``
at 12-31, and a continuous word anywhere counts. Prose (``prose=True``) is read with care:
a month needs a year or a qualifier (``6月底``), and a continuous phrase must stand as a clause
of its own (``…，长期坚持。``), since ``持续推进XX工作`` or ``常态化疫情防控`` name the work, not
its time limit.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.normalize import parse_number
from bot.plan import Plan, Problem
from bot.reading import date_words as words
from bot.reading.traditional import simplified

_TIGHT = re.compile(r"\s*([年月日号底末前内旬度季./\-])\s*")
_CJK_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")

_Resolver = Callable[[int], date | None]


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurring time limit: its words as printed, its period in months, and a due day."""

    words: str
    months: int  # 12 每年, 6 每半年, 3 每季度, 1 每月
    month: int | None = None  # 每年6月底前 → 6: the month of the period it falls in
    day: int | None = None  # 每月10日前 → 10; None: the period's last day

    def dues(self, start: date, end: date) -> tuple[date, ...]:
        """Its due dates from `start` to `end`, both included, in order."""
        found = []
        for year in range(start.year, end.year + 1):
            for first in range(1, 13, self.months):
                month = first + (self.month - 1 if self.month else self.months - 1)
                if month > 12:
                    continue
                day = min(self.day or 31, _last_day(year, month))
                due = date(year, month, day)
                if start <= due <= end:
                    found.append(due)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class DateReading:
    """What one text says about when a task is due."""

    due: tuple[date, ...] = ()  # one-off dates, in order, each once
    recurring: Recurrence | None = None
    continuous: str | None = None  # the continuous phrase as printed, e.g. 长期坚持
    undated: tuple[str, ...] = ()  # phrases that need the notice's year when it has none

    def __or__(self, other: DateReading) -> DateReading:
        """Both readings together (a requirement's prose and its time-limit cell)."""
        return DateReading(
            tuple(sorted(set(self.due) | set(other.due))),
            self.recurring or other.recurring,
            self.continuous or other.continuous,
            self.undated + other.undated,
        )


@dataclass(frozen=True, slots=True)
class _Found:
    """One date phrase: where it is, its year if written, and how to resolve the rest."""

    start: int
    end: int
    text: str
    year: int | None
    resolve: _Resolver


_Reader = Callable[[re.Match[str]], _Found | None]


def normalise(text: str) -> str:
    """`text` as the patterns read it: NFKC (full-width digits, brackets and spaces made half
    width), simplified characters (長期堅持) and no spaces next to 年, 月, 日 and the other
    date words."""
    return _TIGHT.sub(r"\1", simplified(unicodedata.normalize("NFKC", text)))


def read_dates(
    text: str, year: int | None, *, prose: bool = False, written: int | None = None
) -> DateReading:
    """What `text` says about when a task is due, with `year` the notice's own (None: unknown).

    See the module's docstring for the forms. Impossible dates (``2月30日``) are skipped.
    Without a notice year, a date that needs it is not guessed: its words go to `undated`.
    `written` is the year the text was written (the notice's signing): 明年 / 今年 / 去年 count
    from it (a 2023 plan signed in December 2022 that says 明年7月 means July 2023); without
    it 明年 and 去年 are not guessed.
    """
    clean = normalise(text)
    if written is not None:
        clean = _absolute_years(clean, written)
    recurring, clean = _recurring(clean)
    found = _one_off(clean, prose=prose)
    due, undated, carried = set(), [], None
    for index, item in enumerate(found):
        if item.year is not None:
            carried = item.year
        if _starts_range(clean, item, found[index + 1 : index + 2]):
            continue
        base = item.year if item.year is not None else carried or year
        if base is None:
            undated.append(item.text)
            continue
        resolved = item.resolve(base)
        if resolved is not None:
            due.add(resolved)
    pattern = words.CONTINUOUS_PROSE if prose else words.CONTINUOUS_CELL
    continuous = pattern.search(clean)
    return DateReading(
        tuple(sorted(due)),
        recurring,
        continuous.group(0) if continuous else None,
        tuple(undated),
    )


def _absolute_years(text: str, written: int) -> str:
    """Rule "relative year": ``明年7月`` written in 2022 → ``2023年7月``."""
    return words.RELATIVE_YEAR.sub(
        lambda m: f"{written + words.RELATIVE_YEAR_OFFSETS[m.group(1)]}年", text
    )


def _recurring(text: str) -> tuple[Recurrence | None, str]:
    """The first recurring phrase, and `text` with every one blanked out (same length)."""
    first = None
    for match in words.RECURRING.finditer(text):
        if first is None:
            month = parse_number(match["m"]) if match["m"] else None
            day = parse_number(match["d"]) if match["d"] else None
            first = Recurrence(match.group(0), words.PERIOD_MONTHS[match["p"]], month, day)
    return first, words.RECURRING.sub(lambda m: " " * len(m.group(0)), text)


def _one_off(text: str, *, prose: bool) -> list[_Found]:
    """Every one-off date phrase in `text`, earlier patterns winning overlaps, in text order."""
    claimed: list[_Found] = []
    for pattern, reader in _readers(prose):
        for match in pattern.finditer(text):
            item = reader(match)
            if item is None or any(item.start < c.end and c.start < item.end for c in claimed):
                continue
            claimed.append(item)
    return sorted(claimed, key=lambda f: f.start)


def _starts_range(text: str, item: _Found, following: list[_Found]) -> bool:
    """True when `item` is the start of a range (``3月至6月``): only the range's end is due."""
    return bool(following) and bool(
        words.RANGE.fullmatch(text[item.end : following[0].start].strip())
    )


def _year(match: re.Match[str]) -> int | None:
    return int(match["y"]) if match["y"] else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _found(match: re.Match[str], resolve: _Resolver) -> _Found:
    year = _year(match) if "y" in match.re.groupindex else None
    return _Found(match.start(), match.end(), match.group(0), year, resolve)


def _full_date(match: re.Match[str]) -> _Found | None:
    month, day = parse_number(match["m"]), parse_number(match["d"])
    if month is None or day is None:
        return None
    return _found(match, lambda y: _safe(y, month, day))


def _month(match: re.Match[str], *, prose: bool) -> _Found | None:
    month = parse_number(match["m"])
    part = match["q"] if "q" in match.re.groupindex else None
    if month is None or (prose and part is None and match["y"] is None):
        return None
    day = words.MONTH_PARTS.get(part)
    if day == 0:
        return _found(match, lambda y: date(y, month, 1) - timedelta(days=1))
    return _found(match, lambda y: date(y, month, day or _last_day(y, month)))


def _quarter(match: re.Match[str]) -> _Found:
    quarter = parse_number(match["q"]) or 1
    return _found(match, lambda y: date(y, quarter * 3, _last_day(y, quarter * 3)))


def _half_year(match: re.Match[str]) -> _Found:
    return _found(match, lambda y: date(y, 6, 30) if match["h"] == "上" else date(y, 12, 31))


def _year_end(match: re.Match[str]) -> _Found:
    return _found(match, lambda y: date(y, 12, 31))


def _by_year(match: re.Match[str]) -> _Found:
    """Rule "target year": ``到2025年完成`` → 2025-12-31."""
    return _found(match, lambda y: date(y, 12, 31))


def _readers(prose: bool) -> Iterable[tuple[re.Pattern[str], _Reader]]:
    """The one-off patterns with their readers, in the order they claim text."""
    yield words.FULL_DATE, _full_date
    yield words.DOTTED_DATE, _full_date
    yield words.QUARTER, _quarter
    yield words.HALF_YEAR, _half_year
    yield words.YEAR_END, _year_end
    yield words.BY_YEAR, _by_year
    if not prose:
        yield words.WHOLE_YEAR, _year_end
    yield words.MONTH, lambda m: _month(m, prose=prose)
    yield words.DOTTED_MONTH, lambda m: _month(m, prose=False)


def notice_year(title: str, *lines: str) -> int | None:
    """The notice's own year: from its title (``2021年…``), else its document number
    (``〔2021〕5号``, ``[2021]``, ``（2021）``), else its signature date (a line that is only a
    date), else its issue date (``发布日期：2021-04-01``). None when it states none."""
    head, tidy = normalise(title), [normalise(line) for line in lines]
    for line in (head, *tidy):
        found = words.TITLE_YEAR.search(head) or words.DOCUMENT_NUMBER.search(line)
        if found:
            return int(found.group(1))
    for line in tidy:
        found = words.SIGNATURE.fullmatch(line.replace(" ", ""))
        if found:
            return int(found.group(1).translate(_CJK_YEAR_DIGITS))
    for line in tidy:
        found = words.ISSUE_LABEL.search(line)
        if found:
            return int(found.group(1))
    return None


def with_year(plan: Plan, lines: Iterable[str]) -> Plan:
    """`plan` with the notice's own year read from its title and `lines` (the notice's text,
    line by line); a notice that states none gets a Problem asking the office to set dates."""
    year = notice_year(plan.title, *lines)
    if year is None and plan.issued is not None:
        year = plan.issued.year
    if year is not None:
        return replace(plan, year=year)
    return replace(plan, problems=(Problem(0, plan.title, words.NO_YEAR), *plan.problems))
