"""Users Telegram refuses to deliver to (they blocked the bot), until they write to it again."""

from __future__ import annotations

from datetime import datetime

from tinydb.table import Document

from bot.store.storage import Store

__all__ = ["Unreachable"]

TABLE = "unreachable"


class Unreachable:
    """Users marked unreachable after a 403, one doc per user id, mirrored in memory.

    Each change is one durable write under the store's lock; clearing an unmarked user writes
    nothing, so the check on every incoming update costs a set lookup.
    """

    def __init__(self, store: Store) -> None:
        """Load the marks from `store`'s table `unreachable`."""
        self._store = store
        self._table = store.table(TABLE)
        with store.lock:
            self._since = {
                doc.doc_id: datetime.fromisoformat(doc["since"]) for doc in self._table.all()
            }

    def mark(self, user_id: int, now: datetime) -> None:
        """Record that `user_id` could not be reached at `now`."""
        if now.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{now.isoformat()}")
        with self._store.lock:
            if user_id in self._since:
                return
            self._table.insert(Document({"since": now.isoformat()}, doc_id=user_id))
            self._since[user_id] = now

    def clear(self, user_id: int) -> bool:
        """Forget the mark (the user wrote again); False when there was none."""
        with self._store.lock:
            if user_id not in self._since:
                return False
            self._table.remove(doc_ids=[user_id])
            del self._since[user_id]
            return True

    def __contains__(self, user_id: object) -> bool:
        return user_id in self._since

    def all(self) -> dict[int, datetime]:
        """Every unreachable user and since when."""
        return dict(self._since)
