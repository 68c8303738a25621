"""Kill the real bot with SIGKILL while staff report; used by a short test and a long bench.

Twenty users of 综合科 take turns sending numbered reports on task 17 (综合科 配合 through
各科室（单位）), one every 50–100 ms, so each user every 1–2 s, while the bot is killed at random
moments and restarted. Reports sent while it is down wait on the server, as Telegram holds
updates. Afterwards every number sent must be in the
ledger once and acknowledged with 已记录 (a kill may cost a repeated 已记录, never a report),
and no temp file be left.
"""

from __future__ import annotations

import os
import random
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.ledger.store import LEDGER_DIR, LedgerStore
from tests.e2e.conftest import launch, user
from tests.e2e.test_nudges import seed
from tests.fakebotapi import FakeBotApi
from tests.handlers.soak import tag, untag

USERS = tuple(range(7000, 7020))
# Each report numbered in letters (a simple form, recorded at once: no number in it).
_ACKED = re.compile(r"^已记录：综合科 第17项 进行中（[^）]*）：正在报送稿件([a-j]+)")
_NUMBER = re.compile(r"稿件([a-j]+)")


@dataclass
class ReportTorture:
    """Counts of one run; `problems` empty means every acknowledged report was kept once."""

    kills: int = 0
    sent: int = 0
    acknowledged: int = 0
    recorded: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"kill -9 {self.kills} 次：发出 {self.sent} 条，确认（已记录）{self.acknowledged} 条，"
            f"台账 {self.recorded} 条；问题 {len(self.problems)} 个"
        )


def _report_continually(
    api: FakeBotApi, stop: threading.Event, sent: list[int], seed: int
) -> None:
    rng = random.Random(seed)
    number = 0
    while not stop.is_set():
        number += 1
        who = USERS[number % len(USERS)]
        api.send_text(who, f"第17项：正在报送稿件{tag(number)}", user=user(who))
        sent.append(number)
        time.sleep(rng.uniform(0.05, 0.1))  # each user every 1–2 s, as fast as replies go


def report_torture(api: FakeBotApi, workdir: Path, kills: int, seed_value: int) -> ReportTorture:
    """Kill the bot `kills` times while users report, restart it, then check the ledger."""
    seed(workdir, dict.fromkeys(USERS, "综合科"))
    rng = random.Random(seed_value)
    stop = threading.Event()
    sent: list[int] = []
    writer = threading.Thread(target=_report_continually, args=(api, stop, sent, seed_value))
    writer.start()
    try:
        for _ in range(kills):
            running = launch(api, workdir)
            time.sleep(rng.uniform(0.5, 2.5))
            os.kill(running.process.pid, signal.SIGKILL)
            running.process.wait(timeout=20)
    finally:
        stop.set()
        writer.join()
    final = launch(api, workdir)  # handles what waited on the server, then stops cleanly
    api.wait_for_sync(lambda: not api.pending_updates(), 60)
    assert final.stop() == 0, final.log_text()
    return _check(api, workdir, kills, sent)


def _check(api: FakeBotApi, workdir: Path, kills: int, sent: list[int]) -> ReportTorture:
    acked = [
        untag(match.group(1))
        for who in USERS
        for text in api.texts(who)
        if (match := _ACKED.match(text))
    ]
    with LedgerStore(workdir / "data" / LEDGER_DIR) as ledger:
        recorded = [untag(_NUMBER.search(r["x"]).group(1)) for r in ledger.records()]
    report = ReportTorture(kills, len(sent), len(acked), len(recorded))
    missing = sorted(set(acked) - set(recorded))
    if missing:
        report.problems.append(f"已确认却不在台账中：{missing[:10]}")
    # Updates are confirmed to Telegram only once handled, so a kill loses none of them.
    unrecorded = sorted(set(sent) - set(recorded))
    if unrecorded:
        report.problems.append(f"发出却没记入台账：{unrecorded[:10]}（共 {len(unrecorded)} 条）")
    unacknowledged = sorted(set(sent) - set(acked))
    if unacknowledged:
        report.problems.append(
            f"发出却没收到“已记录”：{unacknowledged[:10]}（共 {len(unacknowledged)} 条）"
        )
    if len(recorded) != len(set(recorded)):
        report.problems.append("同一条进展记了两次")
    if not set(recorded) <= set(sent):
        report.problems.append("台账里有没人发过的进展")
    leftovers = [p.name for p in (workdir / "data").rglob("*.tmp")]
    if leftovers:
        report.problems.append(f"遗留临时文件：{leftovers}")
    return report
