"""按期完成率: the milestones closed on time, per unit, per section and for the notice. Pure.

A milestone is one due date a unit is held to on a task it holds (`milestones_for`: the notice's
or the office's date, or where a granted extension moved it; a task without a due date has
none). It is closed on the date of the first report in force saying 已完成 about it
(`Ledger.closed`: a withdrawn report, or one the office returned, closes nothing), in the time
zone the report was recorded in. As of `today`, a milestone is

- 按期完成: closed on or before its due date;
- 逾期完成: closed after it;
- 逾期未完成: open, and its due date is before today;
- 未到期: open, and due today or later.

按期完成率 = 按期完成 ÷ (按期完成 + 逾期完成 + 逾期未完成), that is over the milestones closed or
overdue; there is none when no milestone is either. Days early or late are calendar days (自然日)
from the due date to the close, negative when early, counted for closed milestones only; the
figures give their median.

Units come in the notice's order of appearance, sections in the notice's order: nothing is
sorted by rate and no unit is singled out.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.answers.model import Knowledge
from bot.duties import Duty, task_holders
from bot.ledger.history import Ledger
from bot.ledger.milestones import milestones_for
from bot.plan import Plan, Section
from bot.registry.units import Group, Registry, Unit

__all__ = ["Mark", "OnTime", "Outcome", "Tally", "notice_order", "ontime_figures"]


class Outcome(StrEnum):
    """Where one milestone stands against its due date."""

    ON_TIME = "按期完成"
    LATE = "逾期完成"
    OVERDUE = "逾期未完成"
    OPEN = "未到期"


@dataclass(frozen=True, slots=True)
class Mark:
    """One unit's milestone on one task: its due date, the date it was closed, its outcome."""

    task: int
    unit: str
    due: date
    closed: date | None
    outcome: Outcome

    @property
    def days(self) -> int | None:
        """Calendar days from the due date to the close (negative when early); None if open."""
        return (self.closed - self.due).days if self.closed is not None else None


@dataclass(frozen=True, slots=True)
class Tally:
    """The milestones of one unit, section or the notice, counted by outcome."""

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0
    days: tuple[int, ...] = ()  # of the closed milestones, in the order counted

    @classmethod
    def of(cls, marks: Iterable[Mark]) -> Tally:
        """The tally of `marks`."""
        marks = tuple(marks)

        def count(outcome: Outcome) -> int:
            return sum(m.outcome is outcome for m in marks)

        days = tuple(d for m in marks if (d := m.days) is not None)
        return cls(
            count(Outcome.ON_TIME),
            count(Outcome.LATE),
            count(Outcome.OVERDUE),
            count(Outcome.OPEN),
            days,
        )

    @property
    def counted(self) -> int:
        """The milestones the rate is over: closed, or open and overdue."""
        return self.on_time + self.late + self.overdue

    @property
    def total(self) -> int:
        """Every milestone, those not yet due included."""
        return self.counted + self.open

    @property
    def rate(self) -> float | None:
        """按期完成率, from 0 to 1; None when no milestone is closed or overdue."""
        return self.on_time / self.counted if self.counted else None

    @property
    def median_days(self) -> float | None:
        """The median calendar days early (negative) or late of the closed milestones."""
        return statistics.median(self.days) if self.days else None


@dataclass(frozen=True, slots=True)
class OnTime:
    """The on-time figures as of `today`: every milestone, and their tallies."""

    today: date
    marks: tuple[Mark, ...]  # by task in notice order, units in registry order within a task
    notice: Tally
    sections: tuple[tuple[Section, Tally], ...]  # every section, in the notice's order
    units: tuple[tuple[str, Tally], ...]  # every unit holding a task, in notice order


def _outcome(due: date, closed: date | None, today: date) -> Outcome:
    if closed is not None:
        return Outcome.ON_TIME if closed <= due else Outcome.LATE
    return Outcome.OVERDUE if due < today else Outcome.OPEN


def _units_of(entry: Unit | Group | None, registry: Registry) -> tuple[Unit, ...]:
    if isinstance(entry, Unit):
        return (entry,)
    return registry.members(entry) if isinstance(entry, Group) else ()


def notice_order(
    plan: Plan, registry: Registry, holders: Mapping[int, Mapping[str, Duty]]
) -> tuple[str, ...]:
    """The units holding a task, in the order the notice first names them (a group phrase
    names its members in registry order there)."""
    order: dict[str, None] = {}
    for task in plan.tasks:
        held = holders.get(task.number, {})
        for party in task.parties:
            for unit in _units_of(registry.lookup(party.name), registry):
                if unit.name in held:
                    order.setdefault(unit.name)
    return tuple(order)


def ontime_figures(know: Knowledge, ledger: Ledger, today: date) -> OnTime:
    """Every milestone of every unit holding a task, its outcome as of `today`, and the tallies."""
    holders = task_holders(know.plan, know.registry)
    closes = ledger.closed()
    marks = []
    for number, units in holders.items():
        for unit in units:
            for due in milestones_for(ledger, know.deadlines, number, unit):
                # A close naming no unit closes the date for everyone, as in `open_dues`.
                moments = [closes.get((number, u, due)) for u in (unit, None)]
                closed = min((m.date() for m in moments if m is not None), default=None)
                marks.append(Mark(number, unit, due, closed, _outcome(due, closed, today)))
    sections = tuple(
        (section, Tally.of(m for m in marks if _section(know.plan, m.task) == section.number))
        for section in know.plan.sections
    )
    units = tuple(
        (unit, Tally.of(m for m in marks if m.unit == unit))
        for unit in notice_order(know.plan, know.registry, holders)
    )
    return OnTime(today, tuple(marks), Tally.of(marks), sections, units)


def _section(plan: Plan, number: int) -> int | None:
    task = plan.task(number)
    return task.section if task is not None else None
