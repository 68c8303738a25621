"""The ledger store: monthly shards, dedup, ids, and no lost or half-written record."""

from __future__ import annotations

import errno
import json
import os
import random
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.ledger.store import LedgerStore, shard_name
from bot.store.atomic import FileOps
from bot.store.storage import CorruptStoreError, StoreWriteError
from tests.bot.ledger.ledger_kills import kill_rounds
from tests.bot.store.test_storage import CRASHES, CountingOps, Crash, FaultyOps, temp_files

# Kills of the writer subprocess in the kill -9 test; about 0.3 s each on 2 cores. A few dozen
# hit many writes midway; the long run is `python bench/ledger_kills.py` (1000 kills).
KILLS = 40

JAN = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
FEB = datetime(2024, 2, 1, tzinfo=UTC)
MAR = datetime(2024, 3, 31, 23, 59, tzinfo=UTC)


def rec(message: int, chat: int = -100, **extra: Any) -> dict[str, Any]:
    return {"chat": chat, "message": message, "text": "已完成现场检查", **extra}


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "ledger"


def snapshot(store: LedgerStore) -> tuple[list[dict[str, Any]], int]:
    return [dict(r) for r in store.records()], len(store)


def file_bytes(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("ledger-*.json"))}


def test_round_trip_and_reopen(directory: Path) -> None:
    with LedgerStore(directory) as store:
        assert len(store) == 0
        assert store.records() == []
        assert store.append(rec(1, unit="办公室"), at=JAN) == 1
        assert store.append(rec(2), at=JAN) == 2
        assert store.find(-100, 1) == {"id": 1, **rec(1, unit="办公室")}
        assert store.find(-100, 3) is None
    text = (directory / "ledger-2024-01.json").read_text(encoding="utf-8")
    assert "办公室" in text  # ensure_ascii=False
    data = json.loads(text)
    assert data["ledger"] == {"1": rec(1, unit="办公室"), "2": rec(2)}  # TinyDB's format
    with LedgerStore(directory) as again:
        assert again.records() == [{"id": 1, **rec(1, unit="办公室")}, {"id": 2, **rec(2)}]
        assert len(again) == 2
        assert again.find(-100, 2) == {"id": 2, **rec(2)}


def test_same_chat_and_message_is_not_written_twice(directory: Path) -> None:
    ops = CountingOps()
    with LedgerStore(directory, file_ops=ops) as store:
        assert store.append(rec(7), at=JAN) == 1
        assert store.append(rec(7, text="改过的文字"), at=JAN) is None
        assert store.append(rec(7), at=MAR) is None  # also across months
        assert store.append(rec(7, chat=-200), at=JAN) == 2  # another chat's message 7
        assert ops.replaced == ["ledger-2024-01.json"] * 2
        assert store.find(-100, 7) == {"id": 1, **rec(7)}
    ops = CountingOps()
    with LedgerStore(directory, file_ops=ops) as again:
        assert again.append(rec(7), at=FEB) is None  # and after a restart
        assert ops.replaced == []
        assert len(again) == 2


def test_months_go_to_their_own_files_and_only_that_file_is_written(directory: Path) -> None:
    ops = CountingOps()
    with LedgerStore(directory, file_ops=ops) as store:
        store.append(rec(1), at=JAN)
        store.append(rec(2), at=FEB)
        store.append(rec(3), at=MAR)
        store.append(rec(4), at=FEB)
        assert store.path_for(MAR) == directory / "ledger-2024-03.json"
    assert ops.replaced == [
        "ledger-2024-01.json",
        "ledger-2024-02.json",
        "ledger-2024-03.json",
        "ledger-2024-02.json",
    ]
    contents = {name: json.loads(raw)["ledger"] for name, raw in file_bytes(directory).items()}
    assert contents == {
        "ledger-2024-01.json": {"1": rec(1)},
        "ledger-2024-02.json": {"2": rec(2), "4": rec(4)},
        "ledger-2024-03.json": {"3": rec(3)},
    }
    assert shard_name(datetime(2021, 11, 30, tzinfo=UTC)) == "ledger-2021-11.json"


def test_ids_increase_across_shards_and_restarts(directory: Path) -> None:
    with LedgerStore(directory) as store:
        assert [store.append(rec(n), at=at) for n, at in enumerate([MAR, JAN, FEB, JAN])] == [
            1,
            2,
            3,
            4,
        ]
        # Id order is append order, not month order.
        assert [r["message"] for r in store.records()] == [0, 1, 2, 3]
    with LedgerStore(directory) as again:
        assert [r["id"] for r in again.records()] == [1, 2, 3, 4]
        assert again.append(rec(9), at=JAN) == 5  # the newest id was in an older month
        assert again.append(rec(10), at=datetime(2023, 12, 1, tzinfo=UTC)) == 6


def test_only_a_new_month_a_hit_or_the_whole_history_reads_a_file(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
        store.append(rec(2), at=FEB)
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self.name)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    jan, feb = "ledger-2024-01.json", "ledger-2024-02.json"
    with LedgerStore(directory) as store:
        assert reads == [jan, feb]  # the cold start
        for n in range(3, 10):
            store.append(rec(n), at=FEB)  # spliced into the file: nothing parsed
            assert store.append(rec(n), at=FEB) is None
            assert store.find(-100, n + 100) is None
            assert len(store) == n
        assert reads == [jan, feb]
        store.append(rec(10), at=JAN)  # another month: its file is parsed once
        store.append(rec(11), at=JAN)
        assert reads[2:] == [jan]
        assert store.find(-100, 5) == {"id": 5, **rec(5)}  # a hit parses its month
        assert reads[3:] == [feb]
        assert [r["id"] for r in store.records()] == list(range(1, 12))
        assert sorted(reads[4:]) == [jan, feb]


def test_records_are_new_dicts_each_time(directory: Path) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
        store.records()[0]["text"] = "改掉"
        store.find(-100, 1)["text"] = "改掉"
        assert store.records() == [{"id": 1, **rec(1)}]
        assert store.find(-100, 1) == {"id": 1, **rec(1)}


class DirSyncFails(FileOps):
    """The rename is done, but making it durable fails."""

    def fsync_dir(self, directory: str) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def test_a_record_whose_append_failed_is_not_read(directory: Path) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
    store = LedgerStore(directory, file_ops=DirSyncFails())
    with pytest.raises(OSError, match="Input/output"):
        store.append(rec(2, text="未确认"), at=JAN)
    # The file holds the record, but its append never returned: the store does not know it.
    assert "未确认" in (directory / "ledger-2024-01.json").read_text(encoding="utf-8")
    assert store.records() == [{"id": 1, **rec(1)}]
    assert store.find(-100, 2) is None
    assert len(store) == 1


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b'{"ledger": {"1": {"chat": 1, "message": 1}}}{"tail', "Extra data"),
        (b"\xff\xfe", "utf-8"),
        (b"[1, 2]", "JSON 对象"),
        (b'{"ledger": [1]}', "表 ledger"),
        (b'{"ledger": {"x": {"chat": 1, "message": 1}}}', "记录 x"),
        (b'{"ledger": {"1": {"chat": 1}}}', "记录 1"),
        (b'{"ledger": {"1": [1]}}', "记录 1"),
    ],
    ids=[
        "extra data",
        "not utf-8",
        "not an object",
        "table not an object",
        "bad id",
        "no message",
        "record not an object",
    ],
)
def test_corrupt_shard_refuses_to_start_and_names_it(
    directory: Path, content: bytes, detail: str
) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
    bad = directory / "ledger-2024-02.json"
    bad.write_bytes(content)
    with pytest.raises(CorruptStoreError) as info:
        LedgerStore(directory)
    message = str(info.value)
    assert str(bad) in message
    assert detail in message
    assert "不会以空数据启动" in message
    assert bad.read_bytes() == content


def test_same_id_or_message_in_two_shards_is_corruption(directory: Path) -> None:
    (directory).mkdir()
    jan, feb = directory / "ledger-2024-01.json", directory / "ledger-2024-02.json"
    jan.write_text(json.dumps({"ledger": {"1": rec(1)}}), encoding="utf-8")
    feb.write_text(json.dumps({"ledger": {"1": rec(2)}}), encoding="utf-8")
    with pytest.raises(CorruptStoreError, match="记录编号 1 与 ledger-2024-01.json 重复"):
        LedgerStore(directory)
    feb.write_text(json.dumps({"ledger": {"2": rec(1)}}), encoding="utf-8")
    with pytest.raises(CorruptStoreError, match="记录了两次") as info:
        LedgerStore(directory)
    assert str(feb) in str(info.value)


def test_orphans_are_removed_at_start(directory: Path) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
    orphans = [
        directory / ".ledger-2024-01.json.4242.ab_c12x9.tmp",
        # A crash during the first write of a month leaves no shard, only its temp file.
        directory / ".ledger-2024-05.json.4242.xyz.tmp",
    ]
    others = [directory / ".store.json.4242.abc.tmp", directory / "notes.txt"]
    for path in orphans + others:
        path.write_text("{", encoding="utf-8")
    with LedgerStore(directory) as again:
        assert len(again) == 1
    assert [p for p in orphans if p.exists()] == []
    assert all(p.exists() for p in others)
    assert not (directory / "ledger-2024-05.json").exists()


@pytest.mark.parametrize("at", [JAN, FEB], ids=["existing shard", "new shard"])
@pytest.mark.parametrize("step", CRASHES)
def test_crash_at_each_write_step_keeps_previous_version_and_memory(
    directory: Path, step: str, at: datetime
) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
    before = file_bytes(directory)
    ops = FaultyOps("")
    store = LedgerStore(directory, file_ops=ops)
    memory = snapshot(store)
    ops.step = step
    with pytest.raises(Crash):
        store.append(rec(2), at=at)
    assert snapshot(store) == memory
    assert store.find(-100, 2) is None
    assert file_bytes(directory) == before
    assert len(temp_files(directory)) == 1
    with LedgerStore(directory) as again:
        assert again.records() == [{"id": 1, **rec(1)}]
        assert again.append(rec(2), at=at) == 2
    assert temp_files(directory) == []


def test_crash_after_rename_has_the_new_record(directory: Path) -> None:
    store = LedgerStore(directory, file_ops=FaultyOps("after_replace"))
    with pytest.raises(Crash):
        store.append(rec(1), at=JAN)
    with LedgerStore(directory) as again:
        assert again.records() == [{"id": 1, **rec(1)}]
        assert again.append(rec(2), at=JAN) == 2


@pytest.mark.parametrize("at", [JAN, FEB], ids=["existing shard", "new shard"])
def test_full_disk_changes_nothing_and_the_store_recovers(directory: Path, at: datetime) -> None:
    ops = FaultyOps("")
    with LedgerStore(directory, file_ops=ops) as store:
        store.append(rec(1), at=JAN)
        before, memory = file_bytes(directory), snapshot(store)
        ops.step = "enospc"
        with pytest.raises(StoreWriteError) as info:
            store.append(rec(2), at=at)
        assert info.value.errno == errno.ENOSPC
        assert "本次更改未保存" in str(info.value)
        assert str(directory / shard_name(at)) in str(info.value)
        assert file_bytes(directory) == before
        assert snapshot(store) == memory
        assert temp_files(directory) == []
        # Once the disk has room, the same reply is accepted, with the id it would have had.
        ops.step = ""
        assert store.append(rec(2), at=at) == 2
        assert store.append(rec(3), at=JAN) == 3
    with LedgerStore(directory) as again:
        assert [r["message"] for r in again.records()] == [1, 2, 3]


def test_unserialisable_record_changes_nothing(directory: Path) -> None:
    with LedgerStore(directory) as store:
        store.append(rec(1), at=JAN)
        before, memory = file_bytes(directory), snapshot(store)
        with pytest.raises(TypeError):
            store.append(rec(2, when=JAN), at=JAN)
        assert snapshot(store) == memory
        assert file_bytes(directory) == before
        assert store.append(rec(2), at=JAN) == 2


@pytest.mark.parametrize(
    ("record", "at", "match"),
    [
        ({"message": 1}, JAN, "整数 chat"),
        ({"chat": 1, "message": "1"}, JAN, "整数 chat"),
        ({"chat": 1, "message": True}, JAN, "整数 chat"),
        ({"chat": 1, "message": 1, "id": 5}, JAN, "id 由台账分配"),
        (rec(1), datetime(2024, 1, 1), "时区"),  # noqa: DTZ001
    ],
    ids=["no chat", "str message", "bool message", "own id", "naive time"],
)
def test_invalid_append_is_refused_before_any_write(
    directory: Path, record: dict[str, Any], at: datetime, match: str
) -> None:
    ops = CountingOps()
    with LedgerStore(directory, file_ops=ops) as store:
        with pytest.raises(ValueError, match=match):
            store.append(record, at=at)
        assert len(store) == 0
    assert ops.replaced == []


def test_append_after_close_fails(directory: Path) -> None:
    store = LedgerStore(directory)
    store.append(rec(1), at=JAN)
    store.close()
    with pytest.raises(RuntimeError, match="台账已关闭"):
        store.append(rec(2), at=JAN)
    assert store.find(-100, 1) is not None


async def test_run_appends_in_a_worker_thread_holding_the_lock(directory: Path) -> None:
    seen: list[tuple[int, bool]] = []
    with LedgerStore(directory) as store:

        def append(record: dict[str, Any], *, at: datetime) -> int | None:
            # A non-blocking acquire from another thread fails while run holds the lock.
            other = threading.Thread(target=lambda: seen.append((0, store.lock.acquire(False))))
            other.start()
            other.join()
            seen.append((threading.get_ident(), True))
            return store.append(record, at=at)

        assert await store.run(append, rec(1), at=JAN) == 1
        assert await store.run(store.append, rec(1), at=JAN) is None
    assert seen[0] == (0, False)
    assert seen[1][0] != threading.get_ident()


def test_kill_9_loses_no_acknowledged_record(tmp_path: Path) -> None:
    directory = tmp_path / "ledger"
    report = kill_rounds(directory, KILLS, random.Random(9))
    assert report.problems == []
    assert report.kills == KILLS
    assert report.acknowledged >= KILLS
    assert report.mid_write > 0  # some kills landed between a temp file and its rename
    assert len(list(directory.glob("ledger-*.json"))) > 12
