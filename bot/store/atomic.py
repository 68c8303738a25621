"""The one way a file of the bot is replaced: temp file, fsync, rename, directory fsync.

Knows files and their modes, not what is in them. Readers see the old file or the new one,
never a mix, and once `replace_file` returns the new one survives a power loss.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "PRIVATE",
    "DirectorySyncError",
    "FileOps",
    "fsync_directory",
    "kept_mode",
    "replace_file",
]

# The bot's own records: readable and writable by the bot's user only.
PRIVATE = 0o600
# Bytes per read when an append copies the file it extends.
_CHUNK = 1 << 16


class DirectorySyncError(OSError):
    """The new file is in place, but the rename could not be made durable (fsync of its folder).

    Not "not saved": the new version is what readers see now; a power loss may still undo it.
    """


def fsync_directory(directory: Path | str) -> None:
    """Make a rename in `directory` durable; without this a power loss may undo it."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileOps:
    """The system calls of one atomic write, as methods so tests can fail any step.

    The default implementation calls `os` directly. A test subclass may raise from any method to
    simulate a failing disk (raise `OSError`) or a crash (raise a `BaseException` subclass, and
    make `discard` do nothing from then on, since a dead process removes nothing).
    """

    def write(self, fd: int, data: bytes) -> None:
        """Write all of `data` to `fd`."""
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    def fsync(self, fd: int) -> None:
        """Flush the file's data and metadata to the disk."""
        os.fsync(fd)

    def replace(self, src: str, dst: str) -> None:
        """Atomically rename `src` onto `dst`."""
        os.replace(src, dst)

    def fsync_dir(self, directory: str) -> None:
        """Make a rename in `directory` durable."""
        fsync_directory(directory)

    def discard(self, temp: str) -> None:
        """Remove the temp file of a write that failed."""
        Path(temp).unlink(missing_ok=True)

    def copy(self, source: int, fd: int, size: int) -> None:
        """Copy the first `size` bytes of the file `source` to `fd`, a chunk at a time."""
        offset = 0
        while offset < size:
            chunk = os.pread(source, min(_CHUNK, size - offset), offset)
            if not chunk:
                raise OSError(errno.EIO, f"文件比预期短（{offset}/{size} 字节）")
            self.write(fd, chunk)
            offset += len(chunk)


def kept_mode(path: Path, new: int) -> int:
    """The permission bits of the file at `path`, or `new` when there is none yet."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return new


def replace_file(
    target: Path,
    content: bytes | Callable[[int], None],
    *,
    mode: int,
    check: Callable[[Path], object] | None = None,
    prefix: str | None = None,
    ops: FileOps | None = None,
) -> None:
    """Replace `target` by `content`, with permission bits `mode`, atomically and durably.

    `content` is the new bytes, or a function that writes them to the temp file's descriptor.
    The temp file (`prefix`, by default ``.<name>.``, then random, then ``.tmp``) sits in
    `target`'s folder. `check`, if given, reads the temp file before the rename; whatever it
    raises leaves `target` as it was. Any failure before the rename removes the temp file.

    Raises:
        OSError: the new file could not be written or renamed; `target` is as it was.
        DirectorySyncError: `target` was replaced, but its folder could not be fsynced.
    """
    ops = ops or FileOps()
    fd, temp = tempfile.mkstemp(
        prefix=prefix or f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        try:
            os.fchmod(fd, mode)
            if callable(content):
                content(fd)
            else:
                ops.write(fd, content)
            ops.fsync(fd)
        finally:
            os.close(fd)
        if check is not None:
            check(Path(temp))
        ops.replace(temp, str(target))
    except BaseException:
        ops.discard(temp)
        raise
    try:
        ops.fsync_dir(str(target.parent))
    except OSError as error:
        raise DirectorySyncError(error.errno, error.strerror, str(target.parent)) from error
