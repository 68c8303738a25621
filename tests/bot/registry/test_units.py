"""The unit registry: the shipped file, lookups, fuzzy names and clear errors for a clerk; and
what an import appends to the clerk's file (bot.importing.registry_file)."""

import re
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest

from bot.errors import RegistryError
from bot.importing.registry_file import (
    NewAlias,
    NewGroup,
    NewUnit,
    RegistryEditError,
    add_to_registry,
    groups_of_kind,
    infer_kind,
)
from bot.notice_files.importers import read_notice, unknown_names
from bot.notices.knowledge import write_atomically
from bot.plan import PartyKind, Role
from bot.registry.units import Group, Unit, load_registry, parse_registry
from tests.bot.notice_files.test_importers import notice_with_unknown_names
from tests.conftest import ROOT, UNITS

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


def test_aliases_tables_add_spellings():
    text = REGISTRY_OK + '\n[[aliases]]\nname = "甲科室"\nof = "甲"\n'
    registry = parse_registry(text)
    assert registry.unit("甲科室") == registry.unit("甲科")
    assert registry.unit("甲科").aliases == ("甲", "甲科室")


def test_an_alias_of_nothing_is_an_error():
    with pytest.raises(
        RegistryError, match=r"第 1 个 \[\[aliases\]\] 的 of 应是名录中的单位或统称"
    ):
        parse_registry(REGISTRY_OK + '\n[[aliases]]\nname = "丁"\nof = "丁科"\n')


# --- an import adds to the clerk's file ----------------------------------------------------------

DAY = date(2021, 11, 16)


@pytest.fixture
def units_file(tmp_path: Path) -> Path:
    path = tmp_path / "units.toml"
    shutil.copyfile(UNITS, path)
    path.chmod(0o644)
    return path


def test_added_alias_and_unit_keep_the_clerks_text(units_file: Path):
    before = units_file.read_bytes()
    added = add_to_registry(
        units_file,
        [NewAlias("综合科室", "综合科"), NewUnit("宣传教育科", "科室")],
        day=DAY,
        source="2022年分工方案.docx",
    )
    after = units_file.read_bytes()
    assert after.startswith(before)  # every byte of the clerk's file, comments included
    assert after[len(before) :].decode("utf-8") == (
        "\n# 2021-11-16 导入通知“2022年分工方案.docx”时由分工助手添加：“综合科室”即“综合科”\n"
        '[[aliases]]\nname = "综合科室"\nof = "综合科"\n'
        "\n# 2021-11-16 导入通知“2022年分工方案.docx”时由分工助手添加\n"
        '[[units]]\nname = "宣传教育科"\nkind = "科室"\n'
    )
    assert stat.S_IMODE(units_file.stat().st_mode) == 0o644
    assert [p.name for p in units_file.parent.iterdir()] == ["units.toml"]  # no temp file left
    reread = load_registry(units_file)
    assert reread.unit("综合科室").name == "综合科"
    assert reread.unit("宣传教育科") == Unit("宣传教育科", "科室")
    assert added.unit("宣传教育科") == reread.unit("宣传教育科")
    # 各科室（单位） takes every 科室 by kind; the branches' group does not
    bureau = {u.name for u in reread.members(reread.lookup("各科室（单位）"))}
    branches = {u.name for u in reread.members(reread.lookup("各市（区）分局"))}
    assert "宣传教育科" in bureau
    assert "宣传教育科" not in branches


def test_a_notice_read_again_resolves_what_was_added(units_file: Path):
    registry = load_registry(units_file)
    first = read_notice(notice_with_unknown_names(), "新单位.docx", registry)
    assert [u.name for u in unknown_names(first, registry)] == [
        "综合科室",
        "宣传教育科",
        "各街道办事处",
    ]
    added = add_to_registry(
        units_file,
        [NewAlias("综合科室", "综合科"), NewUnit("宣传教育科", "科室"), NewGroup("各街道办事处")],
        day=DAY,
        source="新单位.docx",
    )
    again = read_notice(notice_with_unknown_names(), "新单位.docx", added)
    assert unknown_names(again, added) == []
    # the notice: 1. （牵头单位：综合科室；配合单位：宣传教育科） 2. （…配合单位：各街道办事处）
    assert [(p.name, p.kind, p.role) for p in again.task(1).parties] == [
        ("综合科", PartyKind.UNIT, Role.LEAD),
        ("宣传教育科", PartyKind.UNIT, Role.COOPERATE),
    ]
    group = added.lookup("各街道办事处")
    assert isinstance(group, Group)
    assert group.pending  # its members are for the office to say


def test_a_file_without_a_last_newline_gets_one(tmp_path: Path):
    path = tmp_path / "units.toml"
    path.write_text(REGISTRY_OK.rstrip("\n"), encoding="utf-8")
    add_to_registry(path, [NewUnit("丙科", "科室")], day=DAY, source="n.txt")
    assert path.read_text(encoding="utf-8").startswith(REGISTRY_OK.rstrip("\n") + "\n\n# 2021")
    assert load_registry(path).unit("丙科").kind == "科室"


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        (NewUnit(" ", "科室"), "名称不能为空"),
        (NewUnit('宣传"教育"科', "科室"), "不能用作单位名称"),
        (NewUnit("宣传\\教育科", "科室"), "不能用作单位名称"),
        (NewUnit("科" * 41, "科室"), "最多 40 个字"),
        (NewUnit("综合科", "科室"), "“综合科”已在单位名录中（综合科）"),
        (NewUnit("环评科", "科室"), "“环评科”已在单位名录中（环境影响评价与排放管理科）"),
        (NewUnit("宣传教育科", '科"室'), '类别“科"室”不能使用'),
        (NewAlias("综合科室", "某某科"), "单位名录中没有“某某科”，无法为它添加别名“综合科室”"),
        (NewGroup("各市(区)分局"), "“各市（区）分局”已在单位名录中"),
    ],
    ids=[
        "empty",
        "quote",
        "backslash",
        "too-long",
        "known-unit",
        "known-alias",
        "bad-kind",
        "alias-of-nothing",
        "known-group-half-width",
    ],
)
def test_bad_additions_are_refused_in_chinese(units_file: Path, addition, message: str):
    before = units_file.read_bytes()
    with pytest.raises(RegistryEditError, match=re.escape(message)):
        add_to_registry(units_file, [addition], day=DAY, source="n.txt")
    assert units_file.read_bytes() == before


def test_a_name_added_twice_at_once_is_refused(units_file: Path):
    before = units_file.read_bytes()
    twice = [NewUnit("宣传教育科", "科室"), NewAlias("宣传教育科", "综合科")]
    with pytest.raises(RegistryEditError, match="“宣传教育科”只能添加一次"):
        add_to_registry(units_file, twice, day=DAY, source="n.txt")
    assert units_file.read_bytes() == before


def test_a_broken_registry_is_not_added_to(tmp_path: Path):
    path = tmp_path / "units.toml"
    path.write_text('[[units]]\nname = "甲科"\n', encoding="utf-8")
    with pytest.raises(RegistryEditError, match="缺少 kind；请先修正名录，再添加单位"):
        add_to_registry(path, [NewUnit("乙科", "科室")], day=DAY, source="n.txt")
    assert path.read_text(encoding="utf-8") == '[[units]]\nname = "甲科"\n'


def test_a_result_that_does_not_load_never_replaces_the_file(units_file: Path):
    before = units_file.read_bytes()
    with pytest.raises(RegistryError, match="TOML 格式错误"):
        write_atomically(units_file, before + b"\n[[units]\n", check=load_registry)
    assert units_file.read_bytes() == before
    assert [p.name for p in units_file.parent.iterdir()] == ["units.toml"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("宣传教育科", "科室"),
        ("督查室", "科室"),
        ("江门市生态环境局高新分局", "分局"),
        ("市生态环境监测站", "直属事业单位"),
        ("市辐射环境监测中心", "直属事业单位"),
        ("机关第二党支部", "党组织"),
        ("应急工作专班", None),
    ],
    ids=["ke", "shi", "branch", "station", "centre", "party", "unknown"],
)
def test_kind_from_the_name(registry, name: str, kind: str | None):
    assert infer_kind(name, registry) == kind


def test_kind_follows_the_registrys_own_units():
    # tests/data/lanhai-health-units.toml files its 处 as 处室 and 市疾病预防控制中心 as 直属单位
    lanhai = load_registry(ROOT / "tests" / "data" / "lanhai-health-units.toml")
    assert infer_kind("法规处", lanhai) == "处室"
    assert infer_kind("市急救指挥中心", lanhai) == "直属单位"
    assert groups_of_kind("分局", lanhai) == ()


def test_a_new_unit_joins_the_groups_taken_by_kind(registry):
    assert groups_of_kind("科室", registry) == ("各科室（单位）",)
    assert groups_of_kind("直属事业单位", registry) == ("各科室（单位）", "各直属事业单位")
    assert groups_of_kind("分局", registry) == ("各市（区）分局",)
