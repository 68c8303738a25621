"""Several notices: the catalog, each notice's knowledge and ledger (a desk), answers and reports
across them, who may read whose progress, what reminders and digests say over them, the
office's files and its deadline command.

Knows the data directory's notices, not Telegram.
"""

from bot.notices import (
    across,
    catalog,
    deadline_command,
    desks,
    knowledge,
    office_files,
    reminding,
    texts,
    visibility,
)

__all__ = [
    "across",
    "catalog",
    "deadline_command",
    "desks",
    "knowledge",
    "office_files",
    "reminding",
    "texts",
    "visibility",
]
