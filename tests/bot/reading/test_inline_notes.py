"""Notes inside a paragraph: a note after each sentence, and scope notes however worded."""

from __future__ import annotations

import pytest

from bot.normalize import name_key
from bot.reading.inline_notes import mid_notes, without_scope_notes
from bot.reading.loader import parse_plan
from bot.reading.responsibility import scope_note
from bot.registry.units import Registry

EMPTY = Registry([], [])


def _parties(plan) -> list[set[tuple[str, str]]]:
    return [{(p.name, p.role.value) for p in t.parties} for t in plan.tasks]


def test_a_note_inside_a_paragraph_is_taken_out_of_the_requirement():
    text = "甲事。〔市甲局牵头,乙局参与〕乙事(含丙类)。"
    assert mid_notes(text) == ("甲事。乙事(含丙类)。", ["市甲局牵头,乙局参与"])


@pytest.mark.parametrize("text", ["空气优良率(AQI达标率)达94%。", "按(粤府〔2018〕1号)办理。"])
def test_a_bracket_that_names_no_unit_stays_in_the_requirement(text: str):
    assert mid_notes(text) == (text, [])


@pytest.mark.parametrize(
    ("note", "group"),
    [
        ("以下各项工作均需各县、区人民政府(管委会)落实,不再列出", "各县、区人民政府（管委会）"),
        ("以下任务由各乡镇（街道）负责落实，不再另行列出", "各乡镇（街道）"),
        ("以下事项须各县（市、区）落实,不再单独列出", "各县（市、区）"),
        ("以下均需各县市区落实，不再逐一列出", "各县市区"),
        ("以下各县市区落实，不再列出", "各县市区"),  # 各 belongs to the group
    ],
)
def test_a_scope_note_is_found_however_worded(note: str, group: str):
    found = scope_note(name_key(note))
    assert found is not None
    assert (found.group, found.here) == (group, False)


def test_a_scope_note_inside_a_role_note_is_no_name():
    note = name_key("市甲局牵头,各县政府负责落实。以下各项工作均需各县政府落实,不再列出。")
    assert without_scope_notes(note) == "市甲局牵头，各县政府负责落实"


def test_every_note_of_a_task_gives_it_parties_and_a_scope_note_reaches_later_tasks():
    lines = ["二、工作任务", "(一)甲类工作。"]
    lines.append(
        "1.做好甲事。〔市甲局牵头,市乙局、丙局参与,各县、区人民政府(管委会)负责落实。"
        "以下各项工作均需各县、区人民政府(管委会)落实,不再列出。〕做好乙事。"
        "(市甲局、丁局牵头,市乙局参与)"
    )
    lines.append("2.做好丙事。(市戊局牵头)")
    plan = parse_plan("\n".join(lines), EMPTY)
    group = "各县、区人民政府（管委会）"
    assert _parties(plan) == [
        {
            ("市甲局", "lead"),
            ("丁局", "lead"),
            ("市乙局", "cooperate"),
            ("丙局", "cooperate"),
            (group, "lead"),
        },
        {("市戊局", "lead"), (group, "responsible")},
    ]
    assert plan.tasks[0].requirement.startswith("做好甲事。做好乙事。")
    assert [p.line for p in plan.problems if "待确认" in p.why and p.text == group] == [4]
