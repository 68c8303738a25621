"""The office's view: each unit's standing, the weekly digest, and the overview as text, .xlsx
and chart.

Knows the plan, the ledger and the nudge grades, not Telegram.
"""

from bot.office import chart, export, overview, texts, weekly

__all__ = ["chart", "export", "overview", "texts", "weekly"]
