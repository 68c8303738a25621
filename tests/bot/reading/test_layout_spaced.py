"""Rule "space-joined table": cells joined with single spaces are read from both ends."""

from __future__ import annotations

import pytest

from bot.reading.layout import header_of, is_party_list
from bot.reading.loader import parse_plan
from bot.reading.responsibility import is_unit_name
from bot.reading.spaced_table import unspace_table
from bot.registry.units import Registry

EMPTY = Registry([], [])
HEADER = "序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位"


def _parties(plan) -> list[set[tuple[str, str]]]:
    return [{(p.name, p.role.value) for p in t.parties} for t in plan.tasks]


def test_a_space_joined_row_is_read_from_both_ends():
    text = "\n".join(
        [
            "甲市主要任务分解表",
            HEADER,
            # 类别 wrapped inside (一项 工作), so the row has one space too many.
            "1 一项 工作 抓好甲事 推进甲事，到2020年完成。 市甲局 市乙局、丙委等 各县(市、区)政府",
            # 类别 row-spanned: two spaces after the number; 主要任务 wrapped.
            "2  抓好 乙事 落实乙事，纳入考核。 市乙局 市甲局 各县(市、区)政府",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [t.requirement for t in plan.tasks] == [
        "推进甲事，到2020年完成。",
        "落实乙事，纳入考核。",
    ]
    assert _parties(plan) == [
        {
            ("市甲局", "lead"),
            ("市乙局", "cooperate"),
            ("丙委", "cooperate"),
            ("各县（市、区）政府", "responsible"),
        },
        {("市乙局", "lead"), ("市甲局", "cooperate"), ("各县（市、区）政府", "responsible")},
    ]
    unsplit = [(p.line, p.text) for p in plan.problems if "按空格无法" in p.why]
    assert unsplit == [(3, "一项 工作 抓好甲事"), (4, "抓好 乙事")]
    assert all(
        "类别、主要任务" in p.why and "待确认" in p.why for p in plan.problems if "按空格" in p.why
    )


def test_a_row_whose_last_cells_are_no_units_is_left_unread():
    row = (2, ["1 一项 抓好甲事 推进甲事，到2020年完成。 市甲局 市乙局 全年完成"])
    rows, problems = unspace_table([(1, [HEADER]), row])
    assert rows[1] == row
    assert problems == []


def test_lines_that_are_no_space_joined_header_stay_as_they_are():
    rows = [
        (1, ["各县 市 区 人民政府"]),  # spaces, but no column names
        (2, ["序号 牵头单位 细化措施"]),  # the party column is not after the requirement
        (3, ["1 甲 推进甲事，到2020年完成。 市甲局"]),
        (4, ["序号", "细化措施", "牵头单位"]),  # already cut into cells
    ]
    assert unspace_table(rows) == (rows, [])


def test_a_participating_column_is_a_cooperating_one():
    assert header_of(["序号", "细化措施", "牵头单位", "参与单位"]) == {
        "number": 0,
        "requirement": 1,
        "lead": 2,
        "cooperate": 3,
    }


@pytest.mark.parametrize("name", ["城乡一体化示范区", "甲经济开发区", "乙新区", "丙工业园区"])
def test_a_zone_is_a_unit(name: str):
    assert is_unit_name(name)
    assert is_party_list(f"市甲局、{name}")


def test_a_space_beside_a_figure_stays_inside_the_requirement():
    line = "1 一项 抓好甲事 推进甲事，到 2020 年完成， 增长 6.2 %。 市甲局 市乙局 各县(市、区)政府"
    rows, problems = unspace_table([(1, [HEADER]), (2, [line])])
    assert rows[1][1][:2] == ["1", "推进甲事，到 2020 年完成， 增长 6.2 %。"]
    assert [p.text for p in problems] == ["一项 抓好甲事"]
