"""24 simulated hours in process (goal: memory growth <= 5 MB): see tests/handlers/soak.py.

The Nudger wakes every simulated minute and 10k messages (reports, questions, 我科室进展) from
three users of every unit are spread over the day. The day is run twice; each prints its
summary and what grew from a 10 % warm-up to the end:
1. the process RSS, with nothing instrumented (tracemalloc's tables and snapshots would add
   megabytes of their own). The fake Bot API lives in the same process; the soak has it
   forget each simulated minute, so what it keeps does not grow;
2. under tracemalloc, the heap: blocks allocated in our code (bot/, handlers/, telegram,
   apscheduler, tinydb, httpx), in the fake (tests/fakebotapi, aiohttp, yarl, multidict), and
   all of them. --rss-only skips it (each run takes about 6 minutes).
Run: .venv/bin/python bench/soak.py [--hours 24] [--updates 10000] [--seed 1] [--rss-only]
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

from bot.answers.model import Knowledge  # noqa: E402
from bot.ledger.deadlines import plan_deadlines  # noqa: E402
from bot.reading.loader import load_plan  # noqa: E402
from bot.registry.units import load_registry  # noqa: E402
from tests.handlers.soak import Soak, soak  # noqa: E402

GOAL_MB = 5


def run(know: Knowledge, args: argparse.Namespace) -> Soak:
    """One simulated day in a fresh data directory, measured."""
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
    print(result.summary(), f"（用时 {time.monotonic() - began:.0f} s）")
    for problem in result.problems:
        print("问题：", problem)
    return result


def line(label: str, kb: float, records: int) -> str:
    """One growth, in MB and in bytes per ledger record added meanwhile."""
    return f"{label:<16} {kb / 1024:6.2f} MB  {kb * 1024 / max(records, 1):6.0f} B/条"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=24)
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rss-only", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args()
    registry = load_registry(ROOT / "data" / "units.toml")
    plan = load_plan(ROOT / "data" / "notice-2021.txt", registry)
    know = Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2021, 12, 31)))
    plain = run(know, args)
    assert plain.growth is not None
    records = plain.reports_after_warmup
    print(line("RSS 增长", plain.growth.rss, records), f"（目标 ≤ {GOAL_MB} MB）")
    print(f"进程峰值 RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    failed = bool(plain.problems)
    if not args.rss_only:
        tracemalloc.start()
        traced = run(know, args)
        tracemalloc.stop()
        assert traced.growth is not None
        records = traced.reports_after_warmup
        print(line("堆增长：我方代码", traced.growth.ours, records))
        print(line("堆增长：假 Bot API", traced.growth.fake, records))
        print(line("堆增长：全部", traced.growth.heap, records))
        failed = failed or bool(traced.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
