"""The durable record of every message the bot sends on its own: nudges and office notices.

A delivery is recorded as `sending` before the send starts and as `sent` (or `failed`,
`unreachable`) once it returns, each a durable write, so after any crash the bot knows what went
out. Nudges that could not go out in time are recorded as `stale` once, so they are listed to
the office and never sent late one by one. The whole table is mirrored in memory; reads never
touch the file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from tinydb.table import Document

from bot.store.storage import Store

__all__ = ["Outbox", "Record", "State"]

TABLE = "outbox"
META_TABLE = "outbox_meta"
_META_ID = 1


class State(StrEnum):
    """Where a delivery stands."""

    SENDING = "sending"
    SENT = "sent"
    # Sent after a read timeout: the first attempt may also have arrived.
    AMBIGUOUS = "ambiguous"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    STALE = "stale"


@dataclass(frozen=True, slots=True)
class Record:
    """One delivery: to whom (None for stale nudges that reached nobody), when, and what."""

    key: str
    chat: int | None
    at: datetime
    items: tuple[str, ...]
    state: State
    late: bool
    updated: datetime


def _iso(moment: datetime) -> str:
    if moment.utcoffset() is None:
        raise ValueError(f"时间必须带时区：{moment.isoformat()}")
    return moment.isoformat()


def _record(doc: dict[str, Any]) -> Record:
    return Record(
        key=doc["key"],
        chat=doc["chat"],
        at=datetime.fromisoformat(doc["at"]),
        items=tuple(doc["items"]),
        state=State(doc["state"]),
        late=doc["late"],
        updated=datetime.fromisoformat(doc["updated"]),
    )


def _doc(record: Record) -> dict[str, Any]:
    return {
        "key": record.key,
        "chat": record.chat,
        "at": _iso(record.at),
        "items": list(record.items),
        "state": record.state.value,
        "late": record.late,
        "updated": _iso(record.updated),
    }


class Outbox:
    """Deliveries in the store's table `outbox`, with the moment reminders started.

    `since` is when this data directory first ran reminders: nudges planned earlier are never
    sent nor listed as stale. `watermark` moves forward as wake-ups settle the past: everything
    planned before it was sent, found stale, or had nobody to go to. Every method that changes
    state makes one durable write under the store's lock.
    """

    def __init__(self, store: Store) -> None:
        """Load the table into memory."""
        self._store = store
        self._table = store.table(TABLE)
        self._meta = store.table(META_TABLE)
        with store.lock:
            self._records = {doc["key"]: (doc.doc_id, _record(doc)) for doc in self._table.all()}
            meta = self._meta.get(doc_id=_META_ID)
        self._since = datetime.fromisoformat(meta["since"]) if meta else None
        self._watermark = datetime.fromisoformat(meta["watermark"]) if meta else None
        self._handled: dict[tuple[int, str], State] = {}
        self._stale: set[str] = set()
        for _, record in self._records.values():
            self._index(record)

    def _index(self, record: Record) -> None:
        if record.chat is None:
            self._stale.update(record.items)
            return
        for item in record.items:
            self._handled[(record.chat, item)] = record.state

    @property
    def since(self) -> datetime | None:
        """When reminders first started in this data directory."""
        return self._since

    @property
    def watermark(self) -> datetime | None:
        """Everything planned before this instant is settled."""
        return self._watermark

    def _write_meta(self, since: datetime, watermark: datetime) -> None:
        meta = {"since": _iso(since), "watermark": _iso(watermark)}
        # Not upsert: TinyDB's upsert writes the file twice when the document is new.
        if self._since is None:
            self._meta.insert(Document(meta, doc_id=_META_ID))
        else:
            self._meta.update(meta, doc_ids=[_META_ID])
        self._since, self._watermark = since, watermark

    def begin_at(self, now: datetime) -> datetime:
        """Record `now` as the start of reminders unless already set; returns `since`."""
        with self._store.lock:
            since = self._since
            if since is None:
                since = now
                self._write_meta(since, since)
            return since

    def advance(self, watermark: datetime) -> None:
        """Move the watermark forward to `watermark` (never back)."""
        _iso(watermark)
        with self._store.lock:
            if self._since is None:
                raise ValueError("提醒尚未开始（先调用 begin_at）")
            if self._watermark is None or watermark > self._watermark:
                self._write_meta(self._since, watermark)

    def state_of(self, chat: int, item: str) -> State | None:
        """What happened to `item` for `chat`, or None if it never went there."""
        return self._handled.get((chat, item))

    def handled(self, chat: int, item: str) -> bool:
        """True once `item` went to `chat`, or may have; a failed send may be tried again."""
        state = self._handled.get((chat, item))
        return state is not None and state is not State.FAILED

    def is_stale(self, item: str) -> bool:
        """True when `item` was recorded as too late to send."""
        return item in self._stale

    def stale_items(self) -> frozenset[str]:
        """Every nudge id recorded as too late to send."""
        return frozenset(self._stale)

    def get(self, key: str) -> Record | None:
        """The delivery with this key, if any."""
        entry = self._records.get(key)
        return entry[1] if entry else None

    def in_flight(self) -> list[Record]:
        """Deliveries recorded as `sending`: a crash hit them mid-send."""
        return [r for _, r in self._records.values() if r.state is State.SENDING]

    def records(self) -> list[Record]:
        """Every delivery, in the order they were recorded."""
        return [r for _, r in sorted(self._records.values(), key=lambda e: e[0])]

    def begin(
        self,
        key: str,
        chat: int | None,
        at: datetime,
        items: tuple[str, ...],
        *,
        now: datetime,
        late: bool = False,
        state: State = State.SENDING,
    ) -> Record:
        """Record a new delivery (by default as `sending`).

        A known key is returned unchanged, unless it failed before: then it is sending again.
        """
        with self._store.lock:
            known = self._records.get(key)
            if known and known[1].state is State.FAILED:
                return self.finish(key, state, now=now)
            if known:
                return known[1]
            record = Record(key, chat, at, items, state, late, now)
            doc_id = self._table.insert(_doc(record))
            self._records[key] = (doc_id, record)
            self._index(record)
            return record

    def finish(self, key: str, state: State, *, now: datetime) -> Record:
        """Record how a delivery ended."""
        with self._store.lock:
            doc_id, record = self._records[key]
            record = replace(record, state=state, updated=now)
            self._table.update(_doc(record), doc_ids=[doc_id])
            self._records[key] = (doc_id, record)
            self._index(record)
            return record

    def prune(self, before: datetime) -> int:
        """Forget finished deliveries last changed before `before` (behind the watermark)."""
        _iso(before)
        with self._store.lock:
            old = [
                (doc_id, r)
                for doc_id, r in self._records.values()
                if r.updated < before and r.state is not State.SENDING
            ]
            if not old:
                return 0
            self._table.remove(doc_ids=[doc_id for doc_id, _ in old])
            for _, record in old:
                del self._records[record.key]
            self._handled = {}
            self._stale = set()
            for _, record in self._records.values():
                self._index(record)
            return len(old)
