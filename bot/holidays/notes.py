"""What the office is owed about the working-day calendar, and picking up a changed
holidays.toml.

Each wake-up reloads the file if it changed (the command line, a clerk's edit, the chat's
启用) and lists the notes for the office: a year the calendar lacks, a year where the
chinese-calendar library now differs from the office's arrangement, a file that cannot be
read. Each note has an outbox key, so it goes once (a missing year again in December and in
January). Knows the file and the calendar; sends nothing.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path

import bot.holidays.texts as holiday_texts
from bot.errors import DataFileError
from bot.holidays.holiday_file import HolidayFile
from bot.reminders.nudges import missing_calendar_years
from bot.workdays import calendar_note_key, library_differences, office_years

__all__ = ["calendar_notes", "refresh"]

log = logging.getLogger(__name__)
_errors: dict[Path, str] = {}


def refresh(file: HolidayFile) -> DataFileError | None:
    """Reload holidays.toml if it changed; a broken file is logged (once) and returned."""
    try:
        file.refresh()
    except DataFileError as error:
        if _errors.get(file.data_dir) != str(error):
            log.error("%s", error)
        _errors[file.data_dir] = str(error)
        return error
    _errors.pop(file.data_dir, None)
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def calendar_notes(file: HolidayFile, today: date, lookahead_end: date) -> list[tuple[str, str]]:
    """(outbox key, text) of each calendar note for the office, after reloading a changed
    holidays.toml: a year missing up to `lookahead_end` (again on the first working day of
    December and of January), a year where the library now differs, a broken file."""
    notes: list[tuple[str, str]] = []
    error = refresh(file)
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
