"""The help's examples come from the notice in force (`bot.answers.help_text`)."""

from __future__ import annotations

from datetime import date

from bot.answers.model import ChatState, Knowledge
from bot.ledger.deadlines import plan_deadlines
from bot.reading.loader import parse_plan
from bot.registry.units import parse_registry
from tests.bot.answers.asking import respond
from tests.conftest import ROOT

QINGXI = ROOT / "tests" / "data" / "qingxi-education-2023.txt"
UNITS = ROOT / "tests" / "data" / "qingxi-education-units.toml"


def qingxi() -> Knowledge:
    registry = parse_registry(UNITS.read_text(encoding="utf-8"))
    plan = parse_plan(QINGXI.read_text(encoding="utf-8"), registry)
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2023, 12, 31)))


def test_the_examples_name_the_notices_units_numbers_and_sections():
    know = qingxi()
    _, answer = respond(ChatState(), "帮助", know)
    lines = answer.text.splitlines()
    unit = lines[1].removeprefix("· 我是").removesuffix("（先说您是哪个单位）")
    holders = {p.name for t in know.plan.tasks for p in t.parties}
    assert know.registry.unit(unit) is not None
    assert unit in holders
    assert lines[3].startswith(f"· {unit}负责什么 / ")
    numbers = {t.number for t in know.plan.tasks}
    number = int(lines[4].split("第")[1].split("项")[0])
    assert number in numbers
    assert "· 第四部分有哪些任务" in lines
    assert "综合科" not in answer.text


def test_each_example_is_answered_from_the_notice():
    know = qingxi()
    _, answer = respond(ChatState(), "帮助", know)
    keyword = next(line for line in answer.text.splitlines() if "谁牵头" in line)
    search = keyword.split("搜索 ")[1]
    _, found = respond(ChatState(), f"搜索 {search}", know)
    assert "没有找到" not in found.text
