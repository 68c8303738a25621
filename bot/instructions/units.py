"""Which units a 批示 on a task goes to (its lead (牵头) and responsible units), and for how
long it is owed. Pure."""

from __future__ import annotations

from datetime import timedelta

from bot.duties import duties_for
from bot.plan import Plan, Role
from bot.registry.units import Registry

__all__ = ["OWED_FOR", "instructed_units"]

INSTRUCTED = (Role.LEAD, Role.RESPONSIBLE)
# How long a 批示 waits to be sent (the bot stopped, a person paused): never late after that.
# Well within the outbox's memory of deliveries (`bot.reminders.recovery.KEEP_DELIVERIES`),
# so a 批示 is never owed again once its records are pruned.
OWED_FOR = timedelta(days=7)


def instructed_units(task: int, plan: Plan, registry: Registry) -> tuple[str, ...]:
    """The units that lead `task` or are responsible for it (named, or through a group
    phrase), in registry order; when it has neither, every unit holding it.

    The rule: a 批示 is for those who answer for the task; 配合 and 参照落实 units hear of it
    from the lead, unless nobody leads (then it goes to every holder).
    """
    roles = {
        unit.name: duty.role
        for unit in registry.units
        for duty in duties_for(unit, plan, registry)
        if duty.task.number == task
    }
    answering = tuple(name for name, role in roles.items() if role in INSTRUCTED)
    return answering or tuple(roles)
