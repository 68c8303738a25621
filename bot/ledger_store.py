"""The ledger's records: one TinyDB file per month, every record also held in memory.

Knows files and TinyDB, not Telegram. One process owns the directory (see `bot.instance_lock`).
An append rewrites only its month's file, so its cost follows the month's size, not the
ledger's; reads are served from memory and never wait for a write.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from bot.store import AtomicJSONStorage, CorruptStoreError, FileOps, OneWriter

__all__ = ["LEDGER_DIR", "TABLE", "LedgerStore", "shard_name"]

LEDGER_DIR = "ledger"
"""The ledger's directory inside the bot's data directory."""

TABLE = "ledger"
_SHARD = re.compile(r"ledger-\d{4}-\d{2}\.json")
# A temp file of a shard (see AtomicJSONStorage); the shard itself may never have been written.
_SHARD_TEMP = re.compile(r"\.(ledger-\d{4}-\d{2}\.json)\.\d+\.\w+\.tmp")


def shard_name(at: datetime) -> str:
    """The file name of the shard holding records made at `at`, e.g. `ledger-2021-11.json`."""
    return f"ledger-{at.year:04d}-{at.month:02d}.json"


def _key(record: dict[str, Any]) -> tuple[int, int]:
    chat, message = record.get("chat"), record.get("message")
    # `type(...) is int` also turns away True/False, which JSON would store as booleans.
    if type(chat) is not int or type(message) is not int:
        raise ValueError(f"台账记录须含整数 chat 和 message：{record!r}")
    if "id" in record:
        raise ValueError(f"台账记录的 id 由台账分配，不能自带：{record!r}")
    return chat, message


class LedgerStore(OneWriter):
    """Ledger records in monthly TinyDB files under `directory` (ledger-2021-11.json …).

    Each file is one TinyDB database with the table `ledger`, written atomically and durably by
    `AtomicJSONStorage`; a record's TinyDB doc_id is its ledger id, unique across files. All
    records are kept in memory, which changes only after a write has reached the disk, so a
    failed write leaves memory equal to the files. Writes take `lock` (one writer); reads do not.
    """

    def __init__(self, directory: Path | str, *, file_ops: FileOps | None = None) -> None:
        """Load every shard under `directory`, removing temp files that a crash left behind.

        Raises:
            CorruptStoreError: a shard is damaged (named in the message); the bot must not
                start with part of its ledger missing.
        """
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self._ops = file_ops
        self._records: list[dict[str, Any]] = []
        self._by_message: dict[tuple[int, int], dict[str, Any]] = {}
        # The shard written last, kept open so its parsed file stays cached for the next append.
        self._active: tuple[str, TinyDB] | None = None
        self._closed = False
        self._load()
        self._next_id = self._records[-1]["id"] + 1 if self._records else 1

    def path_for(self, at: datetime) -> Path:
        """The shard file that records made at `at` go to."""
        return self.directory / shard_name(at)

    def _open(self, name: str) -> TinyDB:
        # Opening the storage also removes this shard's orphaned temp files.
        return TinyDB(self.directory / name, storage=AtomicJSONStorage, file_ops=self._ops)

    def _load(self) -> None:
        names: set[str] = set()
        for entry in self.directory.iterdir():
            if _SHARD.fullmatch(entry.name):
                names.add(entry.name)
            elif temp := _SHARD_TEMP.fullmatch(entry.name):
                names.add(temp.group(1))
        owner: dict[int, str] = {}
        for name in sorted(names):
            # Only the newest shard stays open and parsed; the others are rarely written.
            table = (self._shard(name).storage.read() or {}).get(TABLE, {})
            if not isinstance(table, dict):
                raise CorruptStoreError(self.directory / name, f"表 {TABLE} 应为 JSON 对象")
            for raw_id, doc in table.items():
                self._records.append(self._checked(name, raw_id, doc, owner))
        self._records.sort(key=lambda record: record["id"])
        for record in self._records:
            key = (record["chat"], record["message"])
            if key in self._by_message:
                raise CorruptStoreError(
                    self.directory / owner[record["id"]],
                    f"消息 chat={key[0]} message={key[1]} 记录了两次"
                    f"（编号 {self._by_message[key]['id']} 和 {record['id']}）",
                )
            self._by_message[key] = record

    def _checked(self, name: str, raw_id: str, doc: Any, owner: dict[int, str]) -> dict[str, Any]:
        path = self.directory / name
        try:
            record_id = int(raw_id)
            if not isinstance(doc, dict):
                raise ValueError(f"应为 JSON 对象，实为 {type(doc).__name__}")
            _key(doc)
        except ValueError as exc:
            raise CorruptStoreError(path, f"记录 {raw_id} 无效：{exc}") from exc
        if record_id in owner:
            raise CorruptStoreError(path, f"记录编号 {record_id} 与 {owner[record_id]} 重复")
        owner[record_id] = name
        return {"id": record_id, **doc}

    def append(self, record: dict[str, Any], *, at: datetime) -> int | None:
        """Durably add `record` to the shard of `at`'s month and return its id.

        `record` must be a JSON-able dict with int `chat` and `message` and without `id`. Ids
        increase with each append, whatever the month. On return the record is on disk.

        Returns:
            The new id, or None (and nothing written) when `(chat, message)` is already in the
            ledger.

        Raises:
            StoreWriteError: the disk refused the write; nothing changed, on disk or in memory.
            ValueError: `record` lacks int `chat`/`message`, has an `id`, or `at` is naive.
        """
        key = _key(record)
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{at.isoformat()}")
        with self.lock:
            if self._closed:
                raise RuntimeError("台账已关闭")
            if key in self._by_message:
                return None
            record_id = self._next_id
            self._shard(shard_name(at)).table(TABLE).insert(Document(record, doc_id=record_id))
            stored = {"id": record_id, **record}
            self._records.append(stored)
            self._by_message[key] = stored
            self._next_id += 1
            return record_id

    def _shard(self, name: str) -> TinyDB:
        if self._active is not None and self._active[0] == name:
            return self._active[1]
        if self._active is not None:
            self._active[1].close()
        db = self._open(name)
        self._active = (name, db)
        return db

    def records(self) -> list[dict[str, Any]]:
        """All records in id order, each with its `id`; the dicts are shared, do not change them."""
        return list(self._records)

    def find(self, chat: int, message: int) -> dict[str, Any] | None:
        """The record of message `message` in chat `chat`, if it is in the ledger."""
        return self._by_message.get((chat, message))

    def __len__(self) -> int:
        return len(self._records)

    def close(self) -> None:
        """Close the open shard; later appends fail, reads still answer from memory."""
        with self.lock:
            if self._active is not None:
                self._active[1].close()
                self._active = None
            self._closed = True
