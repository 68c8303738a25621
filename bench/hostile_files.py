"""Hostile notice files against the real bot: how long each refusal takes, how much memory the
bot and its reading worker take meanwhile, and how long a staff question waits.

Per file a fresh bot (`python -m bot run`, address space capped at 2 GB) gets the file from the
admin; as soon as it fetches it (getFile) or refuses it unfetched, a staff member asks a
question. Printed: the time
from sending the file to the refusal, the staff answer's latency, the bot's peak RSS (VmHWM)
and the highest RSS seen in its reading worker (sampled every 10 ms).
Run: .venv/bin/python bench/hostile_files.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tests.bot.notice_files.hostile_files as hostile_files  # noqa: E402
from tests.e2e.conftest import ADMIN, launch, user  # noqa: E402
from tests.e2e.test_nudges import seed  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402

STAFF = 1001
CAP = 2_000_000_000
FILES: dict[str, Callable[[], bytes]] = {
    "全表.xlsx": hostile_files.grid_bomb,
    "合并全表.xlsx": hostile_files.merged_grid_bomb,
    "十万行.xlsx": hostile_files.long_sheet,
    "炸弹.docx": hostile_files.zip_bomb,
    "二十万段.docx": hostile_files.many_paragraphs,
    "跨十亿列.docx": hostile_files.wide_span_docx,
    "三十兆.txt": hostile_files.big_text,
    "损坏.xlsx": hostile_files.corrupt_zip,
}


def rss_kb(pid: int, field: str) -> int:
    """A VmRSS/VmHWM line of /proc/PID/status, in kB (0 once the process is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith(field)), 0
    )


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class WorkerPeak(threading.Thread):
    """The highest RSS of any child of `pid`, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.01):
            for child in children(self.pid):
                self.peak = max(self.peak, rss_kb(child, "VmHWM:"))


def measure(api: FakeBotApi, workdir: Path, name: str, data: bytes) -> str:
    seed(workdir, {STAFF: "办公室"})
    running = launch(api, workdir)
    resource.prlimit(running.process.pid, resource.RLIMIT_AS, (CAP, CAP))
    sampler = WorkerPeak(running.process.pid)
    sampler.start()
    try:
        sent = time.monotonic()
        api.send_document(ADMIN, name, data, user=user(ADMIN))
        api.wait_for_sync(lambda: bool(api.calls("getFile") or api.sent(ADMIN)), 30)
        asked = time.monotonic()
        api.send_text(STAFF, "第33项是谁负责", user=user(STAFF))
        api.wait_for_messages_sync(STAFF, 1, timeout=60)
        staff = time.monotonic() - asked
        [refused] = api.wait_for_messages_sync(ADMIN, 1, timeout=60)
        took = time.monotonic() - sent
        bot_peak = rss_kb(running.process.pid, "VmHWM:")
    finally:
        sampler.done.set()
        try:
            running.stop()
        except subprocess.TimeoutExpired:  # a read that will not end (the unbounded reader)
            running.process.kill()
            running.process.wait()
    reason = refused.text.split("有误：", 1)[-1][:28]
    return (
        f"{name:12} {len(data) / 1024:9.1f} KB  拒收 {took:5.2f} s  员工等待 {staff:5.2f} s  "
        f"机器人峰值 {bot_peak / 1024:5.0f} MB  读取进程峰值 {sampler.peak / 1024:5.0f} MB  {reason}"
    )


def main() -> int:
    for name, build in FILES.items():
        data = build()
        with FakeBotApi() as api, tempfile.TemporaryDirectory() as scratch:
            print(measure(api, Path(scratch), name, data), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
