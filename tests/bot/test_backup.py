"""Backups of a live data directory, and restores that only run while the bot is stopped."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.backup import BACKUP_PREFIX, MANIFEST, BackupError, backup, read_data_dir, restore
from bot.ledger.store import LEDGER_DIR, LedgerStore
from bot.notices.catalog import add_notice
from bot.store.instance_lock import AlreadyRunningError, InstanceLock
from bot.store.storage import Store

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2021, 11, 15, 9, 0, tzinfo=UTC)


def run_bot(*args):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def make_data_dir(data_dir: Path) -> None:
    """bot.json, outbox.json and two ledger shards, as the bot writes them."""
    with Store(data_dir / "bot.json") as store:
        store.table("bindings").insert({"user": 1, "unit": "综合科"})
        store.table("requests").insert({"user": 2, "unit": "信息中心"})
    with Store(data_dir / "outbox.json") as outbox:
        outbox.table("deliveries").insert({"id": "n-1", "state": "sent"})
    with LedgerStore(data_dir / LEDGER_DIR) as ledger:
        ledger.append({"chat": 1, "message": 1, "text": "第17项：已办结"}, at=AT)
        ledger.append({"chat": 1, "message": 2, "text": "进展"}, at=AT)
        ledger.append(
            {"chat": 2, "message": 1, "text": "十月"}, at=datetime(2021, 10, 8, tzinfo=UTC)
        )


def data_files(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path.name not in (MANIFEST, "bot.lock")
    }


def test_backup_copies_every_data_file_while_the_lock_is_held(tmp_path: Path) -> None:
    data_dir, dest = tmp_path / "var", tmp_path / "backups"
    make_data_dir(data_dir)
    (data_dir / ".bot.json.123.abcd.tmp").write_text("{half a wri")  # a write under way
    with InstanceLock(data_dir):  # the bot is running
        result = backup(data_dir, dest, at=AT)
    assert result.path == dest / f"{BACKUP_PREFIX}20211115-090000"
    assert [entry.name for entry in dest.iterdir()] == [result.path.name]  # no temp dir left
    copied = data_files(result.path)
    assert sorted(copied) == [
        "bot.json",
        "ledger/ledger-2021-10.json",
        "ledger/ledger-2021-11.json",
        "outbox.json",
    ]
    originals = data_files(data_dir)
    assert all(copied[name] == originals[name] for name in copied)
    assert (result.files, result.records, result.settled) == (4, 3, True)
    assert result.size == sum(map(len, copied.values()))
    manifest = json.loads((result.path / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(copied)
    with LedgerStore(result.path / LEDGER_DIR) as ledger:
        assert [r["text"] for r in ledger.records()] == ["第17项：已办结", "进展", "十月"]
    with Store(result.path / "bot.json") as store:
        assert store.table("bindings").all() == [{"user": 1, "unit": "综合科"}]


def test_second_backup_in_the_same_second_gets_its_own_directory(tmp_path: Path) -> None:
    make_data_dir(tmp_path / "var")
    first = backup(tmp_path / "var", tmp_path / "b", at=AT)
    second = backup(tmp_path / "var", tmp_path / "b", at=AT)
    assert first.path != second.path
    assert second.path.name == f"{BACKUP_PREFIX}20211115-090000-2"


def test_backup_while_a_writer_appends_has_every_acknowledged_record(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    acked: list[tuple[int, int]] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            with LedgerStore(data_dir / LEDGER_DIR) as store:
                for n in range(100_000):
                    if stop.is_set():
                        return
                    # Walks into a new month every 40 records, so shards appear during backups.
                    at = datetime(2021, 1 + (n // 40) % 12, 15, tzinfo=UTC)
                    store.append({"chat": 7, "message": n, "text": "进展" * (n % 30)}, at=at)
                    acked.append((7, n))  # only after the append returned: on disk
                    time.sleep(0.002)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backups = []
        for round_ in range(6):
            while len(acked) < 30 * (round_ + 1) and thread.is_alive():
                time.sleep(0.005)
            before = set(acked)
            result = backup(data_dir, tmp_path / "backups", at=AT.replace(minute=round_))
            backups.append((result, before))
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not failures
    assert len(acked) >= 180
    for result, before in backups:
        for path in result.path.rglob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))  # parses
        with LedgerStore(result.path / LEDGER_DIR) as copy:  # loads, ids unique
            keys = {(r["chat"], r["message"]) for r in copy.records()}
        assert before <= keys
        assert result.records == len(keys)


def test_read_data_dir_skips_the_lock_and_temp_files(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    (tmp_path / "bot.lock").write_text("123\n")
    (tmp_path / LEDGER_DIR / ".ledger-2021-11.json.9.x.tmp").write_text("{")
    files, settled = read_data_dir(tmp_path)
    assert settled
    assert "bot.lock" not in files
    assert not [name for name in files if name.endswith(".tmp")]
    assert len(files) == 4


def test_backup_refuses_a_damaged_file_and_leaves_nothing(tmp_path: Path) -> None:
    data_dir, dest = tmp_path / "var", tmp_path / "backups"
    make_data_dir(data_dir)
    (data_dir / "outbox.json").write_text('{"deliveries": ', encoding="utf-8")
    with pytest.raises(BackupError, match="outbox.json 无法解析"):
        backup(data_dir, dest, at=AT)
    assert not dest.exists() or list(dest.iterdir()) == []


def test_backup_refuses_a_destination_inside_the_data_directory(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    with pytest.raises(BackupError, match="不能放在数据目录"):
        backup(tmp_path, tmp_path / "backups", at=AT)


def test_restore_is_refused_while_the_lock_is_held_and_allowed_after(tmp_path: Path) -> None:
    data_dir, dest = tmp_path / "var", tmp_path / "backups"
    make_data_dir(data_dir)
    saved = backup(data_dir, dest, at=AT)
    # Later changes: a new month's shard and a new binding.
    with LedgerStore(data_dir / LEDGER_DIR) as ledger:
        ledger.append({"chat": 3, "message": 1}, at=datetime(2021, 12, 1, tzinfo=UTC))
    with Store(data_dir / "bot.json") as store:
        store.table("bindings").insert({"user": 9, "unit": "信息中心"})
    changed = data_files(data_dir)

    with InstanceLock(data_dir), pytest.raises(AlreadyRunningError):
        restore(saved.path, data_dir, at=AT)
    assert data_files(data_dir) == changed  # untouched

    result = restore(saved.path, data_dir, at=AT.replace(hour=10))
    assert data_files(data_dir) == data_files(saved.path)
    assert (data_dir / "bot.lock").exists()  # the lock file stays, as InstanceLock requires
    assert (result.files, result.records) == (4, 3)
    assert result.saved == dest / f"{BACKUP_PREFIX}20211115-100000-before-restore"
    assert data_files(result.saved) == changed
    with LedgerStore(data_dir / LEDGER_DIR) as ledger:
        assert len(ledger) == 3
    # The saved copy is itself a backup: restoring it undoes the restore.
    restore(result.saved, data_dir, at=AT.replace(hour=11))
    with LedgerStore(data_dir / LEDGER_DIR) as ledger:
        assert ledger.find(3, 1) is not None


def test_restore_rejects_a_changed_backup_and_changes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    make_data_dir(data_dir)
    saved = backup(data_dir, tmp_path / "backups", at=AT)
    (saved.path / "bot.json").write_text("{}", encoding="utf-8")
    before = data_files(data_dir)
    with pytest.raises(BackupError, match="与备份清单不符"):
        restore(saved.path, data_dir, at=AT)
    assert data_files(data_dir) == before
    with pytest.raises(BackupError, match="不是分工助手的备份目录"):
        restore(tmp_path / "var" / LEDGER_DIR, tmp_path / "other", at=AT)


def test_command_line_backup_and_restore(tmp_path: Path) -> None:
    data_dir, dest = tmp_path / "var", tmp_path / "backups"
    make_data_dir(data_dir)
    made = run_bot("backup", str(dest), "--data", str(data_dir))
    assert made.returncode == 0, made.stderr
    assert "4 个文件，台账记录 3 条" in made.stdout
    (copy,) = dest.iterdir()
    assert copy.name.startswith(BACKUP_PREFIX)

    with InstanceLock(data_dir):  # flock: the child process sees the lock held
        refused = run_bot("backup", "--restore", str(copy), "--data", str(data_dir))
    assert refused.returncode == 2
    assert "分工助手正在运行" in refused.stderr
    assert "请先停止机器人" in refused.stderr

    done = run_bot("backup", "--restore", str(copy), "--data", str(data_dir))
    assert done.returncode == 0, done.stderr
    assert "恢复 4 个文件（台账记录 3 条）" in done.stdout

    usage = run_bot("backup", "--data", str(data_dir))
    assert usage.returncode == 2
    assert "用法" in usage.stderr


def test_a_later_notices_files_and_ledger_are_backed_up_and_counted(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    make_data_dir(data_dir)
    add_notice(
        data_dir, "law.txt", "一、制度\n（1）清理文件。（责任单位：综合科）\n".encode(), "", at=AT
    )
    with LedgerStore(data_dir / "ledger-2") as ledger:
        ledger.append({"chat": 3, "message": 1, "text": "法治第1项"}, at=AT)
    result = backup(data_dir, tmp_path / "backups", at=AT)
    copied = data_files(result.path)
    assert {"notices.toml", "notices/2-law.txt", "ledger-2/ledger-2021-11.json"} <= set(copied)
    assert result.records == 4  # three in ledger/, one in ledger-2/
