"""The one atomic writer: the order of its steps, the mode it sets, and what a failure leaves."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store.atomic import PRIVATE, DirectorySyncError, FileOps, kept_mode, replace_file
from tests.conftest import ROOT


class Steps(FileOps):
    """Records each system call of a write, in order."""

    def __init__(self) -> None:
        self.steps: list[str] = []

    def write(self, fd: int, data: bytes) -> None:
        self.steps.append("write")
        super().write(fd, data)

    def fsync(self, fd: int) -> None:
        self.steps.append("fsync")
        super().fsync(fd)

    def replace(self, src: str, dst: str) -> None:
        self.steps.append("replace")
        super().replace(src, dst)

    def fsync_dir(self, directory: str) -> None:
        self.steps.append("fsync_dir")
        super().fsync_dir(directory)


class FullDisk(FileOps):
    def write(self, fd: int, data: bytes) -> None:
        super().write(fd, data[:1])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class Interrupted(FileOps):
    def fsync(self, fd: int) -> None:
        raise KeyboardInterrupt


class DirectoryFails(FileOps):
    def fsync_dir(self, directory: str) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "units.toml"
    path.write_bytes(b"old\n")
    return path


def test_writes_fsyncs_renames_then_fsyncs_the_folder(target: Path):
    ops = Steps()
    replace_file(target, b"new\n", mode=0o640, ops=ops)
    assert ops.steps == ["write", "fsync", "replace", "fsync_dir"]
    assert target.read_bytes() == b"new\n"
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644], ids=oct)
def test_the_new_file_has_exactly_the_mode_asked(target: Path, mode: int):
    os.chmod(target, 0o666)
    replace_file(target, b"new\n", mode=mode)
    assert mode_of(target) == mode


def test_kept_mode_is_the_files_own_or_the_default_for_a_new_one(tmp_path: Path):
    existing = tmp_path / "deadlines.toml"
    existing.write_bytes(b"")
    os.chmod(existing, 0o664)
    assert kept_mode(existing, PRIVATE) == 0o664
    assert kept_mode(tmp_path / "new.toml", 0o644) == 0o644


def test_a_function_may_write_the_content(target: Path):
    replace_file(target, lambda fd: os.write(fd, b"streamed\n"), mode=PRIVATE)
    assert target.read_bytes() == b"streamed\n"


def test_a_failed_check_leaves_the_file_and_no_temp_file(target: Path):
    def refuse(temp: Path) -> None:
        assert temp.read_bytes() == b"bad\n"  # the check reads what would be put
        raise ValueError("不能读")

    with pytest.raises(ValueError, match="不能读"):
        replace_file(target, b"bad\n", mode=PRIVATE, check=refuse)
    assert target.read_bytes() == b"old\n"
    assert leftovers(target.parent) == []


@pytest.mark.parametrize(
    ("ops", "error"),
    [(FullDisk(), OSError), (Interrupted(), KeyboardInterrupt)],
    ids=["full disk", "interrupted"],
)
def test_a_failure_before_the_rename_leaves_the_old_file_and_no_temp_file(
    target: Path, ops: FileOps, error: type[BaseException]
):
    with pytest.raises(error):
        replace_file(target, b"new\n", mode=PRIVATE, ops=ops)
    assert target.read_bytes() == b"old\n"
    assert leftovers(target.parent) == []


def test_a_failed_folder_fsync_says_the_new_file_is_in_place(target: Path):
    with pytest.raises(DirectorySyncError) as info:
        replace_file(target, b"new\n", mode=PRIVATE, ops=DirectoryFails())
    assert info.value.errno == errno.EIO
    assert isinstance(info.value, OSError)
    assert target.read_bytes() == b"new\n"


def test_the_temp_file_carries_the_prefix_asked(target: Path):
    seen: list[str] = []
    replace_file(target, b"x", mode=PRIVATE, prefix=".units.toml.42.", check=seen.append)
    assert re.fullmatch(r"\.units\.toml\.42\.\w+\.tmp", Path(seen[0]).name)


@given(st.binary(max_size=2000))
def test_the_file_holds_exactly_the_bytes_written(tmp_path_factory, data: bytes):
    target = tmp_path_factory.mktemp("any") / "file"
    replace_file(target, data, mode=PRIVATE)
    assert target.read_bytes() == data


def test_only_the_atomic_writer_replaces_files_in_the_core():
    """(A backup publishes its finished folder with os.rename: a new name, nothing replaced.)"""
    renames = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "bot").rglob("*.py")
        if re.search(r"\bos\.replace\(", path.read_text(encoding="utf-8"))
    ]
    assert renames == ["bot/store/atomic.py"]
