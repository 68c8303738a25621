"""A registry proposed from the notice: kinds for any office, collectives as groups
(`bot.registry.kinds`, `bot.importing.registry_proposal`), and the prompt's choices for one name."""

from __future__ import annotations

import pytest

from bot.importing.registry_file import NewAlias, NewGroup, NewUnit
from bot.importing.registry_proposal import propose
from bot.importing.review import choices
from bot.notice_files.importers import UnknownName
from bot.plan import PartyKind
from bot.registry.kinds import is_collective, usual_kind, without_role
from bot.registry.units import parse_registry

EMPTY = parse_registry("")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("基础教育科", "科室"),
        ("督导室", "科室"),
        ("计划股", "股室"),
        ("体制改革处", "处室"),
        ("老龄健康处（市老龄办）", "处室"),
        ("区财政局", "区直部门"),
        ("市医疗保障局", "市直部门"),
        ("县政府办公室", "县直部门"),
        ("城关镇", "镇街"),
        ("西湖街道", "镇街"),
        ("青溪区实验小学", "学校"),
        ("国家税务总局青溪区税务局", "垂直管理单位"),
        ("区公安分局", "分局"),
        ("市疾控中心", "直属事业单位"),
        ("机关党委", "党群组织"),
        ("应急工作专班", None),
    ],
)
def test_kinds_fit_any_office(name: str, kind: str | None):
    assert usual_kind(name) == kind


@pytest.mark.parametrize(
    "name",
    ["各中小学", "区直有关部门", "县（市、区）政府", "开发区管委会", "市直部门", "局主办科室"],
)
def test_collectives_are_groups(name: str):
    assert is_collective(name)


@pytest.mark.parametrize("name", ["区政府", "财务科", "规划信息处（爱卫办）", "青溪区教育局"])
def test_one_body_is_no_collective(name: str):
    assert not is_collective(name)


def test_a_role_word_after_a_name_is_no_part_of_it():
    assert without_role("各镇街落实") == "各镇街"
    assert without_role("办公室参照落实") == "办公室"
    assert without_role("落实") == "落实"


def unknown(name: str, kind: PartyKind = PartyKind.UNIT) -> UnknownName:
    return UnknownName(name, kind, (1,), None)


def test_every_name_becomes_a_unit_or_a_group():
    proposal = propose(
        [unknown("财务科"), unknown("各中小学", PartyKind.GROUP), unknown("区直有关部门")], EMPTY
    )
    assert proposal == (NewUnit("财务科", "科室"), NewGroup("各中小学"), NewGroup("区直有关部门"))


def test_a_name_written_with_a_role_word_becomes_an_alias_of_the_name_without():
    proposal = propose([unknown("各镇街落实", PartyKind.GROUP), unknown("各镇街")], EMPTY)
    assert proposal == (NewGroup("各镇街"), NewAlias("各镇街落实", "各镇街"))


def test_an_unknown_kind_is_other():
    assert propose([unknown("应急工作专班")], EMPTY) == (NewUnit("应急工作专班", "其他单位"),)


def test_the_registrys_own_kind_wins():
    registry = parse_registry('[[units]]\nname = "教师发展中心"\nkind = "局属单位"\n')
    assert propose([unknown("后勤管理中心")], registry) == (NewUnit("后勤管理中心", "局属单位"),)


def test_the_prompt_may_make_any_name_a_group():
    assert choices(unknown("财务科"), EMPTY) == (
        NewUnit("财务科", "科室"),
        NewGroup("财务科"),
        None,
    )
    assert choices(unknown("区直有关部门"), EMPTY)[0] == NewGroup("区直有关部门")


def test_a_name_cut_short_becomes_an_alias_of_the_full_one():
    names = [
        "体制改革处",
        "体改处",
        "财务处",
        "各区卫生健康局",
        "各区卫健局",
        "人事科",
        "组织人事科",
        "办公室",
        "区政府办公室",
    ]
    kinds = {"各区卫生健康局": PartyKind.GROUP, "各区卫健局": PartyKind.GROUP}
    proposal = propose([unknown(n, kinds.get(n, PartyKind.UNIT)) for n in names], EMPTY)
    assert proposal == (
        NewUnit("体制改革处", "处室"),
        NewAlias("体改处", "体制改革处"),
        NewUnit("财务处", "处室"),
        NewGroup("各区卫生健康局"),
        NewAlias("各区卫健局", "各区卫生健康局"),
        NewAlias("人事科", "组织人事科"),
        NewUnit("组织人事科", "科室"),
        NewUnit("办公室", "科室"),
        NewUnit("区政府办公室", "区直部门"),
    )
