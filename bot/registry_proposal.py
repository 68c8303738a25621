"""A unit registry proposed from the notice itself, for an office whose registry is empty.

Every name the notice gives becomes a unit or a group: a collective a group for the office to
fill, any other name a unit with the kind its name suggests (`bot.unit_kinds`). Works from the
names and kinds the loader gives a Plan's parties; pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.importers import UnknownName
from bot.normalize import name_key
from bot.plan import PartyKind
from bot.registry import Registry
from bot.registry_file import Addition, NewAlias, NewGroup, NewUnit, infer_kind
from bot.unit_kinds import is_collective, without_role

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


def propose(unknown: Sequence[UnknownName], registry: Registry) -> tuple[Addition, ...]:
    """The additions that make every name in `unknown` a unit or a group, in notice order.

    A name that is another's with a role word after it adds only the alias.
    """
    additions: dict[str, Addition] = {}
    for item in unknown:
        for addition in proposed(item, registry):
            if addition.name not in additions and registry.lookup(addition.name) is None:
                additions[addition.name] = addition
    return tuple(additions.values())
