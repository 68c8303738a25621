"""What arrives from a channel: who, where, and a line, a command, a button press or a file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

TELEGRAM = "telegram"
CONSOLE = "console"
WECOM = "wecom"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on a channel ("telegram", "wecom" or "console"): their id and their name.

    A WeCom person's id is the number `bot.people.addresses` gave their userid, which is
    also their name here.
    """

    channel: str
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where they speak: a private chat (its id is the person's) or a group."""

    id: int
    group: bool
    title: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """A typed line (in a group: already addressed to the bot, without its @name).

    `replied_choices` is the choice data of the bot's message it replies to (a nudge's
    buttons name the tasks the reply is about).
    """

    person: Person
    place: Place
    text: str
    message_id: int
    replied_choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Command:
    """/name args…"""

    person: Person
    place: Place
    name: str
    args: tuple[str, ...]
    message_id: int


@dataclass(frozen=True, slots=True)
class Press:
    """A choice pressed: its data as the bot made it; `press_id` is unique per press (a
    repeated delivery brings the same one); `message_id` is the pressed message's id."""

    person: Person
    place: Place
    data: str
    press_id: int
    message_id: int = 0


@dataclass(frozen=True, slots=True)
class File:
    """A file sent: its name, its size as the channel states it, the caption, and either its
    bytes or a way to fetch them (called only once the sender, type and size pass).

    `replied_choices` is the choice data of the bot's message it replies to (a nudge's),
    `replied_bot` whether it replies to a message of the bot's at all; `as_evidence` that
    the sender says it is evidence (the console's /attach).
    """

    person: Person
    place: Place
    name: str
    size: int
    caption: str = ""
    data: bytes | None = None
    fetch: Callable[[], Awaitable[bytes]] | None = None
    message_id: int = 0
    replied_choices: tuple[str, ...] = ()
    replied_bot: bool = False
    as_evidence: bool = False


Event = Text | Command | Press | File
