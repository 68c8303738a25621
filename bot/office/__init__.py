"""The office's view: each unit's standing, the weekly digest, and the overview as text, .xlsx
and chart.

Knows the plan, the ledger and the nudge grades, not Telegram.
"""

from bot.office import texts
from bot.office.chart import chart_caption, chart_filename, render_chart
from bot.office.export import (
    EXPORT_BUSY,
    EXPORT_FAILED,
    EXPORT_WHICH_NOTICE,
    EXPORTED,
    export_caption,
    export_filename,
    export_workbook,
)
from bot.office.overview import Overview, build_overview, current_due
from bot.office.texts import NO_SUCH_TASK
from bot.office.weekly import (
    WEEKLY_PREFIX,
    PausedUser,
    WeeklySettings,
    next_moment,
    previous_moment,
    send_day,
    weekly_digest,
    weekly_key,
)

__all__ = [
    "EXPORTED",
    "EXPORT_BUSY",
    "EXPORT_FAILED",
    "EXPORT_WHICH_NOTICE",
    "NO_SUCH_TASK",
    "Overview",
    "PausedUser",
    "WEEKLY_PREFIX",
    "WeeklySettings",
    "build_overview",
    "chart_caption",
    "chart_filename",
    "current_due",
    "export_caption",
    "export_filename",
    "export_workbook",
    "next_moment",
    "previous_moment",
    "render_chart",
    "send_day",
    "texts",
    "weekly_digest",
    "weekly_key",
]
