"""What the adapter keeps in the application: the core and the conversation, and the
Telegram calls every part of it uses (reply, edit, send)."""

from __future__ import annotations

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.conversation.core import Core
from bot.conversation.router import Conversation
from bot.normalize import printable
from handlers.outlets import Outlets

__all__ = [
    "Core",
    "conversation_of",
    "core_in",
    "core_of",
    "edit",
    "install",
    "outlets_of",
    "reply",
    "send",
]
_CORE = "core"
_CONVERSATION = "conversation"
_OUTLETS = "outlets"


def install(
    bot_data: dict,
    core: Core,
    conversation: Conversation | None = None,
    outlets: Outlets | None = None,
) -> None:
    """Put the core, its conversation (shared with other channels) and the other channels'
    outlets into the application's bot_data once, at build time."""
    bot_data[_CORE] = core
    bot_data[_CONVERSATION] = conversation or Conversation(core)
    bot_data[_OUTLETS] = outlets


def outlets_of(context: ContextTypes.DEFAULT_TYPE) -> Outlets | None:
    """How to reach people on other channels; None when Telegram runs alone (tests)."""
    return context.bot_data.get(_OUTLETS)


def core_of(context: ContextTypes.DEFAULT_TYPE) -> Core:
    """The core objects of the running application."""
    return core_in(context.bot_data)


def core_in(bot_data: dict) -> Core:
    """The core installed in an application's bot_data (for hooks that get no context)."""
    return bot_data[_CORE]


def conversation_of(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    """The conversation every update goes through."""
    return context.bot_data[_CONVERSATION]


async def edit(
    query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the pressed message; a repeated tap that would change nothing is not an error."""
    try:
        await query.edit_message_text(printable(text), reply_markup=keyboard)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def send(
    bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message:
    """Send `text` to a chat other than the one being answered (an admin, a unit's staff)."""
    return await bot.send_message(chat_id, printable(text), reply_markup=keyboard)


async def reply(
    update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send a reply, split at line boundaries under Telegram's limit; buttons go on the last
    part, which is returned."""
    message = update.effective_message
    if message is None:
        return None
    parts = texts.split_long(printable(text))
    sent = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await message.reply_text(part, reply_markup=keyboard if last else None)
    return sent
