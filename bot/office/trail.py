"""What the 台账's 佐证, 复核 and 批示 columns say of each task, worked out once per export.

Pure: from the ledger's history as written (passed in, as the 历史 sheet reads it too) and the
views the ledger keeps for evidence, 批示 and reports waiting for review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.evidence.listing import by_task
from bot.instructions.column import instruction_cells
from bot.ledger.history import RETURN, VERIFY, Entry, Ledger
from bot.reminders.texts import moment_label

__all__ = ["Trail", "review_cells", "trail_of"]


@dataclass(frozen=True, slots=True)
class Trail:
    """Task number → the text of its 佐证, 复核 and 批示 cells (tasks with none left out)."""

    evidence: dict[int, str]
    reviews: dict[int, str]
    instructions: dict[int, str]


def review_cells(history: Sequence[Entry], waiting: Sequence[Entry]) -> dict[int, str]:
    """Task → its 复核 cell, one line per decision in order and then what still waits:
    ``综合科：通过（王主任，11月16日 10:00）``, ``综合科：退回（王主任，11月16日 10:00）：缺少文号``,
    ``综合科：待复核（报于11月17日 09:00）``. A ``b`` record is a 退回 (a review's or /return's)."""
    lines: dict[int, list[str]] = {}
    for entry in history:
        if entry.kind not in (VERIFY, RETURN):
            continue
        verdict = "通过" if entry.kind == VERIFY else "退回"
        line = f"{entry.unit}：{verdict}（{entry.name}，{moment_label(entry.at)}）"
        if entry.kind == RETURN and entry.text:
            line += f"：{entry.text}"
        for task in entry.tasks:
            lines.setdefault(task, []).append(line)
    for report in waiting:
        for task in report.tasks:
            lines.setdefault(task, []).append(
                f"{report.unit}：待复核（报于{moment_label(report.at)}）"
            )
    return {task: "\n".join(found) for task, found in lines.items()}


def trail_of(ledger: Ledger, history: Sequence[Entry]) -> Trail:
    """The three columns' cells of `ledger`, `history` being its records as written."""
    return Trail(
        by_task(ledger),
        review_cells(history, ledger.awaiting_review()),
        instruction_cells(ledger),
    )
