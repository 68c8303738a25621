"""Questions about the notice and their answers: what a line asks, who is responsible for what,
what is due when, roles and yes/no, which units a mention means,
searches, how-to and small talk, the help drawn from the notice, and the plan printed for a terminal.

Knows the plan, the registry, due dates and the ledger's 已完成 reports, not Telegram.
"""

from bot.answers import (
    help_text,
    howto,
    model,
    planview,
    questions,
    respond,
    roles,
    search,
    smalltalk,
    texts,
    timeline,
    unit_names,
)

__all__ = [
    "help_text",
    "howto",
    "model",
    "planview",
    "questions",
    "respond",
    "roles",
    "search",
    "smalltalk",
    "texts",
    "timeline",
    "unit_names",
]
