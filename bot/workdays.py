"""China working days: holidays and 调休 makeup workdays, the office's or chinese-calendar's.

The only importer of chinese-calendar. A year the office has given the State Council's
arrangement for (`use_office_calendar`, from ``holidays.toml``) is decided by that
arrangement, before the library: its days off and makeup working days, else Monday to Friday.
Other years come from the library; for a year neither has (the library raises for it),
Monday to Friday counts, and `is_official` says so, so the office can be told.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, TypeVar

import chinese_calendar

SATURDAY = 5
_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class OfficeYear:
    """One year's arrangement as the office gave it."""

    year: int
    title: str
    days_off: frozenset[date]
    workdays: frozenset[date]


_office: dict[int, OfficeYear] = {}
_decided: dict[date, bool] = {}
_caches: list[Any] = []


def cleared_on_change(cached: _F) -> _F:
    """Register an ``lru_cache``-wrapped function of working days, cleared on every change."""
    _caches.append(cached)
    return cached


def use_office_calendar(years: Mapping[int, OfficeYear]) -> None:
    """Make `years` the office's arrangements (replacing any before) and forget cached days."""
    _office.clear()
    _office.update(years)
    _decided.clear()
    for year in years.values():
        _decided.update(dict.fromkeys(year.days_off, False))
        _decided.update(dict.fromkeys(year.workdays, True))
    for cached in _caches:
        cached.cache_clear()


def office_years() -> dict[int, OfficeYear]:
    """The office's arrangements in force, by year."""
    return dict(_office)


def library_has(year: int) -> bool:
    """True when chinese-calendar has the official holiday data for `year`."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_official(day: date) -> bool:
    """True when the office or chinese-calendar has the official holiday data for `day`'s year."""
    return day.year in _office or library_has(day.year)


@cleared_on_change
@lru_cache(maxsize=8192)
def is_workday(day: date) -> bool:
    """A working day: the office's arrangement, else the library's, else Mon–Fri.

    Cached: chinese-calendar takes ~20 µs a day; the cache is cleared when the office's
    arrangements change.
    """
    if day in _decided:
        return _decided[day]
    if day.year in _office:
        return day.weekday() < SATURDAY
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < SATURDAY


def add_workdays(day: date, count: int) -> date:
    """The `count`-th working day after `day` (before it, for a negative `count`).

    ``add_workdays(d, 0)`` is `d` itself when it is a working day, else the next one.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    if count == 0:
        while not is_workday(current):
            current += timedelta(days=1)
        return current
    while remaining:
        current += timedelta(days=step)
        remaining -= is_workday(current)
    return current


def workdays_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -workdays_between(end, start)
    return sum(is_workday(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def calendar_note_key(year: int, today: date) -> str:
    """The outbox key of the note that `year`'s calendar is missing: ``calendar:YYYY`` until
    the first working day of the December before it, then a new key on that day and again on
    the first working day of January, so the note repeats once in each."""
    rounds = (add_workdays(date(year - 1, 12, 1), 0), add_workdays(date(year, 1, 1), 0))
    begun = [day for day in rounds if day <= today]
    return f"calendar:{year}" + (f":{begun[-1].isoformat()}" if begun else "")


def library_differences(
    year: int, days_off: frozenset[date], makeup: frozenset[date]
) -> list[tuple[date, bool]]:
    """Days of `year` on which an arrangement (`days_off`, `makeup` working days) and the
    library disagree, with the arrangement's answer (True: a working day); empty when the
    library lacks the year."""
    if not library_has(year):
        return []
    found = []
    day = date(year, 1, 1)
    while day.year == year:
        ours = day in makeup or (day.weekday() < SATURDAY and day not in days_off)
        if ours != chinese_calendar.is_workday(day):
            found.append((day, ours))
        day += timedelta(days=1)
    return found
