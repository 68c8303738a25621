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

import tempfile
from pathlib import Path

from common import as_dict, torture_main

from tests.e2e.torture import Report, torture
from tests.fakebotapi import FakeBotApi

# How tests/e2e/torture.py words the problems of a missed and of a duplicated nudge.
MISSED = ("漏发", "运行期间到期却未发出")
DUPLICATED = ("重复",)


def run(cycles: int, seed: int) -> Report:
    with tempfile.TemporaryDirectory() as workdir, FakeBotApi() as api:
        return torture(api, Path(workdir), cycles, seed)


def measure(cycles: int = 200, seed: int = 1) -> dict:
    """`run`'s counts and problems as a dict, with the problems that are a missed nudge
    (`missed`) and a duplicate not explained by an ambiguous send (`unexplained_duplicates`).
    """
    result = as_dict(run(cycles, seed))
    problems = result["problems"]
    result["missed"] = sum(problem.startswith(MISSED) for problem in problems)
    result["unexplained_duplicates"] = sum(problem.startswith(DUPLICATED) for problem in problems)
    return result


if __name__ == "__main__":
    raise SystemExit(torture_main(__doc__, "cycles", 200, run))
