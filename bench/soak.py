"""24 simulated hours in process (goal: memory growth <= 5 MB): see tests/handlers/soak.py.

The Nudger wakes every simulated minute and 10k messages (reports, questions, 我科室进展) from
three users of every unit are spread over the day. Prints the run's summary, the growth of our
code's heap after a 10 % warm-up (tracemalloc, limited to bot/, handlers/, telegram, apscheduler,
tinydb and httpx, since the fake Bot API lives in the same process and keeps every message), and
the process RSS for reference (it includes the fake's records).
Run: .venv/bin/python bench/soak.py [--hours 24] [--updates 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import Knowledge  # noqa: E402
from bot.deadlines import plan_deadlines  # noqa: E402
from bot.loader import load_plan  # noqa: E402
from bot.registry import load_registry  # noqa: E402
from tests.handlers.soak import soak  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=24)
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    registry = load_registry(ROOT / "data" / "units.toml")
    plan = load_plan(ROOT / "data" / "notice-2021.txt", registry)
    know = Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2021, 12, 31)))
    tracemalloc.start()
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(
            soak(
                know,
                Path(tmp),
                hours=args.hours,
                updates=args.updates,
                seed=args.seed,
                measure=True,
            )
        )
    print(result.summary())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"我方代码内存增长 {result.heap_growth_kb / 1024:.2f} MB（目标 ≤ 5 MB）；进程峰值 RSS {peak_mb:.0f} MB"
    )
    print(f"用时 {time.monotonic() - began:.0f} s")
    for problem in result.problems:
        print("问题：", problem)
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
