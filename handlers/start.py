"""Greeting, help, and the polite answers to input the bot cannot use."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.answers.help_text import help_text
from handlers.context import core_of, reply


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: the question forms, with examples from the notice in force (the first in use)."""
    await reply(update, help_text(core_of(context).active_desks()[0].knowledge))


async def whoami(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/id: the user's Telegram id, which the office puts in `[telegram] admins` or `leaders`."""
    await reply(update, texts.YOUR_ID.format(user_id=update.effective_user.id))


async def only_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and files: ask for text instead."""
    await reply(update, texts.ONLY_TEXT)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have."""
    await reply(update, texts.UNKNOWN_COMMAND)
