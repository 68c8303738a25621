"""End-to-end answer latency on WeCom, and a fan-out through the real process.

The real bot process (`python -m bot run`, WeCom alone) against the fake WeCom server on
loopback. Latency: per question, from WeCom's callback POST (really encrypted and signed) to
the fake server receiving the bot's ``message/send`` with the answer; each question comes from
another member, so per-member pacing never applies. Fan-out: N members of 办公室 are nudged at
09:00 on 2021-11-15 (--now); reported are the time from the first to the last delivered
message and the messages WeCom would have dropped (must be 0).
A first contact costs two durable writes before the answer (the callback into the inbox, the
member into the address book): the askers are put in the address book beforehand unless
`--first-contact`. Each asks once (an answer may be several messages, and a member's next
question would measure the pacing).
Run: .venv/bin/python bench/wecom_latency.py [--questions N] [--gap S] [--members N]
[--first-contact]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.e2e_latency import QUESTIONS, percentile  # noqa: E402
from bot.people.addresses import Addresses  # noqa: E402
from bot.store.storage import Store  # noqa: E402
from tests.e2e.wecom import (  # noqa: E402
    WeComUser,
    free_port,
    seed_wecom,
    start,
    wait_until,
    write_config,
)
from tests.fakewecom import FakeWeCom  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")


def measure(
    count: int = 300, gap: float = 0.05, members: int = 200, *, first_contact: bool = False
) -> dict:
    """Ask `count` questions `gap` s apart after a fan-out to `members` people, each from
    another member (in the address book already unless `first_contact`)."""
    with tempfile.TemporaryDirectory() as folder, FakeWeCom() as fake:
        workdir = Path(folder)
        port = free_port()
        write_config(workdir, fake, port, admins=["zhangsan"])
        staff = [f"staff{n:04d}" for n in range(members)]
        askers = [f"asker{i:04d}" for i in range(count)]
        since = datetime(2021, 11, 1, 9, tzinfo=ZONE)
        seed_wecom(workdir, dict.fromkeys(staff, "办公室"), since)
        if not first_contact:
            with Store(workdir / "data" / "bot.json") as store:
                addresses = Addresses(store)
                for asker in askers:
                    addresses.id_for("wecom", asker)
        running = start(workdir, "--now", "2021-11-15T08:59:57+08:00")
        try:
            wait_until(lambda: len(fake.messages()) >= 2 * members, running, timeout=300)
            times = [m.at for m in fake.messages()]
            fan_out = {"members": members, "seconds": max(times) - min(times)}
            fan_out["drops"] = sum(fake.drops.values())
            wecom = WeComUser(port)
            latencies = []
            for i in range(count):
                asker = askers[i]
                queued = time.monotonic()
                wecom.text(asker, QUESTIONS[i % len(QUESTIONS)])
                wait_until(lambda a=asker: fake.messages(a), running)
                latencies.append((fake.messages(asker)[0].at - queued) * 1000)
                time.sleep(gap)
        finally:
            running.stop()
    warm = latencies[5:]
    return {
        "questions": len(warm),
        "p50_ms": statistics.median(warm),
        "p99_ms": percentile(warm, 0.99),
        "max_ms": max(warm),
        "fan_out": fan_out,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--gap", type=float, default=0.05)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--first-contact", action="store_true", help="askers not yet known")
    args = parser.parse_args()
    result = measure(args.questions, args.gap, args.members, first_contact=args.first_contact)
    fan_out = result["fan_out"]
    print(
        f"WeCom answer latency over loopback, {result['questions']} questions (after 5 warm-up):"
    )
    print(
        f"  p50 {result['p50_ms']:.1f} ms   p99 {result['p99_ms']:.1f} ms   "
        f"max {result['max_ms']:.1f} ms"
    )
    print(
        f"WeCom fan-out: {fan_out['members']} nudges (text + card each) in "
        f"{fan_out['seconds']:.2f} s, {fan_out['drops']} dropped"
    )


if __name__ == "__main__":
    main()
