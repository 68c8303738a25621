"""The Telegram adapter: an update becomes a conversation event, a result becomes Telegram
calls. It holds no business rule: what a line, command or press means is decided in
`bot.conversation`."""

from __future__ import annotations

import logging

from telegram import Chat, Message, MessageEntity, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.conversation.events import TELEGRAM, Command, Event, Person, Place, Press, Text
from handlers import buttons
from handlers.context import conversation_of, core_of, reply
from handlers.delivery import deliver

log = logging.getLogger(__name__)


def person_of(update: Update) -> Person:
    """Who sent the update."""
    user = update.effective_user
    return Person(TELEGRAM, user.id, user.full_name)


def place_of(update: Update) -> Place:
    """Where it was sent (a press on a message the bot cannot see counts as private)."""
    chat = update.effective_chat
    if chat is None:
        return Place(update.effective_user.id, group=False)
    return Place(chat.id, group=chat.type != Chat.PRIVATE, title=chat.title or "")


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


async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE, event: Event) -> None:
    """Hand `event` to the conversation and carry out its result."""
    conversation = conversation_of(context)
    await deliver(update, context, await conversation.handle(event))


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text in a private chat."""
    message = update.effective_message
    replied = buttons.data_of(message.reply_to_message)
    event = Text(person_of(update), place_of(update), message.text, message.message_id, replied)
    await handle(update, context, event)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text in a group, when it addresses the bot (a mention, or a reply to the bot)."""
    message, bot = update.effective_message, context.bot
    text = addressed_text(message, bot.id, bot.username)
    if not text:
        return
    replied = buttons.data_of(message.reply_to_message)
    event = Text(person_of(update), place_of(update), text, message.message_id, replied)
    await handle(update, context, event)


def _command_name(message: Message, username: str) -> str:
    """The command's name, lower-case; empty for one addressed to another bot (no command
    of ours: unknown in a private chat, not ours to answer in a group)."""
    entity = next(
        (e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0),
        None,
    )
    text = message.text or ""
    name, _, to = text[1 : entity.length if entity else 1].partition("@")
    return "" if to and to.lower() != username.lower() else name.lower()


async def command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/name args…, in a private chat or a group (a channel's posts have no sender)."""
    message = update.effective_message
    if update.effective_user is None:
        return
    name = _command_name(message, context.bot.username)
    args = tuple((message.text or "").split()[1:])
    event = Command(person_of(update), place_of(update), name, args, message.message_id)
    await handle(update, context, event)


async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button pressed."""
    query = update.callback_query
    message = query.message if isinstance(query.message, Message) else None
    event = Press(
        person_of(update),
        place_of(update),
        query.data if isinstance(query.data, str) else "",
        update.update_id,
        message.message_id if message else 0,
    )
    await handle(update, context, event)


async def only_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, voice, video: ask for text instead."""
    await reply(update, texts.ONLY_TEXT)


async def clear_unreachable(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anyone who writes again, or a group the bot hears from again, is reachable again."""
    core = core_of(context)
    for chat in (update.effective_user, update.effective_chat):
        if chat is not None and chat.id in core.unreachable:
            await core.store.run(core.unreachable.clear, chat.id)
            log.info("%s 重新与机器人对话，恢复发送提醒", chat.id)
