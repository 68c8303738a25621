"""The Chinese text of nudges and office notices, written out by hand from the inputs.

Calendar facts used below: Monday 15 November 2021 is a working day and Saturday 20 November a
weekend day; December 2021 has no holidays (New Year 2022 is 1–3 January off).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import load_config
from bot.notices.knowledge import load_knowledge
from bot.plan import Role
from bot.reminders.nudges import DigestItem, DigestSettings, Kind, Level, Nudge, office_digest
from bot.reminders.outbox import Record, State
from bot.reminders.texts import (
    NUDGE_FOOTER,
    day_label,
    digest_message,
    moment_label,
    nudge_message,
    stale_message,
    unreachable_line,
)

ZONE = ZoneInfo("Asia/Shanghai")
D = date
THRESHOLDS = DigestSettings(blue=5, yellow=2)
# Task 24: 办公室牵头, due Saturday 20 November and Friday 10 December 2021. Task 27: 办公室牵头,
# 财务与审计科配合, due 31 December 2021 by default. Their requirements cut at 28 characters:
REQ_24 = "要分别于2021年11月20日前和2021年12月10日…"
REQ_27 = "正确适用《政府信息公开信息处理费管理办法》，严格依照规定…"


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


@pytest.fixture(scope="module")
def know():
    return load_knowledge(load_config(None))


@pytest.fixture(scope="module")
def plan(know):
    return know.plan


def lines(text: str) -> list[str]:
    assert "\n\n" not in text, "no blank lines"
    return text.split("\n")


def test_the_shortened_requirements_are_28_characters() -> None:
    # Guards the hand-written constants above against a miscount.
    for shortened in (REQ_24, REQ_27):
        assert shortened.endswith("…")
        assert len(shortened.removesuffix("…")) == 28


# --- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (D(2021, 11, 20), "11月20日（周六）"),
        (D(2021, 11, 15), "11月15日（周一）"),
        (D(2021, 10, 3), "10月3日（周日）"),
        (D(2022, 1, 5), "1月5日（周三）"),
    ],
)
def test_day_label(day: date, label: str) -> None:
    assert day_label(day) == label


def test_moment_label() -> None:
    assert moment_label(at(D(2021, 11, 15))) == "11月15日 09:00"
    assert moment_label(at(D(2021, 1, 5), 14, 7)) == "1月5日 14:07"


# --- nudges --------------------------------------------------------------------------------


def test_lead_nudge_five_working_days_before(plan) -> None:
    nudge = Nudge(at(D(2021, 11, 15)), "办公室", 24, D(2021, 11, 20), "d5", Kind.AHEAD, Role.LEAD)
    text = nudge_message("办公室", [nudge], plan, today=D(2021, 11, 15), late=False)
    # Working days after Monday the 15th up to Saturday the 20th: 16, 17, 18, 19 November.
    assert lines(text) == [
        "【工作提醒】办公室：1 项需要关注",
        f"1. 第24项（牵头）{REQ_24}",
        "   截止 11月20日（周六），还有 4 个工作日",
        NUDGE_FOOTER,
    ]
    assert "回复本消息写进展" in NUDGE_FOOTER
    assert "补发" not in text


def test_due_step_on_the_last_working_day_before_a_weekend_due_date(plan) -> None:
    friday = D(2021, 11, 19)
    nudge = Nudge(at(friday), "办公室", 24, D(2021, 11, 20), "d0", Kind.DUE, Role.LEAD)
    text = nudge_message("办公室", [nudge], plan, today=friday, late=False)
    assert lines(text)[2] == "   截止 11月20日（周六），今天是截止前最后一个工作日"


def test_due_step_on_the_due_date(plan) -> None:
    day = D(2021, 12, 31)
    nudge = Nudge(at(day), "办公室", 27, day, "d0", Kind.DUE, Role.LEAD)
    text = nudge_message("办公室", [nudge], plan, today=day, late=False)
    assert lines(text)[1:3] == [f"1. 第27项（牵头）{REQ_27}", "   截止 12月31日（周五），今天截止"]


def test_cooperating_step_asks_to_hand_in_to_the_lead(plan) -> None:
    # c2: two working days before Friday 31 December is Wednesday the 29th.
    day = D(2021, 12, 29)
    nudge = Nudge(at(day), "财务与审计科", 27, D(2021, 12, 31), "c2", Kind.AHEAD, Role.COOPERATE)
    text = nudge_message("财务与审计科", [nudge], plan, today=day, late=False)
    assert lines(text) == [
        "【工作提醒】财务与审计科：1 项需要关注",
        f"1. 第27项（配合）{REQ_27}",
        "   截止 12月31日（周五），还有 2 个工作日；请提前把配合材料交牵头单位",
        NUDGE_FOOTER,
    ]


def test_consolidating_lead_is_asked_to_gather_the_material(plan) -> None:
    day = D(2021, 12, 30)
    nudge = Nudge(
        at(day), "办公室", 27, D(2021, 12, 31), "d1", Kind.AHEAD, Role.LEAD, consolidate=True
    )
    text = nudge_message("办公室", [nudge], plan, today=day, late=False)
    assert lines(text)[2] == "   截止 12月31日（周五），还有 1 个工作日；请汇总各配合单位的材料"


def test_overdue_nudge(plan) -> None:
    monday = D(2021, 11, 22)
    nudge = Nudge(at(monday), "办公室", 24, D(2021, 11, 20), "late1", Kind.OVERDUE, Role.LEAD)
    text = nudge_message("办公室", [nudge], plan, today=monday, late=False)
    # Working days after Saturday the 20th up to Monday the 22nd: only the 22nd.
    assert lines(text) == [
        "【工作提醒】办公室：1 项需要关注，其中 1 项已逾期",
        f"1. 第24项（牵头）{REQ_24}",
        "   截止 11月20日（周六），已逾期 1 个工作日，请尽快办理并报告进展",
        NUDGE_FOOTER,
    ]


def test_overdue_counts_working_days_since_the_due_date(plan) -> None:
    # late2 five working days after late1: 23, 24, 25, 26, 29 November. Since the 20th the
    # working days are 22, 23, 24, 25, 26 and 29 November: six.
    day = D(2021, 11, 29)
    nudge = Nudge(at(day), "办公室", 24, D(2021, 11, 20), "late2", Kind.OVERDUE, Role.LEAD)
    text = nudge_message("办公室", [nudge], plan, today=day, late=False)
    assert lines(text)[2] == "   截止 11月20日（周六），已逾期 6 个工作日，请尽快办理并报告进展"


def test_progress_request(plan) -> None:
    day = D(2021, 11, 25)
    nudge = Nudge(at(day), "办公室", 24, D(2021, 12, 10), "m2021-11", Kind.PROGRESS, Role.LEAD)
    text = nudge_message("办公室", [nudge], plan, today=day, late=False)
    assert lines(text)[2] == "   本月请报告工作进展（下一截止 12月10日（周五））"
    assert "已逾期" not in text


def test_merged_late_message(plan) -> None:
    monday = D(2021, 11, 15)
    ahead = Nudge(at(monday), "办公室", 24, D(2021, 11, 20), "d5", Kind.AHEAD, Role.LEAD)
    # A hypothetical milestone on Wednesday 10 November: 11, 12 and 15 November since.
    overdue = Nudge(
        at(monday, 10), "办公室", 27, D(2021, 11, 10), "late1", Kind.OVERDUE, Role.LEAD
    )
    text = nudge_message("办公室", [ahead, overdue], plan, today=monday, late=True)
    assert lines(text) == [
        "【工作提醒】办公室：2 项需要关注，其中 1 项已逾期",
        "（补发：原定 11月15日 09:00 发送，机器人当时未运行）",
        f"1. 第24项（牵头）{REQ_24}",
        "   截止 11月20日（周六），还有 4 个工作日",
        f"2. 第27项（牵头）{REQ_27}",
        "   截止 11月10日（周三），已逾期 3 个工作日，请尽快办理并报告进展",
        NUDGE_FOOTER,
    ]
    on_time = nudge_message("办公室", [ahead, overdue], plan, today=monday, late=False)
    assert "补发" not in on_time
    assert lines(on_time) == [line for line in lines(text) if "补发" not in line]


def test_task_missing_from_the_plan_has_no_requirement(plan) -> None:
    day = D(2021, 11, 15)
    nudge = Nudge(at(day), "综合科", 99, D(2021, 11, 20), "d5", Kind.AHEAD, Role.RESPONSIBLE)
    text = nudge_message("综合科", [nudge], plan, today=day, late=False)
    assert lines(text)[1] == "1. 第99项（负责）"


# --- the office digest ---------------------------------------------------------------------


def test_digest_groups_red_yellow_blue_in_order() -> None:
    monday = D(2021, 11, 22)
    blue = DigestItem(Level.BLUE, 5, D(2021, 11, 29), 5, ("综合科",))
    yellow = DigestItem(Level.YELLOW, 3, D(2021, 11, 24), 2, ("执法一科", "执法二科"))
    red = DigestItem(Level.RED, 24, D(2021, 11, 20), -1, ("办公室",))
    text = digest_message([blue, yellow, red], today=monday, settings=THRESHOLDS)
    # From Monday the 22nd: the 24th is 2 working days away (23, 24), the 29th is 5 (23–26, 29).
    assert lines(text) == [
        "【督办汇总】2021年11月22日（周一），共 3 项",
        "【红】已逾期",
        "· 第24项 截止 11月20日（周六），已逾期 1 个工作日：办公室",
        "【黄】2 个工作日内到期",
        "· 第3项 截止 11月24日（周三），还有 2 个工作日：执法一科、执法二科",
        "【蓝】5 个工作日内到期",
        "· 第5项 截止 11月29日（周一），还有 5 个工作日：综合科",
    ]


def test_digest_skips_empty_levels_and_names_no_units() -> None:
    monday = D(2021, 11, 22)
    yellow = DigestItem(Level.YELLOW, 3, D(2021, 11, 22), 0, ())
    text = digest_message([yellow], today=monday, settings=THRESHOLDS)
    assert lines(text) == [
        "【督办汇总】2021年11月22日（周一），共 1 项",
        "【黄】2 个工作日内到期",
        "· 第3项 截止 11月22日（周一），今天截止：（无未完成单位）",
    ]


def test_empty_digest_is_its_header() -> None:
    text = digest_message([], today=D(2021, 11, 22), settings=THRESHOLDS)
    assert lines(text) == ["【督办汇总】2021年11月22日（周一），共 0 项"]


def test_digest_of_the_shipped_plan(know) -> None:
    monday = D(2021, 11, 22)
    items = office_digest(know.plan, know.registry, know.deadlines, today=monday)
    text = digest_message(items, today=monday, settings=THRESHOLDS)
    got = lines(text)
    assert got[0] == f"【督办汇总】2021年11月22日（周一），共 {len(items)} 项"
    # Task 24's first milestone fell overdue on Saturday the 20th; only 办公室 holds it.
    assert got[1] == "【红】已逾期"
    assert "· 第24项 截止 11月20日（周六），已逾期 1 个工作日：办公室" in got


# --- stale nudges and unreachable users ----------------------------------------------------


def test_stale_message_lists_every_item() -> None:
    first = Nudge(at(D(2021, 11, 15)), "办公室", 24, D(2021, 11, 20), "d5", Kind.AHEAD, Role.LEAD)
    second = Nudge(
        at(D(2021, 11, 16)), "财务与审计科", 27, D(2021, 12, 31), "c7", Kind.AHEAD, Role.COOPERATE
    )
    record = Record(
        "stale:x",
        None,
        first.at,
        (first.id, second.id),
        State.STALE,
        False,
        at(D(2021, 11, 17), 8, 45),
    )
    assert lines(stale_message(record)) == [
        "【未发出的提醒】机器人停机期间有 2 条提醒已过当天补发时限，"
        "不再逐条补发（最早原定 11月15日 09:00）：",
        "· 第24项 办公室（截止 11月20日（周六））",
        "· 第27项 财务与审计科（截止 12月31日（周五））",
    ]


def test_stale_message_with_a_slash_in_a_unit_name() -> None:
    nudge = Nudge(
        at(D(2021, 11, 15)), "规划/财务科", 24, D(2021, 11, 20), "d5", Kind.AHEAD, Role.LEAD
    )
    record = Record(
        "stale:y", None, nudge.at, (nudge.id,), State.STALE, False, nudge.at + timedelta(days=1)
    )
    assert lines(stale_message(record))[1] == "· 第24项 规划/财务科（截止 11月20日（周六））"


def test_unreachable_line() -> None:
    assert (
        unreachable_line(["张三（办公室）", "李四（综合科）"])
        == "无法送达（已屏蔽或停用机器人，待其重新发消息后恢复）：张三（办公室）、李四（综合科）"
    )
