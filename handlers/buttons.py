"""Inline keyboards and their callback data: short ASCII, at most 64 bytes, checked on return."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot import texts
from bot.nudges import Nudge
from bot.picker import PickerPage, kinds
from bot.registry import Registry

TASKS_PER_ROW = 5
STATUS_BUTTONS = (("c", "已完成"), ("p", "进行中"), ("h", "有困难"), ("e", "延期"))
MAX_TASK_BUTTONS = 40
# ASCII digits only and whole-string matches: data the bot did not make is refused.
_PATTERNS = {
    "kind": re.compile(r"k:([0-9a-f]{6}):([0-9]{1,3}):([0-9]{1,3})"),
    "unit": re.compile(r"u:([0-9a-f]{6}):([0-9]{1,4})"),
    "approve": re.compile(r"ok:([0-9]{1,15}):([0-9a-f]{6}):([0-9]{1,4})"),
    "reject": re.compile(r"no:([0-9]{1,15}):([0-9a-f]{6}):([0-9]{1,4})"),
    "task": re.compile(r"t:([0-9]{1,4})"),
    "status": re.compile(r"s:([0-9]{1,4}):([0-9]{8}):([cphe])"),
    "grant": re.compile(r"xg:([0-9]{1,12})"),
    "refuse": re.compile(r"xr:([0-9]{1,12})"),
    "import": re.compile(r"im:([0-9a-f]{8}):([yn])"),
    "choice": re.compile(r"r:([0-9]{1,4})"),
}


@dataclass(frozen=True, slots=True)
class Press:
    """A decoded button press: what it asks for and its fields (the registry id stays a str)."""

    action: str
    fields: tuple[str, ...]

    def number(self, index: int) -> int:
        """A numeric field."""
        return int(self.fields[index])


def decode(data: str | None) -> Press | None:
    """Read callback data the bot made; anything else (stale, forged, garbled) gives None."""
    for action, pattern in _PATTERNS.items():
        match = pattern.fullmatch(data or "")
        if match:
            return Press(action, match.groups())
    return None


def kind_keyboard(registry: Registry, fp: str) -> InlineKeyboardMarkup:
    """One button per unit kind."""
    rows = [
        [InlineKeyboardButton(kind, callback_data=f"k:{fp}:{i}:0")]
        for i, kind in enumerate(kinds(registry))
    ]
    return InlineKeyboardMarkup(rows)


def unit_keyboard(page: PickerPage, kind_index: int, fp: str) -> InlineKeyboardMarkup:
    """One button per unit on the page, then ‹ › to turn pages."""
    rows = [
        [InlineKeyboardButton(unit.name, callback_data=f"u:{fp}:{i}")] for i, unit in page.units
    ]
    turn = []
    if page.page > 0:
        turn.append(
            InlineKeyboardButton("‹ 上一页", callback_data=f"k:{fp}:{kind_index}:{page.page - 1}")
        )
    if page.page + 1 < page.pages:
        turn.append(
            InlineKeyboardButton("下一页 ›", callback_data=f"k:{fp}:{kind_index}:{page.page + 1}")
        )
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows)


def decision_keyboard(user_id: int, fp: str, unit_index: int) -> InlineKeyboardMarkup:
    """批准 / 拒绝 for one binding request."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.APPROVE, callback_data=f"ok:{user_id}:{fp}:{unit_index}"
                ),
                InlineKeyboardButton(
                    texts.REJECT, callback_data=f"no:{user_id}:{fp}:{unit_index}"
                ),
            ]
        ]
    )


def task_keyboard(numbers: tuple[int, ...]) -> InlineKeyboardMarkup | None:
    """Buttons that open each listed task in full; None when the answer lists none."""
    if not numbers:
        return None
    shown = numbers[:MAX_TASK_BUTTONS]
    buttons = [InlineKeyboardButton(f"第{n}项", callback_data=f"t:{n}") for n in shown]
    rows = [buttons[i : i + TASKS_PER_ROW] for i in range(0, len(buttons), TASKS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


def status_keyboard(nudges: Sequence[Nudge]) -> InlineKeyboardMarkup:
    """已完成 / 进行中 / 有困难 / 延期 for each task and due date in a nudge, one row each."""
    pairs = list(dict.fromkeys((n.task, n.due) for n in nudges))
    rows = [
        [
            InlineKeyboardButton(
                f"第{task}项 {label}", callback_data=f"s:{task}:{due:%Y%m%d}:{code}"
            )
            if code == "c"
            else InlineKeyboardButton(label, callback_data=f"s:{task}:{due:%Y%m%d}:{code}")
            for code, label in STATUS_BUTTONS
        ]
        for task, due in pairs
    ]
    return InlineKeyboardMarkup(rows)


def extension_keyboard(request: int) -> InlineKeyboardMarkup:
    """同意 / 驳回 under an extension request in the office's chat."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("同意", callback_data=f"xg:{request}"),
                InlineKeyboardButton("驳回", callback_data=f"xr:{request}"),
            ]
        ]
    )


def nudge_tasks(message: Message | None) -> tuple[int, ...]:
    """The tasks a nudge (the message replied to) asked about, read from its buttons."""
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return ()
    found = []
    for row in markup.inline_keyboard:
        for button in row:
            press = decode(button.callback_data if isinstance(button.callback_data, str) else None)
            if press is not None and press.action == "status":
                found.append(press.number(0))
    return tuple(dict.fromkeys(found))


def choice_keyboard(tasks: Sequence[int]) -> InlineKeyboardMarkup | None:
    """One button per candidate task for a report that named none."""
    if not tasks:
        return None
    shown = [
        InlineKeyboardButton(f"第{n}项", callback_data=f"r:{n}") for n in tasks[:MAX_TASK_BUTTONS]
    ]
    return InlineKeyboardMarkup(
        [shown[i : i + TASKS_PER_ROW] for i in range(0, len(shown), TASKS_PER_ROW)]
    )
