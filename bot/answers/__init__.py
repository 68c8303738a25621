"""Questions about the notice and their answers: what a line asks, who is responsible for what,
the help drawn from the notice, and the plan printed for a terminal.

Knows the plan, the registry and due dates, not progress or Telegram.
"""

from bot.answers import help_text, planview, questions, respond, texts

__all__ = ["help_text", "planview", "questions", "respond", "texts"]
