"""Fixtures of the office's reports: the shipped notice's knowledge and an empty ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.answers.model import Knowledge
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.store import LedgerStore
from bot.plan import Plan
from bot.registry.units import Registry

YEAR_END = date(2021, 12, 31)


@pytest.fixture
def know(plan: Plan, registry: Registry) -> Knowledge:
    """The shipped notice and registry, tasks without a date due at the year's end."""
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=YEAR_END))


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """An empty ledger in a temporary folder."""
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)
