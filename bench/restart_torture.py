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

from common import torture_main

from tests.e2e.torture import Report, torture
from tests.fakebotapi import FakeBotApi


def run(cycles: int, seed: int) -> Report:
    with tempfile.TemporaryDirectory() as workdir, FakeBotApi() as api:
        return torture(api, Path(workdir), cycles, seed)


if __name__ == "__main__":
    raise SystemExit(torture_main(__doc__, "cycles", 200, run))
