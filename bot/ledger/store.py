"""The ledger's records: one TinyDB-format JSON file per month, indexed in memory.

Knows files, not Telegram. One process owns the directory (see `bot.store.instance_lock`). An append
adds its record to its month's file without parsing it, so its cost follows the month's size,
not the ledger's. Memory holds only which message has which id in which file; the records
themselves are read from the files when the whole history is asked for.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from bot.store.atomic import FileOps
from bot.store.storage import AtomicJSONStorage, CorruptStoreError, OneWriter, parse_file

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


def _docs(path: Path, data: dict[str, Any] | None) -> dict[str, Any]:
    """The ledger table of a parsed shard."""
    table = (data or {}).get(TABLE, {})
    if not isinstance(table, dict):
        raise CorruptStoreError(path, f"表 {TABLE} 应为 JSON 对象")
    return table


def _checked(path: Path, raw_id: str, doc: Any) -> tuple[int, dict[str, Any]]:
    """A shard's document as (id, record), or CorruptStoreError naming the shard."""
    try:
        record_id = int(raw_id)
        if not isinstance(doc, dict):
            raise ValueError(f"应为 JSON 对象，实为 {type(doc).__name__}")
        _key(doc)
    except ValueError as exc:
        raise CorruptStoreError(path, f"记录 {raw_id} 无效：{exc}") from exc
    return record_id, doc


class LedgerStore(OneWriter):
    """Ledger records in monthly files under `directory` (ledger-2021-11.json …).

    Each file is in TinyDB's format with the table `ledger`, written atomically and durably by
    `AtomicJSONStorage`; a record's doc_id is its ledger id, unique across files. Memory holds
    an index (chat and message → id, and each file's ids), which changes only after a write
    has reached the disk, so a failed write leaves it equal to the files. `records` and a
    `find` that hits read the files (which the OS keeps cached); `len` and a `find` that
    misses do not. Writes take `lock` (one writer); reads do not, and never see a record whose
    append has not returned.
    """

    def __init__(self, directory: Path | str, *, file_ops: FileOps | None = None) -> None:
        """Index every shard under `directory`, removing temp files that a crash left behind.

        Raises:
            CorruptStoreError: a shard is damaged (named in the message); the bot must not
                start with part of its ledger missing.
        """
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self._ops = file_ops
        # chat → message → id: one small dict per chat instead of a tuple key per record.
        self._ids: dict[int, dict[int, int]] = {}
        # Each shard's ids, ascending. Replaced (not changed) when a shard is added, so a
        # reader can take it without the lock.
        self._shards: dict[str, array[int]] = {}
        self._count = 0
        # The shard written last, kept open so that it knows where the next record goes.
        self._active: tuple[str, AtomicJSONStorage] | None = None
        self._closed = False
        self._next_id = self._load() + 1

    def path_for(self, at: datetime) -> Path:
        """The shard file that records made at `at` go to."""
        return self.directory / shard_name(at)

    def _load(self) -> int:
        """Index every shard; returns the highest id (0 for an empty ledger)."""
        names: set[str] = set()
        for entry in self.directory.iterdir():
            if _SHARD.fullmatch(entry.name):
                names.add(entry.name)
            elif temp := _SHARD_TEMP.fullmatch(entry.name):
                names.add(temp.group(1))
        owner: dict[int, str] = {}
        keys: list[tuple[int, int, int]] = []
        for name in sorted(names):
            # Opening the storage also removes this shard's orphaned temp files.
            storage = self._storage(name)
            path = storage.path
            for raw_id, doc in _docs(path, storage.parse()).items():
                record_id, record = _checked(path, raw_id, doc)
                if record_id in owner:
                    raise CorruptStoreError(
                        path, f"记录编号 {record_id} 与 {owner[record_id]} 重复"
                    )
                owner[record_id] = name
                keys.append((record_id, record["chat"], record["message"]))
        keys.sort()
        for record_id, chat, message in keys:
            earlier = self._id_of(chat, message)
            if earlier is not None:
                raise CorruptStoreError(
                    self.directory / owner[record_id],
                    f"消息 chat={chat} message={message} 记录了两次"
                    f"（编号 {earlier} 和 {record_id}）",
                )
            self._remember(owner[record_id], record_id, chat, message)
        return keys[-1][0] if keys else 0

    def _remember(self, name: str, record_id: int, chat: int, message: int) -> None:
        """Index a record that is on disk; ids arrive in ascending order."""
        ids = self._shards.get(name)
        if ids is None:
            self._shards = {**self._shards, name: array("q", [record_id])}
        else:
            ids.append(record_id)
        self._ids.setdefault(chat, {})[message] = record_id
        self._count += 1

    def _id_of(self, chat: int, message: int) -> int | None:
        messages = self._ids.get(chat)
        return None if messages is None else messages.get(message)

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
        chat, message = _key(record)
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{at.isoformat()}")
        with self.lock:
            if self._closed:
                raise RuntimeError("台账已关闭")
            if self._id_of(chat, message) is not None:
                return None
            record_id = self._next_id
            name = shard_name(at)
            self._storage(name).append(TABLE, record_id, record)
            self._remember(name, record_id, chat, message)
            self._next_id += 1
            return record_id

    def _storage(self, name: str) -> AtomicJSONStorage:
        if self._active is None or self._active[0] != name:
            storage = AtomicJSONStorage(self.directory / name, file_ops=self._ops)
            self._active = (name, storage)
        return self._active[1]

    def records(self) -> list[dict[str, Any]]:
        """All records in id order, each with its `id`, read from the shard files.

        Each call parses every shard, as a cold start does, and returns new dicts (with `id`
        as their last key).

        Raises:
            CorruptStoreError: a shard was damaged after the store opened.
        """
        limit, shards = self._next_id, self._shards
        found = []
        for name in shards:
            for record_id, record in self._read(name):
                if record_id < limit:
                    record["id"] = record_id  # the parse is ours: no copy
                    found.append(record)
        found.sort(key=itemgetter("id"))
        return found

    def _read(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        path = self.directory / name
        for raw_id, doc in _docs(path, parse_file(path)).items():
            yield _checked(path, raw_id, doc)

    def find(self, chat: int, message: int) -> dict[str, Any] | None:
        """The record of message `message` in chat `chat`, if it is in the ledger.

        Only a hit reads a file: the record's shard.
        """
        record_id = self._id_of(chat, message)
        if record_id is None:
            return None
        name = next(name for name, ids in self._shards.items() if _holds(ids, record_id))
        path = self.directory / name
        doc = _docs(path, parse_file(path)).get(str(record_id))
        if doc is None:
            raise CorruptStoreError(path, f"记录 {record_id} 不见了")
        return {"id": record_id, **_checked(path, str(record_id), doc)[1]}

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        """Forget the open shard; later appends fail, reads still answer."""
        with self.lock:
            self._active = None
            self._closed = True


def _holds(ids: array[int], record_id: int) -> bool:
    """Whether the ascending `ids` include `record_id`."""
    at = bisect_left(ids, record_id)
    return at < len(ids) and ids[at] == record_id
