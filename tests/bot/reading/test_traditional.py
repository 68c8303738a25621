"""A notice in traditional characters reads as its simplified twin; names stay as printed."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.reading.dates import read_dates
from bot.reading.loader import parse_plan
from bot.reading.traditional import simplified
from bot.registry.units import Registry

EMPTY = Registry([], [])

NOTICE = "\n".join(
    [
        "湘江市2021年重點工作計劃",
        "一、總體要求",
        "(列第一位的為牽頭單位,下同)",
        "1.做好甲事。",
        "責任單位:市發改委、市財政局",
        "完成時限:2021年6月底前",
        "2.做好乙事。(市民政局牽頭,市財政局配合,長期堅持)",
        "3.做好丙事。",
        "協同責任單位:市審計局、各縣、市、區政府",
        "牽頭負責領導:張三",
    ]
)


def test_label_role_time_and_note_words_in_traditional_characters():
    plan = parse_plan(NOTICE, EMPTY)
    assert plan.title == "湘江市2021年重點工作計劃"
    assert [
        (t.number, [(p.name, p.role.value) for p in t.parties], t.time_text) for t in plan.tasks
    ] == [
        (1, [("市發改委", "lead"), ("市財政局", "responsible")], "2021年6月底前"),
        (2, [("市民政局", "lead"), ("市財政局", "cooperate")], "長期堅持"),
        (3, [("市審計局", "cooperate"), ("各縣、市、區政府", "cooperate")], None),
    ]
    assert [p.kind.value for p in plan.tasks[2].parties] == ["unit", "group"]
    assert any(p.text.startswith("牽頭負責領導") and "个人" in p.why for p in plan.problems)


def test_dates_in_traditional_characters():
    assert read_dates("長期堅持", 2021).continuous  # phrases come back as normalised
    assert read_dates("每個季度", 2021).recurring is not None
    assert read_dates("下半年內", 2021).due == (date(2021, 12, 31),)
    assert read_dates("明年6月底前完成", 2021, prose=True, written=2021).due[0].year == 2022


def test_a_simplified_text_is_left_as_it_is():
    assert simplified("市发展改革委牵头，市财政局配合") == "市发展改革委牵头，市财政局配合"
    assert simplified("牽頭單位：州行政審批服務局") == "牵头单位：州行政审批服务局"


@given(st.text())
def test_simplified_keeps_every_position(text: str):
    assert len(simplified(text)) == len(text)
