"""The grammar: one typed line read into typed intents, for every channel; knows the notice
only through the vocabulary it is given, and decides nothing about who may do what."""

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
