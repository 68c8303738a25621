"""Joining a unit: the picker, a typed "我是…", and the office's 批准 / 拒绝."""

from __future__ import annotations

import logging
from contextlib import suppress

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

import bot.people.texts as people_texts
from bot import texts
from bot.people.bindings import Binding, Request, clean_name
from bot.people.picker import fingerprint, picker_page
from handlers import buttons
from handlers.context import Core, core_of, edit, not_admin_press, reply, send

log = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet; say the user's unit, or offer the picker."""
    await reply(update, texts.GREETING)
    await show_status_or_picker(update, context)


async def choose_unit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unit: offer the picker, grouped by kind."""
    registry = core_of(context).knowledge.registry
    await reply(
        update, people_texts.PICK_KIND, buttons.kind_keyboard(registry, fingerprint(registry))
    )


async def show_status_or_picker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a bound or waiting user where they stand; offer anyone else the picker."""
    core = core_of(context)
    user_id = update.effective_user.id
    binding, pending = await core.store.run(
        lambda: (core.bindings.binding_of(user_id), core.bindings.pending_of(user_id))
    )
    if binding is not None:
        await reply(update, people_texts.YOUR_UNIT.format(unit=binding.unit))
    elif pending is not None:
        await reply(update, people_texts.PENDING_FOR_YOU.format(unit=pending.unit))
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
        await reply(update, people_texts.ALREADY_BOUND.format(unit=unit))
        return
    await reply(update, people_texts.REQUEST_SENT.format(unit=unit))
    if not core.config.telegram.admins:
        log.warning("没有配置管理员，绑定申请无人审批")
        await reply(update, people_texts.NO_ADMINS)
        return
    await _ask_admins(context, core, result)


def _request_text(request: Request) -> str:
    return people_texts.REQUEST_TO_ADMIN.format(
        user_id=request.user_id, name=request.name, unit=request.unit
    )


async def _ask_admins(context: ContextTypes.DEFAULT_TYPE, core: Core, request: Request) -> None:
    """Show `request` to every admin: in the message each has about this user, else a new one."""
    text = _request_text(request)
    keyboard = buttons.decision_keyboard(request.user_id, request.number)
    earlier = dict(request.shown)
    shown = []
    for admin in sorted(core.config.telegram.admins):
        message_id = earlier.get(admin)
        if message_id is None or not await _edit(context, admin, message_id, text, keyboard):
            try:
                message = await send(context.bot, admin, text, keyboard)
            except TelegramError:
                log.warning("无法把绑定申请发给管理员 %s", admin)
                continue
            message_id = message.message_id
        shown.append((admin, message_id))
    await core.store.run(core.bindings.remember, request.user_id, request.number, tuple(shown))


async def _edit(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    message_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> bool:
    """Edit one of the bot's messages; False if it cannot be edited (deleted, too old …)."""
    try:
        await context.bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=keyboard
        )
    except BadRequest as error:
        return "not modified" in error.message.lower()
    except TelegramError:
        return False
    return True


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
        heading = people_texts.PICK_UNIT.format(
            kind=page.kind, page=page.page + 1, pages=page.pages
        )
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
    """An admin tapped 批准 or 拒绝: decide exactly the request the button was made for.

    A button of a request since replaced, or of the old kind, decides nothing: the admin is
    told why and the message shows the user's current request with buttons that work.
    """
    query = update.callback_query
    core = core_of(context)
    if await not_admin_press(update, context):
        return
    user_id = press.number(0)
    if press.action in {"old_approve", "old_reject"}:
        pending = await core.store.run(core.bindings.pending_of, user_id)
        await _refuse(query, core, pending, people_texts.BUTTONS_RENEWED)
        return
    number = press.number(1)
    if press.action == "approve":
        units = {u.name for u in core.knowledge.registry.units}
        outcome = await core.store.run(core.bindings.approve, user_id, number, core.clock(), units)
        decision, notice = people_texts.APPROVE, people_texts.APPROVED_FOR_USER
    else:
        outcome = await core.store.run(core.bindings.reject, user_id, number)
        decision, notice = people_texts.REJECT, people_texts.REJECTED_FOR_USER
    decided, pending = outcome.decided, outcome.pending
    if decided is None:
        unchanged = pending is not None and pending.number == number
        why = people_texts.UNIT_GONE if unchanged else people_texts.REQUEST_CHANGED
        await _refuse(query, core, pending, why)
        return
    await query.answer()
    admin = clean_name(update.effective_user.full_name)
    text = people_texts.DECIDED_BY.format(
        request=_request_text(decided), decision=f"已{decision}", admin=admin
    )
    await edit(query, text)
    for chat_id, message_id in decided.shown:
        if (chat_id, message_id) != (query.message.chat.id, query.message.message_id):
            await _edit(context, chat_id, message_id, text)
    try:
        await send(context.bot, user_id, notice.format(unit=decided.unit))
    except TelegramError:
        log.warning("无法通知用户 %s 审批结果", user_id)


async def _refuse(query: CallbackQuery, core: Core, pending: Request | None, why: str) -> None:
    """Say why the press decided nothing; put the pending request, if any, on the message."""
    if pending is None:
        await query.answer(people_texts.ALREADY_DECIDED, show_alert=True)
        with suppress(BadRequest):  # its buttons are no use any more
            await query.edit_message_reply_markup(None)
        return
    await query.answer(why.format(unit=pending.unit), show_alert=True)
    keyboard = buttons.decision_keyboard(pending.user_id, pending.number)
    await edit(query, _request_text(pending), keyboard)
    here = (query.message.chat.id, query.message.message_id)
    if here not in pending.shown:
        shown = (*pending.shown, here)
        await core.store.run(core.bindings.remember, pending.user_id, pending.number, shown)
