"""The core objects handlers need, reached through typed accessors instead of string keys."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.answers import ChatState, Knowledge
from bot.config import Config

_CORE = "core"
_CHAT_STATE = "chat_state"


@dataclass(slots=True)
class Core:
    """What every handler reads: the configuration and the plan with its registry."""

    config: Config
    knowledge: Knowledge


def install(bot_data: dict, core: Core) -> None:
    """Put the core into the application's bot_data once, at build time."""
    bot_data[_CORE] = core


def core_of(context: ContextTypes.DEFAULT_TYPE) -> Core:
    """The core objects of the running application."""
    return context.bot_data[_CORE]


def chat_state(context: ContextTypes.DEFAULT_TYPE) -> ChatState:
    """This user's conversation state (a pending 您是说…吗 suggestion)."""
    return (
        context.user_data.get(_CHAT_STATE, ChatState())
        if context.user_data is not None
        else ChatState()
    )


def save_chat_state(context: ContextTypes.DEFAULT_TYPE, state: ChatState) -> None:
    """Remember this user's conversation state until the next message."""
    if context.user_data is not None:
        context.user_data[_CHAT_STATE] = state


async def reply(update: Update, text: str) -> None:
    """Send a reply, split at line boundaries under Telegram's length limit."""
    message = update.effective_message
    if message is None:
        return
    for part in texts.split_long(text):
        await message.reply_text(part)
