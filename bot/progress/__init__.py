"""Progress reports: a unit's report read against its duties and recorded in the ledger, and the
replies that confirm it.

Knows the plan, the ledger and standings, not Telegram.
"""

from bot.progress import recording, texts

__all__ = ["recording", "texts"]
