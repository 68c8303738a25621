"""What one wake-up must do: which nudges go to whom now, merged per person, and which are stale.

Pure: the nudges due, who can receive them, what the outbox already holds and the clock come in;
a `Wake` comes out. The Telegram side sends it and records each step in the outbox.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.reminders.nudges import Nudge
from bot.workdays import is_workday

LATE_AFTER = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message to one chat, merging every nudge due for that person at this wake-up."""

    key: str
    chat: int
    nudges: tuple[Nudge, ...]
    late: bool

    @property
    def at(self) -> datetime:
        """The earliest planned instant among the merged nudges."""
        return min(n.at for n in self.nudges)

    @property
    def items(self) -> tuple[str, ...]:
        """The stable ids of the merged nudges."""
        return tuple(n.id for n in self.nudges)


@dataclass(frozen=True, slots=True)
class Wake:
    """The sends of a wake-up, the nudges too late to send, and how far the past is settled."""

    deliveries: tuple[Delivery, ...]
    stale: tuple[Nudge, ...]
    watermark: datetime


@dataclass(frozen=True, slots=True)
class SendHours:
    """Sends happen only on working days between `start` and `end` (office time)."""

    start: time
    end: time

    def allow(self, now: datetime) -> bool:
        """True when a message may be sent at `now`."""
        return is_workday(now.date()) and self.start <= now.time() < self.end


def next_send_time(now: datetime, send_time: time) -> datetime:
    """The next instant nudges may be due: today's send time, else the next working day's."""
    day = now.date()
    while True:
        at = datetime.combine(day, send_time, now.tzinfo)
        if at > now and is_workday(day):
            return at
        day += timedelta(days=1)


def delivery_key(chat: int, items: Sequence[str]) -> str:
    """A stable key for one chat and one set of nudges."""
    digest = hashlib.sha256("\n".join(sorted(items)).encode()).hexdigest()[:16]
    return f"{chat}:{digest}"


def stale_key(now: datetime) -> str:
    """The key of the record listing the nudges a wake-up at `now` found too late to send."""
    return f"stale:{now.isoformat()}"


def plan_wake(
    due: Sequence[Nudge],
    *,
    now: datetime,
    recipients: Mapping[str, Sequence[int]],
    handled: Callable[[int, str], bool],
    stale: Container[str],
    hours: SendHours,
) -> Wake:
    """Decide a wake-up at `now` over the nudges `due` (planned at or before `now`).

    A nudge planned today goes now, while sending is allowed, to every recipient of its unit that
    has not had it; one planned on an earlier day (or today after the send hours) is stale if
    anyone of its unit still lacks it. A unit without recipients settles its nudges silently.
    """
    sendable = hours.allow(now)
    per_chat: dict[int, list[Nudge]] = {}
    too_late: list[Nudge] = []
    for nudge in due:
        if nudge.id in stale:
            continue
        missing = [c for c in recipients.get(nudge.unit, ()) if not handled(c, nudge.id)]
        if not missing:
            continue
        if sendable and nudge.at.date() == now.date():
            for chat in missing:
                per_chat.setdefault(chat, []).append(nudge)
        else:
            too_late.append(nudge)
    deliveries = tuple(
        Delivery(
            delivery_key(chat, [n.id for n in nudges]),
            chat,
            tuple(nudges),
            late=now - min(n.at for n in nudges) > LATE_AFTER,
        )
        for chat, nudges in per_chat.items()
    )
    # Today's nudges stay open until the send hours end; anything earlier is settled now.
    midnight = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
    settled = midnight if is_workday(now.date()) and now.time() < hours.end else now
    return Wake(deliveries, tuple(too_late), settled)
