"""Staff pausing their own reminders until a date: the command's words and the stored pauses.

Knows users and dates, not Telegram: `parse_pause` reads a message, `Pauses` keeps the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tinydb.table import Document

from bot.ledger.deadlines import written_date
from bot.store.storage import Store
from bot.texts import full_date

__all__ = [
    "MAX_PAUSE_DAYS",
    "BadPause",
    "Pause",
    "PauseRequest",
    "Pauses",
    "ResumeRequest",
    "parse_pause",
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


# The whole message is the command: an optional 请/我, the verb, 到/至/直到, a date, 为止.
_PAUSE = re.compile(
    r"(?:请|我)?(?P<verb>暂停提醒|暂停|休假|请假|出差)(?:到|至|直到)(?P<when>.+?)(?:为止)?"
)
_BARE_PAUSE = re.compile(r"(?:请|我)?(?P<verb>暂停提醒|暂停)")
_RESUME = re.compile(r"(?:请|我)?(?:恢复提醒|继续提醒|取消暂停(?:提醒)?)")
# After 休假到/请假到/出差到, words like these mean the user tried to give a date (下周五, 月底);
# anything else (出差到北京, 出差到周口) is not about reminders.
_DATE_ATTEMPT = re.compile(
    r"\d|[〇零一二两三四五六七八九十]+[月日号]|(?:周|星期|礼拜)[一二三四五六日天末]"
    r"|下个?(?:周|星期|礼拜|月)|[今明后]天|[年月](?:底|初)"
)
_SPACES = re.compile(r"[\s\u3000]+")
_QUESTION_END = ("?", "？", "吗", "呢", "么")


def _example(verb: str) -> str:
    return f"例如：{verb}到12月1日"


def _resolve(verb: str, when: str, today: date) -> PauseRequest | BadPause | None:
    parts = written_date(when)
    if parts is None:
        # 暂停 says the user means reminders; after 出差到 only date-like words do.
        if verb.startswith("暂停") or _DATE_ATTEMPT.search(when):
            return BadPause(f"看不懂“{when}”，请写具体日期，{_example(verb)}")
        return None
    year, month, day = parts
    written = f"{f'{year}年' if year is not None else ''}{month}月{day}日"
    if year is not None:
        try:
            until = date(year, month, day)
        except ValueError:
            return BadPause(f"没有{written}这一天，请检查日期，{_example(verb)}")
        if until < today:
            return BadPause(f"{written}已经过去了，请写今天或以后的日期，{_example(verb)}")
    else:
        try:
            date(2000, month, day)  # a leap year: is this month and day ever a date?
        except ValueError:
            return BadPause(f"没有{written}这一天，请检查日期，{_example(verb)}")
        until = next_occurrence(month, day, today)
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


def parse_pause(text: str, today: date) -> PauseRequest | ResumeRequest | BadPause | None:
    """Read a pause or resume command, such as ``暂停提醒到12月1日`` or ``恢复提醒``.

    The whole message must be the command (spaces and a final 。or ！ aside): ``暂停提醒``,
    ``暂停``, ``休假``, ``请假`` or ``出差``, then ``到``, ``至`` or ``直到``, then a date as
    `bot.ledger.deadlines.written_date` reads it. A date without a year is its next occurrence on or
    after `today`. Only explicit dates count: ``请假到下周五`` is a `BadPause`.

    Returns:
        The request; a `BadPause` with the reason for a date in the past, an impossible date,
        one more than `MAX_PAUSE_DAYS` ahead, or none at all; None when the text is not a pause
        command (a question that mentions pausing), so normal answering goes on.
    """
    text = _SPACES.sub("", text).rstrip("。！!")
    if not text or text.endswith(_QUESTION_END):
        return None
    if _RESUME.fullmatch(text):
        return ResumeRequest()
    bare = _BARE_PAUSE.fullmatch(text)
    if bare:
        return BadPause(f"请写明到哪天，{_example(bare['verb'])}")
    match = _PAUSE.fullmatch(text)
    if match is None:
        return None
    return _resolve(match["verb"], match["when"], today)


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
