"""A decrypted callback read into a typed message, with the key that tells a retry apart.

wechatpy's enterprise parser reads text and image messages; it knows neither the
`template_card_event` (button key, task id, response code) nor file messages, so those are
read from its parsed message's raw fields here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from wechatpy.enterprise.parser import parse_message

__all__ = [
    "CardPress",
    "Inbound",
    "MediaMessage",
    "OtherMessage",
    "TextMessage",
    "from_record",
    "key_of",
    "parse",
    "to_record",
]

CARD_EVENT = "template_card_event"


@dataclass(frozen=True, slots=True)
class TextMessage:
    """A line typed in the app's chat."""

    user: str
    created: int
    msg_id: int
    text: str


@dataclass(frozen=True, slots=True)
class CardPress:
    """A button of a `button_interaction` card pressed: its key, the card's task id, and the
    response code that updates the card once (valid 72 h)."""

    user: str
    created: int
    event_key: str
    task_id: str
    response_code: str


@dataclass(frozen=True, slots=True)
class MediaMessage:
    """A file or an image sent: WeCom keeps its bytes under `media_id` for 3 days."""

    user: str
    created: int
    msg_id: int
    kind: str  # "file" or "image"
    media_id: str
    name: str = ""
    size: int = 0


@dataclass(frozen=True, slots=True)
class OtherMessage:
    """Voice, video, a location or a link: the bot asks for text instead."""

    user: str
    created: int
    msg_id: int
    kind: str


Inbound = TextMessage | CardPress | MediaMessage | OtherMessage
_KINDS: dict[str, type[Inbound]] = {
    cls.__name__: cls for cls in (TextMessage, CardPress, MediaMessage, OtherMessage)
}
_OTHER = frozenset({"voice", "video", "shortvideo", "location", "link"})


def _int(raw: dict[str, Any], name: str) -> int:
    value = str(raw.get(name) or "0").strip()
    return int(value) if value.isascii() and value.isdigit() else 0


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    return value.strip() if isinstance(value, str) else ""


def parse(xml: str) -> Inbound | None:
    """The message in a callback's plaintext, or None for one the bot ignores (entering the
    app, subscribing, menu and other events) or one without a sender."""
    message = parse_message(xml)
    raw: dict[str, Any] = message._data  # wechatpy keeps every field here, known or not
    user, created = _text(raw, "FromUserName"), _int(raw, "CreateTime")
    kind = _text(raw, "MsgType").lower()
    if not user:
        return None
    if kind == "event":
        if _text(raw, "Event") != CARD_EVENT:
            return None
        return CardPress(
            user,
            created,
            _text(raw, "EventKey"),
            _text(raw, "TaskId"),
            _text(raw, "ResponseCode"),
        )
    msg_id = _int(raw, "MsgId")
    if kind == "text":
        return TextMessage(user, created, msg_id, message.content or "")
    if kind in ("file", "image"):
        name = _text(raw, "FileName") or _text(raw, "Title")
        return MediaMessage(
            user, created, msg_id, kind, _text(raw, "MediaId"), name, _int(raw, "FileSize")
        )
    return OtherMessage(user, created, msg_id, kind) if kind in _OTHER else None


def key_of(message: Inbound) -> str:
    """What makes a callback the same as an earlier one: its sender and MsgId, or for an
    event (which has none) the sender, the time, the event, the card's task id and the
    button's key."""
    if isinstance(message, CardPress):
        parts = (message.user, message.created, CARD_EVENT, message.task_id, message.event_key)
        return "event:" + "\x1f".join(map(str, parts))
    # The sender too, so two senders' ids could never meet.
    parts = (message.user, message.msg_id or f"{message.created}:{type(message).__name__}")
    return "msg:" + "\x1f".join(map(str, parts))


def to_record(message: Inbound) -> dict[str, Any]:
    """The message as JSON-ready fields (kept until it was handled)."""
    return {"type": type(message).__name__, **asdict(message)}


def from_record(record: dict[str, Any]) -> Inbound:
    """The message `to_record` wrote."""
    fields = dict(record)
    return _KINDS[fields.pop("type")](**fields)
