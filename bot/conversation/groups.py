"""A unit's work group chat: /group and /ungroup (its own people or the office's admins)."""

from __future__ import annotations

import bot.people.texts as say
from bot.conversation.actions import Changed, Refused, Result, said
from bot.conversation.turn import Turn
from bot.registry.units import Unit


async def _may_manage(turn: Turn, unit: str) -> bool:
    """The unit's own people and the office's admins may (un)register its group."""
    core = turn.core
    return turn.admin or await core.store.run(core.bindings.unit_of, turn.person.id) == unit


async def register(turn: Turn, args: tuple[str, ...]) -> Result:
    """/group 综合科: this group becomes the unit's work group (its users or an admin only)."""
    core, place = turn.core, turn.place
    if not place.group:
        return said(say.GROUP_ONLY)
    name = " ".join(args)
    if not name:
        return said(say.GROUP_USAGE)
    match = core.registry.find(name)
    if match is None or not match.confident or not isinstance(match.entry, Unit):
        return said(say.GROUP_UNKNOWN_UNIT.format(text=name), outcome=Refused("unknown"))
    unit = match.entry.name
    if not await _may_manage(turn, unit):
        return said(say.GROUP_NOT_ALLOWED.format(unit=unit), outcome=Refused("not allowed"))
    replaced = await core.store.run(
        core.groups.register, place.id, place.title, unit, turn.person.id, core.clock()
    )
    text = say.GROUP_REGISTERED.format(unit=unit)
    if replaced is not None:
        text += say.GROUP_MOVED.format(unit=unit, title=replaced.title)
    return said(text, outcome=Changed())


async def unregister(turn: Turn) -> Result:
    """/ungroup: this group is no longer its unit's work group."""
    core = turn.core
    unit = core.groups.unit_of(turn.place.id)
    if unit is None:
        return said(say.GROUP_NOT_REGISTERED, outcome=Refused("not registered"))
    if not await _may_manage(turn, unit):
        return said(say.GROUP_NOT_ALLOWED.format(unit=unit), outcome=Refused("not allowed"))
    await core.store.run(core.groups.remove, turn.place.id)
    return said(say.GROUP_REMOVED.format(unit=unit), outcome=Changed())
