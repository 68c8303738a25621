"""Several notices: the catalog, each notice's knowledge and ledger (a desk), answers and reports
across them, who may read whose progress, the office's files and its deadline command.

Knows the data directory's notices, not Telegram.
"""

from bot.notices import texts
from bot.notices.across import (
    NOTICE_GONE,
    Reply,
    headed,
    parse_across,
    record_across,
    respond_all,
    without_name,
)
from bot.notices.catalog import (
    PRIMARY,
    NoticeEntry,
    add_notice,
    notice_file,
    notice_name,
    read_catalog,
    replace_file,
    set_archived,
    short_name,
)
from bot.notices.deadline_command import add_deadline_parser, deadline_command, set_office_dates
from bot.notices.desks import (
    Desk,
    Notice,
    active,
    by_key,
    deadlines_file,
    ledger_dir,
    load_all,
    load_later,
    named_in,
    split_notice,
)
from bot.notices.knowledge import (
    activate_notice,
    active_notice,
    load_knowledge,
    safe_filename,
    write_atomically,
)
from bot.notices.office_files import ensure_registry, own_files, remember, remembered, starts_clean
from bot.notices.texts import UNKNOWN_NOTICE
from bot.notices.visibility import Viewer

__all__ = [
    "Desk",
    "NOTICE_GONE",
    "Notice",
    "NoticeEntry",
    "PRIMARY",
    "Reply",
    "UNKNOWN_NOTICE",
    "Viewer",
    "activate_notice",
    "active",
    "active_notice",
    "add_deadline_parser",
    "add_notice",
    "by_key",
    "deadline_command",
    "deadlines_file",
    "ensure_registry",
    "headed",
    "ledger_dir",
    "load_all",
    "load_knowledge",
    "load_later",
    "named_in",
    "notice_file",
    "notice_name",
    "own_files",
    "parse_across",
    "read_catalog",
    "record_across",
    "remember",
    "remembered",
    "replace_file",
    "respond_all",
    "safe_filename",
    "set_archived",
    "set_office_dates",
    "short_name",
    "split_notice",
    "starts_clean",
    "texts",
    "without_name",
    "write_atomically",
]
