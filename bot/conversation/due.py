"""The nudges due to a person's unit at the clock's moment, and the leaders' recent 批示 to it,
as they would arrive: for a channel that shows them on demand (the console's --now) rather
than sending them."""

from __future__ import annotations

from bot.conversation.actions import Reply, Result
from bot.conversation.choices import nudge_choices
from bot.conversation.core import Core
from bot.conversation.events import Person
from bot.conversation.instructions import recent_for
from bot.notices.reminding import nudge_text
from bot.reminders.planner import Planner


def due_now(core: Core, person: Person, unit: str) -> Result | None:
    """The nudges due to `unit` today up to the clock's moment, as one message with their
    choices (the reminders' planner, as the bot's wake-up uses it), then each recent 批示 to
    it; None when none is due or `person` has paused their reminders (a paused person gets
    none)."""
    now, desks = core.clock(), core.active_desks()
    if core.pauses.is_paused(person.id, now.date()):
        return None
    config = core.config
    planner = Planner(desks, core.registry, config.timezone, config.reminders.ladder)
    nudges = [n for n in planner.plan(now.date(), now.date()) if n.unit == unit and n.at <= now]
    text = nudge_text(desks, nudges, today=now.date(), late=False) if nudges else ""
    shown = [Reply(text, nudge_choices(desks, nudges))] if nudges else []
    shown += recent_for(core, unit)
    return Result(tuple(shown)) if shown else None
