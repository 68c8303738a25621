"""A unit's work group chat: /group and /ungroup, and messages that address the bot there.

In a group the bot speaks only when addressed (a command, a mention, a reply to one of its
messages) or when it nudges; everything else said in the group is left alone.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

import bot.people.texts as say
from bot.registry.units import Unit
from handlers import ask, progress, requests
from handlers.context import core_of, reply


def addressed_text(message: Message, bot_id: int, username: str) -> str | None:
    """The text without the bot's @name when it mentions or replies to the bot, else None."""
    text = message.text or ""
    mention = f"@{username}"
    if mention in text:
        return text.replace(mention, " ").strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text.strip()
    return None


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text in a group: a report, an extension request or a question, if it addresses the bot."""
    bot = context.bot
    text = addressed_text(update.effective_message, bot.id, bot.username)
    if not text:
        return
    if await requests.extension_text(update, context, text):
        return
    if await progress.report_text(update, context, text):
        return
    await ask.answer_line(update, context, text)


async def _may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE, unit: str) -> bool:
    """The unit's own people and the office's admins may (un)register its group; else say so."""
    core, user = core_of(context), update.effective_user
    if await core.store.run(core.bindings.unit_of, user.id) == unit or core.is_admin(user.id):
        return True
    await reply(update, say.GROUP_NOT_ALLOWED.format(unit=unit))
    return False


async def register(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/group 综合科: this group becomes the unit's work group (its users or an admin only)."""
    core = core_of(context)
    chat, user = update.effective_chat, update.effective_user
    if chat.type == chat.PRIVATE:
        await reply(update, say.GROUP_ONLY)
        return
    name = " ".join(context.args or ())
    if not name:
        await reply(update, say.GROUP_USAGE)
        return
    match = core.knowledge.registry.find(name)
    if match is None or not match.confident or not isinstance(match.entry, Unit):
        await reply(update, say.GROUP_UNKNOWN_UNIT.format(text=name))
        return
    unit = match.entry.name
    if not await _may_manage(update, context, unit):
        return
    replaced = await core.store.run(
        core.groups.register, chat.id, chat.title or "", unit, user.id, core.clock()
    )
    text = say.GROUP_REGISTERED.format(unit=unit)
    if replaced is not None:
        text += say.GROUP_MOVED.format(unit=unit, title=replaced.title)
    await reply(update, text)


async def unregister(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ungroup: this group is no longer its unit's work group."""
    core = core_of(context)
    chat = update.effective_chat
    unit = core.groups.unit_of(chat.id)
    if unit is None:
        await reply(update, say.GROUP_NOT_REGISTERED)
        return
    if not await _may_manage(update, context, unit):
        return
    await core.store.run(core.groups.remove, chat.id)
    await reply(update, say.GROUP_REMOVED.format(unit=unit))
