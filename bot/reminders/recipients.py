"""Who receives a unit's nudges, and how the office reads the people nobody can reach.

A unit with a registered work group is nudged there, once, instead of person by person;
otherwise every person bound to it is, except leaders (they observe only, even if bound),
people whose reminders are paused today and chats that blocked the bot.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable
from datetime import date

from bot.people.bindings import Bindings
from bot.people.unit_groups import UnitGroups
from bot.reminders.pauses import Pauses


def nudge_recipients(
    bindings: Bindings,
    groups: UnitGroups,
    pauses: Pauses,
    *,
    unreachable: Container[int],
    leaders: Collection[int],
    today: date,
) -> dict[str, list[int]]:
    """Each unit's chats for today's nudges: its work group if reachable, else its people."""
    found: dict[str, list[int]] = {}
    for binding in bindings.all_bindings():
        if (
            binding.user_id in leaders
            or binding.user_id in unreachable
            or pauses.is_paused(binding.user_id, today)
        ):
            continue
        found.setdefault(binding.unit, []).append(binding.user_id)
    for group in groups.all():
        if group.chat_id not in unreachable and groups.group_of(group.unit) == group:
            found[group.unit] = [group.chat_id]
    return found


def unreachable_names(unreachable: Iterable[int], bindings: Bindings) -> list[str]:
    """The unreachable chats as the office reads them, by id: 张三（综合科）, else the bare id."""
    names = []
    for user_id in sorted(unreachable):
        binding = bindings.binding_of(user_id)
        names.append(f"{binding.name}（{binding.unit}）" if binding else str(user_id))
    return names
