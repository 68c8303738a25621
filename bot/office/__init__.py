"""The office's view: each unit's standing, the weekly digest and when it is owed, and the
overview as text, .xlsx and chart.

Knows the plan, the ledger and the nudge grades, not Telegram.
"""

from bot.office import chart, export, overview, schedule, texts, weekly

__all__ = ["chart", "export", "overview", "schedule", "texts", "weekly"]
