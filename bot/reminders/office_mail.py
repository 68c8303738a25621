"""What the office is sent on its own, and when: each message goes once to each of its chats
under a per-chat outbox key; the daily digest goes from the send time when something fell
overdue or was reported 有困难; stale nudges are listed until every admin has the list.

Reads the outbox; sends nothing. The weekly digest's days live with it in `bot.office.weekly`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from bot.reminders.outbox import Outbox, Record, State

DIGEST_PREFIX = "digest:"


def chat_key(key: str, chat: int) -> str:
    """The outbox key of office message `key` sent to `chat`."""
    return f"{key}@{chat}"


def went_to(outbox: Outbox, key: str, chat: int) -> bool:
    """True once office message `key` went (or may have gone) to `chat`; a failure may retry."""
    known = outbox.get(chat_key(key, chat))
    return known is not None and known.state is not State.FAILED


def went_to_all(outbox: Outbox, key: str, chats: Iterable[int]) -> bool:
    """True once office message `key` went to every one of `chats`."""
    return all(went_to(outbox, key, chat) for chat in chats)


def still_owed(outbox: Outbox, key: str, chats: Iterable[int]) -> list[int]:
    """The chats office message `key` has still to go to, in id order."""
    return [chat for chat in sorted(chats) if not went_to(outbox, key, chat)]


def stale_lists(outbox: Outbox, admins: Iterable[int]) -> list[Record]:
    """The records of nudges too late to send that some admin has not been shown yet."""
    chats = tuple(admins)
    return [
        r for r in outbox.records() if r.chat is None and not went_to_all(outbox, r.key, chats)
    ]


def digest_key(today: date) -> str:
    """The outbox key of `today`'s daily digest."""
    return f"{DIGEST_PREFIX}{today.isoformat()}"


def daily_digest_at(today: date, send_time: time, now: datetime) -> datetime:
    """When `today`'s daily digest is due: the nudges' send time, in `now`'s zone."""
    return datetime.combine(today, send_time, now.tzinfo)


def daily_digest_owed(
    outbox: Outbox, now: datetime, send_time: time, admins: Iterable[int]
) -> bool:
    """True from today's send time until today's digest went to every admin (whether one is
    needed depends on the ledger and the plan, read only then)."""
    today = now.date()
    return now >= daily_digest_at(today, send_time, now) and not went_to_all(
        outbox, digest_key(today), admins
    )


def last_digest(outbox: Outbox) -> datetime | None:
    """When the office last got a daily digest (its latest change in the outbox)."""
    sent = [r.updated for r in outbox.records() if r.key.startswith(DIGEST_PREFIX)]
    return max(sent, default=None)
