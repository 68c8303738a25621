"""Who owns what: a unit's tasks by role, directly or through a group phrase. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from bot.plan import PartyKind, Plan, Role, Task
from bot.registry.units import Group, Registry, Unit


@dataclass(frozen=True, slots=True)
class Duty:
    """A task a unit holds, its role, and the group phrase it comes through (None if named)."""

    task: Task
    role: Role
    via: str | None = None


def _strongest(candidates: list[tuple[Role, str | None]]) -> tuple[Role, str | None]:
    """Strongest role wins; on a tie, being named beats coming through a group."""
    return min(candidates, key=lambda c: (c[0].strength, c[1] is not None))


def duties_for(unit: Unit, plan: Plan, registry: Registry) -> list[Duty]:
    """Every task `unit` holds, once each, with its strongest role, in notice order."""
    groups = {g.name for g in registry.groups_of(unit)}
    duties = []
    for task in plan.tasks:
        candidates = [
            (p.role, None if p.kind is PartyKind.UNIT else p.name)
            for p in task.parties
            if (p.kind is PartyKind.UNIT and p.name == unit.name)
            or (p.kind is PartyKind.GROUP and p.name in groups)
        ]
        if candidates:
            duties.append(Duty(task, *_strongest(candidates)))
    return duties


def task_holders(plan: Plan, registry: Registry) -> dict[int, dict[str, Duty]]:
    """Task number → {unit name: its duty} for every task, units in registry order."""
    holders: dict[int, dict[str, Duty]] = {t.number: {} for t in plan.tasks}
    for unit in registry.units:
        for duty in duties_for(unit, plan, registry):
            holders[duty.task.number][unit.name] = duty
    return holders


def duties_of_group(group_name: str, plan: Plan) -> list[Duty]:
    """The tasks a group phrase itself is named in, with the role it is given there."""
    duties = []
    for task in plan.tasks:
        roles = [p.role for p in task.parties if p.name == group_name]
        if roles:
            duties.append(Duty(task, min(roles, key=lambda r: r.strength)))
    return duties


def by_role(duties: list[Duty]) -> dict[Role, list[Duty]]:
    """Duties grouped by role in the order 牵头, 负责, 配合, 参照落实; empty roles left out."""
    grouped: dict[Role, list[Duty]] = {role: [] for role in Role}
    for duty in duties:
        grouped[duty.role].append(duty)
    return {role: items for role, items in grouped.items() if items}


def pending_groups(plan: Plan, registry: Registry) -> dict[str, list[Task]]:
    """Group phrases the office has not yet defined, with the tasks that name them."""
    pending: dict[str, list[Task]] = {}
    for task in plan.tasks:
        for party in task.parties:
            entry = registry.lookup(party.name)
            unknown_group = entry is None and party.kind is PartyKind.GROUP
            if unknown_group or (isinstance(entry, Group) and entry.pending):
                pending.setdefault(party.name, [])
                if task not in pending[party.name]:
                    pending[party.name].append(task)
    return pending


def undecided_tasks(held: list[Duty], plan: Plan, registry: Registry) -> list[Task]:
    """Tasks that name a pending group, which may yet include the unit, and that it does not hold.

    `held` is the unit's duties (from `duties_for`), so they are not worked out twice.
    """
    numbers_held = {d.task.number for d in held}
    numbers = {t.number for tasks in pending_groups(plan, registry).values() for t in tasks}
    return [t for t in plan.tasks if t.number in numbers - numbers_held]


@dataclass(frozen=True, slots=True)
class UnitLoad:
    """How many tasks a unit holds in each role, for the overview of all units."""

    unit: Unit
    counts: dict[Role, int]

    @property
    def total(self) -> int:
        """All tasks the unit holds, whatever the role."""
        return sum(self.counts.values())


def overview(plan: Plan, registry: Registry) -> list[UnitLoad]:
    """Every registry unit with its task counts by role, busiest first."""
    loads = []
    for unit in registry.units:
        counts = {
            role: len(items) for role, items in by_role(duties_for(unit, plan, registry)).items()
        }
        loads.append(UnitLoad(unit, counts))
    return sorted(loads, key=lambda load: -load.total)
