"""Which due dates a unit is held to now: the notice's milestones, moved by granted extensions.

The one place that answers it; reports, 延期申请, nudges, the office's views and buttons under a
nudge all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from bot.ledger.deadlines import Milestone
from bot.ledger.history import Ledger

Deadlines = Mapping[int, tuple[Milestone, ...]]
Moved = Mapping[tuple[int, str, date], date]


def unit_dues(
    task: int, unit: str, milestones: Iterable[Milestone], moved: Moved
) -> tuple[date, ...]:
    """The unit's due dates on `task`, in order: each milestone's, or the date it was moved to.

    The rule itself, over plain data (`moved`: (task, unit, planned due) → new date), for the
    pure planners; code holding a ledger asks `milestones_for`.
    """
    return tuple(sorted({moved.get((task, unit, m.due), m.due) for m in milestones}))


def milestones_for(ledger: Ledger, deadlines: Deadlines, task: int, unit: str) -> tuple[date, ...]:
    """The dates `unit` is held to on `task`, in order: each milestone's, or where an extension
    granted to the unit moved it."""
    return unit_dues(task, unit, deadlines.get(task, ()), ledger.moved())


def is_milestone(ledger: Ledger, deadlines: Deadlines, task: int, due: date | None) -> bool:
    """True when some unit is or was held to `due` on `task`: a planned date, or one an
    extension moved a unit to (a button under an older nudge names such a date)."""
    moved_to = {to for (number, _, _), to in ledger.moved().items() if number == task}
    return due in {m.due for m in deadlines.get(task, ())} | moved_to


def open_dues(ledger: Ledger, deadlines: Deadlines, task: int, unit: str) -> tuple[date, ...]:
    """The dates `unit` is held to on `task` (`milestones_for`) that no report in force has
    closed as 已完成, in order; a report naming no unit (None) closes a date for everyone."""
    done = ledger.done()
    return tuple(
        due
        for due in milestones_for(ledger, deadlines, task, unit)
        if (task, unit, due) not in done and (task, None, due) not in done
    )
