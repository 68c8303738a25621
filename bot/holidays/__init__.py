"""Next year's holidays: the State Council's arrangement read into days off and 调休 workdays, the
office's holidays.toml, what the office is owed about the calendar (`notes`), and the
`python -m bot holidays` command with its wording.

Knows dates and the data directory, not the plan or Telegram.
"""

from bot.holidays import arrangement, command, holiday_file, notes, texts

__all__ = ["arrangement", "command", "holiday_file", "notes", "texts"]
