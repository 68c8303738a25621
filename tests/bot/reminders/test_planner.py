"""The nudge plan over the notices in use, and what a wake-up asks of it.

The shipped notice's task 24 is 办公室's alone (its other party, 各相关科室（单位）, is pending),
due Saturday 20 November 2021 and Friday 10 December. Only task 24 is given due dates here, so
every nudge below is task 24's: d5 on Monday 15 November (19, 18, 17, 16, 15 back from the
Saturday), d0 on Friday the 19th, late1 on Monday the 22nd.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.model import Knowledge
from bot.config import load_config
from bot.ledger.deadlines import Milestone, Source
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.notices.knowledge import load_knowledge
from bot.reminders.nudges import LadderSettings
from bot.reminders.planner import Planner

ZONE = ZoneInfo("Asia/Shanghai")
FIRST, SECOND = date(2021, 11, 20), date(2021, 12, 10)
D5 = "24/办公室/2021-11-20/d5"


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2021, 11, day, hour, minute, tzinfo=ZONE)


@dataclass
class InUse:
    """A notice in use: what the planner reads of a desk."""

    key: str
    knowledge: Knowledge
    ledger: Ledger


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    shipped = load_knowledge(load_config(None))
    only_24 = {24: (Milestone(FIRST, Source.NOTICE), Milestone(SECOND, Source.NOTICE))}
    return Knowledge(shipped.plan, shipped.registry, only_24)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def planner(knowledge: Knowledge, *sources: InUse) -> Planner:
    return Planner(sources, knowledge.registry, ZONE, LadderSettings())


def done_on_24(ledger: Ledger) -> None:
    """办公室 reports task 24 done for its 20 November milestone."""
    ledger.report(
        unit="办公室",
        tasks=(24,),
        status=Status.DONE,
        text="第24项已完成",
        dues={24: FIRST},
        user=1,
        name="张三",
        chat=1,
        message=1,
        now=at(16, 10),
    )


def test_what_is_due_runs_from_the_watermark_to_now(knowledge, ledger):
    plan = planner(knowledge, InUse("1", knowledge, ledger))
    due = plan.due(at(15, 9, 5), since=at(15, 8), watermark=at(15, 0))
    assert [n.id for n in due] == [D5]
    # Settled up to after 09:00: nothing left.
    assert plan.due(at(15, 10), since=at(15, 8), watermark=at(15, 9, 1)) == []
    # Before the send time nothing is due yet.
    assert plan.due(at(15, 8, 59), since=at(15, 8), watermark=None) == []


def test_nudges_planned_before_reminders_started_are_never_due(knowledge, ledger):
    plan = planner(knowledge, InUse("1", knowledge, ledger))
    assert plan.due(at(15, 10, 5), since=at(15, 10), watermark=None) == []


def test_a_later_notices_nudges_carry_its_key(knowledge, ledger):
    plan = planner(knowledge, InUse("1", knowledge, ledger), InUse("2", knowledge, ledger))
    due = plan.due(at(15, 9, 5), since=at(15, 8), watermark=None)
    assert [n.id for n in due] == [D5, f"2:{D5}"]


def test_a_milestone_falls_overdue_on_the_first_working_day_after_it(knowledge, ledger):
    plan = planner(knowledge, InUse("1", knowledge, ledger))
    assert plan.fell_overdue(date(2021, 11, 22))
    assert not plan.fell_overdue(date(2021, 11, 19))  # the due-day nudge, not overdue
    assert not plan.fell_overdue(date(2021, 11, 23))


def test_a_milestone_reported_done_does_not_fall_overdue(knowledge, ledger):
    done_on_24(ledger)
    plan = planner(knowledge, InUse("1", knowledge, ledger))
    assert not plan.fell_overdue(date(2021, 11, 22))
    assert plan.due(at(19, 9, 5), since=at(15, 8), watermark=at(19, 0)) == []


def test_a_delivery_is_found_again_by_its_ids_even_once_reported_done(knowledge, ledger):
    done_on_24(ledger)
    plan = planner(knowledge, InUse("1", knowledge, ledger))
    found = plan.planned_today([D5, "99/法规科/2021-11-20/d5"], date(2021, 11, 15))
    assert [n.id for n in found] == [D5]
    assert plan.planned_today(["99/法规科/2021-11-20/d5"], date(2021, 11, 15)) == []
