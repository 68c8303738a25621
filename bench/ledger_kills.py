"""Kill -9 torture of the ledger store (goal G2): ≥ 1000 SIGKILLs while a writer appends.

Each round starts tests/bot/ledger/ledger_writer.py, which appends records across monthly shards and
prints an ack after each append returns; the round kills it at a random moment, then checks
every shard parses, every acknowledged record is present with its id, and no temp file is left
after the store is opened again. Prints the counts and any broken promise.
Run: .venv/bin/python bench/ledger_kills.py [--kills 1000] [--seed 1]
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from common import as_dict, torture_main

from tests.bot.ledger.ledger_kills import KillReport, kill_rounds


def run(kills: int, seed: int) -> KillReport:
    with tempfile.TemporaryDirectory() as workdir:
        return kill_rounds(Path(workdir) / "ledger", kills, random.Random(seed))


def measure(kills: int = 1000, seed: int = 1) -> dict:
    """`run`'s counts and problems as a dict."""
    return as_dict(run(kills, seed))


if __name__ == "__main__":
    raise SystemExit(torture_main(__doc__, "kills", 1000, run))
