"""Answers to questions about the notice: who is responsible for what, what is due when, roles
and yes/no, searches, how-to and small talk, the help drawn from the notice, and the plan
printed for a terminal (what a line asks is `bot.grammar`'s).

Knows the plan, the registry, due dates and the ledger's 已完成 reports, not Telegram.
"""

from bot.answers import (
    help_text,
    howto,
    model,
    planview,
    respond,
    roles,
    search,
    smalltalk,
    texts,
    timeline,
)

__all__ = [
    "help_text",
    "howto",
    "model",
    "planview",
    "respond",
    "roles",
    "search",
    "smalltalk",
    "texts",
    "timeline",
]
