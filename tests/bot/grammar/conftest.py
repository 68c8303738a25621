"""The grammar's fixtures: the shipped notice's vocabulary and the corpus's Monday."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar import intents as i
from bot.grammar.understand import understand
from bot.grammar.vocabulary import Vocabulary, vocabulary_of
from bot.ledger.reports import Status
from bot.plan import Plan
from bot.registry.units import Registry

TODAY = date(2021, 11, 15)  # a Monday, as in the phrasing corpus


@pytest.fixture(scope="session")
def vocabulary(plan: Plan, registry: Registry) -> Vocabulary:
    return vocabulary_of(plan, registry)


def read(line: str, vocabulary: Vocabulary) -> tuple[i.Intent, ...]:
    """`line` as the grammar reads it on the corpus's Monday."""
    return understand(line, vocabulary, today=TODAY)


def records(line: str, vocabulary: Vocabulary) -> list[tuple[int | None, Status]]:
    """The (task, status) of each report `line` makes; every intent must be a report."""
    found = read(line, vocabulary)
    assert all(isinstance(r, i.Report) for r in found), found
    return [(r.task, r.status) for r in found if isinstance(r, i.Report)]
