"""Which due dates a unit is held to: the notice's milestones, moved by a granted extension.

Task 24 has two milestones, 2021-11-20 and 2021-12-10; 办公室 asks to move the first to
2021-11-30 and the office grants it. 综合科, holding the same task, is still held to 11-20.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.ledger.deadlines import Milestone, Source
from bot.ledger.history import Ledger
from bot.ledger.milestones import is_milestone, milestones_for, unit_dues
from bot.ledger.store import LedgerStore

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
FIRST, SECOND, MOVED = date(2021, 11, 20), date(2021, 12, 10), date(2021, 11, 30)
DEADLINES = {24: (Milestone(FIRST, Source.NOTICE), Milestone(SECOND, Source.NOTICE))}


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def grant(ledger: Ledger, *, granted: bool = True) -> None:
    """办公室 asks to move task 24's 11-20 to 11-30; the office decides."""
    asked = ledger.request_extension(
        unit="办公室",
        task=24,
        due=FIRST,
        until=MOVED,
        reason="平台升级",
        user=1,
        name="张三",
        chat=1,
        message=1,
        now=NOW,
    )
    assert asked is not None
    ledger.decide_extension(
        asked.id, granted=granted, user=2, name="李四", chat=2, message=2, now=NOW
    )


def test_without_extensions_a_unit_is_held_to_the_notices_dates(ledger: Ledger):
    assert milestones_for(ledger, DEADLINES, 24, "办公室") == (FIRST, SECOND)


def test_a_task_without_milestones_holds_nobody(ledger: Ledger):
    assert milestones_for(ledger, DEADLINES, 3, "办公室") == ()


def test_a_granted_extension_moves_only_that_units_milestone(ledger: Ledger):
    grant(ledger)
    assert milestones_for(ledger, DEADLINES, 24, "办公室") == (MOVED, SECOND)
    assert milestones_for(ledger, DEADLINES, 24, "综合科") == (FIRST, SECOND)


def test_a_refused_extension_moves_nothing(ledger: Ledger):
    grant(ledger, granted=False)
    assert milestones_for(ledger, DEADLINES, 24, "办公室") == (FIRST, SECOND)


def test_moved_dates_come_back_in_order():
    # Moved past the second milestone: 12-10 comes first now.
    later = date(2021, 12, 20)
    assert unit_dues(24, "办公室", DEADLINES[24], {(24, "办公室", FIRST): later}) == (
        SECOND,
        later,
    )


def test_a_milestone_is_a_planned_date_or_one_a_unit_was_moved_to(ledger: Ledger):
    grant(ledger)
    assert is_milestone(ledger, DEADLINES, 24, FIRST)  # 综合科 is still held to it
    assert is_milestone(ledger, DEADLINES, 24, MOVED)
    assert not is_milestone(ledger, DEADLINES, 24, date(2021, 11, 21))
    assert not is_milestone(ledger, DEADLINES, 3, MOVED)  # another task
    assert not is_milestone(ledger, DEADLINES, 24, None)
