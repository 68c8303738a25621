"""Progress reports: a unit's report read against its duties and recorded in the ledger, and the
replies that confirm it.

Knows the plan, the ledger and standings, not Telegram.
"""

from bot.progress import texts
from bot.progress.recording import (
    Parsed,
    Sender,
    has_content,
    open_tasks,
    record_progress,
    unit_duties,
)
from bot.progress.texts import ALREADY_RECORDED, numbers

__all__ = [
    "ALREADY_RECORDED",
    "Parsed",
    "Sender",
    "has_content",
    "numbers",
    "open_tasks",
    "record_progress",
    "texts",
    "unit_duties",
]
