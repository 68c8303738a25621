"""Kill the real bot with SIGKILL while staff report: every 已记录 they saw is in the 台账.

Five users of 综合科 send numbered reports on task 17 (综合科 配合 through 各科室（单位）) every few
tens of milliseconds while the bot is killed at random moments and restarted. Reports sent while
it is down wait on the server, as Telegram holds updates. Afterwards each acknowledged number
must be in the ledger exactly once, every shard must parse, and no temp file may be left.
"""

from __future__ import annotations

import os
import random
import re
import signal
import threading
import time

from bot.ledger_store import LEDGER_DIR, LedgerStore
from tests.e2e.conftest import launch, user
from tests.e2e.test_nudges import seed

KILLS = 8
USERS = tuple(range(7000, 7005))
_ACKED = re.compile(r"^已记录：综合科 第17项 进行中（[^）]*）：已报送稿件(\d+)篇")


def test_every_acknowledged_report_survives_kill_9(api, tmp_path):
    seed(tmp_path, dict.fromkeys(USERS, "综合科"))
    rng = random.Random(17)
    stop = threading.Event()
    sent: list[int] = []

    def staff() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            who = USERS[number % len(USERS)]
            api.send_text(who, f"第17项：已报送稿件{number}篇", user=user(who))
            sent.append(number)
            time.sleep(rng.uniform(0.01, 0.06))

    writer = threading.Thread(target=staff)
    writer.start()
    try:
        for _ in range(KILLS):
            running = launch(api, tmp_path)
            time.sleep(rng.uniform(0.5, 2.5))
            os.kill(running.process.pid, signal.SIGKILL)
            running.process.wait(timeout=20)
        stop.set()
        writer.join()
        final = launch(api, tmp_path)  # drains what waited on the server, then stops cleanly
        api.wait_for_sync(lambda: not api.pending_updates(), 30)
        assert final.stop() == 0
    finally:
        stop.set()
        writer.join()

    acked = [
        int(match.group(1))
        for who in USERS
        for text in api.texts(who)
        if (match := _ACKED.match(text))
    ]
    with LedgerStore(tmp_path / "data" / LEDGER_DIR) as ledger:
        recorded = [int(re.search(r"(\d+)篇", r["x"]).group(1)) for r in ledger.records()]
    assert len(acked) > KILLS, f"too few acknowledged reports to mean anything: {len(acked)}"
    assert set(acked) <= set(recorded), sorted(set(acked) - set(recorded))
    assert len(recorded) == len(set(recorded)), "a report was recorded twice"
    assert set(recorded) <= set(sent)
    leftovers = [p.name for p in (tmp_path / "data").rglob("*.tmp")]
    assert leftovers == []
