"""Rules "units separated by spaces" and "run-together units" (bot.reading.spaced_units), alone."""

from __future__ import annotations

import pytest

from bot.reading.loader import parse_plan
from bot.reading.spaced_units import spaced_units, split_spaced_units
from bot.registry.units import Registry

EMPTY = Registry([], [])


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("甲镇卫生院 林业站", ["甲镇卫生院", "林业站"]),
        ("县水利局 各相关乡镇政府", ["县水利局", "各相关乡镇政府"]),
        ("市交通局牵头 市财政局配合", ["市交通局牵头", "市财政局配合"]),
        # A name wrapped in its cell: the piece before the space is no unit name.
        ("市发展和改革 委员会 市财政局", ["市发展和改革委员会", "市财政局"]),
    ],
)
def test_a_cell_listing_units_is_cut_at_its_spaces(cell: str, names: list[str]):
    assert spaced_units(cell) == names


@pytest.mark.parametrize(
    "cell",
    [
        "市财政局",  # one name, no space
        "完成 主体工程 建设",  # a requirement with spaces
        "落实 县财政局",  # one piece is no unit name
        "牵头单位 配合单位",  # a header's column names
        "2月份 县财政局",
    ],
)
def test_other_cells_are_not_cut(cell: str):
    assert spaced_units(cell) is None


def test_a_short_piece_is_closed_up_and_listed_as_doubtful():
    # 市委 may be a unit or the first half of 市委宣传部 wrapped in its cell: read as one.
    rows, problems = split_spaced_units([(3, ["做好甲。", "市委 宣传部 县财政局"])])
    assert rows == [(3, ["做好甲。", "市委宣传部、县财政局"])]
    assert [(p.line, p.text, "待确认" in p.why) for p in problems] == [(3, "市委 宣传部", True)]


def test_two_names_run_together_are_cut_by_a_name_printed_elsewhere():
    rows, problems = split_spaced_units(
        [(1, ["做好甲。", "市场监管所 林业站"]), (2, ["做好乙。", "文化站 派出所市场监管所"])]
    )
    assert rows[1] == (2, ["做好乙。", "文化站、派出所、市场监管所"])
    [problem] = problems
    assert (problem.line, problem.text) == (2, "派出所市场监管所")
    assert "待确认" in problem.why


def test_a_long_name_holding_a_short_known_name_is_not_cut():
    # 办公室 is printed alone, but a name that short is no sign of two names run together.
    rows, problems = split_spaced_units(
        [(1, ["做好甲。", "办公室 县财政局"]), (2, ["做好乙。", "县政府办公室 县财政局"])]
    )
    assert rows[1] == (2, ["做好乙。", "县政府办公室、县财政局"])
    assert problems == []


def test_a_table_whose_responsibility_cells_list_units_with_spaces():
    text = "\n".join(
        [
            "整治行业 | 时间安排 | 责任单位 |",
            "烟花爆竹 | 1月份 | 安监站 派出所 |",
            "医疗机构 | 6月份 | 卫生院 |",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.requirement, [p.name for p in t.parties], t.time_text) for t in plan.tasks] == [
        ("烟花爆竹", ["安监站", "派出所"], "1月份"),
        ("医疗机构", ["卫生院"], "6月份"),
    ]


@pytest.mark.parametrize(
    "cell",
    [
        "规划信息处 （爱卫办）牵头，办公室配合",  # a space before a bracket
        "人事处 牵头，各处室配合",  # a role word after a space
        "各处 室",  # a one-character piece
        "综合处牵头， 各处室配合",  # a space after a comma
    ],
)
def test_a_space_an_export_put_inside_a_note_cuts_nothing(cell: str):
    assert spaced_units(cell) is None
