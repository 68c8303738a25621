"""Unit mentions resolved against the shipped registry (data/units.toml), never guessed."""

from __future__ import annotations

from bot.answers.respond import duties_of_units
from bot.answers.texts import which_unit
from bot.answers.unit_names import resolve_units


def names(units):
    return [u.name for u in units]


def test_exact(registry):
    assert names(resolve_units("综合科", registry).units) == ["综合科"]


def test_several(registry):
    mention = resolve_units("执法一科和执法二科的任务", registry)
    assert names(mention.units) == ["执法一科", "执法二科"]
    assert mention.vague == ()


def test_names_with_与_are_not_split(registry):
    mention = resolve_units("法规与标准科、财务与审计科", registry)
    assert names(mention.units) == ["法规与标准科", "财务与审计科"]


def test_alias_and_unique_abbreviation(registry):
    assert names(resolve_units("财务科", registry).units) == ["财务与审计科"]
    assert names(resolve_units("审计科", registry).units) == ["财务与审计科"]
    assert names(resolve_units("执法2科", registry).units) == ["执法二科"]


def test_vague_branch_offers_every_branch_and_the_group(registry):
    mention = resolve_units("分局的任务", registry)
    assert mention.units == ()
    (vague,) = mention.vague
    assert names(vague.candidates) == [
        "蓬江分局",
        "江海分局",
        "新会分局",
        "台山分局",
        "开平分局",
        "鹤山分局",
        "恩平分局",
    ]
    assert vague.group is not None
    assert vague.group.name == "各市（区）分局"


def test_vague_enforcement_offers_both_and_no_group(registry):
    (vague,) = resolve_units("执法科", registry).vague
    assert names(vague.candidates) == ["执法一科", "执法二科"]
    assert vague.group is None
    assert which_unit(vague.said, names(vague.candidates), None) == (
        "“执法科”指哪个单位？可选：执法一科、执法二科。"
    )


def test_unknown(registry):
    assert resolve_units("火星科", registry).unknown == ("火星科",)


def test_several_units_answered_at_once(plan, registry):
    from bot.answers.model import Knowledge

    units = resolve_units("执法一科和执法二科", registry).units
    answer = duties_of_units(units, Knowledge(plan, registry), None)
    heads = [line for line in answer.text.splitlines() if "（科室）：共" in line]
    # 执法一科: 4, 28 named; 8, 11, 13, 16 负责 and 10, 12, 17 配合 through 各科室（单位）.
    assert heads == [
        "执法一科（科室）：共 9 项，负责 6 项、配合 3 项",
        "执法二科（科室）：共 10 项，牵头 1 项、负责 7 项、配合 2 项",
    ]
