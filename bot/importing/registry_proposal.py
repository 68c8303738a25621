"""A unit registry proposed from the notice itself, for an office whose registry is empty.

Every name the notice gives becomes a unit or a group: a collective a group for the office to
fill, any other name a unit with the kind its name suggests (`bot.registry.kinds`). Works from the
names and kinds the loader gives a Plan's parties; pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.importing.registry_file import Addition, NewAlias, NewGroup, NewUnit, infer_kind
from bot.normalize import name_key
from bot.notice_files.importers import UnknownName
from bot.plan import PartyKind
from bot.registry.kinds import is_collective, without_role
from bot.registry.units import Registry

OTHER_KIND = "其他单位"


def propose_kind(name: str, registry: Registry) -> str:
    """The kind to file a new unit under (`infer_kind`), 其他单位 when its name says none."""
    return infer_kind(name, registry) or OTHER_KIND


def proposed(item: UnknownName, registry: Registry) -> tuple[Addition, ...]:
    """What the proposal adds for one name: a group or a unit, named without a role word; the
    name as written becomes its alias when a role word had to go."""
    name = without_role(item.name)
    if item.kind is PartyKind.GROUP or is_collective(name):
        entry: Addition = NewGroup(name)
    else:
        entry = NewUnit(name, propose_kind(name, registry))
    if name == name_key(item.name):
        return (entry,)
    return (entry, NewAlias(name_key(item.name), name))


def _abbreviates(short: str, full: str) -> bool:
    """True when `short` is `full` cut short, as notices write it: its end (人事科 for 组织人事科),
    or its characters in order, the same first and last (体改处 for 体制改革处)."""
    if len(short) >= len(full) or short[-1] != full[-1]:
        return False
    if full.endswith(short):
        return True
    rest = iter(full)
    return short[0] == full[0] and all(character in rest for character in short)


def _alike(entry: Addition, other: Addition) -> bool:
    """The same sort of entry: both groups, or units of one kind."""
    if isinstance(entry, NewUnit) and isinstance(other, NewUnit):
        return entry.kind == other.kind
    return type(entry) is type(other)


def _abbreviations(entries: list[Addition]) -> list[Addition]:
    """Each unit or group whose name cuts short another's of the same sort, as its alias (not
    办公室 for 区政府办公室: a 科室 is no 区直部门)."""
    named = [e for e in entries if not isinstance(e, NewAlias)]
    result: list[Addition] = []
    for entry in entries:
        full = next(
            (
                other.name
                for other in named
                if _alike(entry, other) and _abbreviates(entry.name, other.name)
            ),
            None,
        )
        result.append(NewAlias(entry.name, full) if full else entry)
    return result


def propose(unknown: Sequence[UnknownName], registry: Registry) -> tuple[Addition, ...]:
    """The additions that make every name in `unknown` a unit or a group, in notice order.

    A name that is another's with a role word after it, or another's cut short (医政处 for
    医政医管处), adds only an alias of it.
    """
    additions: dict[str, Addition] = {}
    for item in unknown:
        for addition in proposed(item, registry):
            if addition.name not in additions and registry.lookup(addition.name) is None:
                additions[addition.name] = addition
    return tuple(_abbreviations(list(additions.values())))
