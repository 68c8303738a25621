"""Where the notice stands: each unit's standing on each task, graded, counted. Pure.

A unit's standing on a task is about its *current milestone*: the earliest due date it has not
reported done (the last one once all are done). In order of precedence:

- 已完成: every milestone reported done (or, for a task without a due date, the latest report
  says 已完成);
- 逾期: the current milestone's due date has passed;
- 有困难 / 进行中: the latest report about the current milestone says so;
- 未反馈: no report about the current milestone (a report on an earlier one does not count).

A task's standing sums up its units': 已完成 when all are done, else the most urgent of 逾期,
有困难, 进行中 (some reported) and 未反馈 (none did). The overview also carries the on-time
figures of every milestone (`bot.office.ontime`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.answers.model import Knowledge
from bot.duties import task_holders
from bot.ledger.history import Entry, Ledger
from bot.ledger.milestones import milestones_for
from bot.ledger.reports import Status
from bot.office.ontime import OnTime, ontime_figures
from bot.plan import Role
from bot.reminders.nudges import DigestSettings, Level, grade
from bot.workdays import workdays_between

__all__ = ["Overview", "Standing", "UnitStanding", "build_overview", "current_due"]


class Standing(StrEnum):
    """Where a unit (or a task) stands, in the order the office reads them."""

    DONE = "已完成"
    ONGOING = "进行中"
    BLOCKED = "有困难"
    SILENT = "未反馈"
    LATE = "逾期"


_FROM_STATUS = {Status.BLOCKED: Standing.BLOCKED, Status.ONGOING: Standing.ONGOING}


@dataclass(frozen=True, slots=True)
class UnitStanding:
    """One unit on one task: its role, current milestone, standing and latest report."""

    task: int
    unit: str
    role: Role
    via: str | None
    due: date | None
    standing: Standing
    latest: Entry | None
    level: Level | None
    workdays_left: int | None  # negative when overdue

    @property
    def reported(self) -> bool:
        """True when done, or when the latest report is about the current milestone."""
        return self.standing is Standing.DONE or (
            self.latest is not None and self.latest.due(self.task) == self.due
        )


def current_due(
    task: int, unit: str, dues: Sequence[date], done: Collection[tuple]
) -> tuple[date | None, bool]:
    """The unit's current due date of `task` (from `milestones_for`), and whether all are done."""
    for due in dues:
        if (task, unit, due) not in done and (task, None, due) not in done:
            return due, False
    return (dues[-1] if dues else None), bool(dues)


def _standing(
    task: int, due: date | None, all_done: bool, latest: Entry | None, today: date
) -> Standing:
    if all_done or (due is None and latest is not None and latest.status is Status.DONE):
        return Standing.DONE
    if due is not None and due < today:
        return Standing.LATE
    if latest is not None and latest.due(task) == due and latest.status in _FROM_STATUS:
        return _FROM_STATUS[latest.status]
    return Standing.SILENT


@dataclass(frozen=True, slots=True)
class Overview:
    """Every (task, unit) standing on `today`, in notice order, units in registry order."""

    today: date
    rows: tuple[UnitStanding, ...]
    units: tuple[str, ...]  # every unit holding a task, in registry order
    ontime: OnTime | None = None  # the 按期完成 figures, when worked out

    def of_task(self, task: int) -> tuple[UnitStanding, ...]:
        """The units holding `task`, with their standings."""
        return tuple(r for r in self.rows if r.task == task)

    def of_unit(self, unit: str) -> tuple[UnitStanding, ...]:
        """The tasks `unit` holds, with its standings."""
        return tuple(r for r in self.rows if r.unit == unit)

    def task_standing(self, task: int) -> Standing | None:
        """The task's standing from its units'; None when no unit holds it yet."""
        standings = {r.standing for r in self.of_task(task)}
        if not standings:
            return None
        if standings == {Standing.DONE}:
            return Standing.DONE
        for urgent in (Standing.LATE, Standing.BLOCKED):
            if urgent in standings:
                return urgent
        return (
            Standing.ONGOING if standings & {Standing.ONGOING, Standing.DONE} else Standing.SILENT
        )

    def task_counts(self, tasks: Iterable[int]) -> Counter[Standing]:
        """How many of `tasks` stand where (tasks no unit holds yet are left out)."""
        return Counter(s for t in tasks if (s := self.task_standing(t)) is not None)

    def unit_counts(self) -> dict[str, Counter[Standing]]:
        """Per unit, how many of its tasks stand where; units in registry order."""
        counts: dict[str, Counter[Standing]] = {unit: Counter() for unit in self.units}
        for row in self.rows:
            counts[row.unit][row.standing] += 1
        return counts

    def not_reported(self) -> tuple[UnitStanding, ...]:
        """Units that have not reported on their current milestone (done ones aside)."""
        return tuple(r for r in self.rows if not r.reported)

    def warnings(self) -> tuple[UnitStanding, ...]:
        """Open rows graded 红/黄/蓝, most urgent first, then by due date and task."""
        order = list(Level)
        graded = [r for r in self.rows if r.level is not None and r.standing is not Standing.DONE]
        return tuple(sorted(graded, key=lambda r: (order.index(r.level), r.due, r.task)))


def build_overview(
    know: Knowledge,
    ledger: Ledger,
    today: date,
    settings: DigestSettings | None = None,
) -> Overview:
    """Every unit's standing on every task it holds, as of `today`, graded by `settings`."""
    settings = settings or DigestSettings()
    done = ledger.done()
    rows = []
    for number, units in task_holders(know.plan, know.registry).items():
        for unit, duty in units.items():
            dues = milestones_for(ledger, know.deadlines, number, unit)
            due, all_done = current_due(number, unit, dues, done)
            latest = ledger.latest(number, unit)
            standing = _standing(number, due, all_done, latest, today)
            left = workdays_between(today, due) if due is not None else None
            level = None
            if due is not None and left is not None and standing is not Standing.DONE:
                level = grade(due, today, left, settings)
            rows.append(
                UnitStanding(number, unit, duty.role, duty.via, due, standing, latest, level, left)
            )
    holding = {row.unit for row in rows}
    units = tuple(u.name for u in know.registry.units if u.name in holding)
    return Overview(today, tuple(rows), units, ontime_figures(know, ledger, today))
