"""The office gives the year's holiday arrangement in the chat: what was read, with 启用 /
取消 when nothing is in doubt; 启用 stores it in ``holidays.toml`` and it counts at once."""

from __future__ import annotations

import asyncio
import re
import secrets
from pathlib import Path

import bot.holidays.texts as holiday_texts
from bot import texts
from bot.conversation import choices
from bot.conversation.actions import Answered, Asked, Changed, Edit, Refused, Result, Toast, said
from bot.conversation.choices import Button
from bot.conversation.core import Core
from bot.errors import DataFileError
from bot.holidays.arrangement import read_arrangement
from bot.holidays.command import review
from bot.holidays.holiday_file import HolidayFile

_TITLE = re.compile(r"\d{4}年\s*部分节假日安排")
# Where the title must be: a notice opens with it; a page copied whole has a header first.
_OPENING = 400
_files: dict[Path, HolidayFile] = {}


def holiday_file(core: Core) -> HolidayFile:
    """The data directory's holidays.toml, one watcher per directory."""
    return _files.setdefault(core.config.data_dir, HolidayFile(core.config.data_dir))


def looks_like_arrangement(text: str) -> bool:
    """True when `text` opens like 国务院办公厅关于YYYY年部分节假日安排的通知."""
    return _TITLE.search(text[:_OPENING]) is not None


def offer(core: Core, text: str) -> Result:
    """Show what was read from an arrangement; choices only when it may be stored."""
    reading = read_arrangement(text)
    summary = review(reading)
    if not reading.ok or reading.arrangement is None:
        return said(f"{summary}\n{holiday_texts.REFUSED}", outcome=Refused("unreadable"))
    token = secrets.token_hex(4)
    core.arrangements[token] = reading.arrangement
    return said(summary, choices.holiday_rows(token), Asked())


async def on_decision(core: Core, button: Button) -> Result:
    """启用 or 取消 under an arrangement."""
    token, choice = button.fields[0] or "", button.fields[1]
    arrangement = core.arrangements.pop(token, None)
    if arrangement is None:
        return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
    if choice == "n":
        return Result((Toast(), Edit(holiday_texts.CANCELLED)), Answered())
    try:
        await asyncio.to_thread(holiday_file(core).store, arrangement, at=core.clock())
    except (DataFileError, OSError) as error:
        return Result((Toast(), Edit(f"{holiday_texts.DECLINED}\n{error}")), Refused(str(error)))
    return Result(
        (Toast(), Edit(holiday_texts.STORED_CHAT.format(year=arrangement.year))), Changed()
    )
