"""The clerk's workbook: a plan written out as .xlsx for correction, and read back as a plan.

Knows the plan's shape and due dates, not files on disk or Telegram.
"""

from bot.workbook import texts
from bot.workbook.read import workbook_plan
from bot.workbook.write import plan_workbook

__all__ = ["plan_workbook", "texts", "workbook_plan"]
