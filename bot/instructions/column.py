"""The 批示 per task, as the 台账's 批示 column shows it. Pure."""

from __future__ import annotations

from collections import defaultdict

from bot.instructions.texts import lines
from bot.ledger.history import Entry, Ledger

__all__ = ["instruction_cells", "instructions_on"]


def instructions_on(task: int, ledger: Ledger) -> list[Entry]:
    """Every 批示 on `task` (its current number), oldest first."""
    return [e for e in ledger.instructions() if task in e.tasks]


def instruction_cells(ledger: Ledger) -> dict[int, str]:
    """Task number → its 批示, one a line (``领导批示：…（张局长，11月16日）``); tasks with
    none are left out. For the export's 批示 column: ``cells.get(task.number, "")``."""
    by_task: dict[int, list[Entry]] = defaultdict(list)
    for entry in ledger.instructions():
        for task in entry.tasks:
            by_task[task].append(entry)
    return {task: lines(entries) for task, entries in sorted(by_task.items())}
