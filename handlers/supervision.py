"""The office's supervision commands: /overview (all, or one task) and /missing."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import office_texts
from bot.normalize import parse_number
from bot.overview import Overview, build_overview
from handlers.context import Core, core_of, reply
from handlers.office import readers_only


async def current_overview(core: Core) -> Overview:
    """Today's overview, built in the ledger's worker thread (off the event loop)."""
    today = core.clock().date()
    settings = core.config.reminders.digest
    return await core.ledger.store.run(
        build_overview, core.knowledge, core.ledger, today, settings
    )


@readers_only
async def overview(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/overview: counts and warnings; /overview 17: every unit on task 17."""
    core = core_of(context)
    argument = "".join(context.args or ())
    plan = core.knowledge.plan
    if argument:
        number = parse_number(argument.removeprefix("第").removesuffix("项"))
        if number is None:
            await reply(update, office_texts.OVERVIEW_USAGE)
            return
        await reply(update, office_texts.task_detail(await current_overview(core), plan, number))
        return
    settings = core.config.reminders.digest
    text = office_texts.overview_text(await current_overview(core), plan, settings)
    await reply(update, text)


@readers_only
async def missing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/missing: units that have not reported on their current milestone, by task."""
    await reply(update, office_texts.missing_text(await current_overview(core_of(context))))
