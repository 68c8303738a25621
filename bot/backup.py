"""Backup and restore of the bot's data directory (``python -m bot backup``).

Every file in the data directory is replaced atomically by the bot (temp file, fsync, rename)
and never written in place, so reading a file whole always gives one complete version of it.
A backup reads every file, then reads them all again, until two passes agree: the copy is then
the directory exactly as it was at one instant (the end of the first of those passes), taken
without stopping the bot. The copy is written to a hidden temp directory under the destination,
checked (each ``.json`` parses as TinyDB JSON, each ``.toml`` as TOML, each evidence file
under ``evidence/`` has the SHA-256 its name says, and the bytes on disk match), and only then renamed to ``fengong-backup-<timestamp>``, so a backup directory with
that name is always complete. A manifest (``fengong-backup.json``) lists each file's size and
SHA-256.

A restore needs the bot stopped: it takes the data directory's lock (`bot.store.instance_lock`), and
refuses while the bot holds it. It checks the backup against its manifest first, saves the
current data next to the backup (``fengong-backup-<timestamp>-before-restore``), then replaces
each file atomically and removes data files the backup does not have.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from bot.config import Config, load_config
from bot.errors import DataFileError
from bot.evidence.store import digest_of, is_evidence_path
from bot.ledger.store import LEDGER_DIR, TABLE
from bot.store.atomic import PRIVATE, fsync_directory, kept_mode, replace_file
from bot.store.instance_lock import LOCK_NAME, AlreadyRunningError, InstanceLock

__all__ = [
    "BACKUP_PREFIX",
    "MANIFEST",
    "BackupError",
    "BackupResult",
    "RestoreResult",
    "add_backup_parser",
    "backup",
    "backup_command",
    "read_data_dir",
    "restore",
]

BACKUP_PREFIX = "fengong-backup-"
MANIFEST = "fengong-backup.json"
MANIFEST_FORMAT = 1
BEFORE_RESTORE = "-before-restore"
# Passes over the data directory before giving up on an instant-consistent copy.
SETTLE_PASSES = 20
EXIT_USAGE = 2

USAGE = "用法：python -m bot backup 目标目录  或  python -m bot backup --restore 备份目录"
BACKED_UP = "已备份数据目录 {source} 到 {path}：{files} 个文件，台账记录 {records} 条，共 {size}。"
NOT_SETTLED = (
    "提示：复制期间数据一直在变化，各文件都是完整的版本，但可能不是同一时刻的；可稍后再备份一次。"
)
DEADLINES_OUTSIDE = (
    "提示：截止日期文件 {path} 不在数据目录内，不在本备份中；"
    "建议把配置的 [deadlines] path 设在数据目录里，或另行备份该文件。"
)
RESTORED = (
    "已从 {source} 恢复 {files} 个文件（台账记录 {records} 条）到数据目录 {data_dir}。{saved}"
)
SAVED_BEFORE = "恢复前的数据已另存为 {path}，可用 --restore 撤销本次恢复。"
RESTORE_RUNNING = (
    "分工助手正在运行（PID {pid}），不能恢复数据目录 {data_dir}。"
    "请先停止机器人（例如 systemctl stop fengong 或 docker stop fengong），再恢复。"
)


class BackupError(Exception):
    """A backup or restore could not be done; the message is Chinese and names the file."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What a backup wrote: its directory, file count, total bytes and ledger records."""

    path: Path
    files: int
    size: int
    records: int
    settled: bool


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore put back, and where the data it replaced was saved (None: was empty)."""

    files: int
    records: int
    saved: Path | None


# ---- Reading the data directory ----


def _backed_up(relative: PurePosixPath) -> bool:
    """Files a backup leaves out: the lock file and temp files of writes under way."""
    return relative != PurePosixPath(LOCK_NAME) and not relative.name.endswith(".tmp")


def _read_pass(data_dir: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for root, dirs, names in os.walk(data_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            relative = PurePosixPath(path.relative_to(data_dir).as_posix())
            if not _backed_up(relative) or not path.is_file():
                continue
            try:
                # The bot renames a new version over the file; an open file keeps the old one.
                files[str(relative)] = path.read_bytes()
            except FileNotFoundError:  # removed since listed: the next pass sees the change
                continue
            except OSError as error:
                raise BackupError(
                    f"无法读取 {path}（{error.strerror or error}），备份未完成。"
                ) from error
    return files


def read_data_dir(data_dir: Path, *, passes: int = SETTLE_PASSES) -> tuple[dict[str, bytes], bool]:
    """The data directory's files by relative POSIX path, and whether the copy is one instant.

    Reads every file whole until two passes in a row agree (at most `passes` passes, with
    short pauses in between). When they agree, every file held the same bytes throughout the
    time between the passes, so the first of them is the directory as it was at one instant.
    Otherwise the last pass is returned: each file is still one complete version.

    Raises:
        BackupError: a file could not be read.
    """
    previous = _read_pass(data_dir)
    for attempt in range(1, passes):
        current = _read_pass(data_dir)
        if current == previous:
            return previous, True
        previous = current
        time.sleep(min(0.01 * attempt, 0.2))
    return previous, False


# ---- Checking files ----


def _is_shard(relative: str) -> bool:
    """A monthly ledger file: in ``ledger/`` (the first notice) or ``ledger-<key>/`` (a later one)."""
    path = PurePosixPath(relative)
    folder = str(path.parent)
    later = folder.startswith(f"{LEDGER_DIR}-") and folder[len(LEDGER_DIR) + 1 :].isdecimal()
    return (folder == LEDGER_DIR or later) and path.suffix == ".json"


def _check(relative: str, data: bytes) -> int:
    """Check one file's content; returns its ledger records (0 unless a ledger shard).

    Raises:
        BackupError: a ``.json`` file is not a JSON object, a ``.toml`` file is not TOML, or
            an evidence file's bytes are not those its name (their SHA-256) says.
    """
    if is_evidence_path(relative):
        if digest_of(data) != relative.replace("/", "")[len("evidence") :]:
            raise BackupError(f"佐证文件 {relative} 的内容与其名称（SHA-256）不符，未生成备份。")
        return 0
    suffix = PurePosixPath(relative).suffix
    try:
        if suffix == ".json":
            document: Any = json.loads(data.decode("utf-8")) if data else {}
            if not isinstance(document, dict):
                raise ValueError(f"顶层是 {type(document).__name__}，应为 JSON 对象")
            table = document.get(TABLE, {}) if _is_shard(relative) else {}
            return len(table) if isinstance(table, dict) else 0
        if suffix == ".toml":
            tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:  # JSONDecodeError, TOMLDecodeError
        raise BackupError(f"文件 {relative} 无法解析（{error}），未生成备份。") from error
    return 0


def _check_all(files: Mapping[str, bytes]) -> int:
    return sum(_check(relative, data) for relative, data in files.items())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- Writing ----


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _manifest(files: Mapping[str, bytes], source: Path, at: datetime, settled: bool) -> bytes:
    document = {
        "format": MANIFEST_FORMAT,
        "created": at.isoformat(timespec="seconds"),
        "data_dir": str(source),
        "consistent": settled,
        "files": {
            relative: {"size": len(data), "sha256": _digest(data)}
            for relative, data in sorted(files.items())
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _free_name(dest: Path, stem: str) -> Path:
    candidate, n = dest / stem, 1
    while candidate.exists():
        n += 1
        candidate = dest / f"{stem}-{n}"
    return candidate


def _write_backup(
    files: Mapping[str, bytes], dest: Path, stem: str, source: Path, at: datetime, settled: bool
) -> Path:
    """Write `files` and a manifest to a temp directory, check them, rename it into place."""
    dest.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{stem}.", suffix=".tmp", dir=dest))
    try:
        directories = {temp}
        for relative, data in files.items():
            target = temp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            directories.add(target.parent)
            _write_file(target, data)
        _write_file(temp / MANIFEST, _manifest(files, source, at, settled))
        # Read back what reached the disk, not what was meant to.
        for relative, data in files.items():
            if (temp / relative).read_bytes() != data:
                raise BackupError(f"备份文件 {relative} 写入后读回不一致，未生成备份。")
        for directory in sorted(directories, reverse=True):
            fsync_directory(directory)
        final = _free_name(dest, stem)
        os.rename(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    fsync_directory(dest)
    return final


def _stamp(at: datetime) -> str:
    return at.strftime("%Y%m%d-%H%M%S")


def backup(data_dir: Path, dest: Path, *, at: datetime) -> BackupResult:
    """Copy `data_dir` into ``dest/fengong-backup-<at>/``; the bot may be running meanwhile.

    Raises:
        BackupError: the data directory is missing or a file is unreadable or does not parse;
            nothing is left under `dest` but the directories it had to create.
        OSError: the destination could not be written.
    """
    data_dir = data_dir.resolve()
    dest = dest.resolve()
    if not data_dir.is_dir():
        raise BackupError(f"数据目录 {data_dir} 不存在，没有可备份的数据。")
    if dest == data_dir or dest.is_relative_to(data_dir):
        raise BackupError(f"备份目录 {dest} 不能放在数据目录 {data_dir} 里面。")
    files, settled = read_data_dir(data_dir)
    records = _check_all(files)
    path = _write_backup(files, dest, BACKUP_PREFIX + _stamp(at), data_dir, at, settled)
    return BackupResult(path, len(files), sum(map(len, files.values())), records, settled)


# ---- Restoring ----


def _load_backup(source: Path) -> dict[str, bytes]:
    """The backup's files, checked against its manifest and parsed.

    Raises:
        BackupError: not a backup directory, a file missing, changed or unparseable.
    """
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        listed = manifest["files"]
        if manifest.get("format") != MANIFEST_FORMAT or not isinstance(listed, dict):
            raise ValueError("格式不符")
    except FileNotFoundError:
        raise BackupError(f"{source} 不是分工助手的备份目录（缺少 {MANIFEST}）。") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"备份清单 {source / MANIFEST} 无法读取（{error}）。") from error
    files: dict[str, bytes] = {}
    for relative, entry in listed.items():
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts or not _backed_up(path):
            raise BackupError(f"备份清单列出了不允许的路径 {relative}，不予恢复。")
        try:
            data = (source / relative).read_bytes()
        except OSError as error:
            raise BackupError(
                f"备份文件 {source / relative} 无法读取（{error.strerror or error}）。"
            ) from error
        if not isinstance(entry, dict) or entry.get("sha256") != _digest(data):
            raise BackupError(f"备份文件 {source / relative} 与备份清单不符（已损坏或被改动）。")
        files[relative] = data
    return files


def _replace_file(target: Path, data: bytes) -> None:
    """Put `data` at `target` atomically and durably, keeping its mode (a new file: private)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, data, mode=kept_mode(target, PRIVATE), prefix=f".{target.name}.restore.")


def restore(source: Path, data_dir: Path, *, at: datetime) -> RestoreResult:
    """Replace the data in `data_dir` by the backup in `source`; the bot must be stopped.

    The current data (if any) is first saved as a backup next to `source`, then every file of
    the backup is put in place atomically, and data files the backup lacks are removed.

    Raises:
        AlreadyRunningError: the bot (or another command) holds the data directory.
        BackupError: `source` is not a complete, unchanged backup; nothing was changed.
        OSError: the current data could not be saved (nothing changed) or a write failed.
    """
    source = source.resolve()
    data_dir = data_dir.resolve()
    if source.is_relative_to(data_dir):
        raise BackupError(f"备份目录 {source} 在数据目录 {data_dir} 里面，不能从这里恢复。")
    files = _load_backup(source)
    records = _check_all(files)
    data_dir.mkdir(parents=True, exist_ok=True)
    with InstanceLock(data_dir):
        current, _ = read_data_dir(data_dir, passes=1)
        saved = None
        if current:
            stem = BACKUP_PREFIX + _stamp(at) + BEFORE_RESTORE
            saved = _write_backup(current, source.parent, stem, data_dir, at, True)
        for relative, data in files.items():
            _replace_file(data_dir / relative, data)
        for root, _, names in os.walk(data_dir):
            for name in names:
                path = Path(root, name)
                relative = path.relative_to(data_dir).as_posix()
                if relative not in files and relative != LOCK_NAME:
                    path.unlink()
        for root, _, _ in os.walk(data_dir):
            fsync_directory(Path(root))
    return RestoreResult(len(files), records, saved)


# ---- Command line ----


def add_backup_parser(commands: Any) -> None:
    """Add the ``backup`` subcommand to the `argparse` subparsers `commands`."""
    parser = commands.add_parser(
        "backup", help="备份数据目录（机器人运行时也可以），或在机器人停止时从备份恢复"
    )
    parser.add_argument(
        "dest",
        nargs="?",
        type=Path,
        metavar="目标目录",
        help="在这里新建 fengong-backup-日期-时间 目录存放备份",
    )
    parser.add_argument(
        "--restore", type=Path, metavar="备份目录", help="从这个备份目录恢复（须先停止机器人）"
    )
    parser.add_argument("--config", type=Path, help="配置文件（TOML），用其中的数据目录")
    parser.add_argument("--data", type=Path, help="机器人数据目录，覆盖配置")


def _say(text: object, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{text}\n")


def _size(size: int) -> str:
    return f"{size} 字节" if size < 1024 else f"{size / 1024:.1f} KB"


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def _run_backup(dest: Path, config: Config, at: datetime) -> int:
    result = backup(config.data_dir, dest, at=at)
    _say(
        BACKED_UP.format(
            source=config.data_dir,
            path=result.path,
            files=result.files,
            records=result.records,
            size=_size(result.size),
        )
    )
    if not result.settled:
        _say(NOT_SETTLED, err=True)
    if not _inside(config.deadlines, config.data_dir):
        _say(DEADLINES_OUTSIDE.format(path=config.deadlines), err=True)
    return 0


def _run_restore(source: Path, config: Config, at: datetime) -> int:
    try:
        result = restore(source, config.data_dir, at=at)
    except AlreadyRunningError as error:
        pid = "未知" if error.pid is None else error.pid
        _say(RESTORE_RUNNING.format(pid=pid, data_dir=error.data_dir), err=True)
        return EXIT_USAGE
    saved = "" if result.saved is None else SAVED_BEFORE.format(path=result.saved)
    _say(
        RESTORED.format(
            source=source.resolve(),
            files=result.files,
            records=result.records,
            data_dir=config.data_dir,
            saved=saved,
        )
    )
    return 0


def backup_command(args: argparse.Namespace) -> int:
    """Run ``python -m bot backup``; errors are printed in Chinese with exit status 2."""
    if (args.dest is None) == (args.restore is None):
        _say(USAGE, err=True)
        return EXIT_USAGE
    try:
        config = load_config(args.config)
        if args.data is not None:
            config = replace(config, data_dir=args.data.resolve())
        at = datetime.now(config.timezone)
        if args.restore is not None:
            return _run_restore(args.restore, config, at)
        return _run_backup(args.dest, config, at)
    except (BackupError, DataFileError) as error:
        _say(error, err=True)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        _say(f"写入失败{where}（{error.strerror or error}），操作未完成。", err=True)
    return EXIT_USAGE
