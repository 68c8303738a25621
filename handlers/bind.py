"""Joining a unit: the picker, a typed "我是…", and the office's 批准 / 拒绝."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.bindings import Binding
from bot.picker import fingerprint, picker_page
from handlers import buttons
from handlers.context import Core, core_of, edit, reply

log = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet; say the user's unit, or offer the picker."""
    await reply(update, texts.GREETING)
    await show_status_or_picker(update, context)


async def choose_unit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unit: offer the picker, grouped by kind."""
    registry = core_of(context).knowledge.registry
    await reply(update, texts.PICK_KIND, buttons.kind_keyboard(registry, fingerprint(registry)))


async def show_status_or_picker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a bound or waiting user where they stand; offer anyone else the picker."""
    core = core_of(context)
    user_id = update.effective_user.id
    binding, pending = await core.store.run(
        lambda: (core.bindings.binding_of(user_id), core.bindings.pending_of(user_id))
    )
    if binding is not None:
        await reply(update, texts.YOUR_UNIT.format(unit=binding.unit))
    elif pending is not None:
        await reply(update, texts.PENDING_FOR_YOU.format(unit=pending.unit))
    else:
        await choose_unit(update, context)


async def request_unit(update: Update, context: ContextTypes.DEFAULT_TYPE, unit: str) -> None:
    """Record the user's request to join `unit` and ask every admin to decide."""
    core = core_of(context)
    user = update.effective_user
    result = await core.store.run(
        core.bindings.request, user.id, user.full_name, unit, core.clock()
    )
    if isinstance(result, Binding):
        await reply(update, texts.ALREADY_BOUND.format(unit=unit))
        return
    await reply(update, texts.REQUEST_SENT.format(unit=unit))
    if not core.config.telegram.admins:
        log.warning("没有配置管理员，绑定申请无人审批")
        await reply(update, texts.NO_ADMINS)
        return
    await _ask_admins(context, core, user.id, user.full_name, unit)


async def _ask_admins(
    context: ContextTypes.DEFAULT_TYPE, core: Core, user_id: int, name: str, unit: str
) -> None:
    registry = core.knowledge.registry
    index = next(i for i, u in enumerate(registry.units) if u.name == unit)
    keyboard = buttons.decision_keyboard(user_id, fingerprint(registry), index)
    text = texts.REQUEST_TO_ADMIN.format(name=name, user_id=user_id, unit=unit)
    for admin in sorted(core.config.telegram.admins):
        try:
            await context.bot.send_message(admin, text, reply_markup=keyboard)
        except TelegramError:
            log.warning("无法把绑定申请发给管理员 %s", admin)


async def on_pick(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """A kind (turn to its units) or a unit (request it) was tapped in the picker."""
    query = update.callback_query
    registry = core_of(context).knowledge.registry
    fp = fingerprint(registry)
    if press.fields[0] != fp:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    if press.action == "kind":
        page = picker_page(registry, press.number(1), press.number(2))
        if page is None:
            await query.answer(texts.BUTTON_EXPIRED)
            return
        await query.answer()
        heading = texts.PICK_UNIT.format(kind=page.kind, page=page.page + 1, pages=page.pages)
        await edit(query, heading, buttons.unit_keyboard(page, press.number(1), fp))
        return
    index = press.number(1)
    if not 0 <= index < len(registry.units):
        await query.answer(texts.BUTTON_EXPIRED)
        return
    await query.answer()
    await request_unit(update, context, registry.units[index].name)


async def on_decision(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """An admin tapped 批准 or 拒绝 on a binding request."""
    query = update.callback_query
    core = core_of(context)
    if not core.is_admin(update.effective_user.id):
        await query.answer(texts.OFFICE_ONLY, show_alert=True)
        return
    user_id, fp, index = press.number(0), press.fields[1], press.number(2)
    registry = core.knowledge.registry
    pending = await core.store.run(core.bindings.pending_of, user_id)
    fresh = fp == fingerprint(registry) and 0 <= index < len(registry.units)
    if not fresh or pending is None or pending.unit != registry.units[index].name:
        await query.answer(texts.ALREADY_DECIDED, show_alert=True)
        return
    if press.action == "approve":
        decided = await core.store.run(core.bindings.approve, user_id, core.clock())
        decision, notice = texts.APPROVE, texts.APPROVED_FOR_USER
    else:
        decided = await core.store.run(core.bindings.reject, user_id)
        decision, notice = texts.REJECT, texts.REJECTED_FOR_USER
    if decided is None:
        await query.answer(texts.ALREADY_DECIDED, show_alert=True)
        return
    await query.answer()
    admin = update.effective_user.full_name
    await edit(
        query,
        texts.DECIDED_BY.format(request=query.message.text, decision=f"已{decision}", admin=admin),
    )
    try:
        await context.bot.send_message(user_id, notice.format(unit=decided.unit))
    except TelegramError:
        log.warning("无法通知用户 %s 审批结果", user_id)
