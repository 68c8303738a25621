"""The responsibility stage's rules alone: label words, person lines, level lists, time clauses."""

from __future__ import annotations

import pytest

from bot.plan import Role
from bot.reading.loader import parse_plan
from bot.reading.responsibility import (
    LABEL,
    PERSON_LABEL,
    NamedRole,
    split_names,
    split_responsibility,
    strongest_roles,
)
from bot.registry.units import Registry

EMPTY = Registry([], [])


def _tasks(plan) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(t.requirement, [(p.name, p.role.value) for p in t.parties]) for t in plan.tasks]


def _roles(text: str) -> list[tuple[str, str]]:
    named, _ = split_responsibility(text)
    return [(n.name, n.role.value) for n in named]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("牵头单位：", "lead"),
        ("牵头责任单位：", "lead"),
        ("主办部门：", "lead"),
        ("协同责任单位：", "cooperate"),
        ("协作单位：", "cooperate"),
        ("协助部门：", "cooperate"),
        ("主要协作单位：", "cooperate"),
        ("其他配合单位：", "cooperate"),
        ("主要牵头单位：", "lead"),
        ("协办科室：", "cooperate"),
        ("配合部门：", "cooperate"),
        ("参与单位：", "cooperate"),
        ("责任股室：", "responsible"),
        ("责任单位：", "responsible"),
    ],
)
def test_label_is_a_role_prefix_then_a_kind_of_body(label: str, role: str):
    assert LABEL.match(label)
    assert _roles(f"{label}甲局、乙办") == [("甲局", role), ("乙办", role)]


@pytest.mark.parametrize(
    "line",
    [
        "牵头负责领导：张三。",
        "分管领导：李四",
        "责任领导：王五",
        "责任人：赵六",
        "联系人：钱七",
        "分管省领导：孙八",
        "联系市领导：周九",
        "分管副区长：吴十",
    ],
)
def test_a_label_naming_a_person_is_no_party_label(line: str):
    assert PERSON_LABEL.match(line)
    assert not LABEL.match(line)


@pytest.mark.parametrize("label", ["部门分工：", "责任分工：", "任务分工：", "分工："])
def test_a_division_label_leaves_the_roles_to_its_text(label: str):
    # "Division of work" names no role: the role words inside the text decide, and a name
    # with none is responsible.
    assert _roles(f"{label}甲局牵头，各地、各部门配合，乙办") == [
        ("甲局", "lead"),
        ("各地", "cooperate"),
        ("各部门", "cooperate"),
        ("乙办", "responsible"),
    ]


def test_division_lines_after_a_leader_line_give_the_task_its_parties():
    lines = ["一、目标", "1.甲指标增长6%以上。", "分管省领导:张三"]
    lines += ["部门分工:省甲委牵头,各地、各部门配合。", "2.乙指标增长5%左右。"]
    lines += ["分管省领导:李四", "部门分工:省乙厅牵头。"]
    plan = parse_plan("\n".join(lines), EMPTY)
    assert _tasks(plan) == [
        (
            "甲指标增长6%以上。",
            [("省甲委", "lead"), ("各地", "cooperate"), ("各部门", "cooperate")],
        ),
        ("乙指标增长5%左右。", [("省乙厅", "lead")]),
    ]
    assert sorted(p.line for p in plan.problems if "个人" in p.why) == [3, 6]


def test_a_weighted_cooperation_label_line_gives_its_units_to_the_task():
    # Rule "role label": 主要 weighs the label, 协作 is a cooperation word.
    lines = ["1.做好甲事。", "", "牵头责任单位:县甲委、县乙局", ""]
    lines += ["主要协作单位:各乡镇人民政府、丙区管委会,县政府有关部门"]
    plan = parse_plan("\n".join(lines), EMPTY)
    assert _tasks(plan) == [
        (
            "做好甲事。",
            [
                ("县甲委", "lead"),
                ("县乙局", "lead"),
                ("各乡镇人民政府", "cooperate"),
                ("丙区管委会", "cooperate"),
                ("县政府有关部门", "cooperate"),
            ],
        )
    ]


def test_label_lines_with_a_person_line_give_the_units_only():
    text = "\n".join(
        [
            "一、总体",
            "1. 做好甲事。",
            "牵头负责领导:张三。",
            "牵头责任单位:市甲局。",
            "协同责任单位:市乙局、市丙办等,各县、市、区政府。",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert _tasks(plan) == [
        (
            "做好甲事。",
            [
                ("市甲局", "lead"),
                ("市乙局", "cooperate"),
                ("市丙办", "cooperate"),
                ("各县、市、区政府", "cooperate"),
            ],
        )
    ]
    assert any(p.line == 3 and "个人" in p.why for p in plan.problems)


@pytest.mark.parametrize(
    ("names", "parts"),
    [
        ("各县、市、区政府", ["各县、市、区政府"]),
        ("甲局、各县、区人民政府", ["甲局", "各县、区人民政府"]),
        ("市、区财政局", ["市、区财政局"]),
        ("甲局、乙办", ["甲局", "乙办"]),
    ],
)
def test_a_list_of_levels_before_a_body_is_one_name(names: str, parts: list[str]):
    assert split_names(names) == parts


def test_a_full_stop_after_a_label_segment_is_not_part_of_the_name():
    assert _roles("牵头单位：市甲局。；配合单位：市乙局。") == [
        ("市甲局", "lead"),
        ("市乙局", "cooperate"),
    ]


def test_a_name_listed_twice_keeps_its_strongest_role():
    named = [
        NamedRole("甲局", Role.RESPONSIBLE),
        NamedRole("乙办", Role.COOPERATE),
        NamedRole("甲局", Role.LEAD),
        NamedRole("乙办", Role.RESPONSIBLE),
    ]
    kept, merged = strongest_roles(named)
    assert kept == [NamedRole("甲局", Role.LEAD), NamedRole("乙办", Role.RESPONSIBLE)]
    assert merged == [NamedRole("甲局", Role.RESPONSIBLE), NamedRole("乙办", Role.COOPERATE)]


def test_a_lead_column_repeated_in_the_responsibility_cell_is_one_lead():
    # One cell a line: 责任单位 lists every unit, the lead among them; 牵头单位 names it again.
    cells = ["序号", "事项", "责任单位", "牵头单位"]
    cells += ["1", "甲指标增长6%。", "乙局、甲局、丙办", "甲局"]
    cells += ["2", "乙指标增长5%。", "丁局", "丁局"]
    plan = parse_plan("\n\n".join(cells), EMPTY)
    assert _tasks(plan) == [
        ("甲指标增长6%。", [("乙局", "responsible"), ("甲局", "lead"), ("丙办", "responsible")]),
        ("乙指标增长5%。", [("丁局", "lead")]),
    ]
    assert sum("重复列出" in p.why and "待确认" in p.why for p in plan.problems) == 2
