"""Inline keyboards and their callback data: short ASCII, at most 64 bytes, checked on return."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

import bot.people.texts as people_texts
from bot.people.picker import PickerPage, kinds
from bot.registry.units import Registry
from bot.reminders.nudges import Nudge

TASKS_PER_ROW = 5
STATUS_BUTTONS = (("c", "已完成"), ("p", "进行中"), ("h", "有困难"), ("e", "延期"))
MAX_TASK_BUTTONS = 40
# ASCII digits only and whole-string matches: data the bot did not make is refused.
_PATTERNS = {
    "kind": re.compile(r"k:([0-9a-f]{6}):([0-9]{1,3}):([0-9]{1,3})"),
    "unit": re.compile(r"u:([0-9a-f]{6}):([0-9]{1,4})"),
    "approve": re.compile(r"ok:([0-9]{1,15}):([0-9]{1,9})"),
    "reject": re.compile(r"no:([0-9]{1,15}):([0-9]{1,9})"),
    # 批准 / 拒绝 as made before requests were numbered (user, registry id, unit index).
    "old_approve": re.compile(r"ok:([0-9]{1,15}):([0-9a-f]{6}):([0-9]{1,4})"),
    "old_reject": re.compile(r"no:([0-9]{1,15}):([0-9a-f]{6}):([0-9]{1,4})"),
    "task": re.compile(r"t:([0-9]{1,4})(?::([0-9]{1,4}))?"),
    "status": re.compile(r"s:([0-9]{1,4}):([0-9]{8}):([cphe])(?::([0-9]{1,4}))?"),
    "grant": re.compile(r"xg:([0-9]{1,12})(?::([0-9]{1,4}))?"),
    "refuse": re.compile(r"xr:([0-9]{1,12})(?::([0-9]{1,4}))?"),
    "import": re.compile(r"im:([0-9a-f]{8}):([ynsxpo])"),
    "import_name": re.compile(r"iu:([0-9a-f]{8}):([0-9]{1,3}):([0-9]{1,2})"),
    "import_match": re.compile(r"it:([0-9a-f]{8}):([0-9]{1,4}):([0-9]{1,4}):([yn])"),
    "choice": re.compile(r"r:([0-9]{1,4})(?::([0-9]{1,4}))?"),
    "holidays": re.compile(r"hd:([0-9a-f]{8}):([yn])"),
}
# Tasks of the first notice carry no notice key, as before there were several notices.
FIRST = "1"


@dataclass(frozen=True, slots=True)
class Press:
    """A decoded button press: what it asks for and its fields (the registry id stays a str)."""

    action: str
    fields: tuple[str | None, ...]

    def number(self, index: int) -> int:
        """A numeric field."""
        return int(self.fields[index] or 0)

    def notice(self, index: int) -> str:
        """The notice key in an optional last field: the first notice's when left out."""
        return self.fields[index] or FIRST


def _suffix(notice: str) -> str:
    return "" if notice == FIRST else f":{notice}"


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


def decision_keyboard(user_id: int, number: int) -> InlineKeyboardMarkup:
    """批准 / 拒绝 for the user's request `number`, and for no other."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(people_texts.APPROVE, callback_data=f"ok:{user_id}:{number}"),
                InlineKeyboardButton(people_texts.REJECT, callback_data=f"no:{user_id}:{number}"),
            ]
        ]
    )


def task_keyboard(numbers: tuple[int, ...], notice: str = FIRST) -> InlineKeyboardMarkup | None:
    """Buttons that open each listed task (of notice `notice`) in full; None for no tasks."""
    if not numbers:
        return None
    shown = numbers[:MAX_TASK_BUTTONS]
    end = _suffix(notice)
    buttons = [InlineKeyboardButton(f"第{n}项", callback_data=f"t:{n}{end}") for n in shown]
    rows = [buttons[i : i + TASKS_PER_ROW] for i in range(0, len(buttons), TASKS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


def status_keyboard(
    nudges: Sequence[Nudge], names: dict[str, str] | None = None
) -> InlineKeyboardMarkup:
    """已完成 / 进行中 / 有困难 / 延期 for each task and due date in a nudge, one row each.

    `names` (notice key → short name) marks each row's notice when several are in use.
    """
    triples = list(dict.fromkeys((n.notice, n.task, n.due) for n in nudges))
    rows = [
        [
            InlineKeyboardButton(
                f"{(names or {}).get(notice, '')}第{task}项 {label}",
                callback_data=f"s:{task}:{due:%Y%m%d}:{code}{_suffix(notice)}",
            )
            if code == "c"
            else InlineKeyboardButton(
                label, callback_data=f"s:{task}:{due:%Y%m%d}:{code}{_suffix(notice)}"
            )
            for code, label in STATUS_BUTTONS
        ]
        for notice, task, due in triples
    ]
    return InlineKeyboardMarkup(rows)


def extension_keyboard(request: int, notice: str = FIRST) -> InlineKeyboardMarkup:
    """同意 / 驳回 under an extension request (in notice `notice`'s ledger) for the office."""
    end = _suffix(notice)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("同意", callback_data=f"xg:{request}{end}"),
                InlineKeyboardButton("驳回", callback_data=f"xr:{request}{end}"),
            ]
        ]
    )


def nudge_tasks(message: Message | None) -> tuple[tuple[str, int], ...]:
    """The (notice key, task) pairs a nudge (the message replied to) asked about, from its
    buttons."""
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return ()
    found = []
    for row in markup.inline_keyboard:
        for button in row:
            press = decode(button.callback_data if isinstance(button.callback_data, str) else None)
            if press is not None and press.action == "status":
                found.append((press.notice(3), press.number(0)))
    return tuple(dict.fromkeys(found))


def choice_keyboard(
    tasks: Sequence[tuple[str, int]], names: dict[str, str] | None = None
) -> InlineKeyboardMarkup | None:
    """One button per candidate (notice key, task) for a report that named none; `names`
    labels each with its notice when several are in use."""
    if not tasks:
        return None
    shown = [
        InlineKeyboardButton(
            f"{(names or {}).get(key, '')}第{n}项", callback_data=f"r:{n}{_suffix(key)}"
        )
        for key, n in tasks[:MAX_TASK_BUTTONS]
    ]
    return InlineKeyboardMarkup(
        [shown[i : i + TASKS_PER_ROW] for i in range(0, len(shown), TASKS_PER_ROW)]
    )
