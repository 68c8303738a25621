"""Milestones units have reported 已完成, which stop the nudges for that milestone."""

from __future__ import annotations

from datetime import date, datetime

from bot.store import Store

__all__ = ["Completions"]

TABLE = "completions"


class Completions:
    """(task, unit, due date) triples reported done, with who reported them and when.

    Mirrored in memory as a frozenset that a write replaces whole, so the event loop can read
    it while a worker thread records a report. Each new report is one durable write under the
    store's lock.
    """

    def __init__(self, store: Store) -> None:
        """Load the reports from `store`'s table `completions`."""
        self._store = store
        self._table = store.table(TABLE)
        with store.lock:
            self._done = frozenset(
                (doc["task"], doc["unit"], date.fromisoformat(doc["due"]))
                for doc in self._table.all()
            )

    def done(self) -> frozenset[tuple[int, str | None, date]]:
        """Every (task, unit, due) reported done."""
        return self._done

    def is_done(self, task: int, unit: str, due: date) -> bool:
        """True when `unit` reported `task`'s milestone `due` done."""
        return (task, unit, due) in self._done

    def mark(self, task: int, unit: str, due: date, *, user_id: int, now: datetime) -> bool:
        """Record the report; False (and no write) when it was already recorded."""
        if now.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{now.isoformat()}")
        key = (task, unit, due)
        with self._store.lock:
            if key in self._done:
                return False
            self._table.insert(
                {
                    "task": task,
                    "unit": unit,
                    "due": due.isoformat(),
                    "user": user_id,
                    "at": now.isoformat(),
                }
            )
            self._done = self._done | {key}
            return True
