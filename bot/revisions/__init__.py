"""What changed between two versions of a notice: the plan diff, its doubts, and its wording.

Knows plans, not files or the ledger.
"""

from bot.revisions import diff, texts

__all__ = ["diff", "texts"]
