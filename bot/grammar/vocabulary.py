"""What the grammar knows of the loaded notice: its units, group phrases and counts."""

from __future__ import annotations

from dataclasses import dataclass

from bot.plan import Plan
from bot.registry.units import Registry


@dataclass(frozen=True, slots=True)
class UnitName:
    """A unit as registered: its name and the other names people use for it."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupName:
    """A group phrase (各市（区）分局) and the names of the units it covers."""

    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Given by the caller: the units, groups, how many tasks and sections there are, and each
    task's number with its requirement as printed."""

    units: tuple[UnitName, ...]
    groups: tuple[GroupName, ...] = ()
    task_count: int = 0
    section_count: int = 0
    wordings: tuple[tuple[int, str], ...] = ()


def vocabulary_of(plan: Plan, registry: Registry) -> Vocabulary:
    """The vocabulary of a loaded notice and its registry."""
    units = tuple(UnitName(u.name, u.aliases) for u in registry.units)
    groups = tuple(
        GroupName(g.name, g.aliases, tuple(u.name for u in registry.members(g)))
        for g in registry.groups
    )
    wordings = tuple((t.number, t.requirement) for t in plan.tasks)
    return Vocabulary(units, groups, len(plan.tasks), len(plan.sections), wordings)
