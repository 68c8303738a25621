"""The unit picker: kinds in registry order, pages of eight, and the registry's fingerprint."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.people.picker import PAGE_SIZE, fingerprint, kinds, picker_page
from bot.registry.units import Registry, parse_registry
from tests.conftest import UNITS

SHIPPED = UNITS.read_text(encoding="utf-8")
LETTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃宿列张寒"


def registry_of(units: list[tuple[str, str]], extra: str = "") -> Registry:
    entries = [f'[[units]]\nname = "{name}"\nkind = "{kind}"\n' for name, kind in units]
    return parse_registry("\n".join(entries) + extra)


def test_shipped_kinds_in_the_order_the_registry_names_them(registry: Registry):
    assert kinds(registry) == ["科室", "党组织", "直属事业单位", "分局"]


def test_shipped_pages(registry: Registry):
    offices = picker_page(registry, 0, 0)
    assert offices is not None
    assert (offices.kind, offices.page, offices.pages) == ("科室", 0, 1)
    assert [i for i, _ in offices.units] == list(range(8))
    assert offices.units[1][1].name == "综合科"
    branches = picker_page(registry, 3, 0)
    assert branches is not None
    assert [u.name for _, u in branches.units] == [
        "蓬江分局",
        "江海分局",
        "新会分局",
        "台山分局",
        "开平分局",
        "鹤山分局",
        "恩平分局",
    ]
    assert [i for i, _ in branches.units] == list(range(10, 17))


@pytest.mark.parametrize(("kind", "page"), [(-1, 0), (4, 0), (99, 0), (0, -1), (0, 1), (3, 1)])
def test_shipped_out_of_range(registry: Registry, kind: int, page: int):
    assert picker_page(registry, kind, page) is None


def test_twenty_units_make_three_pages():
    registry = registry_of([(f"{c}科", "科室") for c in LETTERS[:20]])
    sizes = [len(picker_page(registry, 0, p).units) for p in range(3)]
    assert sizes == [8, 8, 4]
    assert {picker_page(registry, 0, p).pages for p in range(3)} == {3}
    assert picker_page(registry, 0, 3) is None
    assert picker_page(registry, 1, 0) is None
    assert [u.name for _, u in picker_page(registry, 0, 2).units] == [
        f"{c}科" for c in LETTERS[16:20]
    ]


def test_exactly_eight_units_make_one_page():
    registry = registry_of([(f"{c}科", "科室") for c in LETTERS[:8]])
    assert picker_page(registry, 0, 0).pages == 1
    assert picker_page(registry, 0, 1) is None


KIND_NAMES = ["科室", "分局", "党组织", "直属事业单位"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(KIND_NAMES), min_size=1, max_size=len(LETTERS)))
def test_pages_cover_each_kind_once_in_registry_order(unit_kinds: list[str]):
    registry = registry_of([(f"{c}单位", k) for c, k in zip(LETTERS, unit_kinds, strict=False)])
    assert kinds(registry) == list(dict.fromkeys(unit_kinds))
    for kind_index, kind in enumerate(kinds(registry)):
        expected = [i for i, u in enumerate(registry.units) if u.kind == kind]
        first = picker_page(registry, kind_index, 0)
        assert first is not None
        assert first.pages == math.ceil(len(expected) / PAGE_SIZE)
        seen = []
        for page in range(first.pages):
            current = picker_page(registry, kind_index, page)
            assert current is not None
            assert (current.kind, current.page, current.pages) == (kind, page, first.pages)
            assert 0 < len(current.units) <= PAGE_SIZE
            assert all(registry.units[i] is u for i, u in current.units)
            seen.extend(i for i, _ in current.units)
        assert seen == expected
        assert picker_page(registry, kind_index, first.pages) is None
        assert picker_page(registry, kind_index, -1) is None
    assert picker_page(registry, len(kinds(registry)), 0) is None


# ---------------------------------------------------------------- fingerprint


def test_fingerprint_is_six_hex_digits(registry: Registry):
    assert re.fullmatch(r"[0-9a-f]{6}", fingerprint(registry))


def test_fingerprint_is_stable(registry: Registry):
    again = parse_registry(SHIPPED)
    assert again is not registry
    assert fingerprint(again) == fingerprint(registry)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda text: text.replace('aliases = ["法规科"]', 'aliases = ["法规科", "法标科"]'),
            id="alias-added",
        ),
        pytest.param(
            lambda text: (
                text + '\n[[groups]]\nname = "各执法科"\nmembers = ["执法一科", "执法二科"]\n'
            ),
            id="group-added",
        ),
        pytest.param(
            lambda text: text.replace("# ---- 统称 ----", "# 统称"), id="comment-changed"
        ),
        pytest.param(
            lambda text: text.replace('name = "综合科"', 'name = "综合科" '), id="whitespace"
        ),
    ],
)
def test_fingerprint_ignores_what_does_not_move_a_button(registry: Registry, edit):
    assert fingerprint(parse_registry(edit(SHIPPED))) == fingerprint(registry)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda text: text + '\n[[units]]\nname = "人事科"\nkind = "科室"\n', id="unit-added"
        ),
        pytest.param(
            lambda text: text.replace('[[units]]\nname = "综合科"\nkind = "科室"\n\n', ""),
            id="unit-removed",
        ),
        pytest.param(
            lambda text: text.replace('name = "综合科"', 'name = "综合业务科"'), id="unit-renamed"
        ),
        pytest.param(
            lambda text: text.replace(
                'name = "机关党委"\nkind = "党组织"', 'name = "机关党委"\nkind = "科室"'
            ),
            id="kind-changed",
        ),
        pytest.param(
            lambda text: text.replace(
                '[[units]]\nname = "执法一科"\nkind = "科室"\n\n[[units]]\nname = "执法二科"\nkind = "科室"\n',
                '[[units]]\nname = "执法二科"\nkind = "科室"\n\n[[units]]\nname = "执法一科"\nkind = "科室"\n',
            ),
            id="units-reordered",
        ),
    ],
)
def test_fingerprint_changes_when_a_unit_button_would_mean_something_else(
    registry: Registry, edit
):
    edited = edit(SHIPPED)
    assert edited != SHIPPED
    assert fingerprint(parse_registry(edited)) != fingerprint(registry)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, len(LETTERS) - 1), st.sampled_from(KIND_NAMES))
def test_adding_any_unit_changes_the_fingerprint(count: int, kind: str):
    names = [(f"{c}科", "科室") for c in LETTERS[:count]]
    before = registry_of(names)
    after = registry_of([*names, (f"{LETTERS[count]}新单位", kind)])
    assert fingerprint(after) != fingerprint(before)
    assert fingerprint(registry_of(names)) == fingerprint(before)
