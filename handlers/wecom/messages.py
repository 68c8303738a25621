"""The bodies of WeCom messages the bot sends: text, markdown, file and button cards.

Each builder returns the part of a ``message/send`` body after ``touser`` and ``agentid``
(``msgtype`` and its section). Cards are ``button_interaction`` cards: a ``task_id`` unique in
the app (letters, digits, ``_-@``, at most 128 bytes) and 1–6 buttons, each with a ``key`` that
comes back in the ``template_card_event`` of a press.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Button", "button_card", "file", "markdown", "text"]

MAX_BUTTONS = 6
_TASK_ID = re.compile(r"^[A-Za-z0-9_\-@]{1,128}$")
_KEY_BYTES = 1024


@dataclass(frozen=True, slots=True)
class Button:
    """One button: what it says, the key a press returns, and its style (1 blue … 4 grey)."""

    text: str
    key: str
    style: int = 1


def text(content: str) -> dict[str, Any]:
    """A text message (WeCom shows at most 2048 bytes)."""
    return {"msgtype": "text", "text": {"content": content}}


def markdown(content: str) -> dict[str, Any]:
    """A markdown message (WeCom's subset)."""
    return {"msgtype": "markdown", "markdown": {"content": content}}


def file(media_id: str) -> dict[str, Any]:
    """A file message for an uploaded ``media_id``."""
    return {"msgtype": "file", "file": {"media_id": media_id}}


def button_card(
    task_id: str, title: str, buttons: Sequence[Button], *, desc: str = "", detail: str = ""
) -> dict[str, Any]:
    """A ``button_interaction`` template card.

    Raises:
        ValueError: For a malformed ``task_id`` or a count of buttons outside 1–6 (the
            caller's mistake; WeCom would refuse the card).
    """
    if not _TASK_ID.match(task_id):
        raise ValueError(f"task_id must be 1-128 of [A-Za-z0-9_-@]: {task_id!r}")
    if not 1 <= len(buttons) <= MAX_BUTTONS:
        raise ValueError(f"a card holds 1-{MAX_BUTTONS} buttons, not {len(buttons)}")
    if any(len(b.key.encode()) > _KEY_BYTES for b in buttons):
        raise ValueError("a button key is at most 1024 bytes")
    card: dict[str, Any] = {
        "card_type": "button_interaction",
        "main_title": {"title": title, **({"desc": desc} if desc else {})},
        "task_id": task_id,
        "button_list": [{"text": b.text, "style": b.style, "key": b.key} for b in buttons],
    }
    if detail:
        card["sub_title_text"] = detail
    return {"msgtype": "template_card", "template_card": card}
