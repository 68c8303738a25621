"""The office's commands: pending requests, users per unit, bind / unbind, reload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import wraps

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

import bot.answers.texts as answer_texts
import bot.people.texts as people_texts
import bot.reminders.texts as nudge_texts
from bot import texts
from bot.errors import DataFileError
from bot.ledger.deadlines import parse_deadline_command
from bot.notices.across import headed
from bot.notices.deadline_command import set_office_dates
from bot.notices.desks import deadlines_file, split_notice
from bot.registry.units import Unit
from handlers.context import core_of, reply, send

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


def readers_only(callback: Callback) -> Callback:
    """Like `office_only`, but the leaders who observe may use it too: it only reads."""

    @wraps(callback)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not core_of(context).may_read_reports(update.effective_user.id):
            await reply(update, texts.OFFICE_ONLY)
            return
        await callback(update, context)

    return guarded


@office_only
async def pending(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pending: binding requests waiting for a decision."""
    core = core_of(context)
    requests = await core.store.run(core.bindings.pending)
    await reply(update, people_texts.pending_requests(requests, core.config.timezone))


@office_only
async def users(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/users: bound users, unit by unit."""
    core = core_of(context)
    bindings = await core.store.run(core.bindings.all_bindings)
    order = [u.name for u in core.knowledge.registry.units]
    order += sorted({b.unit for b in bindings} - set(order))
    today = core.clock().date()
    notes = {}
    for binding in bindings:
        until = core.pauses.paused_until(binding.user_id, today)
        note = nudge_texts.PAUSED_UNTIL.format(month=until.month, day=until.day) if until else ""
        if binding.user_id in core.unreachable:
            note += nudge_texts.UNREACHABLE_MARK
        if note:
            notes[binding.user_id] = note
    await reply(update, people_texts.users_by_unit(bindings, order, notes))


async def _notify(context: ContextTypes.DEFAULT_TYPE, user_id: int, text: str) -> None:
    try:
        await send(context.bot, user_id, text)
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
        await reply(update, people_texts.BIND_USAGE)
        return
    user_id = int(args[0])
    binding = await core.store.run(
        core.bindings.bind, user_id, str(user_id), unit.entry.name, core.clock()
    )
    await reply(update, people_texts.BOUND_BY_ADMIN.format(user_id=user_id, unit=binding.unit))
    await _notify(context, user_id, people_texts.BOUND_NOTICE.format(unit=binding.unit))


@office_only
async def unbind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unbind USER_ID: remove a user from their unit."""
    core = core_of(context)
    args = context.args or []
    if len(args) != 1 or not args[0].isdecimal():
        await reply(update, people_texts.UNBIND_USAGE)
        return
    user_id = int(args[0])
    removed = await core.store.run(core.bindings.unbind, user_id)
    if removed is None:
        await reply(update, people_texts.NOT_BOUND.format(user_id=user_id))
        return
    await reply(update, people_texts.UNBOUND_BY_ADMIN.format(user_id=user_id, unit=removed.unit))
    await _notify(context, user_id, people_texts.UNBOUND_NOTICE.format(unit=removed.unit))


@office_only
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: read the notice and the registry again; on error keep the old ones."""
    core = core_of(context)
    try:
        await core.reload_knowledge()
    except DataFileError as error:
        await reply(update, texts.RELOAD_FAILED.format(error=error))
        return
    desks = core.active_desks()
    counts = {
        "tasks": sum(len(d.knowledge.plan.tasks) for d in desks),
        "units": len(core.registry.units),
        "problems": sum(len(d.knowledge.plan.problems) for d in desks),
    }
    text = texts.RELOADED.format(**counts)
    if len(desks) > 1:
        text += "\n" + "\n".join(f"· {d.label}{len(d.knowledge.plan.tasks)} 项任务" for d in desks)
    await reply(update, text)


@office_only
async def deadline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/deadline 24 2021-11-20 2021-12-10 (or 清除): the office sets a task's due dates."""
    core = core_of(context)
    desks = core.active_desks()
    desk, args = split_notice(desks, list(context.args or []))
    if desk is None and len(desks) > 1:
        names = "、".join(d.name for d in desks)
        await reply(
            update, nudge_texts.DEADLINE_WHICH_NOTICE.format(names=names, example=desks[0].name)
        )
        return
    desk = desk or desks[0]
    try:
        command = parse_deadline_command(args)
    except ValueError as error:
        await reply(update, str(error))
        return
    plan = desk.knowledge.plan
    if plan.task(command.task) is None:
        numbers = [t.number for t in plan.tasks]
        await reply(
            update,
            answer_texts.NO_SUCH_TASK.format(
                number=command.task, count=len(numbers), first=numbers[0], last=numbers[-1]
            ),
        )
        return
    try:
        path = deadlines_file(core.config, desk.entry)
        await asyncio.to_thread(set_office_dates, path, command.task, command.dates)
        await core.reload_knowledge()
    except DataFileError as error:
        await reply(update, nudge_texts.DEADLINE_FAILED.format(error=error))
        return
    milestones = desk.knowledge.deadlines[command.task]
    dates = "、".join(texts.full_date(m.due) for m in milestones)
    template = nudge_texts.DEADLINE_SET if command.dates else nudge_texts.DEADLINE_CLEARED
    await reply(update, headed(desk, template.format(task=command.task, dates=dates), desks))


@office_only
async def paused(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/paused: who has paused their reminders, and until when."""
    core = core_of(context)
    today = core.clock().date()
    pauses = await core.store.run(core.pauses.active, today)
    if not pauses:
        await reply(update, nudge_texts.NO_PAUSES)
        return
    units = await core.store.run(
        lambda: {p.user_id: core.bindings.unit_of(p.user_id) for p in pauses}
    )
    lines = [nudge_texts.PAUSES_HEAD.format(count=len(pauses))]
    for pause in pauses:
        unit = units.get(pause.user_id) or "未绑定"
        lines.append(
            f"· {pause.name}（{unit}，ID {pause.user_id}）至 {pause.until.month}月{pause.until.day}日"
        )
    await reply(update, "\n".join(lines))
