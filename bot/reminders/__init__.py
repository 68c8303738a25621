"""Reminders: the nudge ladder and the office digest, what one wake-up sends, the outbox that
sends each nudge once, and pauses.

Decides and records; knows the plan and due dates, not Telegram.
"""

from bot.reminders import nudges, outbox, pauses, texts, wakeup

__all__ = ["nudges", "outbox", "pauses", "texts", "wakeup"]
