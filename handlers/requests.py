"""延期申请 (typed, or the 延期 button under a nudge), the office's decision, and /return."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

import bot.extensions.texts as say
from bot import texts
from bot.extensions.requests import (
    BadExtension,
    Refusal,
    parse_extension,
    parse_extension_line,
    request_extension,
)
from bot.ledger.history import Entry, LedgerError
from bot.normalize import parse_number
from bot.notices.across import NOTICE_GONE, headed, without_name
from bot.notices.desks import Desk, by_key, named_in
from bot.office.texts import NO_SUCH_TASK
from bot.progress.recording import Sender, unit_duties
from bot.progress.texts import ALREADY_RECORDED
from bot.registry.units import Unit
from handlers import buttons
from handlers.context import core_of, edit, not_admin_press, reply, send
from handlers.office import office_only

log = logging.getLogger(__name__)
_EXTENSION_TASK = "extension_task"
_CANCEL = {"取消", "不申请了", "算了", "不用了"}


def ask_for_line(context: ContextTypes.DEFAULT_TYPE, notice: str, task: int) -> str:
    """After the 延期 button: the next line the user types is the date and reason."""
    if context.user_data is not None:
        context.user_data[_EXTENSION_TASK] = (notice, task)
    return say.ASK_LINE.format(task=task)


def _desk_for(
    desks: list[Desk], named: Desk | None, unit: str | None, task: int | None
) -> Desk | str:
    """The notice an extension request is about, or the question to ask instead."""
    if named is not None or len(desks) == 1:
        return named or desks[0]
    holders = [d for d in desks if unit and task in unit_duties(unit, d.knowledge)]
    if len(holders) > 1:
        return say.WHICH_NOTICE.format(
            task=task, labels="、".join(d.label for d in holders), example=holders[0].name
        )
    return holders[0] if holders else desks[0]


async def extension_text(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None = None
) -> bool:
    """A typed request, or the line after the 延期 button; False when the text is neither.

    `text` replaces the message's text (in a group: without the bot's @name).
    """
    core = core_of(context)
    message = update.effective_message
    text = message.text if text is None else text
    today = core.clock().date()
    waiting = (context.user_data or {}).pop(_EXTENSION_TASK, None)
    if waiting is not None and text.strip() in _CANCEL:
        await reply(update, say.CANCELLED)
        return True
    desks = core.active_desks()
    named = named_in(desks, text) if len(desks) > 1 and waiting is None else None
    if named is not None:
        text = without_name(text, named)
    if waiting is not None:
        ask = parse_extension_line(text, today, waiting[1])
    else:
        ask = parse_extension(text, today)
        if ask is None:
            return False
    if isinstance(ask, BadExtension):
        if waiting is not None:
            ask_for_line(context, *waiting)  # one more try, or 取消
        await reply(update, ask.reason)
        return True
    user = update.effective_user
    unit = await core.store.run(core.unit_of_sender, user.id, update.effective_chat.id)
    desk = by_key(desks, waiting[0]) if waiting else _desk_for(desks, named, unit, ask.task)
    if not isinstance(desk, Desk):
        await reply(update, desk or NOTICE_GONE)
        return True
    sender = Sender(unit, user.id, user.full_name, update.effective_chat.id, message.message_id)
    result = await core.ledger.store.run(
        request_extension, ask, sender, desk.knowledge, desk.ledger, core.clock()
    )
    if isinstance(result, Refusal):
        await reply(update, headed(desk, result.text, desks))
        return True
    await reply(update, headed(desk, say.submitted(result), desks))
    await _tell_office(context, desk, result)
    return True


async def _tell_office(context: ContextTypes.DEFAULT_TYPE, desk: Desk, request: Entry) -> None:
    core = core_of(context)
    keyboard = buttons.extension_keyboard(request.id, desk.key)
    text = headed(desk, say.for_office(request), core.active_desks())
    for admin in sorted(core.config.telegram.admins):
        try:
            await send(context.bot, admin, text, keyboard)
        except TelegramError as error:
            log.warning("无法把延期申请 %s 发给管理员 %s：%s", request.id, admin, error)


async def _tell_unit(context: ContextTypes.DEFAULT_TYPE, unit: str, text: str) -> None:
    core = core_of(context)
    for binding in await core.store.run(core.bindings.users_of, unit):
        try:
            await send(context.bot, binding.user_id, text)
        except TelegramError as error:
            log.warning("无法通知 %s 的用户 %s：%s", unit, binding.user_id, error)


async def on_decision(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """An admin tapped 同意 or 驳回 under an extension request."""
    query = update.callback_query
    core = core_of(context)
    if await not_admin_press(update, context):
        return
    granted = press.action == "grant"
    admin = update.effective_user
    desk = by_key(core.desks, press.notice(1))
    if desk is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return

    def decide() -> Entry | None:
        return desk.ledger.decide_extension(
            press.number(0),
            granted=granted,
            user=admin.id,
            name=admin.full_name,
            chat=update.effective_chat.id,
            message=-update.update_id,
            now=core.clock(),
        )

    try:
        request = await core.ledger.store.run(decide)
    except LedgerError as error:
        await query.answer(str(error), show_alert=True)
        return
    await query.answer()
    if request is None:  # Telegram delivered this press again; it was handled before
        return
    await edit(query, say.decided_for_office(query.message.text, granted, admin.full_name))
    told = headed(desk, say.decided_for_unit(request, granted), core.active_desks())
    await _tell_unit(context, request.unit, told)


@office_only
async def return_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/return 24 办公室 理由: send the unit's 已完成 report on task 24 back to 进行中."""
    core = core_of(context)
    args = list(context.args or [])
    desks = core.active_desks()
    desk = named_in(desks, args[0]) if args and len(desks) > 1 else None
    if desk is not None:
        args = args[1:]
    elif len(desks) > 1:
        names = "、".join(d.name for d in desks)
        await reply(update, say.RETURN_WHICH_NOTICE.format(names=names, example=desks[0].name))
        return
    desk = desk or desks[0]
    if len(args) < 3:
        await reply(update, say.RETURN_USAGE)
        return
    number = parse_number(args[0].removeprefix("第").removesuffix("项"))
    plan = desk.knowledge.plan
    if number is None:
        await reply(update, say.RETURN_USAGE)
        return
    if plan.task(number) is None:
        await reply(update, NO_SUCH_TASK.format(task=number, count=len(plan.tasks)))
        return
    match = core.registry.find(args[1])
    if match is None or not match.confident or not isinstance(match.entry, Unit):
        await reply(update, say.RETURN_UNKNOWN_UNIT.format(unit=args[1]))
        return
    unit, reason, admin = match.entry.name, " ".join(args[2:]), update.effective_user

    def send_back() -> Entry | None:
        return desk.ledger.return_report(
            number,
            unit,
            reason=reason,
            user=admin.id,
            name=admin.full_name,
            chat=update.effective_chat.id,
            message=update.effective_message.message_id,
            now=core.clock(),
        )

    try:
        report = await core.ledger.store.run(send_back)
    except LedgerError as error:
        await reply(update, str(error))
        return
    if report is None:
        await reply(update, ALREADY_RECORDED)
        return
    await reply(update, headed(desk, say.returned_for_office(report, number, reason), desks))
    await _tell_unit(
        context, unit, headed(desk, say.returned_for_unit(report, number, reason), desks)
    )
