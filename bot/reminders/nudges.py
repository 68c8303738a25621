"""Reminders for each unit: the ladder before a due date, overdue notices, monthly progress.

Pure: the plan, registry, due dates, what is done and the window come in as arguments; nothing
reads the clock or the disk. `plan_nudges` says who is reminded of what on which working day
(`bot.reminders.wakeup` merges a wake-up's nudges per person), and `office_digest` grades the open due
dates for the office.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache

from bot.duties import Duty, task_holders
from bot.ledger.deadlines import Milestone
from bot.ledger.milestones import unit_dues
from bot.plan import PRIMARY, Plan, Role
from bot.registry.units import Registry
from bot.workdays import (
    add_workdays,
    cleared_on_change,
    is_official,
    is_workday,
    workdays_between,
)

# A year's plan asks the same few shifts many times.
_shift = cleared_on_change(lru_cache(maxsize=16384)(add_workdays))

_Done = Collection[tuple[int, str | None, date]]


class Kind(StrEnum):
    """What a nudge is about."""

    AHEAD = "ahead"  # N working days before a due date
    DUE = "due"  # on the due date, or the last working day before it
    OVERDUE = "overdue"  # after a missed due date
    PROGRESS = "progress"  # monthly progress request while no due date is near


@dataclass(frozen=True, slots=True)
class LadderSettings:
    """When nudges go out; every count is in working days."""

    send_time: time = time(9, 0)
    before: tuple[int, ...] = (5, 1, 0)
    cooperate_earlier: int = 2
    progress_day: int = 25
    progress_quiet: int = 10
    overdue_every: int = 5
    overdue_reminders: int = 4
    weekly_cap: int = 3

    def __post_init__(self) -> None:
        if min(self.before, default=0) < 0 or self.cooperate_earlier < 0:
            raise ValueError("提醒的提前天数不能为负数")
        if min(self.overdue_every, self.overdue_reminders, self.weekly_cap) < 1:
            raise ValueError("逾期间隔、逾期提醒次数、每周上限至少为 1")
        if not 1 <= self.progress_day <= 31:
            raise ValueError("每月进度提醒日应在 1 到 31 之间")


@dataclass(frozen=True, slots=True, order=True)
class Nudge:
    """One reminder to one unit about one due date of one task."""

    at: datetime
    unit: str
    task: int
    due: date
    step: str
    kind: Kind
    role: Role
    consolidate: bool = False
    notice: str = PRIMARY  # the key of the notice the task is in (see `bot.notices.catalog`)

    @property
    def id(self) -> str:
        """Stable across runs and windows: (notice,) task, unit, due date and step.

        The first notice's ids carry no notice key, as they did before there were several.
        """
        own = f"{self.task}/{self.unit}/{self.due.isoformat()}/{self.step}"
        return own if self.notice == PRIMARY else f"{self.notice}:{own}"


@dataclass(frozen=True, slots=True)
class _Context:
    """What every nudge of one planning call shares."""

    zone: tzinfo
    settings: LadderSettings
    first: date
    last: date
    closed: frozenset[tuple[int, str | None, date]]

    def at(self, day: date) -> datetime:
        return datetime.combine(day, self.settings.send_time, tzinfo=self.zone)

    def is_closed(self, task: int, unit: str, due: date) -> bool:
        return (task, unit, due) in self.closed or (task, None, due) in self.closed


def _on_or_before(day: date) -> date:
    """`day` if it is a working day, else the last working day before it."""
    return day if is_workday(day) else _shift(day, -1)


def _ladder(
    ctx: _Context, task: int, unit: str, due: date, duty: Duty, *, has_cooperators: bool
) -> Iterator[Nudge]:
    """The steps before `due`; steps landing on the same day merge into the one nearest it."""
    settings = ctx.settings
    cooperate = duty.role is Role.COOPERATE
    earlier = settings.cooperate_earlier if cooperate else 0
    landed: dict[date, list[int]] = {}
    for n in sorted({b + earlier for b in settings.before}):
        day = _shift(due, -n) if n else _on_or_before(due)
        landed.setdefault(day, []).append(n)
    for day, counts in landed.items():
        if not ctx.first <= day <= ctx.last:
            continue
        n = counts[0]
        yield Nudge(
            ctx.at(day),
            unit,
            task,
            due,
            f"c{n}" if cooperate else f"d{n}",
            Kind.DUE if n == 0 and not cooperate else Kind.AHEAD,
            duty.role,
            consolidate=duty.role is Role.LEAD and has_cooperators and 1 in counts,
        )


def _overdue(ctx: _Context, task: int, unit: str, due: date, role: Role) -> Iterator[Nudge]:
    """late1 on the first working day after `due`, then one every `overdue_every` working days,
    `overdue_reminders` in all; after that only the office's digest lists the item."""
    day, k = _shift(due, 1), 1
    while day <= ctx.last and k <= ctx.settings.overdue_reminders:
        if day >= ctx.first:
            yield Nudge(ctx.at(day), unit, task, due, f"late{k}", Kind.OVERDUE, role)
        day, k = _shift(day, ctx.settings.overdue_every), k + 1


def _request_days(ctx: _Context) -> list[date]:
    """Each month's progress request day that lies in the window."""
    days = []
    year, month = ctx.first.year, ctx.first.month
    while date(year, month, 1) <= ctx.last:
        length = calendar.monthrange(year, month)[1]
        day = _on_or_before(date(year, month, min(ctx.settings.progress_day, length)))
        if ctx.first <= day <= ctx.last:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def _progress(
    ctx: _Context, requests: list[date], task: int, unit: str, dues: list[date], role: Role
) -> Iterator[Nudge]:
    """A request on each day in `requests` whose next open due date is not near."""
    for day in requests:
        i = bisect_left(dues, day)
        # More than `progress_quiet` working days in (day, due] ⇔ that many + 1 fit before due.
        if i < len(dues) and _shift(day, ctx.settings.progress_quiet + 1) <= dues[i]:
            yield Nudge(ctx.at(day), unit, task, dues[i], f"m{day:%Y-%m}", Kind.PROGRESS, role)


def _essential(nudge: Nudge, settings: LadderSettings) -> bool:
    """Due-day, day-before, the cooperating unit's hand-in and first overdue nudges always go."""
    hand_in = f"c{min(settings.before, default=0) + settings.cooperate_earlier}"
    return nudge.kind is Kind.DUE or nudge.step in {"d1", "late1", hand_in}


def _capped(nudges: list[Nudge], settings: LadderSettings) -> list[Nudge]:
    """Drop optional nudges on a unit's days beyond `weekly_cap` nudge-days in an ISO week."""
    weeks: dict[tuple[str, int, int], dict[date, list[Nudge]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for nudge in nudges:
        day = nudge.at.date()
        weeks[(nudge.unit, *day.isocalendar()[:2])][day].append(nudge)
    kept = []
    for days in weeks.values():
        counted = 0
        for day in sorted(days):
            items = days[day]
            if counted < settings.weekly_cap or any(_essential(n, settings) for n in items):
                counted += 1
                kept.extend(items)
    return kept


def _sort_key(nudge: Nudge) -> tuple[datetime, str, int, int, str, date]:
    return nudge.at, nudge.unit, int(nudge.notice), nudge.task, nudge.step, nudge.due


@dataclass(frozen=True, slots=True)
class NoticeNudges:
    """One notice's part in the nudge plan: its key, tasks, milestones and what is settled.

    `done` holds (task, unit, due) reported done, or (task, None, due) for the whole task;
    `moved` the milestones moved by granted extensions: (task, unit, due) → new due date.
    """

    key: str
    plan: Plan
    deadlines: Mapping[int, tuple[Milestone, ...]]
    done: _Done = frozenset()
    moved: Mapping[tuple[int, str, date], date] | None = None


def plan_nudges(
    plan: Plan,
    registry: Registry,
    deadlines: Mapping[int, tuple[Milestone, ...]],
    *,
    start: date,
    end: date,
    zone: tzinfo,
    done: _Done = frozenset(),
    settings: LadderSettings = LadderSettings(),
    moved: Mapping[tuple[int, str, date], date] | None = None,
) -> list[Nudge]:
    """Every nudge of one notice whose day lies in [start, end], sorted by (at, unit, task, step).

    Args:
        plan: The notice's tasks.
        registry: The units; each unit holding a task (named or through a group) is nudged.
        deadlines: Each task's milestones.
        start: First day of the window.
        end: Last day of the window.
        zone: The office's time zone; every nudge is at `settings.send_time` there.
        done: (task, unit, due) reported done, or (task, None, due) for the whole task.
        settings: The reminder ladder.
        moved: Milestones moved by granted extensions: (task, unit, due) → new due date.

    The weekly cap is worked out from the Monday of `start`'s week, so a nudge's fate does not
    depend on where the window starts.
    """
    notice = NoticeNudges(PRIMARY, plan, deadlines, done, moved)
    return plan_notices([notice], registry, start=start, end=end, zone=zone, settings=settings)


def plan_notices(
    notices: Sequence[NoticeNudges],
    registry: Registry,
    *,
    start: date,
    end: date,
    zone: tzinfo,
    settings: LadderSettings = LadderSettings(),
) -> list[Nudge]:
    """`plan_nudges` over several notices at once: a unit's weekly cap counts the nudge-days of
    all of them, and each nudge carries its notice's key."""
    monday = start - timedelta(days=start.weekday())
    nudges: list[Nudge] = []
    for notice in notices:
        ctx = _Context(zone, settings, monday, end, frozenset(notice.done))
        own = _notice_nudges(ctx, notice, registry)
        nudges += own if notice.key == PRIMARY else [replace(n, notice=notice.key) for n in own]
    kept = (n for n in _capped(nudges, settings) if start <= n.at.date() <= end)
    return sorted(kept, key=_sort_key)


def _notice_nudges(ctx: _Context, notice: NoticeNudges, registry: Registry) -> list[Nudge]:
    """Every nudge of one notice from the window's Monday, before the weekly cap."""
    requests = _request_days(ctx)
    nudges: list[Nudge] = []
    for number, units in task_holders(notice.plan, registry).items():
        milestones = notice.deadlines.get(number, ())
        has_cooperators = any(d.role is Role.COOPERATE for d in units.values())
        for unit, duty in units.items():
            dues = unit_dues(number, unit, milestones, notice.moved or {})
            open_dues = [d for d in dues if not ctx.is_closed(number, unit, d)]
            for due in open_dues:
                nudges.extend(
                    _ladder(ctx, number, unit, due, duty, has_cooperators=has_cooperators)
                )
                nudges.extend(_overdue(ctx, number, unit, due, duty.role))
            nudges.extend(_progress(ctx, requests, number, unit, open_dues, duty.role))
    return nudges


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """Working days left at which an open due date turns blue, then yellow."""

    blue: int = 5
    yellow: int = 2


class Level(StrEnum):
    """How urgent a due date is, most urgent first."""

    RED = "红"
    YELLOW = "黄"
    BLUE = "蓝"


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One task's earliest open due date, graded, with the units that have not reported it."""

    level: Level
    task: int
    due: date
    workdays_left: int  # negative when overdue: minus the working days since `due`
    open_units: tuple[str, ...]


def grade(due: date, today: date, left: int, settings: DigestSettings) -> Level | None:
    """红 once `due` has passed, 黄/蓝 within the settings' working days left, else None."""
    if due < today:
        return Level.RED
    if left <= settings.yellow:
        return Level.YELLOW
    return Level.BLUE if left <= settings.blue else None


def office_digest(
    plan: Plan,
    registry: Registry,
    deadlines: Mapping[int, tuple[Milestone, ...]],
    *,
    today: date,
    done: _Done = frozenset(),
    settings: DigestSettings = DigestSettings(),
    moved: Mapping[tuple[int, str, date], date] | None = None,
) -> list[DigestItem]:
    """Each task's earliest open due date if overdue or near, red first, then by date and task.

    A due date is open while the task as a whole is not reported done for it and at least one
    unit holding the task has not reported it done. A unit granted an extension is held to its
    new date instead.
    """
    closed = frozenset(done)
    items = []
    for number, units in task_holders(plan, registry).items():
        milestones = deadlines.get(number, ())
        dues = {u: unit_dues(number, u, milestones, moved or {}) for u in units}
        for due in sorted({d for unit_dates in dues.values() for d in unit_dates}):
            if (number, None, due) in closed:
                continue
            open_units = tuple(
                u for u in units if due in dues[u] and (number, u, due) not in closed
            )
            if open_units:
                left = workdays_between(today, due)
                level = grade(due, today, left, settings)
                if level is not None:
                    items.append(DigestItem(level, number, due, left, open_units))
                break
    order = list(Level)
    return sorted(items, key=lambda i: (order.index(i.level), i.due, i.task))


def missing_calendar_years(start: date, end: date) -> list[int]:
    """Years touching [start, end] whose official holiday calendar is not published yet."""
    return [
        year
        for year in range(start.year, end.year + 1)
        if not is_official(max(start, date(year, 1, 1)))
    ]
