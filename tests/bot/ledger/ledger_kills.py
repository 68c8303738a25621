"""Kill a ledger writer with SIGKILL again and again; shared by the test and `bench/ledger_kills.py`.

Each round starts `ledger_writer.py`, lets it append for a random moment, kills it, then checks
that every shard parses, every acknowledged record is present with its id, and no temp file is
left once the store has been opened again.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.ledger.store import LedgerStore

ROOT = Path(__file__).resolve().parents[3]
WRITER = Path(__file__).with_name("ledger_writer.py")


@dataclass
class KillReport:
    """What the rounds found; `problems` empty means nothing acknowledged was lost."""

    kills: int = 0
    acknowledged: int = 0
    mid_write: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: kills, acknowledged records, kills that hit a write."""
        return (
            f"{self.kills} 次 kill -9：已确认 {self.acknowledged} 条记录，其中 {self.mid_write} 次"
            f"杀在写入中途（留下临时文件，下次打开时清理）；问题 {len(self.problems)} 个"
        )


def _temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def kill_rounds(directory: Path, kills: int, rng: random.Random) -> KillReport:
    """Run `kills` rounds of append-then-SIGKILL on the ledger in `directory`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    report = KillReport()
    acked: dict[tuple[int, int], int] = {}
    for trial in range(kills):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(directory), str(trial)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is in its loop
        time.sleep(rng.uniform(0.0, 0.12))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
        report.kills += 1
        # A line cut by the kill has no newline and does not count as acknowledged.
        for line in [first, *out.splitlines(keepends=True)]:
            if line.startswith("ack ") and line.endswith("\n"):
                _, chat, message, record_id = line.split()
                acked[int(chat), int(message)] = int(record_id)
        report.mid_write += bool(_temp_files(directory))
        for shard in directory.glob("ledger-*.json"):
            try:
                json.loads(shard.read_text(encoding="utf-8"))
            except ValueError as error:
                report.problems.append(f"{shard.name} 无法解析：{error}")
        with LedgerStore(directory) as store:
            stored = {(r["chat"], r["message"]): r["id"] for r in store.records()}
        lost = [key for key, record_id in acked.items() if stored.get(key) != record_id]
        if lost:
            report.problems.append(f"第 {trial} 轮后丢失已确认的记录：{lost[:5]}")
        if _temp_files(directory):
            report.problems.append(f"第 {trial} 轮后遗留临时文件：{_temp_files(directory)}")
    report.acknowledged = len(acked)
    return report
