"""The calendar notes to the office.

A holiday arrangement, typed or sent as a file, and its 启用/取消 choices are the
conversation's (`bot.conversation.holidays`, `bot.conversation.importing`). The nudger calls
`calendar_notes` on each wake-up: it picks up a changed file (the command line, a clerk's
edit) and says what the office should know.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path

import bot.holidays.texts as holiday_texts
from bot.conversation.core import Core
from bot.conversation.holidays import holiday_file
from bot.errors import DataFileError
from bot.reminders.nudges import missing_calendar_years
from bot.workdays import calendar_note_key, library_differences, office_years

log = logging.getLogger(__name__)
_errors: dict[Path, str] = {}


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
