"""A file or photo in a private chat becomes a `File` event; fetching it is Telegram's part.

What the file means (佐证材料, an admin's notice or holiday arrangement to import) and what
follows are the conversation's (`bot.conversation.evidence`, `bot.conversation.importing`).
Here: the file's bytes, fetched with getFile when the conversation asks (at once, while the
message is handled: a file id is the bot's own), and refused unread above the 20 MB the cloud
Bot API lets a bot download. A photo is its largest size, a JPEG named 照片.jpg.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Document, Message, PhotoSize, Update
from telegram.ext import ContextTypes

from bot.conversation.events import File
from bot.errors import NoticeError
from bot.evidence.kinds import MAX_BYTES, megabytes
from handlers import buttons
from handlers.adapter import handle, person_of, place_of

PHOTO_NAME = "照片.jpg"  # Telegram sends every photo as a JPEG
TOO_BIG = "文件有 {size}，超过 Telegram 允许机器人下载的 {limit}"


def _fetcher(media: Document | PhotoSize, name: str) -> Callable[[], Awaitable[bytes]]:
    async def fetch() -> bytes:
        if (media.file_size or 0) > MAX_BYTES:
            size, limit = megabytes(media.file_size or 0), megabytes(MAX_BYTES)
            raise NoticeError(name, TOO_BIG.format(size=size, limit=limit))
        file = await media.get_file()
        return bytes(await file.download_as_bytearray())

    return fetch


def _event(
    update: Update, context: ContextTypes.DEFAULT_TYPE, media: Document | PhotoSize, name: str
) -> File:
    """The file event of a message carrying `media`, with what it replies to."""
    message: Message = update.effective_message
    replied = message.reply_to_message
    by_bot = replied is not None and replied.from_user is not None
    return File(
        person_of(update),
        place_of(update),
        name,
        media.file_size or 0,
        message.caption or "",
        fetch=_fetcher(media, name),
        message_id=message.message_id,
        replied_choices=buttons.data_of(replied),
        replied_bot=by_bot and replied.from_user.id == context.bot.id,
    )


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document in a private chat, handed to the conversation as a file."""
    document = update.effective_message.document
    if document is None:
        return
    await handle(
        update, context, _event(update, context, document, document.file_name or "未命名")
    )


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo in a private chat: its largest size, handed to the conversation as a file."""
    sizes = update.effective_message.photo
    if not sizes:
        return
    largest = max(sizes, key=lambda size: (size.width * size.height, size.file_size or 0))
    await handle(update, context, _event(update, context, largest, PHOTO_NAME))
