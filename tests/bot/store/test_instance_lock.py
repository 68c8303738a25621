"""Only one bot process may use a data directory at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store.instance_lock import AlreadyRunningError, InstanceLock

ROOT = Path(__file__).resolve().parents[3]

# Prints the error message, or "locked" if it got the lock.
CONTENDER = """
import sys
from bot.store.instance_lock import AlreadyRunningError, InstanceLock
try:
    with InstanceLock(sys.argv[1]):
        print("locked")
except AlreadyRunningError as exc:
    print(exc)
"""


def contend(data_dir: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", CONTENDER, str(data_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=30,
        check=True,
    )
    return result.stdout.strip()


def test_second_process_is_refused_in_chinese(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        message = contend(tmp_path)
    assert message == (
        f"另一个分工助手进程正在使用数据目录 {tmp_path}（PID {os.getpid()}），本进程退出。"
    )


def test_lock_is_released_on_exit(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        pass
    assert contend(tmp_path) == "locked"


def test_lock_is_released_when_the_holder_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from bot.store.instance_lock import InstanceLock\n"
            "InstanceLock(sys.argv[1]).acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    with pytest.raises(AlreadyRunningError, match=f"PID {holder.pid}"):
        InstanceLock(tmp_path).acquire()
    holder.kill()
    holder.communicate(timeout=10)
    with InstanceLock(tmp_path) as lock:
        assert lock.path.read_text(encoding="ascii") == f"{os.getpid()}\n"


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with InstanceLock(tmp_path), pytest.raises(AlreadyRunningError):
        InstanceLock(tmp_path).acquire()
