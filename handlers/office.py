"""The office's commands: pending requests, users per unit, bind / unbind, reload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial, wraps

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.errors import DataFileError
from bot.knowledge import load_knowledge
from bot.registry import Unit
from handlers.context import core_of, reply

log = logging.getLogger(__name__)
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def office_only(callback: Callback) -> Callback:
    """Refuse politely, changing nothing, unless the sender is one of the office's admins."""

    @wraps(callback)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not core_of(context).is_admin(update.effective_user.id):
            await reply(update, texts.OFFICE_ONLY)
            return
        await callback(update, context)

    return guarded


@office_only
async def pending(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pending: binding requests waiting for a decision."""
    core = core_of(context)
    requests = await core.store.run(core.bindings.pending)
    await reply(update, texts.pending_requests(requests, core.config.timezone))


@office_only
async def users(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/users: bound users, unit by unit."""
    core = core_of(context)
    bindings = await core.store.run(core.bindings.all_bindings)
    order = [u.name for u in core.knowledge.registry.units]
    order += sorted({b.unit for b in bindings} - set(order))
    await reply(update, texts.users_by_unit(bindings, order))


async def _notify(context: ContextTypes.DEFAULT_TYPE, user_id: int, text: str) -> None:
    try:
        await context.bot.send_message(user_id, text)
    except TelegramError:
        log.warning("无法通知用户 %s", user_id)


@office_only
async def bind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bind USER_ID UNIT: bind a user directly."""
    core = core_of(context)
    args = context.args or []
    unit = core.knowledge.registry.find(" ".join(args[1:])) if len(args) >= 2 else None
    usable = unit is not None and unit.confident and isinstance(unit.entry, Unit)
    if not args or not args[0].isdecimal() or not usable:
        await reply(update, texts.BIND_USAGE)
        return
    user_id = int(args[0])
    binding = await core.store.run(
        core.bindings.bind, user_id, str(user_id), unit.entry.name, core.clock()
    )
    await reply(update, texts.BOUND_BY_ADMIN.format(user_id=user_id, unit=binding.unit))
    await _notify(context, user_id, texts.BOUND_NOTICE.format(unit=binding.unit))


@office_only
async def unbind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unbind USER_ID: remove a user from their unit."""
    core = core_of(context)
    args = context.args or []
    if len(args) != 1 or not args[0].isdecimal():
        await reply(update, texts.UNBIND_USAGE)
        return
    user_id = int(args[0])
    removed = await core.store.run(core.bindings.unbind, user_id)
    if removed is None:
        await reply(update, texts.NOT_BOUND.format(user_id=user_id))
        return
    await reply(update, texts.UNBOUND_BY_ADMIN.format(user_id=user_id, unit=removed.unit))
    await _notify(context, user_id, texts.UNBOUND_NOTICE.format(unit=removed.unit))


@office_only
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: read the notice and the registry again; on error keep the old ones."""
    core = core_of(context)
    try:
        today = core.clock().date()
        core.knowledge = await asyncio.to_thread(partial(load_knowledge, core.config, today=today))
    except DataFileError as error:
        await reply(update, texts.RELOAD_FAILED.format(error=error))
        return
    plan, registry = core.knowledge.plan, core.knowledge.registry
    counts = {
        "tasks": len(plan.tasks),
        "units": len(registry.units),
        "problems": len(plan.problems),
    }
    await reply(update, texts.RELOADED.format(**counts))
