"""The console: `python -m bot chat`, the same answers and reports typed in a terminal.

Knows lines in and lines out, not Telegram.
"""

from bot.console import chat

__all__ = ["chat"]
