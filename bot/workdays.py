"""China working days: holidays and 调休 makeup workdays from chinese-calendar.

The only importer of chinese-calendar. For a year the State Council has not published yet (the
library raises for it), Monday to Friday counts as working days, and `is_official` says so, so
the office can be told the official calendar is missing.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

SATURDAY = 5


def is_official(day: date) -> bool:
    """True when chinese-calendar has the official holiday data for `day`'s year."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=8192)
def is_workday(day: date) -> bool:
    """A working day: official data if published (a makeup Saturday counts), else Mon–Fri.

    Cached: chinese-calendar takes ~20 µs a day, and its data does not change while we run.
    """
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
