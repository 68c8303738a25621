"""A WeCom fan-out: the paced client against the fake WeCom server that drops silently.

The fake (tests/fakewecom) answers errcode 0 to a member's 31st message in a minute and 1001st
in an hour and does not deliver it; "drops" counts those. The client (handlers/wecom) sends
every message at once (asyncio.gather) through its per-member pacer (25/min, 950/h). Server
and client share a virtual clock, so "simulated" is the time the real pacing would take and
"wall" the real time of the run over HTTP on 127.0.0.1. The last row is the control: a pacer
as loose as WeCom's own ceiling (1000/min), which loses messages without any error.
Run: .venv/bin/python bench/wecom_fanout.py [--members N] [--per-member N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.reminders.outbox import State  # noqa: E402
from handlers.wecom.api import WeComApi  # noqa: E402
from handlers.wecom.pacing import MemberPacer  # noqa: E402
from handlers.wecom.sender import WeComSender  # noqa: E402
from tests.fakewecom import AGENT_ID, CORP_ID, SECRET, FakeWeCom, VirtualClock  # noqa: E402

CASES = (  # label, members, messages per member, per-minute limit of the pacer
    ("one member", 1, 100, 25),
    ("50 members, 2 each", 50, 2, 25),
    ("50 members, 40 each", 50, 40, 25),
    ("300 members, 1 each", 300, 1, 25),
    ("one member, 1200 (hour limit)", 1, 1200, 25),
    ("control: one member, unpaced", 1, 100, 1000),
)


async def run(members: int, per_member: int, per_minute: int) -> dict[str, float]:
    clock = VirtualClock()
    async with FakeWeCom(clock=clock.now) as wecom:
        async with WeComApi(wecom.base_url, CORP_ID, SECRET, AGENT_ID, timer=clock) as api:
            pacer = MemberPacer(clock, per_minute=per_minute, per_hour=max(950, per_minute))
            sender = WeComSender(api, pacer)
            names = [f"staff{n:03d}" for n in range(members)]
            sends = [
                sender.send_text(name, f"第{k + 1}项请报送进度")
                for k in range(per_member)
                for name in names
            ]
            started_virtual, started = clock.now(), time.perf_counter()
            outcomes = await asyncio.gather(*sends)
            wall = time.perf_counter() - started
        return {
            "messages": len(sends),
            "sent": sum(o.state is State.SENT for o in outcomes),
            "delivered": len(wecom.messages()),
            "drops": sum(wecom.drops.values()),
            "simulated": clock.now() - started_virtual,
            "wall": wall,
        }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, help="one extra case: this many members")
    parser.add_argument("--per-member", type=int, default=1)
    args = parser.parse_args()
    cases = list(CASES)
    if args.members:
        cases.append(
            (f"{args.members} members, {args.per_member} each", args.members, args.per_member, 25)
        )
    header = f"{'case':32} {'msgs':>6} {'members':>7} {'sent':>6} {'shown':>6} {'drops':>6}"
    print(f"{header} {'simulated':>10} {'wall':>7}")
    for label, members, per_member, per_minute in cases:
        r = await run(members, per_member, per_minute)
        print(
            f"{label:32} {r['messages']:6d} {members:7d} {r['sent']:6d} {r['delivered']:6d} "
            f"{r['drops']:6d} {r['simulated'] / 60:8.1f} m {r['wall']:6.2f}s"
        )


if __name__ == "__main__":
    asyncio.run(main())
