"""A WeCom message becomes a conversation event; what it means is the conversation's.

Everyone speaks to the app one to one, so the place is the person's private chat, whose id
is their number from the address book.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable

from bot.conversation.events import WECOM, Command, Event, File, Person, Place, Press, Text
from handlers.wecom.inbound import CardPress, Inbound, MediaMessage, TextMessage, key_of

__all__ = ["TASK_PREFIX", "message_id_of", "press_id_of", "task_id_for", "to_event"]

FetchMedia = Callable[[str], Awaitable[bytes]]
# "/export 政务公开": a command is a slash (or the full-width one a Chinese keyboard types)
# right before a name of letters, digits and "_", then a space or the end.
_COMMAND = re.compile(r"[/／]([A-Za-z0-9_]+)(?:\s+(.*))?", re.DOTALL)
# A card's task_id (unique per app; digits, letters and "_-@") carries the number the
# conversation knows the card's message by.
TASK_PREFIX = "fg-"


def task_id_for(message_id: int) -> str:
    """The task_id a card sent as message `message_id` carries."""
    return f"{TASK_PREFIX}{message_id}"


def message_id_of(task_id: str) -> int:
    """The message number of the card `task_id` names, or 0 for a card not of this form."""
    number = task_id.removeprefix(TASK_PREFIX)
    ours = task_id.startswith(TASK_PREFIX) and number.isascii() and number.isdigit()
    return int(number) if ours else 0


def press_id_of(press: CardPress) -> int:
    """A positive number unique to the press, the same for each delivery of it."""
    digest = hashlib.sha256(key_of(press).encode("utf-8")).digest()
    return (int.from_bytes(digest[:8], "big") >> 2) + 1  # below 2**62, never 0


def _fetcher(fetch_media: FetchMedia, media_id: str) -> Callable[[], Awaitable[bytes]]:
    async def fetch() -> bytes:
        return await fetch_media(media_id)

    return fetch


def to_event(message: Inbound, person_id: int, fetch_media: FetchMedia) -> Event | None:
    """The event for `message` from the person numbered `person_id`; None for voice, video,
    a location or a link (the channel asks for text instead).

    `fetch_media(media_id)` fetches a file's bytes (media/get); it is called only when the
    conversation takes the file.
    """
    person = Person(WECOM, person_id, message.user)
    place = Place(person_id, group=False)
    if isinstance(message, TextMessage):
        command = _COMMAND.fullmatch(message.text.strip())
        if command:
            name, rest = command.group(1).lower(), command.group(2) or ""
            return Command(person, place, name, tuple(rest.split()), message.msg_id)
        return Text(person, place, message.text.strip(), message.msg_id)
    if isinstance(message, CardPress):
        return Press(
            person,
            place,
            message.event_key,
            press_id_of(message),
            message_id_of(message.task_id),
        )
    if isinstance(message, MediaMessage):
        suffix = ".jpg" if message.kind == "image" else ""
        return File(
            person,
            place,
            message.name or f"{message.media_id}{suffix}",
            message.size,
            fetch=_fetcher(fetch_media, message.media_id),
            message_id=message.msg_id,
        )
    return None
