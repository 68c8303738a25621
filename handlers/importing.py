"""A file in a private chat becomes a `File` event; fetching it is Telegram's part.

What the file means (an admin's notice or holiday arrangement to import, anyone else's to be
answered with "please send text") and the whole review that follows are the conversation's
(`bot.conversation.importing`). Here: the document's bytes, fetched only when the
conversation asks, and refused unread when Telegram says it is too big.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Document, Update
from telegram.ext import ContextTypes

from bot.conversation.events import File
from bot.errors import NoticeError
from bot.notice_files.limits import LIMITS, too_big
from handlers.adapter import handle, person_of, place_of


def _fetcher(document: Document, name: str) -> Callable[[], Awaitable[bytes]]:
    async def fetch() -> bytes:
        file = await document.get_file()
        if (file.file_size or 0) > LIMITS.max_bytes:
            raise NoticeError(name, too_big(file.file_size or 0, LIMITS))
        return bytes(await file.download_as_bytearray())

    return fetch


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document in a private chat, handed to the conversation as a file."""
    message = update.effective_message
    document = message.document
    name = (document.file_name if document else None) or "未命名"
    event = File(
        person_of(update),
        place_of(update),
        name,
        (document.file_size or 0) if document else 0,
        message.caption or "",
        data=b"" if document is None else None,
        fetch=_fetcher(document, name) if document else None,
        message_id=message.message_id,
    )
    await handle(update, context, event)
