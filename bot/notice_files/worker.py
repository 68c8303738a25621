"""Read a notice file in a worker process, so that no file can stall or kill the bot.

The worker (`python -m bot.notice_files.worker NAME LIMITS`) takes the file's bytes on stdin, caps
its own address space and CPU time before it reads (`resource.setrlimit`), and writes the rows
it read, or why it refused the file, as JSON on stdout. The caller kills it once
`limits.seconds` have passed. Whatever the file does to the worker (fills its memory, spins,
crashes the parser) ends as a NoticeError with a Chinese reason; the bot itself goes on.
The worker gets no environment beyond what Python needs: no token reaches it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import subprocess
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError
from bot.notice_files.importers import notice_rows
from bot.notice_files.limits import LIMITS, MB, Limits, check_size
from bot.reading.loader import RawRow

log = logging.getLogger(__name__)
_ROOT = Path(__file__).resolve().parents[2]  # where `bot` is imported from
_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "PYTHONHASHSEED")


def _command(filename: str, limits: Limits) -> list[str]:
    # A NUL cannot travel in argv; the name only gives the worker the file's type.
    arguments = [filename.replace("\x00", ""), json.dumps(limits.to_json())]
    return [sys.executable, "-m", "bot.notice_files.worker", *arguments]


def _environment() -> dict[str, str]:
    return {name: os.environ[name] for name in _ENVIRONMENT if name in os.environ}


def read_rows(data: bytes, filename: str, limits: Limits = LIMITS) -> list[RawRow]:
    """The file's rows, read by a worker process within `limits` (for the command line).

    Raises:
        NoticeError: the file was refused, or the worker ran out of time or memory.
    """
    check_size(data, filename, limits)
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments are not parsed by a shell
            _command(filename, limits),
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            cwd=_ROOT,
            env=_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired as error:  # `run` has killed the worker
        raise NoticeError(filename, _timeout(limits)) from error
    return _outcome(filename, done.returncode, done.stdout, done.stderr)


async def read_rows_async(data: bytes, filename: str, limits: Limits = LIMITS) -> list[RawRow]:
    """The file's rows, read by a worker process within `limits`; the event loop goes on
    meanwhile.

    Raises:
        NoticeError: the file was refused, or the worker ran out of time or memory.
    """
    check_size(data, filename, limits)
    worker = await asyncio.create_subprocess_exec(
        *_command(filename, limits),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=_ROOT,
        env=_environment(),
    )
    try:
        out, err = await asyncio.wait_for(worker.communicate(data), limits.seconds)
    except TimeoutError as error:
        raise NoticeError(filename, _timeout(limits)) from error
    finally:
        if worker.returncode is None:  # out of time, or the caller was cancelled
            worker.kill()
            await worker.wait()
    return _outcome(filename, worker.returncode or 0, out, err)


def _timeout(limits: Limits) -> str:
    return file_texts.TIMEOUT.format(seconds=limits.seconds)


def _outcome(filename: str, status: int, out: bytes, err: bytes) -> list[RawRow]:
    """The rows a worker wrote, or its refusal as a NoticeError."""
    try:
        answer = json.loads(out) if status == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        tail = err.decode("utf-8", "replace")[-2000:]
        log.warning("读取文件 %s 的进程异常退出（%s）：%s", filename, status, tail)
        raise NoticeError(filename, file_texts.WORKER_FAILED)
    if "refused" in answer:
        raise NoticeError(filename, str(answer["refused"]))
    return [(int(number), [str(cell) for cell in cells]) for number, cells in answer["rows"]]


def _cap(kind: int, value: int) -> None:
    """Lower a resource limit of this process to `value` (never above the hard limit)."""
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value))


def work(filename: str, limits: Limits, data: bytes) -> dict[str, object] | None:
    """The worker's answer for one file: its rows, or why it was refused; None when the read
    failed for another reason (the traceback is on stderr).

    Running out of memory surfaces in many shapes (MemoryError, lxml's "unknown error", a
    "damaged" file), so once the failed read's memory is freed the worker looks at its own
    peak address space to tell.
    """
    refused, trace = None, ""
    try:
        return {
            "rows": [
                [number, list(cells)] for number, cells in notice_rows(data, filename, limits)
            ]
        }
    except NoticeError as error:
        refused = error.detail
    except Exception:
        trace = _trace()
    if _peak_memory() >= limits.memory * 0.9:
        return {"refused": file_texts.OUT_OF_MEMORY.format(limit=limits.memory // MB)}
    if refused is None:
        sys.stderr.write(trace)
        return None
    return {"refused": refused}


def _trace() -> str:
    try:
        return traceback.format_exc()
    except MemoryError:
        return "MemoryError"


def _peak_memory() -> int:
    """This process's peak address space in bytes (0 where /proc does not tell)."""
    try:
        status = Path("/proc/self/status").read_bytes()
    except OSError:
        return 0
    lines = (line.split() for line in status.splitlines() if line.startswith(b"VmPeak:"))
    return next((int(fields[1]) * 1024 for fields in lines), 0)


def main(arguments: Sequence[str]) -> int:
    """Run as the worker: limit this process, read stdin, answer on stdout."""
    filename, given = arguments
    limits = Limits(**json.loads(given))
    _cap(resource.RLIMIT_AS, limits.memory)
    _cap(resource.RLIMIT_CPU, int(limits.seconds) + 1)
    data = sys.stdin.buffer.read(limits.max_bytes + 1)
    answer = work(filename, limits, data)
    if answer is None:
        return 1
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
