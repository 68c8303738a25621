"""Each reading rule of issue 16 alone: layout, numbering and the responsibility notes."""

from __future__ import annotations

import pytest

from bot.layout import align, cell_header, header_of, split_cells, wrapped_header
from bot.loader import parse_plan
from bot.numbering import Style, plan_numbers, task_number
from bot.registry import Registry
from bot.responsibility import split_names

EMPTY = Registry([], [])


def test_pipe_row_splits_like_a_tab_row():
    assert split_cells("| 1 | 做好甲 | 市财政局 |") == split_cells(" 1 \t 做好甲 \t 市财政局 ")


def test_header_wrapped_over_two_lines_is_joined():
    joined = wrapped_header(["序号", "工作", "责任"], ["", "任务", "单位"])
    assert joined == ["序号", "工作任务", "责任单位"]
    assert header_of(joined) == {"number": 0, "requirement": 1, "responsibility": 2}


def test_header_written_one_cell_per_line():
    assert cell_header(["序号", "工作任务", "牵头单位", "完成时限", "一、加强统筹"]) == {
        "number": 0,
        "requirement": 1,
        "lead": 2,
        "time": 3,
    }


def test_lead_responsible_column_is_a_lead_column():
    assert header_of(["序号", "工作任务", "牵头责任单位"]) == {
        "number": 0,
        "requirement": 1,
        "lead": 2,
    }


def test_spanned_row_is_realigned_by_content():
    columns = {"number": 0, "section": 1, "requirement": 2, "lead": 3, "time": 4}
    aligned = align(["2", "建立健全工作台账，按月调度进展情况", "市财政局", "6月底前"], columns)
    assert aligned.cells == ["2", "", "建立健全工作台账，按月调度进展情况", "市财政局", "6月底前"]
    assert aligned.moved


@pytest.mark.parametrize(
    ("cell", "value", "printed", "style"),
    [
        ("1、做好", 1, "1、", Style.DOT),
        ("（一）加强", 1, "（一）", Style.CJK_PAREN),
        ("③完善", 3, "③", Style.CIRCLED),
        ("(2) 做好", 2, "(2)", Style.PAREN),
    ],
    ids=["dunhao", "cjk-paren", "circled", "paren"],
)
def test_task_number_styles(cell: str, value: int, printed: str, style: Style):
    found = task_number(cell)
    assert found is not None
    assert (found.value, found.printed, found.style) == (value, printed, style)


def test_bare_number_only_when_asked():
    assert task_number("12") is None
    found = task_number("12", bare=True)
    assert found is not None
    assert found.style is Style.BARE


def test_decimal_inside_a_requirement_is_no_number():
    assert task_number("6.2%以上") is None


@pytest.mark.parametrize(
    ("printed", "numbers"),
    [
        ([1, 2, 3], [1, 2, 3]),
        ([1, 2, 1], [1, 2, 3]),
        ([None, None], [1, 2]),
        ([1, 2, 4], [1, 2, 4]),
    ],
    ids=["continuous", "restart", "none", "gap"],
)
def test_plan_numbers(printed, numbers):
    assert plan_numbers(printed) == numbers


def test_some_others_names_the_units_and_the_group():
    assert split_names("市发改局、市财政局等有关部门") == ["市发改局", "市财政局", "有关部门"]
    assert split_names("市卫生健康委等") == ["市卫生健康委"]


def test_first_listed_is_lead_note_applies_from_there_on():
    text = "\n".join(
        [
            "序号\t工作任务\t责任单位",
            "1\t做好甲。\t县发改局、县财政局（首位单位为牵头单位，下同）",
            "2\t做好乙。\t县司法局、县财政局",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(p.name, p.role.value) for p in plan.tasks[1].parties] == [
        ("县司法局", "lead"),
        ("县财政局", "responsible"),
    ]
    assert any("待确认" in p.why for p in plan.problems)


def test_cell_per_line_table_reads_one_task_per_number():
    text = "\n".join(
        [
            "序号",
            "工作任务",
            "责任单位",
            "",
            "1",
            "",
            "做好政策解读工作。",
            "",
            "市发改局",
            "",
            "2",
            "",
            "建立工作台账。",
            "",
            "市财政局",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.number, t.requirement, [p.name for p in t.parties]) for t in plan.tasks] == [
        (1, "做好政策解读工作。", ["市发改局"]),
        (2, "建立工作台账。", ["市财政局"]),
    ]


def test_time_column_is_carried_as_time_text():
    text = "序号\t工作任务\t责任单位\t完成时限\n1\t做好甲。\t市发改局\t6月底前"
    assert parse_plan(text, EMPTY).tasks[0].time_text == "6月底前"
