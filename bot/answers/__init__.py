"""Questions about the notice and their answers: what a line asks, who is responsible for what,
the help drawn from the notice, and the plan printed for a terminal.

Knows the plan, the registry and due dates, not progress or Telegram.
"""

from bot.answers.help_text import help_text
from bot.answers.planview import plan_document, plan_table
from bot.answers.questions import Intent, parse_question
from bot.answers.respond import Answer, ChatState, Knowledge, respond, task_text

__all__ = [
    "Answer",
    "ChatState",
    "Intent",
    "Knowledge",
    "help_text",
    "parse_question",
    "plan_document",
    "plan_table",
    "respond",
    "task_text",
]
