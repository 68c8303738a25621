"""按期完成率 on a small notice built by hand, with every figure worked out below by hand.

The notice (2021), two sections:
  一、 task 1: 综合科牵头，办公室配合 — due 11-20.
       task 2: 各分局负责 (东区分局, 西区分局) — due 11-30 and 12-31.
  二、 task 3: 办公室 — due 12-10.
       task 4: 办公室, 长期坚持 — no due date, so no milestone.
The registry lists 办公室, 综合科, 东区分局, 西区分局 in that order; the notice names 综合科 first.

What happens (each 已完成 is about the unit's earliest open milestone, as the bot records it):
  11-15 综合科 task 1 已完成                      → 1@11-20 closed 11-15: on time, 5 days early
  11-18 办公室 task 1 已完成, withdrawn at once    → closes nothing
  11-23 办公室 task 1 已完成                      → 1@11-20 closed 11-23: late, 3 days
  11-25 西区分局 asks to move 11-30 to 12-06; granted on 11-26
  11-26 东区分局 task 2 已完成; 11-27 the office returns it (缺少台账) → closes nothing
  12-01 办公室 task 3 进行中                      → 3@12-10 stays open
  12-02 东区分局 task 2 已完成                    → 2@11-30 closed 12-02: late, 2 days
  12-05 西区分局 task 2 已完成                    → 2@12-06 (moved) closed 12-05: on time, 1 early

On Wednesday 2021-12-15:
  综合科   1@11-20 on time (-5)                           → 1 on time; 100%; median -5
  办公室   1@11-20 late (+3); 3@12-10 open and overdue     → 1 late, 1 overdue; 0%; median 3
  东区分局 2@11-30 late (+2); 2@12-31 not yet due          → 1 late, 1 open; 0%; median 2
  西区分局 2@12-06 on time (-1); 2@12-31 not yet due       → 1 on time, 1 open; 100%; median -1
  一、 (tasks 1, 2): 2 on time, 2 late, 0 overdue, 2 open → 2 / 4 = 50%; days -5, 3, 2, -1:
       median of -5, -1, 2, 3 is (-1 + 2) / 2 = 0.5
  二、 (tasks 3, 4): 1 overdue → 0 / 1 = 0%; nothing closed, no median
  the notice: 2 on time, 2 late, 1 overdue, 2 open → 2 / 5 = 40%; median 0.5
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.model import Knowledge
from bot.ledger.deadlines import Milestone, Source, plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.ontime import Mark, Outcome, Tally, ontime_figures
from bot.office.overview import build_overview
from bot.office.texts import ontime_lines, ontime_sheet, overview_text
from bot.office.weekly import weekly_digest
from bot.plan import Party, PartyKind, Plan, Role, Section, Task
from bot.registry.units import Registry, parse_registry
from bot.reminders.nudges import DigestSettings

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = date(2021, 12, 15)
REGISTRY = parse_registry(
    """
[[units]]
name = "办公室"
kind = "科室"
[[units]]
name = "综合科"
kind = "科室"
[[units]]
name = "东区分局"
kind = "分局"
[[units]]
name = "西区分局"
kind = "分局"
[[groups]]
name = "各分局"
kinds = ["分局"]
"""
)


def party(name: str, role: Role, kind: PartyKind = PartyKind.UNIT) -> Party:
    return Party(name, kind, role)


PLAN = Plan(
    "关于做好2021年重点工作的通知",
    date(2021, 3, 1),
    (Section(1, "加强督办"), Section(2, "长效机制")),
    (
        Task(1, 1, "甲", "综合科牵头，办公室配合",
             (party("综合科", Role.LEAD), party("办公室", Role.COOPERATE)), 1),
        Task(2, 1, "乙", "各分局",
             (party("各分局", Role.RESPONSIBLE, PartyKind.GROUP),), 2),
        Task(3, 2, "丙", "办公室", (party("办公室", Role.RESPONSIBLE),), 3),
        Task(4, 2, "丁，长期坚持", "办公室", (party("办公室", Role.RESPONSIBLE),), 4),
    ),
)  # fmt: skip


def due(*days: date) -> tuple[Milestone, ...]:
    return tuple(Milestone(d, Source.NOTICE) for d in days)


KNOW = Knowledge(
    PLAN,
    REGISTRY,
    {
        1: due(date(2021, 11, 20)),
        2: due(date(2021, 11, 30), date(2021, 12, 31)),
        3: due(date(2021, 12, 10)),
        4: (),
    },
)


USERS = {"办公室": 1, "综合科": 2, "东区分局": 3, "西区分局": 4}


def at(month: int, day: int) -> datetime:
    return datetime.combine(date(2021, month, day), time(10, 0), ZONE)


class Desk:
    """The office's ledger, written as the bot would: each report about the unit's current
    milestone (one user per unit, messages count up)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.message = len(ledger.history())

    def next_message(self) -> int:
        self.message += 1
        return self.message

    def report(self, unit: str, task: int, status: Status, when: datetime, on: date) -> None:
        self.ledger.report(
            unit=unit,
            tasks=(task,),
            status=status,
            text=f"第{task}项{status.value}",
            dues={task: on},
            user=USERS[unit],
            name=unit,
            chat=1,
            message=self.next_message(),
            now=when,
        )


@pytest.fixture
def blank(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


@pytest.fixture
def ledger(blank: Ledger) -> Ledger:
    play(Desk(blank))
    return blank


def play(desk: Desk) -> None:
    """The scenario of the module docstring."""
    ledger = desk.ledger
    desk.report("综合科", 1, Status.DONE, at(11, 15), date(2021, 11, 20))
    desk.report("办公室", 1, Status.DONE, at(11, 18), date(2021, 11, 20))
    ledger.withdraw(
        user=USERS["办公室"],
        name="办公室",
        chat=1,
        message=desk.next_message(),
        now=at(11, 18),
        window=timedelta(minutes=10),
    )
    desk.report("办公室", 1, Status.DONE, at(11, 23), date(2021, 11, 20))
    asked = ledger.request_extension(
        unit="西区分局",
        task=2,
        due=date(2021, 11, 30),
        until=date(2021, 12, 6),
        reason="汛期",
        user=7,
        name="西区",
        chat=1,
        message=desk.next_message(),
        now=at(11, 25),
    )
    assert asked is not None
    ledger.decide_extension(
        asked.id, granted=True, user=9, name="小陈", chat=1, message=desk.next_message(),
        now=at(11, 26),
    )  # fmt: skip
    desk.report("东区分局", 2, Status.DONE, at(11, 26), date(2021, 11, 30))
    ledger.return_report(
        2, "东区分局", reason="缺少台账", user=9, name="小陈", chat=1,
        message=desk.next_message(), now=at(11, 27),
    )  # fmt: skip
    desk.report("办公室", 3, Status.ONGOING, at(12, 1), date(2021, 12, 10))
    desk.report("东区分局", 2, Status.DONE, at(12, 2), date(2021, 11, 30))
    desk.report("西区分局", 2, Status.DONE, at(12, 5), date(2021, 12, 6))


def test_every_milestone_and_its_outcome(ledger: Ledger):
    figures = ontime_figures(KNOW, ledger, TODAY)
    assert set(figures.marks) == {
        Mark(1, "综合科", date(2021, 11, 20), date(2021, 11, 15), Outcome.ON_TIME),
        Mark(1, "办公室", date(2021, 11, 20), date(2021, 11, 23), Outcome.LATE),
        Mark(2, "东区分局", date(2021, 11, 30), date(2021, 12, 2), Outcome.LATE),
        Mark(2, "东区分局", date(2021, 12, 31), None, Outcome.OPEN),
        Mark(2, "西区分局", date(2021, 12, 6), date(2021, 12, 5), Outcome.ON_TIME),
        Mark(2, "西区分局", date(2021, 12, 31), None, Outcome.OPEN),
        Mark(3, "办公室", date(2021, 12, 10), None, Outcome.OVERDUE),
    }
    assert len(figures.marks) == 7


def test_the_tallies_for_the_notice_its_sections_and_units(ledger: Ledger):
    figures = ontime_figures(KNOW, ledger, TODAY)
    assert figures.notice == Tally(2, 2, 1, 2, figures.notice.days)
    assert sorted(figures.notice.days) == [-5, -1, 2, 3]
    assert (figures.notice.rate, figures.notice.median_days) == (0.4, 0.5)
    [(first, one), (second, two)] = figures.sections
    assert (first.number, one.on_time, one.late, one.overdue, one.open) == (1, 2, 2, 0, 2)
    assert (one.rate, one.median_days) == (0.5, 0.5)
    assert (second.number, two.counted, two.rate, two.median_days) == (2, 1, 0.0, None)
    # Units in the order the notice names them, not the registry's, nor by rate.
    assert [(unit, t.on_time, t.late, t.overdue, t.open) for unit, t in figures.units] == [
        ("综合科", 1, 0, 0, 0),
        ("办公室", 0, 1, 1, 0),
        ("东区分局", 0, 1, 0, 1),
        ("西区分局", 1, 0, 0, 1),
    ]
    assert [(t.rate, t.median_days) for _, t in figures.units] == [
        (1.0, -5),
        (0.0, 3),
        (0.0, 2),
        (1.0, -1),
    ]


def test_closing_on_the_due_date_is_on_time_and_an_open_one_due_today_is_not_late(
    ledger: Ledger,
):
    # On 12-10 itself, 办公室's task 3 is not yet overdue.
    figures = ontime_figures(KNOW, ledger, date(2021, 12, 10))
    [mark] = [m for m in figures.marks if m.task == 3]
    assert mark.outcome is Outcome.OPEN
    Desk(ledger).report("办公室", 3, Status.DONE, at(12, 10), date(2021, 12, 10))
    [mark] = [m for m in ontime_figures(KNOW, ledger, TODAY).marks if m.task == 3]
    assert (mark.outcome, mark.days) == (Outcome.ON_TIME, 0)


def test_nothing_closed_or_due_has_no_rate():
    assert (Tally(open=3).rate, Tally(open=3).median_days) == (None, None)


def test_the_overview_shows_the_notice_and_each_unit(ledger: Ledger):
    overview = build_overview(KNOW, ledger, TODAY)
    lines = ontime_lines(overview.ontime)
    assert lines == [
        "按期完成（按节点计，天数为自然日；单位按通知中出现的顺序）：",
        "全部：按期 2 · 逾期完成 2 · 逾期未完成 1 · 未到期 2；按期完成率 40%；"
        "完成日中位：截止后 0.5 天",
        "综合科：按期 1 · 逾期完成 0 · 逾期未完成 0 · 未到期 0；按期完成率 100%；"
        "完成日中位：截止前 5 天",
        "办公室：按期 0 · 逾期完成 1 · 逾期未完成 1 · 未到期 0；按期完成率 0%；"
        "完成日中位：截止后 3 天",
        "东区分局：按期 0 · 逾期完成 1 · 逾期未完成 0 · 未到期 1；按期完成率 0%；"
        "完成日中位：截止后 2 天",
        "西区分局：按期 1 · 逾期完成 0 · 逾期未完成 0 · 未到期 1；按期完成率 100%；"
        "完成日中位：截止前 1 天",
        "（按期完成率 = 按期完成 ÷（按期完成 + 逾期完成 + 逾期未完成），未到期的节点不计）",
    ]
    text = overview_text(overview, PLAN, DigestSettings())
    assert "\n".join(lines) in text


def test_units_with_nothing_closed_or_due_are_counted_on_one_line(blank: Ledger):
    # On 11-16, after the first report of the scenario: only 综合科 has closed anything.
    Desk(blank).report("综合科", 1, Status.DONE, at(11, 15), date(2021, 11, 20))
    lines = ontime_lines(ontime_figures(KNOW, blank, date(2021, 11, 16)))
    assert lines[1:4] == [
        # Closed by then: 综合科's 1@11-20 on 11-15; the other six are not yet due.
        "全部：按期 1 · 逾期完成 0 · 逾期未完成 0 · 未到期 6；按期完成率 100%；"
        "完成日中位：截止前 5 天",
        "综合科：按期 1 · 逾期完成 0 · 逾期未完成 0 · 未到期 0；按期完成率 100%；"
        "完成日中位：截止前 5 天",
        "其余 3 个单位：暂无已完成或已到期的节点",
    ]


def test_the_weekly_digest_has_one_line(ledger: Ledger):
    overview = build_overview(KNOW, ledger, TODAY)
    text = weekly_digest(overview, ledger, since=at(12, 10), paused=[], unreachable=[])
    assert text.split("\n")[2] == (
        "【按期完成】按期 2 · 逾期完成 2 · 逾期未完成 1 · 未到期 2；按期完成率 40%；"
        "完成日中位：截止后 0.5 天"
    )


def test_the_statistics_sheet(ledger: Ledger):
    rows = ontime_sheet(ontime_figures(KNOW, ledger, TODAY), PLAN)
    assert "|".join(rows[0]) == (
        "范围|名称|节点数|按期完成|逾期完成|逾期未完成|未到期|按期完成率|"
        "完成天数中位数（自然日，负数为提前）"
    )
    assert rows[1:] == [
        ("全文", "关于做好2021年重点工作的通知", 7, 2, 2, 1, 2, 0.4, 0.5),
        ("部分", "一、加强督办", 6, 2, 2, 0, 2, 0.5, 0.5),
        ("部分", "二、长效机制", 1, 0, 0, 1, 0, 0.0, None),
        ("单位", "综合科", 1, 1, 0, 0, 0, 1.0, -5),
        ("单位", "办公室", 2, 0, 1, 1, 0, 0.0, 3),
        ("单位", "东区分局", 2, 0, 1, 0, 1, 0.0, 2),
        ("单位", "西区分局", 2, 1, 0, 0, 1, 1.0, -1),
    ]


def test_every_unit_holding_a_task_of_the_shipped_notice_is_listed_once(
    plan: Plan, registry: Registry, blank: Ledger
):
    # The shipped notice: 17 units hold tasks. Tasks 1 and 2 are 综合科's alone; task 3 names
    # 具有审批职能的各相关科室 (not yet defined) and 各市（区）分局, whose first unit in the
    # registry is 蓬江分局.
    know = Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2021, 12, 31)))
    units = [unit for unit, _ in ontime_figures(know, blank, TODAY).units]
    assert len(units) == len(set(units)) == 17
    assert set(units) == set(build_overview(know, blank, TODAY).units)
    assert units[:2] == ["综合科", "蓬江分局"]
