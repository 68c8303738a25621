"""The weekly digest's day and text, from the shipped notice and a ledger built by hand.

From the notice (data/notice-2021.txt): task 24 (办公室牵头) is due 2021年11月20日 (a Saturday)
and 12月10日; every other task is due at the year end, 2021-12-31. Task 2 is led by 综合科 alone,
task 1 is 综合科's alone, task 7 is 市环境信息中心's alone, task 15 is 办公室's alone. Counting
each task's units (各科室（单位） is the ten 科室 and units, 各市（区）分局 the seven 分局), the
notice gives 213 (task, unit) duties in all, held by the 17 units of the registry.

From the Chinese calendar for 2021: the Mid-Autumn holiday is 9-19..9-21 (Saturday 9-18 worked),
National Day 10-01..10-07 (Sunday 9-26 and Saturday 10-09 worked); in 2022 the Spring Festival
holiday fills the whole week of Monday 1-31 (Saturday 1-29 and Sunday 1-30 worked).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.answers.model import Knowledge
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.overview import Overview, Standing, UnitStanding, build_overview
from bot.office.weekly import (
    PausedUser,
    WeeklySettings,
    next_moment,
    previous_moment,
    send_day,
    weekly_digest,
    weekly_key,
)
from bot.plan import Plan, Role
from bot.registry.units import Registry
from bot.texts import utf16_length

ZONE = ZoneInfo("Asia/Shanghai")
FRIDAY = WeeklySettings()
SINCE = datetime(2021, 11, 19, 16, 0, tzinfo=ZONE)  # the previous Friday's digest
YEAR_END = date(2021, 12, 31)
BLOCKED_TEXT = (
    "市发展改革局尚未提供“十一五”至“十三五”规划文本，无法按期公开，需要办公室出面协调，请尽快安排"
)


def at(month: int, day: int, hour: int = 10, year: int = 2021) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=ZONE)


@pytest.fixture
def knowledge(plan: Plan, registry: Registry) -> Knowledge:
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=YEAR_END))


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def report(ledger: Ledger, message: int, **fields: Any) -> None:
    """A report from chat 1 (message ids must differ); the due is the year end unless given."""
    tasks = fields["tasks"]
    fields.setdefault("dues", dict.fromkeys(tasks, YEAR_END))
    fields.setdefault("user", 100 + message)
    ledger.report(chat=1, message=message, **fields)


@pytest.fixture
def week(ledger: Ledger) -> Ledger:
    """One report before the previous digest, four after it (one of them withdrawn)."""
    report(
        ledger,
        1,
        unit="综合科",
        tasks=(1,),
        status=Status.ONGOING,
        text="正在整理",
        name="李四",
        now=at(11, 18),
    )
    report(
        ledger,
        2,
        unit="综合科",
        tasks=(2,),
        status=Status.BLOCKED,
        text=BLOCKED_TEXT,
        name="李四",
        now=at(11, 23),
    )
    report(
        ledger,
        3,
        unit="市环境信息中心",
        tasks=(7,),
        status=Status.DONE,
        text="开放江门数据集已更新",
        name="王五",
        now=at(11, 24),
    )
    report(
        ledger,
        4,
        unit="办公室",
        tasks=(15,),
        status=Status.ONGOING,
        text="每日监测舆情",
        name="张三",
        user=7,
        now=at(11, 25),
    )
    report(
        ledger,
        5,
        unit="办公室",
        tasks=(31,),
        status=Status.ONGOING,
        text="打错了",
        name="张三",
        user=7,
        now=at(11, 25, 11),
    )
    ledger.withdraw(
        user=7, name="张三", chat=1, message=6, now=at(11, 25, 11), window=timedelta(minutes=30)
    )
    return ledger


@pytest.mark.parametrize(
    ("settings", "day", "expected"),
    [
        (FRIDAY, date(2021, 11, 22), date(2021, 11, 26)),  # an ordinary week
        (FRIDAY, date(2021, 11, 28), date(2021, 11, 26)),  # Sunday belongs to the same week
        (FRIDAY, date(2021, 9, 27), date(2021, 9, 30)),  # 10-01 is National Day: Thursday
        (FRIDAY, date(2021, 10, 4), date(2021, 10, 8)),  # Friday 10-08 is worked
        (WeeklySettings(1), date(2021, 10, 6), date(2021, 10, 8)),  # Mon–Thu off: the Friday
        (WeeklySettings(3), date(2021, 10, 4), date(2021, 10, 8)),
        (WeeklySettings(1), date(2021, 9, 20), date(2021, 9, 22)),  # Mid-Autumn: Wednesday
        (WeeklySettings(2), date(2021, 9, 20), date(2021, 9, 22)),
        (WeeklySettings(3), date(2021, 9, 20), date(2021, 9, 22)),
        (FRIDAY, date(2022, 2, 1), None),  # Spring Festival: no working day that week
    ],
)
def test_the_digest_day_moves_within_its_week_around_holidays(settings, day, expected):
    assert send_day(settings, day) == expected


def test_weekday_outside_monday_to_friday_is_refused():
    with pytest.raises(ValueError, match="周一到周五"):
        WeeklySettings(6)


def test_one_key_per_week_whatever_the_day():
    assert weekly_key(date(2021, 9, 27)) == "weekly:2021-09-27"
    assert weekly_key(date(2021, 9, 30)) == "weekly:2021-09-27"
    assert weekly_key(date(2021, 10, 3)) == "weekly:2021-09-27"
    assert weekly_key(date(2021, 10, 4)) == "weekly:2021-10-04"


def test_the_previous_digest_skips_a_week_without_one():
    # The week of 2022-01-31 has none; Friday 1-28 was the last one before the week of 2-07.
    assert previous_moment(FRIDAY, date(2022, 2, 9), ZONE) == at(1, 28, 16, year=2022)
    assert previous_moment(FRIDAY, date(2021, 10, 8), ZONE) == at(9, 30, 16)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(11, 26, 15), at(11, 26, 16)),
        (at(11, 26, 16), at(12, 3, 16)),  # the moment itself has passed
        (at(9, 30, 17), at(10, 8, 16)),  # across National Day
        (at(1, 28, 17, year=2022), at(2, 11, 16, year=2022)),  # across the Spring Festival
    ],
)
def test_the_next_digest_moment(now, expected):
    assert next_moment(FRIDAY, now) == expected


def test_a_week_of_changes_late_and_blocked_work(knowledge: Knowledge, week: Ledger):
    overview = build_overview(knowledge, week, date(2021, 11, 26))
    paused = [
        PausedUser("赵六", "执法一科", date(2021, 11, 30)),
        PausedUser("钱七", None, date(2021, 12, 1)),
    ]
    text = weekly_digest(
        overview, week, since=SINCE, paused=paused, unreachable=["孙八（执法二科）"]
    )
    lines = text.split("\n")
    assert lines[0] == "【每周汇总】2021年11月22日（周一）至11月26日（周五）"
    # Task 7 done; tasks 1 and 15 进行中; task 2 有困难; task 24's 11-20 milestone missed.
    assert lines[1] == (
        "全部 34 项任务：已完成 1 项，进行中 2 项，有困难 1 项，未反馈 29 项，逾期 1 项"
    )
    # 214 milestones (213 duties, 办公室's task 24 has two): the centre closed 7@12-31 on 11-24,
    # 37 days early; 办公室's 24@11-20 is overdue; the other 212 are not yet due.
    assert lines[2] == (
        "【按期完成】按期 1 · 逾期完成 0 · 逾期未完成 1 · 未到期 212；按期完成率 50%；"
        "完成日中位：截止前 37 天"
    )
    assert lines[3] == "【本周变化】11月19日 16:00 以来"
    # 11-18's report came before the previous digest; 11-25's second report was withdrawn.
    assert lines[4] == (
        "· 3 个单位报告进展 3 条（已完成 1、进行中 1、有困难 1）："
        "办公室 1 条、综合科 1 条、市环境信息中心 1 条"
    )
    assert lines[5] == "· 本周完成的任务：第7项"
    assert lines[6:8] == [
        "【逾期】1 项任务：",
        # Working days after Saturday 11-20 up to Friday 11-26: the 22nd to the 26th.
        "· 第24项 截止 11月20日（周六），已逾期 5 个工作日：办公室",
    ]
    assert lines[8:10] == [
        "【有困难】1 个单位、1 项分工，请协调：",
        "· 第2项 综合科（李四，11月23日）：" + BLOCKED_TEXT[:40] + "…",
    ]
    # 213 duties, less 综合科 on 1 and 2, 办公室 on 15 and 24, the centre on 7.
    assert lines[10] == "【未反馈】17 个单位共 208 项分工尚未报告当前节点的进展"
    assert lines[11:] == [
        "【暂停提醒】2 人：赵六（执法一科，至11月30日）、钱七（至12月1日）",
        "【无法送达】1 人（已屏蔽或停用机器人）：孙八（执法二科）",
    ]


def test_a_quiet_week_says_so(knowledge: Knowledge, ledger: Ledger):
    overview = build_overview(knowledge, ledger, date(2021, 11, 19))
    text = weekly_digest(overview, ledger, since=at(11, 12, 16), paused=[], unreachable=[])
    assert text.split("\n") == [
        "【每周汇总】2021年11月15日（周一）至11月19日（周五）",
        "全部 34 项任务：已完成 0 项，进行中 0 项，有困难 0 项，未反馈 34 项，逾期 0 项",
        # 213 duties, 办公室's task 24 with two milestones (11-20 and 12-10): none due by 11-19.
        "【按期完成】暂无已完成或已到期的节点（未到期 214）",
        "【本周变化】11月12日 16:00 以来",
        "· 没有新的进展报告",
        "· 本周没有完成的任务",
        "【逾期】无",
        "【有困难】无",
        "【未反馈】17 个单位共 213 项分工尚未报告当前节点的进展",
        "【暂停提醒】无",
        "【无法送达】无",
    ]


def test_a_task_done_by_some_units_only_is_not_listed_as_done(knowledge, ledger):
    # Task 5: 财务与审计科 leads, 市环境信息中心 cooperates; only the lead reports done.
    report(
        ledger,
        1,
        unit="财务与审计科",
        tasks=(5,),
        status=Status.DONE,
        text="预算已公开",
        name="周九",
        now=at(11, 23),
    )
    overview = build_overview(knowledge, ledger, date(2021, 11, 26))
    text = weekly_digest(overview, ledger, since=SINCE, paused=[], unreachable=[])
    assert "· 1 个单位报告进展 1 条（已完成 1）：财务与审计科 1 条" in text
    assert "· 本周没有完成的任务" in text
    assert "进行中 1 项" in text  # task 5 stands 进行中: one of its units has reported


def test_long_lists_are_cut_to_fit_one_message(knowledge: Knowledge, ledger: Ledger):
    # Every unit holding task 16 (all 17) reports 有困难 on it separately; 30 people are paused.
    units = [u.name for u in knowledge.registry.units]
    for index, unit in enumerate(units):
        report(
            ledger,
            index + 1,
            unit=unit,
            tasks=(16,),
            status=Status.BLOCKED,
            text=BLOCKED_TEXT,
            name=f"用户{index}",
            now=at(11, 23),
        )
    paused = [PausedUser(f"用户{n}", "办公室", date(2021, 12, 1)) for n in range(30)]
    # 2022-01-07: every year-end due date has passed, so all 34 tasks are late.
    late = build_overview(knowledge, ledger, date(2022, 1, 7))
    text = weekly_digest(late, ledger, since=SINCE, paused=paused, unreachable=[])
    assert "【逾期】34 项任务：" in text
    assert "· ……等 34 项" in text
    assert "、用户9（办公室，至12月1日）等 30 人" in text
    # Task 13 is held by all 17 units: six are named.
    assert "固体废物与核（辐射）安全管理科等 17 个单位" in text
    assert utf16_length(text) <= 4096
    blocked = build_overview(knowledge, ledger, date(2021, 11, 26))
    text = weekly_digest(blocked, ledger, since=SINCE, paused=[], unreachable=[])
    assert "【有困难】17 个单位、17 项分工，请协调：" in text
    assert "· ……等 17 项" in text
    assert sum(line.startswith("· 第16项 ") for line in text.split("\n")) == 15


def test_lists_shrink_further_when_the_names_are_long(ledger: Ledger):
    """A hand-made overview of 40 late tasks, each held by six units with 100-character names."""
    names = [f"{n}号" + "很长的单位名称" * 14 for n in range(6)]
    due = date(2021, 11, 20)
    rows = tuple(
        UnitStanding(task, name, Role.RESPONSIBLE, None, due, Standing.LATE, None, None, -5)
        for task in range(1, 41)
        for name in names
    )
    overview = Overview(date(2021, 11, 26), rows, tuple(names))
    text = weekly_digest(overview, ledger, since=SINCE, paused=[], unreachable=[])
    late_lines = [line for line in text.split("\n") if line.startswith("· 第")]
    # Each line is over 600 characters: fifteen would not fit, nor eight; four do.
    assert len(late_lines) == 4
    assert "· ……等 40 项" in text
    assert utf16_length(text) <= 4096
