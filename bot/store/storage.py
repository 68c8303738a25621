"""TinyDB behind a small interface, written atomically and durably to one JSON file.

Knows files and TinyDB, not Telegram. One process owns a data file (see `bot.store.instance_lock`).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Table

from bot.errors import DataFileError
from bot.store.atomic import PRIVATE, DirectorySyncError, FileOps, replace_file

__all__ = [
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "CorruptStoreError",
    "OneWriter",
    "Store",
    "StoreError",
    "StoreWriteError",
    "parse_file",
]

SCHEMA_VERSION = 1
# Top-level key of the file, next to TinyDB's tables; TinyDB itself never sees it.
SCHEMA_KEY = "_schema"

T = TypeVar("T")


class StoreError(DataFileError):
    """The data file cannot be used: an unknown format version, a reserved table name."""

    what = "数据文件"


class CorruptStoreError(StoreError):
    """The data file exists but does not parse; the bot refuses to start empty."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        # Skips DataFileError's "有误" wording: this case needs the restore advice.
        ValueError.__init__(
            self,
            f"{self.what} {self.path} 已损坏，无法读取（{detail}）；"
            "请从备份恢复，不会以空数据启动。",
        )


class StoreWriteError(OSError):
    """A write failed (disk full, permissions); the previous version of the file is intact."""

    def __init__(self, path: Path | str, cause: OSError) -> None:
        self.path = str(path)
        reason = cause.strerror or str(cause)
        message = f"数据文件 {self.path} 写入失败（{reason}）；本次更改未保存，原有数据不变。"
        # With an errno, OSError keeps it (callers test errno.ENOSPC) and prefixes [Errno n].
        args = (message,) if cause.errno is None else (cause.errno, message)
        super().__init__(*args)


@dataclass(frozen=True, slots=True)
class _Tail:
    """Where the next document of the file's last table goes, learnt from a parse or a write.

    The file is `size` bytes and ends with the closing brace of `table`, its last top-level
    member, followed by the root's, so a document can be spliced in before those two bytes.
    """

    size: int
    table: str
    empty: bool


def _tail_of(size: int, ending: bytes, data: dict[str, Any]) -> _Tail | None:
    """The splice point of a file whose object is `data`, in file order, and ends in `ending`."""
    if not data or ending != b"}}":
        return None
    table = next(reversed(data))
    docs = data[table]
    if table == SCHEMA_KEY or not isinstance(docs, dict):
        return None
    return _Tail(size, table, not docs)


def _decode(path: Path, raw: bytes) -> dict[str, Any] | None:
    """The top-level object of a data file's bytes, with the schema key still in place.

    Raises:
        CorruptStoreError: the bytes do not parse as a JSON object.
        StoreError: the file was written by a newer format version.
    """
    # TinyDB creates empty files itself, so an empty file means "never written".
    if not raw:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptStoreError(path, str(exc)) from exc
    if not isinstance(data, dict):
        raise CorruptStoreError(path, f"顶层是 {type(data).__name__}，应为 JSON 对象")
    _check_schema(path, data.get(SCHEMA_KEY, {"version": SCHEMA_VERSION}))
    return data


def _check_schema(path: Path, schema: Any) -> None:
    version = schema.get("version") if isinstance(schema, dict) else None
    if not isinstance(version, int):
        raise CorruptStoreError(path, f"{SCHEMA_KEY} 字段无效：{schema!r}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"格式版本 {version} 比本程序能读的版本 {SCHEMA_VERSION} 新，请升级分工助手",
        )


def parse_file(path: Path) -> dict[str, Any] | None:
    """The tables of a data file, or None for a missing or empty file; nothing is kept.

    Safe while an `AtomicJSONStorage` writes the file: a rename never shows a half-written
    version. Opening a storage instead would also remove the temp file of a write under way.

    Raises:
        CorruptStoreError: the file does not parse as a JSON object.
        StoreError: the file was written by a newer format version.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    data = _decode(path, raw)
    if data is not None:
        data.pop(SCHEMA_KEY, None)
    return data


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces the whole file atomically on every write.

    Each write goes to a temp file in the same directory, which is fsynced and then renamed
    over the data file, and the directory is fsynced, so the file on disk is always either the
    old or the new version (the durability of SQLite's `synchronous=FULL`). Temp files are named
    `.<name>.<pid>.<random>.tmp`; those left by a crash are removed when the storage opens.

    Through TinyDB (`read`), the file is parsed once; later reads return the same dict from
    memory. TinyDB changes that dict in place before it calls `write`, so a write that fails
    for any reason drops it and the next read parses the file again, which still holds the
    last version written. A reader that does not hold the store's lock may see such a change
    while its write is under way.

    A caller that keeps its data in its own form (`bot.ledger.store`) uses `parse` and
    `append` instead: then no parsed copy of the file stays in memory.
    """

    def __init__(self, path: Path | str, *, file_ops: FileOps | None = None) -> None:
        """Open the storage on `path`; the file may not exist yet, its directory must."""
        self.path = Path(path)
        self._ops = file_ops or FileOps()
        self._temp_name = re.compile(rf"\.{re.escape(self.path.name)}\.\d+\.\w+\.tmp")
        self.remove_orphans()
        # What the file holds, once read (`None` for a missing or empty file).
        self._cache: dict[str, dict[str, Any]] | None = None
        self._cached = False
        # Keeps a parse from installing an old version over the one a write just put in place.
        self._cache_lock = threading.Lock()
        # Known after this storage parsed or wrote the file; None when unknown or unsplicable.
        self._tail: _Tail | None = None

    def orphans(self) -> list[Path]:
        """Temp files of this data file that a crashed write left behind."""
        return sorted(
            entry
            for entry in self.path.parent.iterdir()
            if self._temp_name.fullmatch(entry.name) and entry.is_file()
        )

    def remove_orphans(self) -> None:
        """Delete leftover temp files; safe only because one process owns the data file."""
        for orphan in self.orphans():
            orphan.unlink(missing_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return all tables, or None for a missing or empty file.

        The result is the storage's own copy: TinyDB's changes to it reach the file only
        through `write`.

        Raises:
            CorruptStoreError: the file does not parse as a JSON object.
            StoreError: the file was written by a newer format version.
        """
        with self._cache_lock:
            if not self._cached:
                self._cache = self._parse()
                self._cached = True
            return self._cache

    def parse(self) -> dict[str, dict[str, Any]] | None:
        """Return the file's tables, parsed afresh; unlike `read`, nothing of them is kept.

        Only where `append` may splice the next document is remembered.

        Raises:
            CorruptStoreError: the file does not parse as a JSON object.
            StoreError: the file was written by a newer format version.
        """
        with self._cache_lock:
            return self._parse()

    def _parse(self) -> dict[str, dict[str, Any]] | None:
        self._tail = None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        data = _decode(self.path, raw)
        if data is None:
            return None
        self._tail = _tail_of(len(raw), raw[-2:], data)
        data.pop(SCHEMA_KEY, None)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`; on return the new version is on disk.

        Raises:
            StoreWriteError: the disk refused the write; the old file is untouched.
        """
        with self._cache_lock:
            try:
                self._write(data)
            except BaseException:
                # TinyDB made its changes in the dict `read` returned; they never reached the file.
                self._cache, self._cached, self._tail = None, False, None
                raise
            self._cache, self._cached = data, True

    def _write(self, data: dict[str, dict[str, Any]]) -> None:
        if SCHEMA_KEY in data:
            raise StoreError(self.path, f"表名 {SCHEMA_KEY} 为保留名称")
        # Serialise before touching any file, so a bad value cannot damage the data.
        whole = {SCHEMA_KEY: {"version": SCHEMA_VERSION}, **data}
        payload = json.dumps(whole, ensure_ascii=False).encode("utf-8")
        self._commit(lambda fd: self._ops.write(fd, payload))
        self._tail = _tail_of(len(payload), payload[-2:], whole)

    def append(self, table: str, doc_id: int, document: dict[str, Any]) -> None:
        """Add `document` to `table` as `doc_id`; on return it is on disk.

        When the file is as this storage last parsed or wrote it and `table` is its last
        table, the new file is the old one's bytes with the document spliced in before the
        closing braces: nothing is parsed or kept. Otherwise the file is parsed and written
        whole, with `table` moved last so that the next append splices. Either way the write
        is as atomic and durable as `write`. The caller keeps `doc_id` new: only the whole
        write checks it.

        Raises:
            StoreWriteError: the disk refused the write; the old file is untouched.
            CorruptStoreError: the file does not parse (only when it must be parsed).
            ValueError: `doc_id` is in `table` already (only when the file is parsed).
            TypeError: `document` is not JSON-able; nothing was written.
        """
        member = f"{json.dumps(str(doc_id))}: {json.dumps(document, ensure_ascii=False)}"
        with self._cache_lock:
            # The file changes (or may have): a TinyDB reader must parse it again.
            self._cache, self._cached = None, False
            tail, self._tail = self._tail, None
            try:
                if tail is None or tail.table != table or not self._splice(tail, member):
                    self._write_with(table, str(doc_id), document)
            except BaseException:
                self._tail = None
                raise

    def _splice(self, tail: _Tail, member: str) -> bool:
        """Write the file with `member` added to its last table; False if the file changed."""
        try:
            source = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreWriteError(self.path, exc) from exc
        try:
            size = os.fstat(source).st_size
            if size != tail.size or os.pread(source, 2, size - 2) != b"}}":
                return False
            added = ("" if tail.empty else ", ") + member + "}}"
            ending = added.encode("utf-8")

            def fill(fd: int) -> None:
                self._ops.copy(source, fd, size - 2)
                self._ops.write(fd, ending)

            self._commit(fill)
        finally:
            os.close(source)
        self._tail = _Tail(size - 2 + len(ending), tail.table, False)
        return True

    def _write_with(self, table: str, key: str, document: dict[str, Any]) -> None:
        data = self._parse() or {}
        docs = data.pop(table, {})
        if not isinstance(docs, dict):
            raise CorruptStoreError(self.path, f"表 {table} 应为 JSON 对象")
        if key in docs:
            raise ValueError(f"表 {table} 中已有编号 {key}")
        docs[key] = document
        data[table] = docs
        self._write(data)

    def _commit(self, fill: Callable[[int], None]) -> None:
        """Put a new version of the file in place: `fill` writes it into a temp file."""
        prefix = f".{self.path.name}.{os.getpid()}."  # what `orphans` looks for
        try:
            replace_file(self.path, fill, mode=PRIVATE, prefix=prefix, ops=self._ops)
        except DirectorySyncError:
            raise  # the new version is in place: "未保存" would be false
        except OSError as exc:
            raise StoreWriteError(self.path, exc) from exc


class OneWriter:
    """A store whose blocking calls run in a worker thread, one at a time, under `lock`.

    Subclasses set `lock` and define `close`; `with` closes them.
    """

    lock: threading.RLock

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run the blocking call `fn(*args, **kwargs)` in a worker thread, holding the lock."""
        return await asyncio.to_thread(self._locked, fn, *args, **kwargs)

    def _locked(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.lock:
            return fn(*args, **kwargs)

    def close(self) -> None:
        """Release the store's files."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Store(OneWriter):
    """One TinyDB database in one file, written by one thread at a time.

    `lock` is re-entrant so a method that reads and then writes (see `bot.people.bindings`) can hold
    it across both steps, also when called through `run`.
    """

    def __init__(self, path: Path | str, *, file_ops: FileOps | None = None) -> None:
        """Open (or create) the database at `path` and check that the file is readable.

        Raises:
            CorruptStoreError: the file is damaged; the bot must not start with empty data.
        """
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self._db = TinyDB(self.path, storage=AtomicJSONStorage, file_ops=file_ops)
        # Fail at start rather than at the first user's request.
        self._db.storage.read()

    @classmethod
    def in_memory(cls) -> Store:
        """A store that keeps its records in memory only: the console, which must never write
        the bot's files (it may run beside the bot), starts from empty records."""
        store = cls.__new__(cls)
        store.path = Path()
        store.lock = threading.RLock()
        store._db = TinyDB(storage=MemoryStorage)
        return store

    @property
    def storage(self) -> AtomicJSONStorage:
        """The storage under the database, for orphan checks and tests."""
        return cast(AtomicJSONStorage, self._db.storage)

    def table(self, name: str) -> Table:
        """Return the TinyDB table `name`; each change to it is one durable write."""
        return self._db.table(name)

    def close(self) -> None:
        """Close the database; later calls fail."""
        with self.lock:
            self._db.close()
