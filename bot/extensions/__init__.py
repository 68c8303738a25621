"""延期申请 and 退回: a unit asks for a later due date, the office approves, refuses or returns
a report, and the wording of each step.

Knows the ledger and due dates, not Telegram.
"""

from bot.extensions import requests, texts

__all__ = ["requests", "texts"]
