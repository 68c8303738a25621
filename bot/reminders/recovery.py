"""What the first wake-up after a start must settle: old deliveries to forget, and deliveries a
crash caught mid-send.

A delivery still `sending` at start may or may not have arrived. If it was begun today and
sending is allowed now, it is sent again, marked late, and recorded as ambiguous (at most one
duplicate); otherwise it is stale: the office's list names it, nobody gets it late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.reminders.outbox import Record, State
from bot.reminders.wakeup import SendHours

# Only the watermark onwards decides anything; older records are kept a while for the office.
KEEP_DELIVERIES = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class Recovery:
    """Forget deliveries last changed before `forget_before` (if set); send `resend` again;
    record `stale` as stale."""

    forget_before: datetime | None
    resend: tuple[Record, ...]
    stale: tuple[Record, ...]


def plan_recovery(
    watermark: datetime | None, in_flight: Iterable[Record], *, now: datetime, hours: SendHours
) -> Recovery:
    """Decide the recovery at `now` from the outbox's watermark and its `sending` records.

    A stale record of nudges that reached nobody (no chat) is not a send and is left alone.
    """
    resend, stale = [], []
    for record in in_flight:
        if record.chat is None:
            continue
        if record.at.date() == now.date() and hours.allow(now):
            resend.append(record)
        else:
            stale.append(record)
    forget = watermark - KEEP_DELIVERIES if watermark is not None else None
    return Recovery(forget, tuple(resend), tuple(stale))


def resent_state(state: State) -> State:
    """How a delivery sent again after a crash is recorded: one that went out is ambiguous
    (the first attempt may have arrived too); any other outcome stands."""
    return State.AMBIGUOUS if state is State.SENT else state
