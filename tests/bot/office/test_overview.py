"""Where the notice stands, from a ledger built by hand.

From the notice: task 17 is led by 办公室, 信息中心 (市环境信息中心) and 执法二科, with
各科室（单位）配合 — the ten 科室, 党组织 and 直属事业单位 in the registry, so ten units in all
(the three leads among them) and no 分局. Task 24 is led by 办公室 with 各相关科室（单位）, a
phrase the registry leaves for the office to define, so 办公室 alone holds it; its text names two
dates, 11月20日 and 12月10日; every other task is due at the year end, 12-31.
Every one of the 34 tasks is held by at least one unit, 17 units hold tasks (10 in the bureau,
7 分局). Monday 2021-11-15: 11-20 is a Saturday, four working days away.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.model import Knowledge
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.overview import Overview, Standing, build_overview
from bot.plan import Plan, Role
from bot.registry.units import Registry
from bot.reminders.nudges import Level

ZONE = ZoneInfo("Asia/Shanghai")
MONDAY = date(2021, 11, 15)
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
TASK_17_LEADS = {"办公室", "市环境信息中心", "执法二科"}
BUREAU = {
    "办公室",
    "综合科",
    "法规与标准科",
    "财务与审计科",
    "环境影响评价与排放管理科",
    "固体废物与核（辐射）安全管理科",
    "执法一科",
    "执法二科",
    "机关党委",
    "市环境信息中心",
}


@pytest.fixture
def know(plan: Plan, registry: Registry) -> Knowledge:
    deadlines = plan_deadlines(plan, office={}, year_end=date(2021, 12, 31))
    return Knowledge(plan, registry, deadlines)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def report(
    ledger: Ledger, unit: str, task: int, status: Status, due: date, *, when: datetime = NOW
) -> None:
    message = len(ledger.history()) + 1
    ledger.report(
        unit=unit,
        tasks=(task,),
        status=status,
        text=f"{unit}第{task}项{status.value}",
        dues={task: due},
        user=message,
        name="张三",
        chat=message,
        message=message,
        now=when,
    )


def standing(overview: Overview, task: int, unit: str) -> Standing:
    [row] = [r for r in overview.of_task(task) if r.unit == unit]
    return row.standing


def test_with_no_reports_every_unit_is_silent(know: Knowledge, ledger: Ledger):
    overview = build_overview(know, ledger, MONDAY)
    assert len(overview.units) == 17
    assert set(overview.units) >= BUREAU
    assert overview.task_counts(t.number for t in know.plan.tasks) == Counter(
        {Standing.SILENT: 34}
    )
    rows_17 = overview.of_task(17)
    assert {r.unit for r in rows_17} == BUREAU
    assert {r.unit for r in rows_17 if r.role is Role.LEAD} == TASK_17_LEADS
    assert {r.via for r in rows_17 if r.role is Role.COOPERATE} == {"各科室（单位）"}
    assert len(overview.not_reported()) == len(overview.rows)


def test_a_unit_on_its_current_milestone(know: Knowledge, ledger: Ledger):
    overview = build_overview(know, ledger, MONDAY)
    [row] = overview.of_task(24)
    assert (row.unit, row.due, row.workdays_left, row.level) == (
        "办公室",
        date(2021, 11, 20),
        4,
        Level.BLUE,
    )
    report(ledger, "办公室", 24, Status.ONGOING, date(2021, 11, 20))
    assert standing(build_overview(know, ledger, MONDAY), 24, "办公室") is Standing.ONGOING
    report(ledger, "办公室", 24, Status.DONE, date(2021, 11, 20))
    overview = build_overview(know, ledger, MONDAY)
    [row] = overview.of_task(24)
    # The first milestone is done; the report on it says nothing about 12-10.
    assert (row.due, row.standing, row.reported) == (date(2021, 12, 10), Standing.SILENT, False)
    report(ledger, "办公室", 24, Status.DONE, date(2021, 12, 10))
    assert standing(build_overview(know, ledger, MONDAY), 24, "办公室") is Standing.DONE


def test_a_passed_due_date_is_late_whatever_was_reported(know: Knowledge, ledger: Ledger):
    report(ledger, "办公室", 24, Status.ONGOING, date(2021, 11, 20))
    overview = build_overview(know, ledger, date(2021, 11, 22))
    [row] = overview.of_task(24)
    assert (row.standing, row.level, row.workdays_left) == (Standing.LATE, Level.RED, -1)
    assert row.reported  # it did report, it is late all the same
    assert overview.warnings()[0] == row


def test_a_task_sums_up_its_units(know: Knowledge, ledger: Ledger):
    year_end = date(2021, 12, 31)
    for unit in BUREAU - {"综合科"}:
        report(ledger, unit, 17, Status.DONE, year_end)
    overview = build_overview(know, ledger, MONDAY)
    assert overview.task_standing(17) is Standing.ONGOING  # 综合科 has not reported
    assert [r.unit for r in overview.not_reported() if r.task == 17] == ["综合科"]
    report(ledger, "综合科", 17, Status.BLOCKED, year_end)
    assert build_overview(know, ledger, MONDAY).task_standing(17) is Standing.BLOCKED
    report(ledger, "综合科", 17, Status.DONE, year_end, when=NOW + timedelta(hours=1))
    overview = build_overview(know, ledger, MONDAY)
    assert overview.task_standing(17) is Standing.DONE
    assert overview.task_counts([17, 24]) == Counter({Standing.DONE: 1, Standing.SILENT: 1})


def test_counts_per_unit_cover_every_task_the_unit_holds(know: Knowledge, ledger: Ledger):
    # 综合科 holds tasks 1, 2, 8, 9, 10, 11, 12, 13, 16 and 17.
    report(ledger, "综合科", 2, Status.ONGOING, date(2021, 12, 31))
    report(ledger, "综合科", 8, Status.BLOCKED, date(2021, 12, 31))
    counts = build_overview(know, ledger, MONDAY).unit_counts()
    assert list(counts)[:2] == ["办公室", "综合科"]  # registry order
    assert counts["综合科"] == Counter(
        {Standing.SILENT: 8, Standing.ONGOING: 1, Standing.BLOCKED: 1}
    )
