"""Staff pausing their own reminders until a date: the command's words and the stored pauses.

Knows users and dates, not Telegram: `pause_request` checks a pause the grammar read,
`Pauses` keeps the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tinydb.table import Document

from bot.store.storage import Store
from bot.texts import full_date

__all__ = [
    "MAX_PAUSE_DAYS",
    "BadPause",
    "Pause",
    "PauseRequest",
    "Pauses",
    "ResumeRequest",
    "pause_request",
]

TABLE = "pauses"
MAX_PAUSE_DAYS = 366


@dataclass(frozen=True, slots=True)
class PauseRequest:
    """Pause my reminders through `until` (inclusive); they resume the day after."""

    until: date


@dataclass(frozen=True, slots=True)
class ResumeRequest:
    """Resume my reminders now."""


@dataclass(frozen=True, slots=True)
class BadPause:
    """A pause command that cannot be carried out, and why, in Chinese for the user."""

    reason: str


_EXAMPLE = "例如：暂停提醒到12月1日"


def pause_request(until: date | None, today: date) -> PauseRequest | BadPause:
    """A pause through `until` (as the grammar read it), or why it cannot be: no date, a day
    already past, or more than `MAX_PAUSE_DAYS` ahead."""
    if until is None:
        return BadPause(f"请写明到哪天（具体日期），{_EXAMPLE}")
    if until < today:
        return BadPause(f"{full_date(until)}已经过去了，请写今天或以后的日期，{_EXAMPLE}")
    limit = today + timedelta(days=MAX_PAUSE_DAYS)
    if until > limit:
        return BadPause(
            f"最多只能暂停{MAX_PAUSE_DAYS}天，即到{full_date(limit)}，请写近一些的日期"
        )
    return PauseRequest(until)


def next_occurrence(month: int, day: int, today: date) -> date:
    """The first `month`-`day` on or after `today` (2月29日 may be years away)."""
    year = today.year
    while True:
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        year += 1


@dataclass(frozen=True, slots=True)
class Pause:
    """A user's reminders are paused through `until` (inclusive), as asked at `since`."""

    user_id: int
    name: str
    until: date
    since: datetime


def _iso(now: datetime) -> str:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"时间必须带时区：{now.isoformat()}")
    return now.isoformat()


def _pause(user_id: int, raw: dict[str, Any]) -> Pause:
    return Pause(
        user_id,
        raw["name"],
        date.fromisoformat(raw["until"]),
        datetime.fromisoformat(raw["since"]),
    )


class Pauses:
    """Users' paused reminders, in the store's table `pauses`.

    One document per user (doc_id = user id). Every change is one durable write made under
    the store's lock; a repeated command changes nothing. A pause that has ended stays stored
    until it is replaced or resumed, but no query reports it.
    Datetimes come back with their UTC offset, not their `ZoneInfo`.
    """

    def __init__(self, store: Store) -> None:
        """Keep pauses in `store`'s table `pauses`."""
        self._store = store
        self._table = store.table(TABLE)

    def pause(self, user_id: int, name: str, until: date, now: datetime) -> Pause:
        """Pause the user's reminders through `until`, replacing any earlier pause.

        Returns:
            The new pause; the stored one, unchanged, if it already had this name and date.

        Raises:
            ValueError: `now` has no time zone.
        """
        since = _iso(now)
        with self._store.lock:
            doc = self._table.get(doc_id=user_id)
            if doc is not None:
                current = _pause(user_id, doc)
                if (current.name, current.until) == (name, until):
                    return current
            fields = {"name": name, "until": until.isoformat(), "since": since}
            if doc is None:
                self._table.insert(Document(fields, doc_id=user_id))
            else:
                self._table.update(fields, doc_ids=[user_id])
            return Pause(user_id, name, until, now)

    def resume(self, user_id: int) -> Pause | None:
        """Lift the user's pause.

        Returns:
            The removed pause (possibly one that had already ended), or None if there was none;
            then nothing is written.
        """
        with self._store.lock:
            doc = self._table.get(doc_id=user_id)
            if doc is None:
                return None
            self._table.remove(doc_ids=[user_id])
            return _pause(user_id, doc)

    def paused_until(self, user_id: int, today: date) -> date | None:
        """The last paused day of the user, or None if not paused on `today`."""
        with self._store.lock:
            doc = self._table.get(doc_id=user_id)
        if doc is None:
            return None
        until = date.fromisoformat(doc["until"])
        return until if until >= today else None

    def is_paused(self, user_id: int, today: date) -> bool:
        """Whether the user's reminders are paused on `today`."""
        return self.paused_until(user_id, today) is not None

    def active(self, today: date) -> list[Pause]:
        """The pauses in force on `today`, by end date, then user id."""
        with self._store.lock:
            docs = self._table.all()
        found = (_pause(doc.doc_id, doc) for doc in docs)
        return sorted((p for p in found if p.until >= today), key=lambda p: (p.until, p.user_id))
