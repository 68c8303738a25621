"""The 台账: progress history per unit and task, its monthly shards on disk, the report parser's
status words, and the due dates (milestones) tasks are held to.

Knows the plan and the records, not Telegram or who is reminded.
"""

from bot.ledger.deadlines import (
    Milestone,
    Source,
    load_office_deadlines,
    notice_year_end,
    parse_deadline_command,
    plan_deadlines,
    plan_year,
    save_office_deadlines,
    task_milestones,
    task_reading,
    unit_dues,
    written_date,
)
from bot.ledger.history import (
    AMEND,
    DECISION,
    EXTENSION,
    RENUMBER,
    REPORT,
    RETURN,
    WITHDRAW,
    Entry,
    Ledger,
    LedgerError,
)
from bot.ledger.reports import (
    Amend,
    BadReport,
    MyProgress,
    Report,
    Status,
    TaskProgress,
    Withdraw,
    parse_report,
    report_status,
)
from bot.ledger.store import LEDGER_DIR, TABLE, LedgerStore, shard_name

__all__ = [
    "AMEND",
    "Amend",
    "BadReport",
    "DECISION",
    "EXTENSION",
    "Entry",
    "LEDGER_DIR",
    "Ledger",
    "LedgerError",
    "LedgerStore",
    "Milestone",
    "MyProgress",
    "RENUMBER",
    "REPORT",
    "RETURN",
    "Report",
    "Source",
    "Status",
    "TABLE",
    "TaskProgress",
    "WITHDRAW",
    "Withdraw",
    "load_office_deadlines",
    "notice_year_end",
    "parse_deadline_command",
    "parse_report",
    "plan_deadlines",
    "plan_year",
    "report_status",
    "save_office_deadlines",
    "shard_name",
    "task_milestones",
    "task_reading",
    "unit_dues",
    "written_date",
]
