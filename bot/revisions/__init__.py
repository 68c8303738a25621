"""What changed between two versions of a notice: the plan diff, its doubts, and its wording.

Knows plans, not files or the ledger.
"""

from bot.revisions.diff import Decisions, Doubt, PlanDiff, diff_plans, replacement
from bot.revisions.texts import (
    NOT_SAME,
    SAME,
    diff_text,
    doubt_label,
    doubt_question,
    open_doubts_refusal,
    unit_notice,
)

__all__ = [
    "Decisions",
    "Doubt",
    "NOT_SAME",
    "PlanDiff",
    "SAME",
    "diff_plans",
    "diff_text",
    "doubt_label",
    "doubt_question",
    "open_doubts_refusal",
    "replacement",
    "unit_notice",
]
