"""One bot process per data directory, enforced with an exclusive `flock` on `bot.lock`.

Two processes writing the same TinyDB files would overwrite each other's changes, and the
store's startup cleanup would delete the other's temp files.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

__all__ = ["LOCK_NAME", "AlreadyRunningError", "InstanceLock"]

LOCK_NAME = "bot.lock"


class AlreadyRunningError(RuntimeError):
    """Another process holds the data directory."""

    def __init__(self, data_dir: Path | str, pid: int | None) -> None:
        self.data_dir = str(data_dir)
        self.pid = pid
        who = "未知" if pid is None else str(pid)
        super().__init__(
            f"另一个分工助手进程正在使用数据目录 {self.data_dir}（PID {who}），本进程退出。"
        )


class InstanceLock:
    """Hold `data_dir/bot.lock` exclusively while in the `with` block.

    The kernel drops the lock when the process dies, even by `kill -9`, so a stale lock file
    never blocks a restart; the file itself is left in place on purpose, because deleting it
    would let two processes lock two different files. The holder's PID is written into it for
    the message a second process shows.
    """

    def __init__(self, data_dir: Path | str) -> None:
        """Prepare to lock `data_dir`, which must exist."""
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock without waiting.

        Raises:
            AlreadyRunningError: another process (or another `InstanceLock`) holds it.
        """
        if self._fd is not None:
            raise RuntimeError(f"{self.path} 已由本对象锁定")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise AlreadyRunningError(self.data_dir, pid) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock up; a no-op if it is not held."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Closing the descriptor releases the flock; the PID is cleared so it cannot mislead.
        os.ftruncate(fd, 0)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
        return int(text)
    except (OSError, ValueError):
        return None
