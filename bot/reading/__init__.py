"""A notice's text read into a plan: blocks of lines → layout (which column is what, re-aligned
and inherited cells) → tasks and their numbers → parties and roles → due dates, each a pure stage.

Knows the grammar of allocation notices, not file formats (`bot.notice_files`), the ledger or
Telegram. `loader.parse_plan` is the entry.
"""

from bot.reading import (
    chrome,
    date_words,
    dates,
    inline_notes,
    label_cells,
    layout,
    loader,
    numbering,
    responsibility,
    spaced_table,
    spaced_units,
    title,
    traditional,
)

__all__ = [
    "chrome",
    "date_words",
    "dates",
    "inline_notes",
    "label_cells",
    "layout",
    "loader",
    "numbering",
    "responsibility",
    "spaced_table",
    "spaced_units",
    "title",
    "traditional",
]
