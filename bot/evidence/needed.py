"""The tasks the office marked as needing 佐证材料 (``/evidence 24``), per notice, in the bot's
store. Nothing asks for evidence on any other task; even a marked one is satisfied by a link
or a 文号."""

from __future__ import annotations

from tinydb import Query

from bot.store.storage import Store

__all__ = ["TABLE", "NeededEvidence"]

TABLE = "evidence_needed"


class NeededEvidence:
    """Marks as (notice key, task) docs in `store`'s table `evidence_needed`; each change is
    one durable write under the store's lock (call it through `store.run`)."""

    def __init__(self, store: Store) -> None:
        """The marks in `store`."""
        self._store = store
        self._table = store.table(TABLE)

    def marked(self, notice: str) -> set[int]:
        """The tasks of notice `notice` that need evidence."""
        with self._store.lock:
            return {doc["task"] for doc in self._table.all() if doc["notice"] == notice}

    def mark(self, notice: str, task: int) -> bool:
        """Mark the task; False when it was marked already (nothing written)."""
        with self._store.lock:
            if task in self.marked(notice):
                return False
            self._table.insert({"notice": notice, "task": task})
            return True

    def unmark(self, notice: str, task: int) -> bool:
        """Take the mark away; False when there was none (nothing written)."""
        doc = Query()
        with self._store.lock:
            return bool(self._table.remove((doc.notice == notice) & (doc.task == task)))
