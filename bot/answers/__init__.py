"""Questions about the notice and their answers: what a line asks, who is responsible for what,
what is due when, searches, the help drawn from the notice, and the plan printed for a terminal.

Knows the plan, the registry, due dates and the ledger's 已完成 reports, not Telegram.
"""

from bot.answers import help_text, model, planview, questions, respond, search, texts, timeline

__all__ = [
    "help_text",
    "model",
    "planview",
    "questions",
    "respond",
    "search",
    "texts",
    "timeline",
]
