"""A line asked as the conversation asks it: read by the grammar, each question answered."""

from __future__ import annotations

from datetime import date

from bot.answers.model import Answer, ChatState, Knowledge
from bot.answers.respond import answer
from bot.grammar.understand import understand
from bot.grammar.vocabulary import vocabulary_of

DEFAULT_TODAY = date(2021, 11, 15)


def respond(
    state: ChatState, line: str, know: Knowledge, *, today: date | None = None
) -> tuple[ChatState, Answer]:
    """`line`'s questions answered from `know` in order, their texts one after another."""
    today = today or DEFAULT_TODAY
    read = understand(line, vocabulary_of(know.plan, know.registry), today=today)
    answers = []
    for intent in read:
        state, found = answer(state, intent, know, today=today)  # type: ignore[arg-type]
        answers.append(found)
    if len(answers) == 1:
        return state, answers[0]
    numbers = tuple(dict.fromkeys(n for a in answers for n in a.tasks))
    return state, Answer("\n".join(a.text for a in answers), numbers)
