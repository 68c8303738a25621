"""Units' work group chats: a unit may register one group, where its nudges then go.

Knows chat ids and unit names, not Telegram. One document per group chat (doc id = the chat's
id without its minus sign); a unit has at most one group, so registering another one moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tinydb.table import Document

from bot.store.storage import Store

__all__ = ["UnitGroup", "UnitGroups"]

TABLE = "unit_groups"


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """A group chat registered for a unit, by whom and when."""

    chat_id: int
    title: str
    unit: str
    by: int
    since: datetime


class UnitGroups:
    """Registered group chats, mirrored in memory; each change is one durable write."""

    def __init__(self, store: Store) -> None:
        """Load the groups from `store`'s table `unit_groups`."""
        self._store = store
        self._table = store.table(TABLE)
        with store.lock:
            self._groups = {
                -doc.doc_id: UnitGroup(
                    -doc.doc_id,
                    doc["title"],
                    doc["unit"],
                    doc["by"],
                    datetime.fromisoformat(doc["since"]),
                )
                for doc in self._table.all()
            }

    def register(
        self, chat_id: int, title: str, unit: str, by: int, now: datetime
    ) -> UnitGroup | None:
        """Make `chat_id` the unit's group; returns the group it replaces for that unit, if any.

        Raises:
            ValueError: `chat_id` is not a group's (negative) id, or `now` has no time zone.
        """
        if chat_id >= 0:
            raise ValueError(f"群聊的 ID 应为负数：{chat_id}")
        if now.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{now.isoformat()}")
        with self._store.lock:
            replaced = self.group_of(unit)
            doc = {"title": title, "unit": unit, "by": by, "since": now.isoformat()}
            # The new group first: a crash before the old one is removed leaves two, and the
            # newer one wins (`group_of`), so nothing is ever left without its group.
            self._table.upsert(Document(doc, doc_id=-chat_id))
            self._groups[chat_id] = UnitGroup(chat_id, title, unit, by, now)
            if replaced is None or replaced.chat_id == chat_id:
                return None
            self._table.remove(doc_ids=[-replaced.chat_id])
            del self._groups[replaced.chat_id]
            return replaced

    def remove(self, chat_id: int) -> UnitGroup | None:
        """Forget the group; returns what it was registered as, None if it was not."""
        with self._store.lock:
            group = self._groups.pop(chat_id, None)
            if group is not None:
                self._table.remove(doc_ids=[-chat_id])
            return group

    def unit_of(self, chat_id: int) -> str | None:
        """The unit whose group `chat_id` is."""
        group = self._groups.get(chat_id)
        return group.unit if group is not None else None

    def group_of(self, unit: str) -> UnitGroup | None:
        """The unit's registered group, if any."""
        mine = [g for g in self._groups.values() if g.unit == unit]
        return max(mine, key=lambda g: g.since) if mine else None

    def all(self) -> list[UnitGroup]:
        """Every registered group."""
        return list(self._groups.values())
