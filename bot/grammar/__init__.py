"""One typed line read into typed intents, for every channel; knows only the vocabulary given."""

from bot.grammar import (
    chat,
    commands,
    howto,
    intents,
    office,
    questions,
    reports,
    taskrefs,
    timewords,
    topics,
    understand,
    units,
    vocabulary,
)

__all__ = [
    "chat",
    "commands",
    "howto",
    "intents",
    "office",
    "questions",
    "reports",
    "taskrefs",
    "timewords",
    "topics",
    "understand",
    "units",
    "vocabulary",
]
