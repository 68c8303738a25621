"""Choice rows as Telegram inline keyboards (the choices and their data: `bot.conversation.choices`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.conversation import choices
from bot.conversation.actions import Rows
from bot.conversation.choices import MAX_TASK_BUTTONS, TASKS_PER_ROW, decode
from bot.conversation.choices import Button as Press
from bot.people.picker import PickerPage
from bot.registry.units import Registry

__all__ = ["MAX_TASK_BUTTONS", "TASKS_PER_ROW", "Press", "decode", "markup"]


def markup(rows: Rows) -> InlineKeyboardMarkup | None:
    """The keyboard of `rows`; None for no rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.data) for c in row] for row in rows]
    )


def data_of(message: Message | None) -> tuple[str, ...]:
    """The callback data of every button under `message`."""
    board = message.reply_markup if message is not None else None
    if board is None:
        return ()
    return tuple(
        button.callback_data
        for row in board.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
    )


def kind_keyboard(registry: Registry, fp: str) -> InlineKeyboardMarkup | None:
    """One button per unit kind."""
    return markup(choices.kind_rows(registry, fp))


def unit_keyboard(page: PickerPage, kind_index: int, fp: str) -> InlineKeyboardMarkup | None:
    """One button per unit on the page, then ‹ › to turn pages."""
    return markup(choices.unit_rows(page, kind_index, fp))


def decision_keyboard(user_id: int, number: int) -> InlineKeyboardMarkup | None:
    """批准 / 拒绝 for the user's request `number`."""
    return markup(choices.decision_rows(user_id, number))


def task_keyboard(
    numbers: tuple[int, ...], notice: str = choices.FIRST
) -> InlineKeyboardMarkup | None:
    """Buttons that open each listed task in full; None for no tasks."""
    return markup(choices.task_rows(numbers, notice))
