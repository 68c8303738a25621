"""``python -m bot holidays FILE``: read a holiday arrangement, show it, and store it on yes.

With ``--json`` it prints ``{"year": …, "holidays": [ISO…], "workdays": [ISO…]}`` (every day
off in the arrangement's periods, every makeup working day) for a script to check, and stores
nothing. A reading with problems is never stored; with ``--json`` the problems go to stderr
and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any

import bot.holidays.texts as holiday_texts
import bot.importing.texts as import_texts
from bot.config import Config
from bot.errors import DataFileError, NoticeError
from bot.holidays.arrangement import Reading, read_arrangement
from bot.holidays.holiday_file import HOLIDAYS_FILE, HolidayFile
from bot.importing.command import Console
from bot.notice_files.importers import decode_text, docx_rows
from bot.workdays import library_differences, library_has

__all__ = ["add_holidays_parser", "arrangement_text", "holidays_command", "review"]

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def add_holidays_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """The ``holidays`` subcommand."""
    parser = commands.add_parser(
        "holidays",
        parents=[common],
        help="读入《国务院办公厅关于某年部分节假日安排的通知》，确认后按此计算工作日",
    )
    parser.add_argument("file", type=Path, metavar="文件", help="通知全文：.txt 或 .docx")
    parser.add_argument(
        "--json", action="store_true", help="只输出读到的放假日和上班日（JSON），不保存"
    )
    parser.add_argument("--yes", action="store_true", help="不询问，直接启用")


def arrangement_text(data: bytes, filename: str) -> str:
    """The text of an arrangement file: a Word document's paragraphs, or a text file."""
    if PurePath(filename).suffix.lower() == ".docx":
        return "\n".join(cells[0] for _, cells in docx_rows(data, filename) if cells)
    return decode_text(data, filename)


def review(reading: Reading) -> str:
    """What was read, compared with the library when it has the same year."""
    arrangement = reading.arrangement
    if arrangement is None:
        return holiday_texts.reading_text(reading)
    off, work = frozenset(arrangement.holidays), frozenset(arrangement.workdays)
    differences = library_differences(arrangement.year, off, work)
    return holiday_texts.reading_text(reading, differences, library=library_has(arrangement.year))


def _as_json(reading: Reading) -> str:
    arrangement = reading.arrangement
    assert arrangement is not None  # noqa: S101 - callers check
    return json.dumps(
        {
            "year": arrangement.year,
            "holidays": [d.isoformat() for d in arrangement.holidays],
            "workdays": [d.isoformat() for d in arrangement.workdays],
        },
        ensure_ascii=False,
    )


def holidays_command(
    args: argparse.Namespace, config: Config, now: datetime, console: Console
) -> int:
    """Run the command; returns the exit status (0 stored or printed, 1 refused, 2 error)."""
    path: Path = args.file
    try:
        data = path.read_bytes()
        reading = read_arrangement(arrangement_text(data, path.name))
    except OSError as error:
        console.err.write(f"{NoticeError(path, f'无法打开（{error.strerror or error}）')}\n")
        return EXIT_USAGE
    except DataFileError as error:
        console.err.write(f"{error}\n")
        return EXIT_USAGE
    if args.json:
        if reading.arrangement is not None:
            console.say(_as_json(reading))
        for problem in reading.problems:
            console.err.write(f"{problem}\n")
        return 0 if reading.ok else EXIT_PROBLEMS
    console.say(review(reading))
    if not reading.ok or reading.arrangement is None:
        console.say(holiday_texts.REFUSED)
        return EXIT_PROBLEMS
    if not (args.yes or import_texts.is_yes(console.ask(holiday_texts.CONFIRM) or "")):
        console.say(holiday_texts.DECLINED)
        return EXIT_PROBLEMS
    try:
        HolidayFile(config.data_dir).store(reading.arrangement, at=now)
    except (DataFileError, OSError) as error:
        console.err.write(f"{error}\n")
        return EXIT_USAGE
    year = reading.arrangement.year
    console.say(holiday_texts.STORED.format(year=year, path=config.data_dir / HOLIDAYS_FILE))
    return 0
