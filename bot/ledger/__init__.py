"""The 台账: progress history per unit and task, its monthly shards on disk, the report parser's
status words, and the due dates (milestones) tasks are held to.

Knows the plan and the records, not Telegram or who is reminded.
"""

from bot.ledger import deadlines, history, milestones, reports, store

__all__ = ["deadlines", "history", "milestones", "reports", "store"]
