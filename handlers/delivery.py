"""A conversation's result carried out on Telegram: replies split under the limit, keyboards,
edits that tolerate "not modified", answers to presses, messages to others, documents."""

from __future__ import annotations

import logging
from contextlib import suppress

from telegram import Bot, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.conversation.actions import Edit, EditSent, Result, Rows, Send, SendFile, Toast
from bot.conversation.actions import Reply as Say
from bot.conversation.events import TELEGRAM
from bot.normalize import printable
from handlers.buttons import markup
from handlers.context import conversation_of, edit, outlets_of, reply, send

log = logging.getLogger(__name__)


async def _edit_sent(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str | None,
    rows: Rows = (),
) -> bool:
    """Edit one of the bot's messages (no text: only take its buttons away); False if it
    cannot be edited (deleted, too old …)."""
    try:
        if text is None:
            await bot.edit_message_reply_markup(chat_id, message_id)
            return True
        await bot.edit_message_text(
            printable(text), chat_id=chat_id, message_id=message_id, reply_markup=markup(rows)
        )
    except BadRequest as error:
        return "not modified" in error.message.lower()
    except TelegramError:
        return False
    return True


async def _send(bot: Bot, action: Send) -> int | None:
    """Deliver a message to someone else; the id it has there, None if it could not."""
    if action.replaces is not None and await _edit_sent(
        bot, action.chat_id, action.replaces, action.text, action.rows
    ):
        return action.replaces
    try:
        sent = await send(bot, action.chat_id, action.text, markup(action.rows))
    except TelegramError as error:
        log.warning("无法把消息发给 %s：%s", action.chat_id, error)
        return None
    return sent.message_id


async def on_telegram(bot: Bot, action: Send | EditSent) -> int | None:
    """A message for a Telegram chat, from any channel's conversation: the id it has there."""
    if isinstance(action, Send):
        return await _send(bot, action)
    await _edit_sent(bot, action.chat_id, action.message_id, action.text, action.rows)
    return None


async def _elsewhere(context: ContextTypes.DEFAULT_TYPE, action: Send | EditSent) -> int | None:
    """A message for someone on Telegram here, or through their own channel."""
    outlets = outlets_of(context)
    if outlets is None or outlets.channel_of(action.chat_id) == TELEGRAM:
        return await on_telegram(context.bot, action)
    return await outlets.deliver(action)


async def _send_file(update: Update, context: ContextTypes.DEFAULT_TYPE, file: SendFile) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None:
        return
    try:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    except TelegramError:  # only a courtesy; the file still follows
        log.info("无法发送“正在上传”状态到 %s", chat.id)
    await message.reply_document(file.data, filename=file.name, caption=file.caption)


async def _toast(update: Update, toast: Toast) -> None:
    query = update.callback_query
    if toast.alert:
        await query.answer(toast.text, show_alert=True)
    else:
        await query.answer(toast.text or None)


async def _edit(update: Update, action: Edit) -> None:
    query = update.callback_query
    if action.text is None:
        with suppress(BadRequest):  # its buttons are no use any more
            await query.edit_message_reply_markup(None)
        return
    await edit(query, action.text, markup(action.rows))


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, result: Result) -> None:
    """Carry out a result's actions in order; tell the conversation where tracked sends went."""
    tracked: dict[str, list[tuple[int, int]]] = {}
    for action in result.actions:
        if isinstance(action, Say):
            said = await reply(update, action.text, markup(action.rows))
            if action.track and said is not None:
                tracked.setdefault(action.track, []).append((said.chat_id, said.message_id))
        elif isinstance(action, Toast):
            await _toast(update, action)
        elif isinstance(action, Edit):
            await _edit(update, action)
        elif isinstance(action, EditSent):
            await _elsewhere(context, action)
        elif isinstance(action, SendFile):
            await _send_file(update, context, action)
        else:
            message_id = await _elsewhere(context, action)
            where = tracked.setdefault(action.track, []) if action.track else []
            if message_id is not None:
                where.append((action.chat_id, message_id))
    for track, where in tracked.items():
        await conversation_of(context).sent(track, where)
