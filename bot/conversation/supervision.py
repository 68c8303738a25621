"""The office's supervision commands: /overview (all, or one task) and /missing.

With several notices in use, each notice's part is headed by its name; a leading notice name
("/overview 政务公开 17") narrows the answer to that notice.
"""

from __future__ import annotations

import bot.office.texts as office_texts
from bot.conversation.actions import Result, said
from bot.conversation.core import Core
from bot.conversation.turn import Turn
from bot.normalize import parse_number
from bot.notices.across import headed
from bot.notices.desks import Desk, split_notice
from bot.office.overview import Overview, build_overview


async def current_overviews(core: Core, desks: list[Desk]) -> list[tuple[Desk, Overview]]:
    """Today's overview of each of `desks`, built in the ledger's worker thread."""
    today = core.clock().date()
    settings = core.config.reminders.digest

    def build() -> list[tuple[Desk, Overview]]:
        return [(d, build_overview(d.knowledge, d.ledger, today, settings)) for d in desks]

    return await core.ledger.store.run(build)


def _chosen(core: Core, args: tuple[str, ...]) -> tuple[list[Desk], list[str]]:
    """The notices a command is about (the one it names, else all in use) and its other words."""
    desks = core.active_desks()
    named, rest = split_notice(desks, list(args))
    return ([named] if named else desks), rest


async def overview(turn: Turn, args: tuple[str, ...]) -> Result:
    """/overview: counts and warnings; /overview 17: every unit on task 17."""
    core = turn.core
    desks, rest = _chosen(core, args)
    in_use = core.active_desks()  # several in use: every part says which notice
    argument = "".join(rest)
    settings = core.config.reminders.digest
    if not argument:
        parts = [
            headed(d, office_texts.overview_text(o, d.knowledge.plan, settings), in_use)
            for d, o in await current_overviews(core, desks)
        ]
        return said("\n\n".join(parts))
    number = parse_number(argument.removeprefix("第").removesuffix("项"))
    if number is None:
        return said(office_texts.OVERVIEW_USAGE)
    holding = [d for d in desks if d.knowledge.plan.task(number) is not None] or desks[:1]
    parts = [
        headed(d, office_texts.task_detail(o, d.knowledge.plan, number), in_use)
        for d, o in await current_overviews(core, holding)
    ]
    return said("\n\n".join(parts))


async def missing(turn: Turn, args: tuple[str, ...]) -> Result:
    """/missing: units that have not reported on their current milestone, by task."""
    core = turn.core
    desks, _ = _chosen(core, args)
    parts = [
        headed(d, office_texts.missing_text(o), core.active_desks())
        for d, o in await current_overviews(core, desks)
    ]
    return said("\n\n".join(parts))
