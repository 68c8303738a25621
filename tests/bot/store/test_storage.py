"""The store writes atomically: a crash or a full disk at any step leaves the old version."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store.atomic import FileOps
from bot.store.storage import (
    AtomicJSONStorage,
    CorruptStoreError,
    Store,
    StoreError,
    StoreWriteError,
    parse_file,
)

ROOT = Path(__file__).resolve().parents[3]


class Crash(BaseException):
    """The process dies here: no except or cleanup code of the store may run."""


class CountingOps(FileOps):
    """Records the target of every rename, i.e. of every durable write."""

    def __init__(self) -> None:
        self.replaced: list[str] = []

    @property
    def replaces(self) -> int:
        """How many durable writes were made."""
        return len(self.replaced)

    def replace(self, src: str, dst: str) -> None:
        self.replaced.append(Path(dst).name)
        super().replace(src, dst)


class FaultyOps(FileOps):
    """Fails one step of the atomic write, the way a crash or a full disk would."""

    def __init__(self, step: str) -> None:
        self.step = step

    def write(self, fd: int, data: bytes) -> None:
        if self.step == "enospc":
            # A full disk usually accepts part of the data first.
            super().write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().write(fd, data)
        if self.step == "after_temp_write":
            raise Crash

    def fsync(self, fd: int) -> None:
        super().fsync(fd)
        if self.step == "after_fsync":
            raise Crash

    def replace(self, src: str, dst: str) -> None:
        if self.step == "before_replace":
            raise Crash
        super().replace(src, dst)
        if self.step == "after_replace":
            raise Crash

    def discard(self, temp: str) -> None:
        if self.step == "enospc":  # a dead process removes nothing; a full disk is cleaned up
            super().discard(temp)


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.json"


def test_round_trip_keeps_chinese_readable(path: Path) -> None:
    with Store(path) as store:
        store.table("ledger").insert({"unit": "办公室", "text": "已完成"})
    text = path.read_text(encoding="utf-8")
    assert "办公室" in text  # ensure_ascii=False: not \uXXXX escapes
    assert json.loads(text)["_schema"] == {"version": 1}
    with Store(path) as store:
        assert store.table("ledger").all() == [{"unit": "办公室", "text": "已完成"}]
        assert "_schema" not in store._db.tables()


def test_missing_and_empty_file_read_as_empty(path: Path) -> None:
    assert AtomicJSONStorage(path).read() is None
    path.write_bytes(b"")
    assert AtomicJSONStorage(path).read() is None


CRASHES = ["after_temp_write", "after_fsync", "before_replace"]


@pytest.mark.parametrize(
    "step", CRASHES, ids=["after temp write", "after fsync", "before replace"]
)
def test_crash_before_rename_leaves_previous_version(path: Path, step: str) -> None:
    with Store(path) as store:
        store.table("t").insert({"n": 1})
    before = path.read_bytes()
    store = Store(path, file_ops=FaultyOps(step))
    with pytest.raises(Crash):
        store.table("t").insert({"n": 2})
    assert path.read_bytes() == before
    assert len(temp_files(path.parent)) == 1  # the dead process's litter
    with Store(path) as reopened:
        assert reopened.table("t").all() == [{"n": 1}]
    assert temp_files(path.parent) == []


def test_crash_after_rename_has_new_version(path: Path) -> None:
    store = Store(path, file_ops=FaultyOps("after_replace"))
    with pytest.raises(Crash):
        store.table("t").insert({"n": 1})
    with Store(path) as reopened:
        assert reopened.table("t").all() == [{"n": 1}]
    assert temp_files(path.parent) == []


def test_full_disk_keeps_previous_version_and_cleans_up(path: Path) -> None:
    with Store(path) as store:
        store.table("t").insert({"n": 1})
    before = path.read_bytes()
    store = Store(path, file_ops=FaultyOps("enospc"))
    with pytest.raises(StoreWriteError) as info:
        store.table("t").insert({"n": 2})
    assert info.value.errno == errno.ENOSPC
    assert str(path) in str(info.value)
    assert "本次更改未保存" in str(info.value)
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []
    # The store stays usable and consistent once the disk has room again.
    assert store.table("t").all() == [{"n": 1}]


def test_unserialisable_value_never_touches_the_file(path: Path) -> None:
    with Store(path) as store:
        store.table("t").insert({"n": 1})
        before = path.read_bytes()
        with pytest.raises(TypeError):
            store.table("t").insert({"n": object()})
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []


@pytest.mark.parametrize(
    "content",
    [b'{"t": {"1": {"n": 1}}}{"tail', b"\xff\xfe", b"[1, 2]"],
    ids=["extra data", "not utf-8", "not an object"],
)
def test_corrupt_file_refuses_to_start_and_is_left_alone(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    with pytest.raises(CorruptStoreError) as info:
        Store(path)
    message = str(info.value)
    assert str(path) in message
    assert "已损坏" in message
    assert "不会以空数据启动" in message
    assert isinstance(info.value, StoreError)
    assert path.read_bytes() == content


def test_newer_schema_version_is_refused(path: Path) -> None:
    path.write_text('{"_schema": {"version": 99}}', encoding="utf-8")
    with pytest.raises(StoreError, match="99"):
        Store(path)


def test_plain_tinydb_file_is_accepted(path: Path) -> None:
    path.write_text('{"t": {"1": {"n": 1}}}', encoding="utf-8")
    with Store(path) as store:
        assert store.table("t").all() == [{"n": 1}]


def test_orphans_of_this_file_only_are_removed(path: Path) -> None:
    ours = path.parent / f".{path.name}.4242.ab_c12x9.tmp"
    other = path.parent / ".other.json.4242.abc.tmp"
    longer = path.parent / f".{path.name}.bak.4242.abc.tmp"
    for leftover in (ours, other, longer):
        leftover.write_text("{", encoding="utf-8")
    Store(path).close()
    assert not ours.exists()
    assert other.exists()
    assert longer.exists()


async def test_run_executes_off_the_event_loop(path: Path) -> None:
    with Store(path) as store:
        table = store.table("t")
        doc_id = await store.run(table.insert, {"n": 1})
        assert await store.run(table.get, None, doc_id) == {"n": 1}


# The writer for the kill test: inserts, rewrites a field with text of random length (so the
# file grows and shrinks), and acknowledges only after both writes have returned.
WRITER = """
import random, sys
from bot.store.storage import Store
trial = int(sys.argv[2])
rng = random.Random(trial)
store = Store(sys.argv[1])
log, status = store.table("log"), store.table("status")
n = 0
while True:
    log.insert({"trial": trial, "n": n, "text": "进展" * rng.randint(1, 40)})
    status.upsert({"k": 1, "text": "状态" * rng.randint(0, 200)}, lambda d: d.get("k") == 1)
    print(f"ack {n}", flush=True)
    n += 1
"""


def test_kill_9_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "killed.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(9)
    acked: set[tuple[int, int]] = set()
    for trial in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(trial)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("ack ")  # the writer is in its loop
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        # A line cut by the kill has no newline and does not count as acknowledged.
        lines = ["ack 0\n", *out.splitlines(keepends=True)]
        acked |= {(trial, int(line.split()[1])) for line in lines if line.endswith("\n")}
        json.loads(path.read_text(encoding="utf-8"))  # parses after every kill
        with Store(path) as store:
            stored = {(d["trial"], d["n"]) for d in store.table("log").all()}
        assert acked <= stored
        assert temp_files(tmp_path) == []
    assert len({trial for trial, _ in acked}) == 20


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every `Path.read_bytes` call, which is how the storage reads its file."""
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return reads


def test_file_is_read_once_then_served_from_memory(path: Path, file_reads: list[Path]) -> None:
    with Store(path) as store:
        table = store.table("t")
        for n in range(5):
            table.insert({"n": n})
        table.update({"n": 9}, doc_ids=[1])
        assert table.get(doc_id=1) == {"n": 9}
        assert len(table.all()) == 5
        assert table.contains(doc_id=5)
    assert file_reads == [path]  # the check at open; every later operation used the cache


@pytest.mark.parametrize(
    "change",
    [
        lambda table: table.insert({"n": 2}),
        lambda table: table.update({"n": 5}, doc_ids=[1]),  # changes the cached doc in place
        lambda table: table.remove(doc_ids=[1]),
        lambda table: table.truncate(),
    ],
    ids=["insert", "update in place", "remove", "truncate"],
)
def test_failed_write_leaves_nothing_of_the_change_in_memory(
    path: Path, file_reads: list[Path], change
) -> None:
    ops = FaultyOps("")
    with Store(path, file_ops=ops) as store:
        table = store.table("t")
        table.insert({"n": 1})
        ops.step = "enospc"
        with pytest.raises(StoreWriteError):
            change(table)
        reads = len(file_reads)
        assert table.all() == [{"n": 1}]
        assert len(file_reads) == reads + 1  # re-read from the intact file
        ops.step = ""
        table.insert({"n": 3})
        assert table.all() == [{"n": 1}, {"n": 3}]
    with Store(path) as reopened:
        assert reopened.table("t").all() == [{"n": 1}, {"n": 3}]


def test_unserialisable_value_is_dropped_from_memory(path: Path) -> None:
    with Store(path) as store:
        table = store.table("t")
        table.insert({"n": 1})
        with pytest.raises(TypeError):
            table.update({"n": object()}, doc_ids=[1])
        assert table.all() == [{"n": 1}]


def test_crash_mid_write_is_not_served_from_memory(path: Path) -> None:
    ops = FaultyOps("")
    store = Store(path, file_ops=ops)
    store.table("t").insert({"n": 1})
    ops.step = "before_replace"
    with pytest.raises(Crash):
        store.table("t").insert({"n": 2})
    assert store.table("t").all() == [{"n": 1}]


# --- append: a document spliced in without parsing ------------------------------------------


def test_append_splices_after_a_write_without_parsing(path: Path, file_reads: list[Path]) -> None:
    storage = AtomicJSONStorage(path)
    storage.write({"t": {}})
    storage.append("t", 1, {"text": "已完成"})
    storage.append("t", 2, {"text": "进行中", "n": [1, None]})
    assert file_reads == []
    raw = path.read_bytes()
    assert raw.decode("utf-8").endswith(
        ', "2": {"text": "进行中", "n": [1, null]}}}'
    )  # readable Chinese
    assert json.loads(raw) == {
        "_schema": {"version": 1},
        "t": {"1": {"text": "已完成"}, "2": {"text": "进行中", "n": [1, None]}},
    }


@pytest.mark.parametrize(
    "content",
    [
        b'{"t": {"1": {"n": 1}}}',
        b'{"t": {"1": {"n": 1}}, "_schema": {"version": 1}}',
        b'{"_schema": {"version": 1}, "t": {"1": {"n": 1}}, "u": {}}',
        b'{"_schema": {"version": 1}, "t": {"1": {"n": 1}}}\n',
        b'{"_schema": {"version": 1}, "t": {"1": {"n": 1}}}',
    ],
    ids=["plain tinydb", "schema last", "another table last", "trailing newline", "ours"],
)
def test_append_to_a_file_it_did_not_write_parses_it_once(
    path: Path, file_reads: list[Path], content: bytes
) -> None:
    path.write_bytes(content)
    storage = AtomicJSONStorage(path)
    storage.append("t", 2, {"n": 2})
    storage.append("t", 3, {"n": 3})
    assert file_reads == [path]  # the second append spliced
    data = json.loads(path.read_bytes())
    assert data["t"] == {"1": {"n": 1}, "2": {"n": 2}, "3": {"n": 3}}
    assert data["_schema"] == {"version": 1}
    assert data.get("u", {}) == {}


def test_append_notices_a_file_changed_behind_its_back(path: Path) -> None:
    storage = AtomicJSONStorage(path)
    storage.append("t", 1, {"n": 1})
    AtomicJSONStorage(path).write({"t": {"1": {"n": 1}, "7": {"n": 7}}})
    storage.append("t", 2, {"n": 2})
    assert json.loads(path.read_bytes())["t"] == {"1": {"n": 1}, "7": {"n": 7}, "2": {"n": 2}}


def test_append_of_a_known_id_is_refused_when_parsing(path: Path) -> None:
    path.write_text('{"t": {"1": {"n": 1}}}', encoding="utf-8")
    before = path.read_bytes()
    storage = AtomicJSONStorage(path)
    with pytest.raises(ValueError, match="已有编号 1"):
        storage.append("t", 1, {"n": 2})
    with pytest.raises(TypeError):
        storage.append("t", 2, {"n": object()})
    assert path.read_bytes() == before


def test_append_to_a_corrupt_file_refuses_and_leaves_it(path: Path) -> None:
    path.write_bytes(b'{"t": {"1": {"n": 1}}}{"tail')
    with pytest.raises(CorruptStoreError):
        AtomicJSONStorage(path).append("t", 2, {"n": 2})
    assert path.read_bytes() == b'{"t": {"1": {"n": 1}}}{"tail'


@pytest.mark.parametrize("step", CRASHES)
def test_crash_during_a_splice_leaves_previous_version(path: Path, step: str) -> None:
    ops = FaultyOps("")
    storage = AtomicJSONStorage(path, file_ops=ops)
    storage.write({"t": {"1": {"n": 1}}})
    before = path.read_bytes()
    ops.step = step
    with pytest.raises(Crash):
        storage.append("t", 2, {"n": 2})
    assert path.read_bytes() == before
    assert len(temp_files(path.parent)) == 1
    AtomicJSONStorage(path).append("t", 2, {"n": 2})
    assert json.loads(path.read_bytes())["t"] == {"1": {"n": 1}, "2": {"n": 2}}
    assert temp_files(path.parent) == []


def test_full_disk_during_a_splice_keeps_previous_version(path: Path) -> None:
    ops = FaultyOps("")
    storage = AtomicJSONStorage(path, file_ops=ops)
    storage.write({"t": {"1": {"n": 1}}})
    before = path.read_bytes()
    ops.step = "enospc"
    with pytest.raises(StoreWriteError) as info:
        storage.append("t", 2, {"n": 2})
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []
    ops.step = ""
    storage.append("t", 2, {"n": 2})
    assert json.loads(path.read_bytes())["t"] == {"1": {"n": 1}, "2": {"n": 2}}


def test_append_copies_a_file_larger_than_one_chunk(path: Path) -> None:
    storage = AtomicJSONStorage(path)
    storage.write({"t": {str(n): {"text": "进展" * 100} for n in range(1, 400)}})
    assert path.stat().st_size > 3 * 65536
    storage.append("t", 400, {"text": "最后一条"})
    table = json.loads(path.read_bytes())["t"]
    assert len(table) == 400
    assert table["400"] == {"text": "最后一条"}
    assert table["1"] == {"text": "进展" * 100}


def test_append_is_seen_by_tinydb_through_the_same_storage(path: Path) -> None:
    # TinyDB counts a table's ids itself, so an append goes to a table TinyDB does not write.
    with Store(path) as store:
        store.table("t").insert({"n": 1})
        store.storage.append("u", 1, {"n": 2})
        assert store.table("u").all() == [{"n": 2}]
        store.table("t").insert({"n": 3})
    with Store(path) as reopened:
        assert reopened.table("t").all() == [{"n": 1}, {"n": 3}]
        assert reopened.table("u").all() == [{"n": 2}]


def test_parse_file_keeps_nothing_and_skips_the_schema(path: Path) -> None:
    assert parse_file(path) is None
    AtomicJSONStorage(path).write({"t": {"1": {"n": 1}}})
    assert parse_file(path) == {"t": {"1": {"n": 1}}}
    path.write_bytes(b"[1]")
    with pytest.raises(CorruptStoreError):
        parse_file(path)
