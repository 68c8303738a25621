"""Telegram's content rules and flood limits, as the fake Bot API server applies them.

Everything here is pure (no I/O, no clock of its own) so it can be tested with synthetic
times. The HTML parser follows the behaviour of Telegram's own parser closely enough for a
bot's tests: supported tags become entities, anything else is a "can't parse entities" error
with a description modelled on Telegram's.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import Any

MAX_TEXT_UTF16 = 4096
MAX_CAPTION_UTF16 = 1024
MAX_CALLBACK_DATA_BYTES = 64

GLOBAL_SENDS_PER_SECOND = 30
PRIVATE_CHAT_INTERVAL = 1.0
GROUP_SENDS_PER_MINUTE = 20


class EntityParseError(ValueError):
    """Raised when text with ``parse_mode`` cannot be parsed; ``str(err)`` is the detail."""


def utf16_len(text: str) -> int:
    """Returns the length of ``text`` in UTF-16 code units, the unit Telegram counts in."""
    return len(text.encode("utf-16-le")) // 2


# Tag name -> entity type. ``span`` is only valid with class="tg-spoiler".
_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_ESCAPES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'", "nbsp": "\xa0"}
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")
_TAG_NAME_RE = re.compile(r"[a-zA-Z0-9-]*")
_ATTR_RE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _decode_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _HTML_ESCAPES.get(name.lower(), match.group(0))


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parses Telegram-flavoured HTML into plain text and message entities.

    Args:
        source: The text as the bot sent it with ``parse_mode="HTML"``.

    Returns:
        The plain text and its entities (offsets and lengths in UTF-16 code units).

    Raises:
        EntityParseError: For unsupported, unclosed or mismatched tags.
    """
    plain: list[str] = []
    length = 0  # UTF-16 length of the plain text so far
    open_tags: list[tuple[str, int, dict[str, str]]] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(source):
        lt = source.find("<", i)
        chunk = source[i:] if lt == -1 else source[i:lt]
        chunk = _ENTITY_RE.sub(_decode_entity, chunk)
        plain.append(chunk)
        length += utf16_len(chunk)
        if lt == -1:
            break
        offset = len(source[:lt].encode())
        is_end = source.startswith("</", lt)
        name_start = lt + (2 if is_end else 1)
        name_match = _TAG_NAME_RE.match(source, name_start)
        name = name_match.group(0).lower() if name_match else ""
        if not is_end and name not in _HTML_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
        gt = source.find(">", lt)
        if gt == -1:
            kind = "end" if is_end else "start"
            raise EntityParseError(f"Unclosed {kind} tag at byte offset {offset}")
        inner = source[name_start:gt]
        if is_end:
            if not open_tags:
                raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
            expected = open_tags[-1][0]
            if name != expected:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {offset}, expected "</{expected}>", '
                    f'found "</{name}>"'
                )
            tag, start, attrs = open_tags.pop()
            if length > start:
                entities.append(_entity(tag, start, length - start, attrs))
        else:
            attrs = {
                m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                for m in _ATTR_RE.finditer(inner)
            }
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {offset}'
                )
            open_tags.append((name, length, attrs))
        i = gt + 1
    if open_tags:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(plain), entities


def _entity(tag: str, offset: int, length: int, attrs: dict[str, str]) -> dict[str, Any]:
    entity: dict[str, Any] = {"type": _HTML_TAGS[tag], "offset": offset, "length": length}
    if tag == "a":
        entity["url"] = attrs.get("href", "")
    elif tag == "pre" and "language" in attrs:
        entity["language"] = attrs["language"]
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    return entity


def strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trims surrounding whitespace as Telegram does, shifting and clipping the entities."""
    stripped = text.strip()
    if not stripped:
        return "", []
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    end = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            result.append({**entity, "offset": start, "length": stop - start})
    return stripped, result


def inline_keyboard_problem(markup: Any) -> str | None:
    """Checks an ``InlineKeyboardMarkup`` the way Telegram does.

    Returns:
        The error description (without the "Bad Request: " prefix), or ``None`` if valid.
    """
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        return "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                return "BUTTON_TEXT_INVALID"
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                return "BUTTON_DATA_INVALID"
    return None


@dataclass(frozen=True)
class Violation:
    """One send that broke one of Telegram's flood limits.

    Attributes:
        kind: ``"global"`` (over 30 sends/s overall), ``"private_chat"`` (two sends to one
            private chat less than 1 s apart) or ``"group_chat"`` (over 20 sends/min to a group).
        chat_id: The chat the offending send went to.
        time: The server-side ``time.monotonic()`` of the send.
        wait: Seconds until this limit would have allowed the send.
    """

    kind: str
    chat_id: int
    time: float
    wait: float


class FloodMonitor:
    """Accounts sends against Telegram's documented broadcast limits.

    Windows are sliding and half-open: a send at ``t`` is counted with the sends in
    ``(t - window, t]``. The caller supplies the times, so the monitor is deterministic.
    """

    def __init__(self) -> None:
        """Creates a monitor with no sends recorded."""
        self._all: deque[float] = deque()  # sends of the last second
        self._per_chat: dict[int, deque[float]] = {}  # sends of the last minute, per chat
        self.violations: list[Violation] = []
        self.peak_per_second = 0
        self.total = 0

    def check(self, chat_id: int, private: bool, now: float) -> list[Violation]:
        """Returns the limits a send to ``chat_id`` at ``now`` would break, recording nothing."""
        self._expire(now)
        found = []
        if len(self._all) + 1 > GLOBAL_SENDS_PER_SECOND:
            oldest = self._all[-GLOBAL_SENDS_PER_SECOND]
            found.append(Violation("global", chat_id, now, oldest + 1.0 - now))
        chat = self._per_chat.get(chat_id, deque())
        if private and chat and now - chat[-1] < PRIVATE_CHAT_INTERVAL:
            wait = chat[-1] + PRIVATE_CHAT_INTERVAL - now
            found.append(Violation("private_chat", chat_id, now, wait))
        if not private and len(chat) + 1 > GROUP_SENDS_PER_MINUTE:
            oldest = chat[-GROUP_SENDS_PER_MINUTE]
            found.append(Violation("group_chat", chat_id, now, oldest + 60.0 - now))
        return found

    def record(self, chat_id: int, private: bool, now: float) -> list[Violation]:
        """Records a delivered send and returns (and keeps) the violations it caused."""
        found = self.check(chat_id, private, now)
        self.violations.extend(found)
        self._all.append(now)
        self._per_chat.setdefault(chat_id, deque()).append(now)
        self.total += 1
        self.peak_per_second = max(self.peak_per_second, len(self._all))
        return found

    def _expire(self, now: float) -> None:
        while self._all and self._all[0] <= now - 1.0:
            self._all.popleft()
        for times in self._per_chat.values():
            while times and times[0] <= now - 60.0:
                times.popleft()
