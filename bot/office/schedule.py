"""When the office's weekly digest is owed and what it covers, who is paused for it, and the
next instant a wake-up has something to do.

Reads the outbox and the people; sends nothing. The digest's day and text live in
`bot.office.weekly`; the daily digest's schedule in `bot.reminders.office_mail`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from bot.office.weekly import (
    WEEKLY_PREFIX,
    PausedUser,
    WeeklySettings,
    next_moment,
    previous_moment,
    send_day,
    weekly_key,
)
from bot.people.bindings import Bindings
from bot.reminders.office_mail import went_to_all
from bot.reminders.outbox import Outbox, State
from bot.reminders.pauses import Pauses
from bot.reminders.wakeup import next_send_time


def weekly_owed(
    settings: WeeklySettings, outbox: Outbox, now: datetime, chats: Iterable[int]
) -> str | None:
    """The key of this week's digest when it is owed at `now`: on its day, from its time to the
    day's end, until it went to every one of `chats`. None otherwise.

    A bot down all of the digest's day does not send that week's digest later; the next one
    covers the changes since the last one that went out.
    """
    today = now.date()
    if send_day(settings, today) != today:
        return None
    key = weekly_key(today)
    if now < datetime.combine(today, settings.time, now.tzinfo) or went_to_all(outbox, key, chats):
        return None
    return key


def weekly_since(settings: WeeklySettings, outbox: Outbox, key: str, now: datetime) -> datetime:
    """Where the changes in digest `key` start: when the latest earlier digest that went out
    was made, else the previous digest's moment, else `now`."""
    made: dict[str, datetime] = {}
    for record in outbox.records():
        week = record.items[0] if record.items else ""
        if (
            record.key.startswith(WEEKLY_PREFIX)
            and week != key
            and record.state is not State.FAILED
        ):
            made[week] = min(made.get(week, record.at), record.at)
    if made:
        return made[max(made)]
    return previous_moment(settings, now.date(), now.tzinfo) or now


def paused_users(pauses: Pauses, bindings: Bindings, today: date) -> list[PausedUser]:
    """The people whose reminders are paused today, with their unit if bound."""
    found = []
    for pause in pauses.active(today):
        binding = bindings.binding_of(pause.user_id)
        found.append(PausedUser(pause.name, binding.unit if binding else None, pause.until))
    return found


def next_wake(settings: WeeklySettings, send_time: time, now: datetime) -> datetime:
    """The next instant something is due: nudges (at `send_time`) or the weekly digest."""
    nudges = next_send_time(now, send_time)
    weekly = next_moment(settings, now)
    return min(nudges, weekly) if weekly is not None else nudges
