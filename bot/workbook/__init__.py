"""The clerk's workbook: a plan written out as .xlsx for correction, and read back as a plan.

Knows the plan's shape and due dates, not files on disk or Telegram.
"""

from bot.workbook import read, texts, write

__all__ = ["read", "texts", "write"]
