"""A revised notice against the shipped one: tasks added, removed, reworded, roles moved.

The revisions are made by editing the shipped text the way an office would revise it: task 34
(办公室) dropped; a task 35 added, 办公室牵头、综合科配合; task 19's 信息中心 moved from 配合 to
牵头 (the notice: 法规与标准科牵头，信息中心配合); task 10 reworded slightly; and, in a second
revision, tasks 33 and 34 swapped in order, so their numbers change. Doubtful matches are made by
rewording a requirement by half (task 10) or its closing clause (task 33, also moved to 34).
"""

from __future__ import annotations

import pytest

from bot.plan import Plan
from bot.reading.loader import parse_plan
from bot.registry.units import Registry
from bot.revisions.diff import Change, diff_plans
from bot.revisions.texts import diff_text
from tests.bot.office.test_overview import BUREAU
from tests.conftest import NOTICE

TASK_35 = "\t35. 建立政务公开工作联络员制度，每季度通报一次工作进展。\t办公室牵头，综合科配合"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return NOTICE.read_text(encoding="utf-8").splitlines()


def revised(lines: list[str], registry: Registry) -> Plan:
    text = []
    for line in lines:
        if "34. 将本要点落实情况" in line:
            continue
        line = line.replace("法规与标准科牵头，信息中心配合", "法规与标准科、信息中心牵头")
        text.append(line)
    text.append(TASK_35)
    return parse_plan("\n".join(text), registry)


def test_an_unchanged_notice_has_no_changes(plan: Plan, registry: Registry):
    diff = diff_plans(plan, plan, registry)
    assert len(diff.of(Change.SAME)) == 34
    assert (diff.gained, diff.lost) == ({}, {})
    assert diff.renumbered == {n: n for n in range(1, 35)}


def test_added_removed_and_a_role_moved(plan: Plan, registry: Registry, lines: list[str]):
    diff = diff_plans(plan, revised(lines, registry), registry)
    assert [c.new.number for c in diff.of(Change.ADDED)] == [35]
    assert [c.old.number for c in diff.of(Change.REMOVED)] == [34]
    [moved] = diff.of(Change.CHANGED)
    assert (moved.old.number, moved.new.number) == (19, 19)
    assert moved.what == ("市环境信息中心：配合 → 牵头",)
    assert diff.doubts == ()
    assert diff.gained == {"办公室": (35,), "综合科": (35,)}
    assert diff.lost == {"办公室": (34,)}
    assert diff.renumbered == {n: n for n in range(1, 34)}


def swapped(lines: list[str]) -> str:
    """The notice with tasks 33 and 34 in each other's place (and numbers)."""
    task_33 = next(line for line in lines if "33. 建立本部门" in line)
    task_34 = next(line for line in lines if "34. 将本要点落实情况" in line)
    heading = "<p>十五、狠抓任务落实。</p>"
    out = []
    for line in lines:
        if line == task_33:  # the section heading stays on the section's first row
            line = heading + task_34.replace("34.", "33.")
        elif line == task_34:
            line = task_33.replace("33.", "34.").replace(heading, "")
        out.append(line)
    return "\n".join(out)


def test_history_follows_a_task_to_its_new_number(
    plan: Plan, registry: Registry, lines: list[str]
):
    new = parse_plan(swapped(lines), registry)
    assert new.task(33).requirement.startswith("将本要点落实情况")
    assert new.task(34).requirement.startswith("建立本部门")
    diff = diff_plans(plan, new, registry)
    assert diff.renumbered[33] == 34
    assert diff.renumbered[34] == 33
    assert {c.change for c in diff.tasks if c.old.number in {33, 34}} == {Change.CHANGED}


def reworded_10(plan: Plan, lines: list[str]) -> str:
    """The notice with task 10's requirement cut by half and a new ending put on it."""
    old = plan.task(10).requirement
    reworded = old[: len(old) // 2] + "并结合本地实际细化落实措施。"
    return "\n".join(line.replace(old, reworded) if "10." in line else line for line in lines)


def test_a_reworded_task_is_matched_but_doubtful(plan: Plan, registry: Registry, lines: list[str]):
    new = parse_plan(reworded_10(plan, lines), registry)
    assert new.task(10).requirement.endswith("并结合本地实际细化落实措施。")
    diff = diff_plans(plan, new, registry)
    [change] = [c for c in diff.tasks if c.new and c.new.number == 10]
    assert change.old.number == 10
    assert change.what == ("具体要求有改动",)
    [doubt] = diff.doubts
    assert (doubt.key, doubt.same) == ((10, 10), None)
    assert diff.open_doubts == (doubt,)
    assert diff.renumbered[10] == 10  # until the office says otherwise


def test_a_confirmed_match_continues(plan: Plan, registry: Registry, lines: list[str]):
    new = parse_plan(reworded_10(plan, lines), registry)
    diff = diff_plans(plan, new, registry, {(10, 10): True})
    assert [d.same for d in diff.doubts] == [True]
    assert diff.open_doubts == ()
    assert diff.renumbered == {n: n for n in range(1, 35)}
    assert diff.keeps_numbers
    assert [c.new.number for c in diff.of(Change.CHANGED)] == [10]
    assert (diff.gained, diff.lost) == ({}, {})


def test_a_refused_match_is_a_task_removed_and_one_added(
    plan: Plan, registry: Registry, lines: list[str]
):
    new = parse_plan(reworded_10(plan, lines), registry)
    diff = diff_plans(plan, new, registry, {(10, 10): False})
    assert [d.same for d in diff.doubts] == [False]
    assert diff.open_doubts == ()
    assert [c.new.number for c in diff.of(Change.ADDED)] == [10]
    assert [c.old.number for c in diff.of(Change.REMOVED)] == [10]
    assert 10 not in diff.renumbered
    assert diff.renumbered == {n: n for n in range(1, 35) if n != 10}
    assert not diff.keeps_numbers
    # the old task ends and the new one starts: its holders lose the one and gain the other.
    # Task 10: 环境影响评价与排放管理科牵头，各科室（单位）配合, the group being the bureau.
    assert diff.gained == dict.fromkeys(BUREAU, (10,))
    assert diff.lost == dict.fromkeys(BUREAU, (10,))
    text = diff_text(diff)
    assert text.splitlines()[0] == "【修订对比】新增 1 项，删除 1 项，修改 0 项，未变 33 项"
    assert "· 第10项 ← 原第10项（相似度 " in text
    assert text.split("· 第10项 ← 原第10项")[1].split("\n")[0].endswith("：已确认不是同一项")


def moved_and_reworded(lines: list[str]) -> str:
    """Tasks 33 and 34 swapped, and the moved task 33 (now 34) given a new closing clause."""
    return swapped(lines).replace("实时跟进推动，确保落实到位。", "每月调度一次进展。")


@pytest.mark.parametrize(
    ("same", "carried"), [(True, {33: 34, 34: 33}), (False, {34: 33})], ids=["same", "not-same"]
)
def test_a_doubtful_renumbering_follows_the_decision(
    plan: Plan, registry: Registry, lines: list[str], same: bool, carried: dict[int, int]
):
    new = parse_plan(moved_and_reworded(lines), registry)
    assert new.task(34).requirement.endswith("每月调度一次进展。")
    undecided = diff_plans(plan, new, registry)
    assert [d.key for d in undecided.open_doubts] == [(33, 34)]
    diff = diff_plans(plan, new, registry, {(33, 34): same})
    assert {old: new for old, new in diff.renumbered.items() if old in {33, 34}} == carried


def test_the_office_reads_the_open_doubts(plan: Plan, registry: Registry, lines: list[str]):
    text = diff_text(diff_plans(plan, parse_plan(reworded_10(plan, lines), registry), registry))
    assert "是否同一项（是：进展记录随之转到新编号；不是：旧任务结束，新任务重新开始）：" in text
    assert text.split("· 第10项 ← 原第10项")[1].split("\n")[0].endswith("：待确认")


def test_the_office_reads_the_diff(plan: Plan, registry: Registry, lines: list[str]):
    text = diff_text(diff_plans(plan, revised(lines, registry), registry))
    assert text.splitlines()[0] == "【修订对比】新增 1 项，删除 1 项，修改 1 项，未变 32 项"
    assert (
        "新增：第35项 建立政务公开工作联络员制度，每季度通报一次工作进…（办公室牵头，综合科配合）"
        in text
    )
    assert "删除：原第34项 将本要点落实情况纳入政府信息公开工作年度报告予以…" in text
    assert "修改：第19项：市环境信息中心：配合 → 牵头" in text
    assert "· 办公室：新增第35项，不再承担原第34项" in text
    assert "· 综合科：新增第35项" in text
