"""Nudges and the office digest, with dates worked out by hand from the 2021–2022 calendar.

Calendar facts used below (State Council notices): National Day 2021 is 1–7 October off, with
Sunday 26 September and Saturday 9 October worked; New Year 2022 is 1–3 January off; Spring
Festival 2022 is 31 January–6 February off, with Saturday 29 and Sunday 30 January worked.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import load_config
from bot.ledger.deadlines import Milestone, Source
from bot.notices.knowledge import load_knowledge
from bot.plan import Party, PartyKind, Plan, Role, Task
from bot.registry.units import parse_registry
from bot.reminders.nudges import (
    DigestItem,
    DigestSettings,
    Kind,
    LadderSettings,
    Level,
    missing_calendar_years,
    office_digest,
    plan_nudges,
)
from bot.workdays import is_workday

ZONE = ZoneInfo("Asia/Shanghai")
# The branches in data/units.toml order; task 27 has them 参照落实 through 各市（区）分局.
BRANCHES = ("蓬江分局", "江海分局", "新会分局", "台山分局", "开平分局", "鹤山分局", "恩平分局")
D = date


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


@pytest.fixture(scope="module")
def know():
    return load_knowledge(load_config(None))


def real(know, start, end, **kwargs):
    return plan_nudges(
        know.plan, know.registry, know.deadlines, start=start, end=end, zone=ZONE, **kwargs
    )


def ladder(nudges, unit, task, due=None):
    """{step: day} of one unit's nudges for one task (and one due date, if given)."""
    return {
        n.step: n.at.date()
        for n in nudges
        if n.unit == unit and n.task == task and (due is None or n.due == due)
    }


# A tiny office: two 科室 and a 分局; 各科室 covers the 科室, 待定科室 is still pending.
TINY_REGISTRY = parse_registry(
    """
[[units]]
name = "甲科"
kind = "科室"
[[units]]
name = "乙科"
kind = "科室"
[[units]]
name = "丙分局"
kind = "分局"
[[groups]]
name = "各科室"
kinds = ["科室"]
[[groups]]
name = "待定科室"
members = []
"""
)


def party(name, role, kind=PartyKind.UNIT):
    return Party(name, kind, role)


def tiny_plan(*parties_per_task):
    tasks = tuple(
        Task(number, 1, f"任务{number}", "", parties, number)
        for number, parties in enumerate(parties_per_task, 1)
    )
    return Plan("小方案", None, (), tasks)


def office(*dues):
    return tuple(Milestone(d, Source.OFFICE) for d in dues)


def tiny(plan, deadlines, start, end, **kwargs):
    return plan_nudges(plan, TINY_REGISTRY, deadlines, start=start, end=end, zone=ZONE, **kwargs)


LEAD_AND_HELPER = (party("甲科", Role.LEAD), party("乙科", Role.COOPERATE))


# --- The ladder on the shipped notice ------------------------------------------------------


def test_task_24_ladder_for_its_lead(know):
    nudges = real(know, D(2021, 11, 15), D(2021, 12, 13))
    # Task 24 names 办公室牵头 and the pending 各相关科室（单位）, so only 办公室 is nudged.
    assert {n.unit for n in nudges if n.task == 24} == {"办公室"}
    # Due Saturday 20 November: five working days back are 19, 18, 17, 16, 15 November. The
    # due-day step falls back to Friday the 19th, the same day as d1, so d1 gives way to d0.
    # Overdue: Monday the 22nd, then every fifth working day (29 November, 6 December, 13 Dec).
    assert ladder(nudges, "办公室", 24, D(2021, 11, 20)) == {
        "d5": D(2021, 11, 15),
        "d0": D(2021, 11, 19),
        "late1": D(2021, 11, 22),
        "late2": D(2021, 11, 29),
        "late3": D(2021, 12, 6),
        "late4": D(2021, 12, 13),
    }
    # Due Friday 10 December: d5 is Friday 3 December (9, 8, 7, 6, 3), d1 the 9th, d0 the 10th;
    # the November progress request (25th, a Thursday) is about it: 11 working days away.
    assert ladder(nudges, "办公室", 24, D(2021, 12, 10)) == {
        "m2021-11": D(2021, 11, 25),
        "d5": D(2021, 12, 3),
        "d1": D(2021, 12, 9),
        "d0": D(2021, 12, 10),
        "late1": D(2021, 12, 13),
    }
    due_day = next(n for n in nudges if n.task == 24 and n.step == "d0")
    assert due_day.at == datetime(2021, 11, 19, 9, 0, tzinfo=ZONE)
    assert due_day.kind is Kind.DUE
    assert due_day.role is Role.LEAD
    assert not due_day.consolidate  # nobody known cooperates: the group is pending
    assert due_day.id == "24/办公室/2021-11-20/d0"


def test_year_end_lead_cooperator_and_reference(know):
    nudges = real(know, D(2021, 12, 1), D(2022, 1, 31))
    # Task 27: 办公室牵头, 财务与审计科配合, 各市(区)分局参照落实; due the default 31 December.
    # Working days before Friday 31 December: 30, 29, 28, 27, 24 (the 25th is a Saturday), 23, 22.
    assert ladder(nudges, "办公室", 27) == {
        "d5": D(2021, 12, 24),
        "d1": D(2021, 12, 30),
        "d0": D(2021, 12, 31),
        "late1": D(2022, 1, 4),  # 1–3 January are off
        "late2": D(2022, 1, 11),  # 5, 6, 7, 10, 11
        "late3": D(2022, 1, 18),
        "late4": D(2022, 1, 25),  # the fourth and last: then only the office's digest
    }
    # The cooperating unit is two working days earlier at every step.
    assert ladder(nudges, "财务与审计科", 27, D(2021, 12, 31)) == {
        "c7": D(2021, 12, 22),
        "c3": D(2021, 12, 28),
        "c2": D(2021, 12, 29),
        "late1": D(2022, 1, 4),
        "late2": D(2022, 1, 11),
        "late3": D(2022, 1, 18),
        "late4": D(2022, 1, 25),
    }
    ahead = {(n.unit, n.step): n for n in nudges if n.task == 27 and n.kind is not Kind.OVERDUE}
    assert {n.kind for (unit, _), n in ahead.items() if unit == "财务与审计科"} == {Kind.AHEAD}
    assert ahead[("财务与审计科", "c2")].role is Role.COOPERATE
    assert ahead[("蓬江分局", "d1")].role is Role.REFERENCE
    assert ahead[("办公室", "d0")].role is Role.LEAD
    # Only the lead's d1 asks it to gather the cooperating unit's input.
    assert [key for key, n in ahead.items() if n.consolidate] == [("办公室", "d1")]


def test_a_group_reaches_its_members_and_a_pending_group_nobody(know):
    nudges = real(know, D(2021, 12, 20), D(2021, 12, 31))
    # Task 8 names only 各科室（单位）: every 科室, 党组织 and 直属事业单位, but no 分局.
    units = {n.unit for n in nudges if n.task == 8}
    assert {"综合科", "机关党委", "市环境信息中心", "执法二科"} <= units
    assert not any(u.endswith("分局") for u in units)
    assert {n.role for n in nudges if n.task == 8} == {Role.RESPONSIBLE}
    # Task 2: 综合科牵头, 各有关科室（单位）配合 (pending): only 综合科, and nothing to gather.
    assert {n.unit for n in nudges if n.task == 2} == {"综合科"}
    assert not any(n.consolidate for n in nudges if n.task == 2)


def test_done_closes_one_milestone_only(know):
    window = (D(2021, 10, 25), D(2021, 12, 31))
    done = {(24, "办公室", D(2021, 11, 20))}
    nudges = real(know, *window, done=done)
    assert not [n for n in nudges if n.task == 24 and n.due == D(2021, 11, 20)]
    assert ladder(nudges, "办公室", 24, D(2021, 12, 10))["d5"] == D(2021, 12, 3)
    # October's request (Monday the 25th) now points at the next open date, 10 December.
    october = next(n for n in nudges if n.task == 24 and n.step == "m2021-10")
    assert october.due == D(2021, 12, 10)
    # Without it, October's request was about 20 November: 19 working days after the 25th.
    before = next(n for n in real(know, *window) if n.task == 24 and n.step == "m2021-10")
    assert before.due == D(2021, 11, 20)


def test_done_for_the_whole_task_silences_every_unit(know):
    everything = real(know, D(2021, 12, 1), D(2022, 1, 10))
    nudges = real(know, D(2021, 12, 1), D(2022, 1, 10), done={(27, None, D(2021, 12, 31))})
    assert not [n for n in nudges if n.task == 27]
    # Every day task 27 used is shared with other tasks, so no other nudge moves under the cap.
    assert [n for n in everything if n.task != 27] == nudges
    # One unit's report leaves the others nudged.
    one = real(know, D(2021, 12, 1), D(2022, 1, 10), done={(27, "财务与审计科", D(2021, 12, 31))})
    assert {n.unit for n in one if n.task == 27} == {"办公室", *BRANCHES}


def test_progress_requests_october_to_january(know):
    nudges = real(know, D(2021, 10, 1), D(2022, 1, 31))
    progress = [n for n in nudges if n.kind is Kind.PROGRESS]
    # 25 Oct is a Monday and 25 Nov a Thursday. 25 Dec is a Saturday, so December's day would be
    # Friday the 24th, only 5 working days before 31 December; January has nothing left open.
    assert {n.at for n in progress} == {at(D(2021, 10, 25)), at(D(2021, 11, 25))}
    # Task 2 (综合科牵头, due the year end) gets both.
    assert ladder(progress, "综合科", 2) == {
        "m2021-10": D(2021, 10, 25),
        "m2021-11": D(2021, 11, 25),
    }
    assert {n.due for n in progress if n.task == 2} == {D(2021, 12, 31)}
    assert {n.role for n in progress if n.task == 2} == {Role.LEAD}


def test_progress_needs_more_than_the_quiet_working_days():
    plan = tiny_plan(*[(party("甲科", Role.RESPONSIBLE),)] * 2)
    # After Thursday 25 Nov: 26, 29, 30 Nov and 1, 2, 3, 6, 7, 8, 9 Dec are ten working days.
    deadlines = {1: office(D(2021, 12, 9)), 2: office(D(2021, 12, 10))}
    nudges = tiny(plan, deadlines, D(2021, 11, 25), D(2021, 11, 25))
    assert [(n.task, n.step, n.due, n.kind) for n in nudges] == [
        (2, "m2021-11", D(2021, 12, 10), Kind.PROGRESS)
    ]


# --- Holidays and makeup days, on a tiny plan ---------------------------------------------


def test_national_day_makeup_days():
    plan = tiny_plan(LEAD_AND_HELPER)
    nudges = tiny(plan, {1: office(D(2021, 10, 11))}, D(2021, 9, 1), D(2021, 10, 31))
    # Working days before Monday 11 October: Sat 9 Oct (makeup), Fri 8 Oct, then 30, 29, 28,
    # 27 September and Sunday 26 September (makeup); 1–7 October are off.
    assert ladder(nudges, "甲科", 1) == {
        "d5": D(2021, 9, 28),
        "d1": D(2021, 10, 9),
        "d0": D(2021, 10, 11),
        "late1": D(2021, 10, 12),
        "late2": D(2021, 10, 19),
        "late3": D(2021, 10, 26),
    }
    assert ladder(nudges, "乙科", 1) == {
        "c7": D(2021, 9, 26),
        "c3": D(2021, 9, 30),
        "c2": D(2021, 10, 8),
        "late1": D(2021, 10, 12),
        "late2": D(2021, 10, 19),
        "late3": D(2021, 10, 26),
    }
    lead_d1 = next(n for n in nudges if n.unit == "甲科" and n.step == "d1")
    assert lead_d1.consolidate


def test_new_year_2022():
    plan = tiny_plan((party("甲科", Role.RESPONSIBLE),))
    nudges = tiny(plan, {1: office(D(2022, 1, 4))}, D(2021, 12, 1), D(2022, 1, 5))
    # 1–3 January are off, so the day before Tuesday 4 January is Friday 31 December.
    assert ladder(nudges, "甲科", 1) == {
        "d5": D(2021, 12, 27),
        "d1": D(2021, 12, 31),
        "d0": D(2022, 1, 4),
        "late1": D(2022, 1, 5),
    }
    assert {n.role for n in nudges} == {Role.RESPONSIBLE}


def test_a_merged_d1_passes_the_gathering_request_to_d0():
    plan = tiny_plan(LEAD_AND_HELPER)
    nudges = tiny(plan, {1: office(D(2021, 11, 20))}, D(2021, 11, 15), D(2021, 11, 20))
    lead = {n.step: n for n in nudges if n.unit == "甲科"}
    assert set(lead) == {"d5", "d0"}
    assert lead["d0"].at == at(D(2021, 11, 19))
    assert lead["d0"].consolidate


def test_pending_group_gives_no_nudges():
    plan = tiny_plan(
        (party("待定科室", Role.RESPONSIBLE, PartyKind.GROUP),),
        (party("各科室", Role.RESPONSIBLE, PartyKind.GROUP),),
    )
    deadlines = {1: office(D(2021, 11, 26)), 2: office(D(2021, 11, 26))}
    nudges = tiny(plan, deadlines, D(2021, 11, 1), D(2021, 12, 31))
    assert {n.task for n in nudges} == {2}
    assert {n.unit for n in nudges} == {"甲科", "乙科"}


# --- The weekly cap -------------------------------------------------------------------------


def test_weekly_cap_drops_optional_days_and_keeps_essential_ones():
    plan = tiny_plan(LEAD_AND_HELPER, (party("甲科", Role.RESPONSIBLE),))
    deadlines = {1: office(D(2021, 11, 26)), 2: office(D(2021, 11, 29))}
    ladder_settings = LadderSettings(before=(5, 4, 3, 2, 1, 0), weekly_cap=2)
    nudges = tiny(plan, deadlines, D(2021, 11, 15), D(2021, 11, 28), settings=ladder_settings)
    # 甲科, task 1 due Fri 26 Nov: d5 Fri 19, d4 Mon 22, d3 Tue 23, d2 Wed 24, d1 Thu 25, d0 Fri
    # 26; task 2 due Mon 29 Nov: d5 Mon 22, d4 Tue 23, d3 Wed 24, d2 Thu 25, d1 Fri 26.
    # Week of the 22nd: Mon and Tue are its two days; Wed holds only optional steps, so task 1
    # d2 and task 2 d3 are dropped. Thu (task 1 d1) and Fri (d0, d1) are essential and go;
    # task 2's optional d2 on Thursday rides along on a day that is sent anyway.
    assert ladder(nudges, "甲科", 1) == {
        "d5": D(2021, 11, 19),
        "d4": D(2021, 11, 22),
        "d3": D(2021, 11, 23),
        "d1": D(2021, 11, 25),
        "d0": D(2021, 11, 26),
    }
    assert ladder(nudges, "甲科", 2) == {
        "d5": D(2021, 11, 22),
        "d4": D(2021, 11, 23),
        "d2": D(2021, 11, 25),
        "d1": D(2021, 11, 26),
    }
    # 乙科 cooperates, two working days earlier: c7 Wed 17, c6 Thu 18, c5 Fri 19 (a third
    # optional day: dropped); then c4 Mon 22, c3 Tue 23, and c2 Wed 24, its hand-in day.
    assert ladder(nudges, "乙科", 1) == {
        "c7": D(2021, 11, 17),
        "c6": D(2021, 11, 18),
        "c4": D(2021, 11, 22),
        "c3": D(2021, 11, 23),
        "c2": D(2021, 11, 24),
    }
    # The cap counts from Monday even when the window starts mid-week.
    late_start = tiny(plan, deadlines, D(2021, 11, 24), D(2021, 11, 28), settings=ladder_settings)
    assert late_start == [n for n in nudges if n.at >= at(D(2021, 11, 24))]


def test_first_overdue_notice_is_essential():
    plan = tiny_plan(*[(party("甲科", Role.RESPONSIBLE),)] * 3)
    # Task 1 due Tue 23 Nov: d5 Tue 16 (22, 19, 18, 17, 16), d1 Mon 22, d0 Tue 23.
    # Task 2 due Mon 15 Nov: d0 Mon 15, late1 Tue 16, late2 Tue 23 (17, 18, 19, 22, 23).
    # Task 3 due Thu 25 Nov: d5 Thu 18 (24, 23, 22, 19, 18); d1 Wed 24 is after the window.
    deadlines = {
        1: office(D(2021, 11, 23)),
        2: office(D(2021, 11, 15)),
        3: office(D(2021, 11, 25)),
    }
    nudges = tiny(
        plan, deadlines, D(2021, 11, 15), D(2021, 11, 23), settings=LadderSettings(weekly_cap=1)
    )
    # Cap 1: Monday 15 (d0) fills the week, yet Tuesday 16 goes for late1 and takes task 1's
    # d5 along; Thursday 18 has only task 3's optional d5, so it is dropped. Next week, d1 and
    # d0 go, and late2 rides along with d0.
    assert [(n.at.date(), n.task, n.step) for n in nudges] == [
        (D(2021, 11, 15), 2, "d0"),
        (D(2021, 11, 16), 1, "d5"),
        (D(2021, 11, 16), 2, "late1"),
        (D(2021, 11, 22), 1, "d1"),
        (D(2021, 11, 23), 1, "d0"),
        (D(2021, 11, 23), 2, "late2"),
    ]


# --- Stability --------------------------------------------------------------------------------


def test_same_inputs_give_the_same_ids(know):
    first = real(know, D(2021, 10, 1), D(2022, 1, 31))
    second = real(know, D(2021, 10, 1), D(2022, 1, 31))
    assert [n.id for n in first] == [n.id for n in second]
    assert len({n.id for n in first}) == len(first)


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=D(2021, 10, 1), max_value=D(2022, 1, 30)))
def test_a_window_split_anywhere_plans_the_same(know, middle):
    whole = real(know, D(2021, 10, 1), D(2022, 1, 31))
    parts = real(know, D(2021, 10, 1), middle) + real(
        know, middle + timedelta(days=1), D(2022, 1, 31)
    )
    assert parts == whole


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=D(2021, 9, 1), max_value=D(2023, 6, 30)),
    length=st.integers(min_value=0, max_value=90),
    done_tasks=st.sets(st.integers(min_value=1, max_value=34), max_size=10),
    hour=st.integers(min_value=0, max_value=23),
)
def test_every_nudge_is_on_a_working_day_at_send_time(know, start, length, done_tasks, hour):
    done = {(t, None, D(2021, 12, 31)) for t in done_tasks}
    ladder_settings = LadderSettings(send_time=time(hour, 30))
    nudges = real(know, start, start + timedelta(days=length), done=done, settings=ladder_settings)
    assert all(is_workday(n.at.date()) for n in nudges)
    assert all(n.at.time() == time(hour, 30) and n.at.tzinfo is ZONE for n in nudges)
    assert all(start <= n.at.date() <= start + timedelta(days=length) for n in nudges)
    assert len({n.id for n in nudges}) == len(nudges)
    assert not any(n.task in done_tasks and n.due == D(2021, 12, 31) for n in nudges)


# --- Wake-ups -------------------------------------------------------------------------------


def test_digest_grades_task_24(know):
    def digest(today, **kwargs):
        return office_digest(know.plan, know.registry, know.deadlines, today=today, **kwargs)

    # 15 Nov: 16, 17, 18, 19 November are left before Saturday the 20th → blue.
    assert digest(D(2021, 11, 15)) == [DigestItem(Level.BLUE, 24, D(2021, 11, 20), 4, ("办公室",))]
    # 17 Nov: the 18th and 19th are left → yellow. Everything else is due 31 December.
    assert digest(D(2021, 11, 17)) == [
        DigestItem(Level.YELLOW, 24, D(2021, 11, 20), 2, ("办公室",))
    ]
    # Monday 22 Nov: one working day past → red.
    assert digest(D(2021, 11, 22)) == [DigestItem(Level.RED, 24, D(2021, 11, 20), -1, ("办公室",))]
    # Reported done: 10 December is next, 14 working days away — not near yet.
    assert digest(D(2021, 11, 22), done={(24, "办公室", D(2021, 11, 20))}) == []
    # On its due date a milestone is not late yet: yellow, 0 left (31 December is 15 away).
    assert digest(D(2021, 12, 10), done={(24, None, D(2021, 11, 20))}) == [
        DigestItem(Level.YELLOW, 24, D(2021, 12, 10), 0, ("办公室",))
    ]
    # Tighter thresholds turn the 17th's yellow into nothing.
    assert digest(D(2021, 11, 17), settings=DigestSettings(blue=1, yellow=1)) == []


def test_digest_at_the_year_end(know):
    items = office_digest(know.plan, know.registry, know.deadlines, today=D(2021, 12, 27))
    # Task 24's first date is still open: 26 working days past 20 November, red and first.
    assert items[0] == DigestItem(Level.RED, 24, D(2021, 11, 20), -26, ("办公室",))
    # Every other task is due Friday 31 December: 28, 29, 30, 31 → 4 left, blue, by task.
    assert [i.task for i in items[1:]] == [n for n in range(1, 35) if n != 24]
    assert {(i.level, i.due, i.workdays_left) for i in items[1:]} == {
        (Level.BLUE, D(2021, 12, 31), 4)
    }
    task_27 = next(i for i in items if i.task == 27)
    assert task_27.open_units == ("办公室", "财务与审计科", *BRANCHES)
    # Units that reported drop out; when all have, the task is closed.
    done = {(27, u, D(2021, 12, 31)) for u in task_27.open_units[1:]}
    items = office_digest(
        know.plan, know.registry, know.deadlines, today=D(2021, 12, 27), done=done
    )
    assert next(i for i in items if i.task == 27).open_units == ("办公室",)
    done.add((27, "办公室", D(2021, 12, 31)))
    items = office_digest(
        know.plan, know.registry, know.deadlines, today=D(2021, 12, 27), done=done
    )
    assert 27 not in {i.task for i in items}


# --- Calendar coverage and settings ---------------------------------------------------------


def test_missing_calendar_years():
    # chinese-calendar 1.11.0 has the official calendar up to 2026.
    assert missing_calendar_years(D(2026, 12, 1), D(2027, 2, 1)) == [2027]
    assert missing_calendar_years(D(2021, 10, 1), D(2022, 1, 31)) == []
    assert missing_calendar_years(D(2026, 6, 1), D(2028, 3, 1)) == [2027, 2028]


@pytest.mark.parametrize(
    "bad",
    [
        {"before": (5, -1)},
        {"overdue_every": 0},
        {"overdue_reminders": 0},
        {"weekly_cap": 0},
        {"progress_day": 32},
    ],
    ids=["negative-step", "zero-interval", "no-overdue", "zero-cap", "no-such-day"],
)
def test_nonsense_settings_are_refused(bad):
    with pytest.raises(ValueError, match="提醒|至少"):
        LadderSettings(**bad)
