"""Restart torture (goal G1): the real bot killed with SIGKILL or stopped with SIGTERM, many times.

Each cycle starts `python -m bot run` with its clock (--now) at a random later instant (just
before 09:00 on a working day, later the same day, or after one to three days of downtime), lets
it run 0.5–6 s and kills (half the time) or stops it. The fake Bot API records every message;
`tests.e2e.torture.check` matches them against the pure nudge plan of the year-end weeks of the
shipped notice. Prints the counts and every broken promise (missed, duplicated beyond the sends
logged as ambiguous, catch-up slower than 60 s, unreadable file, leftover temp file).
Run: .venv/bin/python bench/restart_torture.py [--cycles 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.torture import torture  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir, FakeBotApi() as api:
        report = torture(api, Path(workdir), args.cycles, args.seed)
    print(report.summary())
    print(f"用时 {time.monotonic() - began:.0f} s")
    for problem in report.problems:
        print("问题：", problem)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
