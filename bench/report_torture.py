"""Kill -9 torture of the real bot while staff report (goal G2), many kills.

See tests/e2e/report_torture.py: twenty users take turns reporting every 50–100 ms; the bot is
killed with SIGKILL after 0.5–2.5 s, again and again, then restarted once more to drain what
waited on the server. Prints how many reports were sent, acknowledged (已记录) and recorded, and every broken
promise (a report sent but not recorded or never acknowledged, a report recorded twice, a
leftover temp file).
Run: .venv/bin/python bench/report_torture.py [--kills 100] [--seed 1]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import as_dict, torture_main

from tests.e2e.report_torture import ReportTorture, report_torture
from tests.fakebotapi import FakeBotApi


def run(kills: int, seed: int) -> ReportTorture:
    with tempfile.TemporaryDirectory() as workdir, FakeBotApi() as api:
        return report_torture(api, Path(workdir), kills, seed)


def measure(kills: int = 100, seed: int = 1) -> dict:
    """`run`'s counts and problems as a dict."""
    return as_dict(run(kills, seed))


if __name__ == "__main__":
    raise SystemExit(torture_main(__doc__, "kills", 100, run))
