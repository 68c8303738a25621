"""Clocks: the shell holds one and passes times into the core, which never reads the time itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

Clock = Callable[[], datetime]


def system_clock(zone: tzinfo) -> Clock:
    """The real time in the office's time zone."""
    return lambda: datetime.now(zone)


def clock_from(start: datetime, zone: tzinfo) -> Clock:
    """A clock that reads `start` now and runs forward in real time (for demos and tests)."""
    offset = start - datetime.now(zone)
    return lambda: datetime.now(zone) + offset


def parse_instant(text: str, zone: tzinfo) -> datetime:
    """``2021-11-15T08:59:50+08:00`` (a time without an offset is taken in `zone`).

    Raises:
        ValueError: With a Chinese message, when `text` is not an ISO date and time.
    """
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"--now 应写成 2021-11-15T08:59:50+08:00 这样的时间，而不是“{text}”"
        ) from None
    return instant if instant.tzinfo else instant.replace(tzinfo=zone)
