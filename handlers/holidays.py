"""The office gives the year's holiday arrangement in the chat; the calendar notes to the office.

An admin sends the notice's text, or a .txt/.docx file of it (its opening names
部分节假日安排); the bot shows what it read with every check, and 启用/取消 buttons when
nothing is in doubt. 启用 stores it in ``holidays.toml`` and it decides working days at once.
The nudger calls `calendar_notes` on each wake-up: it picks up a changed file (the command
line, a clerk's edit) and says what the office should know about the calendar.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets
from datetime import date
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

import bot.holidays.texts as holiday_texts
from bot import texts
from bot.errors import DataFileError
from bot.holidays.arrangement import Arrangement, read_arrangement
from bot.holidays.command import review
from bot.holidays.holiday_file import HolidayFile
from bot.reading.loader import RawRow
from bot.reminders.nudges import missing_calendar_years
from bot.workdays import calendar_note_key, library_differences, office_years
from handlers import buttons
from handlers.context import Core, core_of, edit, not_admin_press, reply

log = logging.getLogger(__name__)

_PENDING = "holiday_arrangements"
_TITLE = re.compile(r"\d{4}年\s*部分节假日安排")
# Where the title must be: a notice opens with it; a page copied whole has a header first.
_OPENING = 400
_files: dict[Path, HolidayFile] = {}
_errors: dict[Path, str] = {}


def holiday_file(core: Core) -> HolidayFile:
    """The data directory's holidays.toml, one watcher per directory."""
    return _files.setdefault(core.config.data_dir, HolidayFile(core.config.data_dir))


def looks_like_arrangement(text: str) -> bool:
    """True when `text` opens like 国务院办公厅关于YYYY年部分节假日安排的通知."""
    return _TITLE.search(text[:_OPENING]) is not None


def _keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(holiday_texts.ENABLE, callback_data=f"hd:{token}:y"),
                InlineKeyboardButton(holiday_texts.CANCEL, callback_data=f"hd:{token}:n"),
            ]
        ]
    )


async def _offer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Show what was read; buttons only when it may be stored."""
    reading = read_arrangement(text)
    summary = review(reading)
    if not reading.ok or reading.arrangement is None:
        await reply(update, f"{summary}\n{holiday_texts.REFUSED}")
        return
    token = secrets.token_hex(4)
    context.bot_data.setdefault(_PENDING, {})[token] = reading.arrangement
    await reply(update, summary, _keyboard(token))


async def offer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """An admin's typed arrangement: show it for confirmation; False for any other message."""
    text = update.effective_message.text or ""
    if not looks_like_arrangement(text) or not core_of(context).is_admin(update.effective_user.id):
        return False
    await _offer(update, context, text)
    return True


async def offer_rows(
    update: Update, context: ContextTypes.DEFAULT_TYPE, rows: list[RawRow]
) -> bool:
    """An admin's file, already read within limits, that is an arrangement: show it; False
    for any other file."""
    text = "\n".join("\t".join(cells) for _, cells in rows)
    if not looks_like_arrangement(text):
        return False
    await _offer(update, context, text)
    return True


async def on_decision(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """启用 or 取消 under an arrangement."""
    query = update.callback_query
    core = core_of(context)
    if await not_admin_press(update, context):
        return
    token, choice = press.fields[0], press.fields[1]
    arrangement: Arrangement | None = context.bot_data.get(_PENDING, {}).pop(token, None)
    if arrangement is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    await query.answer()
    if choice == "n":
        await edit(query, holiday_texts.CANCELLED)
        return
    try:
        await asyncio.to_thread(holiday_file(core).store, arrangement, at=core.clock())
    except (DataFileError, OSError) as error:
        await edit(query, f"{holiday_texts.DECLINED}\n{error}")
        return
    await edit(query, holiday_texts.STORED_CHAT.format(year=arrangement.year))


def refresh(core: Core) -> DataFileError | None:
    """Reload holidays.toml if it changed; a broken file is logged (once) and returned."""
    try:
        holiday_file(core).refresh()
    except DataFileError as error:
        if _errors.get(core.config.data_dir) != str(error):
            log.error("%s", error)
        _errors[core.config.data_dir] = str(error)
        return error
    _errors.pop(core.config.data_dir, None)
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def calendar_notes(core: Core, today: date, lookahead_end: date) -> list[tuple[str, str]]:
    """(outbox key, text) of each calendar note for the office, after reloading a changed
    holidays.toml: a year missing up to `lookahead_end` (again on the first working day of
    December and of January), a year where the library now differs, a broken file."""
    notes: list[tuple[str, str]] = []
    error = refresh(core)
    if error is not None:
        text = holiday_texts.FILE_BROKEN.format(error=error)
        notes.append((f"calendar-file:{_digest(str(error))}", text))
    for year in missing_calendar_years(today, lookahead_end):
        text = holiday_texts.CALENDAR_MISSING.format(year=year)
        notes.append((calendar_note_key(year, today), text))
    for year, given in sorted(office_years().items()):
        differences = library_differences(year, given.days_off, given.workdays)
        if differences:
            days = holiday_texts.differences_text(differences)
            text = holiday_texts.LIBRARY_DIFFERS.format(
                year=year, title=given.title, count=len(differences), days=days
            )
            notes.append((f"calendar-differs:{year}:{_digest(days)}", text))
    return notes
