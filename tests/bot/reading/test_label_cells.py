"""Rule "label cell, then its value" (bot.reading.label_cells), alone and through the loader."""

from __future__ import annotations

import pytest

from bot.reading.label_cells import label_kind, label_records
from bot.reading.loader import parse_plan
from bot.registry.units import Registry

EMPTY = Registry([], [])


def _rows(*lines: str) -> list[tuple[int, list[str]]]:
    return [(number, [line]) for number, line in enumerate(lines, 1)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("具体任务", "section"),
        ("责任单位：", "responsibility"),
        ("配合单位", "cooperate"),
        ("完成时限", "time"),
        ("县交通局牵头", None),  # a value naming a lead, not a label
        ("加快项目建设任务", None),  # a requirement that holds a column word
    ],
)
def test_a_line_naming_only_a_column_is_a_label(text: str, kind: str | None):
    assert label_kind(text) == kind


def test_labels_each_followed_by_a_value_become_a_table():
    rows = _rows(
        "具体任务", "修好一座桥。", "责任单位：", "县交通局", "完成时限", "6月底前", "附件"
    )
    assert label_records(rows)[0] == [
        (1, ["具体任务", "责任单位", "完成时限"]),
        (2, ["修好一座桥。", "县交通局", "6月底前"]),
        (7, ["附件"]),
    ]


def test_a_label_seen_again_starts_the_next_record_and_party_lines_are_listed():
    rows = _rows(
        *("具体任务", "修好一座桥。", "责任单位", "县交通局", "县财政局", "完成时限", "年底前"),
        *("具体任务", "新建一所学校。", "责任单位", "县教育局", "完成时限", "9月底前"),
    )
    assert label_records(rows)[0][1:] == [
        (2, ["修好一座桥。", "县交通局、县财政局", "年底前"]),
        (9, ["新建一所学校。", "县教育局", "9月底前"]),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # A header written one cell a line: no label has a value of its own.
        ("序号", "工作任务", "责任单位", "完成时限", "1", "修好一座桥。", "县交通局", "年底前"),
        # Two labels only.
        ("具体任务", "修好一座桥。", "责任单位", "县交通局"),
        # No party column.
        ("具体任务", "修好一座桥。", "完成时限", "年底前", "备注", "无"),
    ],
)
def test_other_lines_stay_as_they_are(lines: tuple[str, ...]):
    rows = _rows(*lines)
    assert label_records(rows)[0] == rows


def test_a_record_cut_short_is_listed_not_lost():
    rows = _rows("具体任务", "修好一座桥。", "责任单位")
    kept, problems = label_records(rows)
    assert kept == rows
    assert [(p.line, p.text) for p in problems] == [(2, "修好一座桥。")]


def test_a_record_reads_as_a_task_with_its_roles_and_time():
    text = "\n".join(
        ["具体任务", "修好一座桥。", "责任单位", "县交通局、县财政局", "配合单位", "各乡镇"]
        + ["完成时限", "6月底前完成并长期坚持"]
    )
    plan = parse_plan(text, EMPTY)
    assert [
        (t.requirement, [(p.name, p.role.value) for p in t.parties], t.time_text)
        for t in plan.tasks
    ] == [
        (
            "修好一座桥。",
            [("县交通局", "responsible"), ("县财政局", "responsible"), ("各乡镇", "cooperate")],
            "6月底前完成并长期坚持",
        )
    ]
