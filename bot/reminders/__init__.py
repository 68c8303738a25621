"""Reminders: the nudge ladder and the office digest, the plan over the notices in use, who
receives a unit's nudges, what one wake-up sends (merged per person), what a restart resumes,
what the office is owed (digests, reports awaiting 复核), the outbox that sends each nudge once, and pauses.

Decides and records; knows the plan and due dates, not Telegram.
"""

from bot.reminders import (
    nudges,
    office_mail,
    outbox,
    pauses,
    planner,
    recipients,
    recovery,
    review,
    review_texts,
    texts,
    wakeup,
)

__all__ = [
    "nudges",
    "office_mail",
    "outbox",
    "pauses",
    "planner",
    "recipients",
    "recovery",
    "review",
    "review_texts",
    "texts",
    "wakeup",
]
