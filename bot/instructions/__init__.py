"""领导批示: which units a 批示 on a task goes to, its wording, and the 批示 per task for the
台账's 批示 column.

Knows the plan, the registry and the ledger's 批示 entries, not channels nor who is bound.
"""

from bot.instructions import column, texts, units

__all__ = ["column", "texts", "units"]
