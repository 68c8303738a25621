"""A table written one cell per line: a header cell wrapped over two lines, two requirement
columns, level lists in party cells, and a subsection row that names its own units."""

from __future__ import annotations

from bot.reading.layout import cell_header, header_cells, header_length, header_of, is_party_list
from bot.reading.loader import parse_plan
from bot.registry.units import Registry

EMPTY = Registry([], [])


def test_a_header_cell_wrapped_over_two_lines_is_one_cell():
    texts = ["重点工作", "主要", "任务", "工作措施", "责任单位", "备注", "一、甲类"]
    assert header_cells(texts) == (["重点工作", "主要任务", "工作措施", "责任单位", "备注"], 6)


def test_a_number_after_the_header_is_no_half_of_a_header_cell():
    assert header_length(["序号", "工作任务", "责任单位", "完成时限", "1", "甲事"]) == 4


def test_the_later_of_two_requirement_columns_is_the_requirement():
    assert header_of(["重点工作", "工作措施", "责任单位"]) == {
        "section": 0,
        "requirement": 1,
        "responsibility": 2,
    }
    # With a section column named too, the earlier one holds only the headings above it.
    assert cell_header(["重点工作", "主要任务", "工作措施", "责任单位", "备注"]) == {
        "section": 1,
        "requirement": 2,
        "responsibility": 3,
        "time": 4,
    }


def test_a_level_list_is_one_name_in_a_party_cell():
    assert is_party_list("市甲局等,各县、市、区政府,乙区管委会")


def test_a_cell_table_with_spanned_cells_and_a_subsection_row_reads_every_row():
    lines = ["重点工作", "主要", "任务", "工作措施", "责任单位", "备注", "一、甲类工作"]
    lines += ["(一)加强甲类支持", "市甲局等,各县、市、区政府,乙区管委会", "2020年12月"]
    lines += ["2.对纳入名单的企业给予补贴。", "市乙局、市丙局等,各县、市、区政府"]
    lines += ["3.在任务结束后兜底收储。", "市丙局等,乙区管委会"]
    plan = parse_plan("\n".join(lines), EMPTY)
    got = [
        (t.number, t.requirement, t.time_text, [(p.name, p.kind.value) for p in t.parties])
        for t in plan.tasks
    ]
    levels = ("各县、市、区政府", "group")
    assert got == [
        (1, "加强甲类支持", "2020年12月", [("市甲局", "unit"), levels, ("乙区管委会", "unit")]),
        (2, "对纳入名单的企业给予补贴。", None, [("市乙局", "unit"), ("市丙局", "unit"), levels]),
        (3, "在任务结束后兜底收储。", None, [("市丙局", "unit"), ("乙区管委会", "unit")]),
    ]
    doubts = [p for p in plan.problems if "待确认" in p.why]
    assert [(p.line, p.text) for p in doubts] == [(8, "(一)")]
