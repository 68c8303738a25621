"""Reminders: the nudge ladder and the office digest, what one wake-up sends, the outbox that
sends each nudge once, and pauses.

Decides and records; knows the plan and due dates, not Telegram.
"""

from bot.reminders import texts
from bot.reminders.nudges import (
    DigestSettings,
    Kind,
    LadderSettings,
    Level,
    NoticeNudges,
    Nudge,
    grade,
    missing_calendar_years,
    office_digest,
    plan_notices,
    plan_nudges,
)
from bot.reminders.outbox import Outbox, State
from bot.reminders.pauses import (
    BadPause,
    PauseRequest,
    Pauses,
    ResumeRequest,
    next_occurrence,
    parse_pause,
)
from bot.reminders.texts import PAUSE_IN_CONSOLE, day_label, moment_label, time_left
from bot.reminders.wakeup import Delivery, SendHours, plan_wake

__all__ = [
    "BadPause",
    "Delivery",
    "DigestSettings",
    "Kind",
    "LadderSettings",
    "Level",
    "NoticeNudges",
    "Nudge",
    "Outbox",
    "PAUSE_IN_CONSOLE",
    "PauseRequest",
    "Pauses",
    "ResumeRequest",
    "SendHours",
    "State",
    "day_label",
    "grade",
    "missing_calendar_years",
    "moment_label",
    "next_occurrence",
    "office_digest",
    "parse_pause",
    "plan_notices",
    "plan_nudges",
    "plan_wake",
    "texts",
    "time_left",
]
