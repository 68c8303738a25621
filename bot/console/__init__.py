"""The console: `python -m bot chat`, the same answers and reports typed in a terminal.

Knows lines in and lines out, not Telegram.
"""

from bot.console.chat import CONSOLE_NAME, CONSOLE_USER, run_chat

__all__ = ["CONSOLE_NAME", "CONSOLE_USER", "run_chat"]
