"""A full disk, for real: the data directory on a small tmpfs that the test fills (issue 14, item 9).

The user gets 出错了 and never 已记录; the office's admins are told once, with the cause.
Mounting needs root; elsewhere the test is skipped.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import say

LI = 2001
WRONG = "出错了，请稍后再试。"
REPORT = "第17项：留言正在办理"  # a simple form, recorded at once


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """`tmp_path/data` on its own 4 MB tmpfs, unmounted afterwards."""
    data = tmp_path / "data"
    data.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(data)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield data
    finally:
        subprocess.run(["umount", "-l", str(data)], check=True)


def fill(directory: Path) -> Path:
    """Write a file until the filesystem refuses another byte; returns it."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_tells_the_admins_once_with_the_cause(api, tmp_path, small_disk):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-15T10:00:00+08:00")
    try:
        filler = fill(small_disk)
        assert say(api, LI, REPORT) == WRONG
        [alert] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert "磁盘已满" in alert.text
        assert str(small_disk) in alert.text
        assert say(api, LI, "第17项：正在办理留言") == WRONG
        assert len(api.sent(ADMIN)) == 1  # once per cause, not once per failure
        assert not any("已记录" in m.text for m in api.sent(LI))

        filler.unlink()
        assert say(api, LI, REPORT).startswith("已记录")
    finally:
        assert running.stop() == 0
