"""The shipped notice with its due dates, and an empty ledger, for the answer builders.

Read from the notice: only task 24 states dates (2021-11-20 and 2021-12-10); 7 and 30 are
yearly and every other task falls due at the default year end, 2021-12-31 (a Friday).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.model import Knowledge
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.plan import Plan
from bot.registry.units import Registry

ZONE = ZoneInfo("Asia/Shanghai")
YEAR_END = date(2021, 12, 31)


@pytest.fixture(scope="module")
def dated(plan: Plan, registry: Registry) -> Knowledge:
    """The seed with its due dates."""
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=YEAR_END))


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def report_done(ledger: Ledger, unit: str, task: int, due: date, message: int = 1) -> None:
    """`unit` reports `task`'s milestone `due` 已完成."""
    ledger.report(
        unit=unit,
        tasks=(task,),
        status=Status.DONE,
        text="已完成",
        dues={task: due},
        user=1,
        name="张三",
        chat=1,
        message=message,
        now=datetime(2021, 11, 15, 10, 0, tzinfo=ZONE),
    )
