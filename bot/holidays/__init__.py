"""Next year's holidays: the State Council's arrangement read into days off and 调休 workdays, the
office's holidays.toml, and the `python -m bot holidays` command with its wording.

Knows dates and the data directory, not the plan or Telegram.
"""

from bot.holidays import texts
from bot.holidays.arrangement import Arrangement, read_arrangement
from bot.holidays.command import add_holidays_parser, holidays_command, review
from bot.holidays.holiday_file import HolidayFile

__all__ = [
    "Arrangement",
    "HolidayFile",
    "add_holidays_parser",
    "holidays_command",
    "read_arrangement",
    "review",
    "texts",
]
