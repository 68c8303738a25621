"""The grammar's fixtures: the shipped notice's vocabulary and the corpus's Monday."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar.vocabulary import Vocabulary, vocabulary_of
from bot.plan import Plan
from bot.registry.units import Registry

TODAY = date(2021, 11, 15)  # a Monday, as in the phrasing corpus


@pytest.fixture(scope="session")
def vocabulary(plan: Plan, registry: Registry) -> Vocabulary:
    return vocabulary_of(plan, registry)
