"""The office's notice commands: /notices (list), /archive and /unarchive a notice."""

from __future__ import annotations

import asyncio

import bot.notices.texts as say
from bot.conversation.actions import Changed, Refused, Result, said
from bot.conversation.core import Core
from bot.conversation.turn import Turn
from bot.errors import DataFileError
from bot.notices.catalog import set_archived
from bot.notices.desks import Desk, split_notice


async def list_notices(turn: Turn) -> Result:
    """/notices: every notice, in use or archived, with the short name to type."""
    return said(say.notices_list(turn.core.desks))


def _named(core: Core, args: tuple[str, ...], command: str) -> Desk | Result:
    if not args:
        return said(say.NOTICE_USAGE.format(command=command, example=core.desks[0].name))
    desk, _ = split_notice(core.desks, [" ".join(args)])
    if desk is None:
        return said(say.NOTICE_UNKNOWN.format(name=" ".join(args)), outcome=Refused("unknown"))
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


async def archive(turn: Turn, args: tuple[str, ...]) -> Result:
    """/archive 简称: the notice is no longer nudged, answered or counted; its ledger stays."""
    core = turn.core
    desk = _named(core, args, "archive")
    if isinstance(desk, Result):
        return desk
    if desk.archived:
        return said(say.ALREADY_ARCHIVED.format(label=desk.label), outcome=Refused("archived"))
    if core.active_desks() == [desk]:
        return said(say.LAST_ACTIVE.format(label=desk.label), outcome=Refused("last"))
    failed = await _set(core, desk, archived=True)
    if failed:
        return said(failed, outcome=Refused(failed))
    return said(say.ARCHIVED.format(label=desk.label, name=desk.name), outcome=Changed())


async def unarchive(turn: Turn, args: tuple[str, ...]) -> Result:
    """/unarchive 简称: put an archived notice back in use."""
    core = turn.core
    desk = _named(core, args, "unarchive")
    if isinstance(desk, Result):
        return desk
    if not desk.archived:
        return said(say.NOT_ARCHIVED.format(label=desk.label), outcome=Refused("in use"))
    failed = await _set(core, desk, archived=False)
    if failed:
        return said(failed, outcome=Refused(failed))
    return said(say.UNARCHIVED.format(label=desk.label), outcome=Changed())
