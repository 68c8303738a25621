"""Appends ledger records until killed; the kill test in test_ledger_store.py runs it.

Usage: python ledger_writer.py DIRECTORY TRIAL. Prints `ack <chat> <message> <id>` only after
the append has returned, i.e. after the record is on disk. Records walk into new months (so a
crash can hit the first write of a shard) and now and then go back to an older month.
"""

from __future__ import annotations

import itertools
import random
import sys
from datetime import UTC, datetime

from bot.ledger.store import LedgerStore

MONTHS = 36


def main() -> None:
    directory, trial = sys.argv[1], int(sys.argv[2])
    rng = random.Random(trial)
    store = LedgerStore(directory)
    for n in itertools.count():
        month = rng.randrange(MONTHS) if rng.random() < 0.2 else (trial * 5 + n // 8) % MONTHS
        at = datetime(2021 + month // 12, month % 12 + 1, 15, tzinfo=UTC)
        record = {"chat": trial, "message": n, "text": "进展" * rng.randint(1, 40)}
        record_id = store.append(record, at=at)
        if record_id is None or store.append(record, at=at) is not None:
            sys.exit(f"dedup failed for {record}")
        sys.stdout.write(f"ack {trial} {n} {record_id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
