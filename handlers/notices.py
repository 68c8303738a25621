"""The office's notice commands: /notices (list), /archive and /unarchive a notice."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ContextTypes

import bot.notices.texts as say
from bot.errors import DataFileError
from bot.notices.catalog import set_archived
from bot.notices.desks import Desk, split_notice
from handlers.context import Core, core_of, reply
from handlers.office import office_only, readers_only


@readers_only
async def list_notices(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/notices: every notice, in use or archived, with the short name to type."""
    await reply(update, say.notices_list(core_of(context).desks))


async def _named(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> Desk | None:
    core = core_of(context)
    args = list(context.args or [])
    if not args:
        await reply(update, say.NOTICE_USAGE.format(command=command, example=core.desks[0].name))
        return None
    desk, _ = split_notice(core.desks, [" ".join(args)])
    if desk is None:
        await reply(update, say.NOTICE_UNKNOWN.format(name=" ".join(args)))
    return desk


async def _set(core: Core, desk: Desk, archived: bool) -> str | None:
    """Write the catalog and reload; the error text if it could not be saved."""
    try:
        await asyncio.to_thread(
            set_archived, core.config.data_dir, desk.key, archived, at=core.clock()
        )
        await core.reload_knowledge()
    except (OSError, DataFileError) as error:
        return say.CATALOG_FAILED.format(error=error)
    return None


@office_only
async def archive(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/archive 简称: the notice is no longer nudged, answered or counted; its ledger stays."""
    core = core_of(context)
    desk = await _named(update, context, "archive")
    if desk is None:
        return
    if desk.archived:
        await reply(update, say.ALREADY_ARCHIVED.format(label=desk.label))
        return
    if core.active_desks() == [desk]:
        await reply(update, say.LAST_ACTIVE.format(label=desk.label))
        return
    failed = await _set(core, desk, archived=True)
    await reply(update, failed or say.ARCHIVED.format(label=desk.label, name=desk.name))


@office_only
async def unarchive(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unarchive 简称: put an archived notice back in use."""
    core = core_of(context)
    desk = await _named(update, context, "unarchive")
    if desk is None:
        return
    if not desk.archived:
        await reply(update, say.NOT_ARCHIVED.format(label=desk.label))
        return
    failed = await _set(core, desk, archived=False)
    await reply(update, failed or say.UNARCHIVED.format(label=desk.label))
