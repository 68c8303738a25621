"""The unit registry: the shipped file, lookups, fuzzy names and clear errors for a clerk."""

import pytest

from bot.errors import RegistryError
from bot.registry import Group, Unit, load_registry, parse_registry

BRANCHES = ["蓬江分局", "江海分局", "新会分局", "台山分局", "开平分局", "鹤山分局", "恩平分局"]


def test_branch_group_is_jiangmens_seven_branches(registry):
    group = registry.lookup("各市（区）分局")
    assert isinstance(group, Group)
    assert [u.name for u in registry.members(group)] == BRANCHES


def test_every_unit_the_notice_names_is_registered(registry):
    named = [
        "综合科",
        "办公室",
        "法规与标准科",
        "执法一科",
        "执法二科",
        "财务与审计科",
        "机关党委",
        "市环境信息中心",
        "环境影响评价与排放管理科",
        "固体废物与核（辐射）安全管理科",
    ]
    assert all(isinstance(registry.lookup(name), Unit) for name in named)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("信息中心", "市环境信息中心"),
        ("各市(区)分局", "各市（区）分局"),
        ("固体废物与核(辐射)安全管理科", "固体废物与核（辐射）安全管理科"),
        ("各 科室（单位）", "各科室（单位）"),
        ("江门市生态环境局台山分局", "台山分局"),
    ],
    ids=["alias", "half-width-group", "half-width-unit", "stray-space", "full-name"],
)
def test_lookup_is_canonical(registry, written, canonical):
    assert registry.lookup(written).name == canonical


@pytest.mark.parametrize(
    "name",
    [
        "各有关科室（单位）",
        "各相关科室（单位）",
        "具有审批职能的各相关科室",
        "具有编制专项规划任务的科室",
    ],
)
def test_conditional_groups_wait_for_the_office(registry, name):
    group = registry.lookup(name)
    assert group.pending
    assert registry.members(group) == ()


def test_whole_bureau_group_excludes_branches(registry):
    members = {u.name for u in registry.members(registry.lookup("各科室（单位）"))}
    assert "综合科" in members
    assert "市环境信息中心" in members
    assert not members & set(BRANCHES)


def test_groups_of_a_unit(registry):
    groups = {g.name for g in registry.groups_of(registry.unit("市环境信息中心"))}
    assert groups == {"各科室（单位）", "各直属事业单位"}


def test_find_contained_name_is_confident(registry):
    match = registry.find("综合科负责什么")
    assert match.entry.name == "综合科"
    assert match.confident


def test_find_reads_arabic_digits_as_chinese(registry):
    match = registry.find("执法2科")
    assert match.entry.name == "执法二科"
    assert match.confident


def test_find_unsure_name_is_a_suggestion(registry):
    match = registry.find("执法三科")
    assert match is not None
    assert not match.confident


def test_find_nothing(registry):
    assert registry.find("今天天气怎么样") is None
    assert registry.find("") is None


REGISTRY_OK = """
[[units]]
name = "甲科"
kind = "科室"
aliases = ["甲"]

[[units]]
name = "乙科"
kind = "科室"

[[groups]]
name = "各科"
kinds = ["科室"]

[[groups]]
name = "有关科"
members = ["甲"]
"""


def test_members_by_kind_and_by_name():
    registry = parse_registry(REGISTRY_OK)
    assert [u.name for u in registry.members(registry.lookup("各科"))] == ["甲科", "乙科"]
    assert [u.name for u in registry.members(registry.lookup("有关科"))] == ["甲科"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[units]\nname=", "TOML 格式错误"),
        ('[[units]]\nname = "甲科"\n', "缺少 kind"),
        ('[[units]]\nkind = "科室"\n', "缺少 name"),
        (
            '[[units]]\nname = "甲科"\nkind = "科室"\naliases = "甲"\n',
            "aliases 应是非空字符串列表",
        ),
        (
            REGISTRY_OK + '\n[[units]]\nname = "丙科"\nkind = "科室"\naliases = ["甲"]\n',
            "同时属于",
        ),
        (REGISTRY_OK + '\n[[groups]]\nname = "某组"\nmembers = ["丁科"]\n', "不在单位列表中"),
    ],
    ids=[
        "bad-toml",
        "no-kind",
        "no-name",
        "aliases-not-list",
        "duplicate-alias",
        "unknown-member",
    ],
)
def test_bad_registry_gets_a_chinese_error(text, message):
    with pytest.raises(RegistryError, match=message):
        parse_registry(text)


def test_registry_error_names_the_file(tmp_path):
    path = tmp_path / "units.toml"
    path.write_text('[[units]]\nname = "甲科"\n', encoding="utf-8")
    with pytest.raises(
        RegistryError, match=f"单位名录 {path} 有误：第 1 个 \\[\\[units\\]\\] 缺少 kind"
    ):
        load_registry(path)
    with pytest.raises(RegistryError, match="无法打开"):
        load_registry(tmp_path / "missing.toml")
