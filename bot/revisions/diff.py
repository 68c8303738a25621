"""What changed between two versions of a notice, and which tasks continue. Pure.

A revised notice may add, remove, reword and renumber tasks and move units between roles. Tasks
are matched by text similarity of their requirements (rapidfuzz), with a small bonus for keeping
the same number, greedily from the most similar pair down; a match below `SURE` is *doubtful*
and the office says whether it is the same task. Progress history follows a matched task to its
new number; a doubtful match the office refuses is an old task removed and a new one added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from bot.duties import task_holders
from bot.plan import Plan, Role, Task
from bot.registry.units import Registry
from bot.texts import ROLE_LABELS

__all__ = ["Change", "Decisions", "Doubt", "PlanDiff", "TaskChange", "diff_plans", "replacement"]

LIKELY = 0.6  # below this, two tasks are different tasks
SURE = 0.85  # from this up, a match needs no confirmation
SAME_NUMBER_BONUS = 0.1


class Change(StrEnum):
    """How one task changed."""

    ADDED = "新增"
    REMOVED = "删除"
    CHANGED = "修改"
    SAME = "未变"


@dataclass(frozen=True, slots=True)
class TaskChange:
    """One task across the two versions: either side may be missing."""

    old: Task | None
    new: Task | None
    similarity: float  # of the requirements, 0–1; 0 when one side is missing
    what: tuple[str, ...] = ()  # 具体要求 / 责任单位 lines that changed

    @property
    def change(self) -> Change:
        """Added, removed, changed or the same."""
        if self.old is None:
            return Change.ADDED
        if self.new is None:
            return Change.REMOVED
        return Change.CHANGED if self.what or self.old.number != self.new.number else Change.SAME


Decisions = Mapping[tuple[int, int], bool]
"""The office's answers on doubtful matches: (old number, new number) → the same task or not."""


@dataclass(frozen=True, slots=True)
class Doubt:
    """A match below `SURE`: similar requirements, perhaps not the same task."""

    old: Task
    new: Task
    similarity: float
    same: bool | None = None  # the office's answer; None until it gives one

    @property
    def key(self) -> tuple[int, int]:
        """(old number, new number), as the office's decision is kept."""
        return (self.old.number, self.new.number)


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """Every task of either version, and which units gain or lose which (new or old) tasks."""

    tasks: tuple[TaskChange, ...]
    gained: dict[str, tuple[int, ...]]  # unit → new task numbers it now holds and did not
    lost: dict[str, tuple[int, ...]]  # unit → old task numbers it no longer holds
    doubts: tuple[Doubt, ...] = ()  # in the new notice's order, decided or not

    def of(self, change: Change) -> tuple[TaskChange, ...]:
        """The tasks with that kind of change."""
        return tuple(t for t in self.tasks if t.change is change)

    @property
    def open_doubts(self) -> tuple[Doubt, ...]:
        """The doubtful matches the office has not decided yet."""
        return tuple(d for d in self.doubts if d.same is None)

    @property
    def renumbered(self) -> dict[int, int]:
        """Old number → new number for every continuing task (history follows this map)."""
        return {t.old.number: t.new.number for t in self.tasks if t.old and t.new}

    @property
    def keeps_numbers(self) -> bool:
        """True when every old task continues under its own number: history needs no move."""
        return all(
            t.old is None or (t.new is not None and t.new.number == t.old.number)
            for t in self.tasks
        )


def _similarity(old: Task, new: Task) -> float:
    return fuzz.ratio(old.requirement, new.requirement) / 100


def _roles(task: Task) -> dict[str, Role]:
    return {party.name: party.role for party in task.parties}


def _what_changed(old: Task, new: Task) -> tuple[str, ...]:
    what = []
    if old.requirement != new.requirement:
        what.append("具体要求有改动")
    before, after = _roles(old), _roles(new)
    for name in sorted(before.keys() | after.keys()):
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        if was is None:
            what.append(f"增加 {name}（{ROLE_LABELS[now]}）")
        elif now is None:
            what.append(f"去掉 {name}（{ROLE_LABELS[was]}）")
        else:
            what.append(f"{name}：{ROLE_LABELS[was]} → {ROLE_LABELS[now]}")
    return tuple(what)


def _match(old: Plan, new: Plan) -> list[tuple[Task, Task, float]]:
    scored = []
    for a in old.tasks:
        for b in new.tasks:
            similarity = _similarity(a, b)
            bonus = SAME_NUMBER_BONUS if a.number == b.number else 0.0
            if similarity + bonus >= LIKELY:
                scored.append((similarity + bonus, similarity, a, b))
    scored.sort(key=lambda s: (-s[0], s[2].number, s[3].number))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for _, similarity, a, b in scored:
        if a.number in taken_old or b.number in taken_new:
            continue
        taken_old.add(a.number)
        taken_new.add(b.number)
        pairs.append((a, b, similarity))
    return pairs


def diff_plans(
    old: Plan, new: Plan, registry: Registry, decisions: Decisions | None = None
) -> PlanDiff:
    """Match the tasks of `old` and `new` and say what changed, in the new notice's order.

    `decisions` answer doubtful matches; a match answered "not the same" is split into the
    old task removed and the new one added, and neither is matched again to another task.
    """
    decisions = decisions or {}
    matched = _match(old, new)
    doubts = [
        Doubt(a, b, similarity, decisions.get((a.number, b.number)))
        for a, b, similarity in matched
        if similarity < SURE
    ]
    refused = {d.key for d in doubts if d.same is False}
    pairs = [(a, b, s) for a, b, s in matched if (a.number, b.number) not in refused]
    by_new = {b.number: (a, similarity) for a, b, similarity in pairs}
    matched_old = {a.number for a, _, _ in pairs}
    changes = []
    for task in new.tasks:
        if task.number in by_new:
            before, similarity = by_new[task.number]
            changes.append(TaskChange(before, task, similarity, _what_changed(before, task)))
        else:
            changes.append(TaskChange(None, task, 0.0))
    changes += [TaskChange(t, None, 0.0) for t in old.tasks if t.number not in matched_old]
    old_holders, new_holders = task_holders(old, registry), task_holders(new, registry)
    gained: dict[str, list[int]] = {}
    lost: dict[str, list[int]] = {}
    for change in changes:
        before = set(old_holders[change.old.number]) if change.old else set()
        after = set(new_holders[change.new.number]) if change.new else set()
        for unit in after - before:
            gained.setdefault(unit, []).append(change.new.number)
        for unit in before - after:
            lost.setdefault(unit, []).append(change.old.number)
    order = [u.name for u in registry.units]
    return PlanDiff(
        tuple(changes),
        {u: tuple(gained[u]) for u in order if u in gained},
        {u: tuple(sorted(lost[u])) for u in order if u in lost},
        tuple(sorted(doubts, key=lambda d: d.new.number)),
    )


def replacement(old: Plan, new: Plan, registry: Registry) -> PlanDiff:
    """`new` replaces `old` outright, as a new office's first notice replaces the shipped
    sample: no task continues (reports on old tasks stop counting), every unit holding a new
    task gains it, and no unit is told it lost the old notice's tasks."""
    holders = task_holders(new, registry)
    gained: dict[str, list[int]] = {}
    for task in new.tasks:
        for unit in holders[task.number]:
            gained.setdefault(unit, []).append(task.number)
    changes = (
        *(TaskChange(None, task, 0.0) for task in new.tasks),
        *(TaskChange(task, None, 0.0) for task in old.tasks),
    )
    order = [u.name for u in registry.units]
    return PlanDiff(changes, {u: tuple(gained[u]) for u in order if u in gained}, {})
