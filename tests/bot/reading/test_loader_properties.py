"""Property tests: variants of the shipped notice read the same, and no text crashes the loader.

Each variant applies one export quirk at random places of the shipped notice's table (extra
whitespace in cells, bracket widths, ``<p>`` wrappers, a page break inside a requirement) and
checks that the loader still reads exactly tasks 1..34 with the parties of the unmodified notice.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.normalize import name_key
from bot.plan import Plan
from bot.reading.loader import parse_plan
from bot.registry.units import Group, Registry
from tests.conftest import NOTICE

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LINES = NOTICE.read_text(encoding="utf-8").splitlines()
HEADER_INDEX = LINES.index("工作任务\t具体要求\t责任单位")
PREAMBLE = LINES[: HEADER_INDEX + 1]
BODY = [re.sub(r"</?p>", "", line) for line in LINES[HEADER_INDEX + 1 :]]
SECTION, REQUIREMENT, RESPONSIBILITY = range(3)
TASK_MARK = re.compile(r"^\d+\.")
TASK_ROWS = [
    i
    for i, line in enumerate(BODY)
    if line.count("\t") >= REQUIREMENT and TASK_MARK.match(line.split("\t")[REQUIREMENT])
]
WHITESPACE = st.sampled_from([" ", "  ", "\u3000", "\u00a0", " \u3000"])
SWAP = str.maketrans({"(": "（", ")": "）", "（": "(", "）": ")"})


def cells(line: str) -> list[str]:
    return line.split("\t")


def notice(body: list[str]) -> str:
    return "\n".join([*PREAMBLE, *body])


def reading(plan: Plan) -> dict[int, tuple]:
    """Task number → (section, parties): what the bot answers from."""
    return {t.number: (t.section, t.parties) for t in plan.tasks}


def requirements(plan: Plan) -> dict[int, str]:
    return {t.number: re.sub(r"\s", "", t.requirement) for t in plan.tasks}


def assert_reads_like_shipped(variant: Plan, shipped: Plan) -> None:
    assert [t.number for t in variant.tasks] == list(range(1, 35))
    assert reading(variant) == reading(shipped)
    assert requirements(variant) == requirements(shipped)
    assert variant.sections == shipped.sections
    assert {p.why for p in variant.problems} == {p.why for p in shipped.problems}


def test_unmodified_body_reads_like_shipped(registry: Registry, plan: Plan):
    assert_reads_like_shipped(parse_plan(notice(BODY), registry), plan)


@st.composite
def spaced_cell(draw: st.DrawFn, cell: str, protect: int) -> str:
    """`cell` with whitespace inserted at random places after its first `protect` characters."""
    if not cell:
        return draw(st.sampled_from(["", " ", "\u3000"]))
    positions = draw(st.lists(st.integers(protect, len(cell)), max_size=6))
    out = cell
    for position in sorted(positions, reverse=True):
        out = out[:position] + draw(WHITESPACE) + out[position:]
    return out


def task_mark_length(cell: str) -> int:
    match = TASK_MARK.match(cell)
    return match.end() if match else 0


@SETTINGS
@given(data=st.data())
def test_extra_whitespace_inside_cells(registry: Registry, plan: Plan, data: st.DataObject):
    body = []
    for line in BODY:
        row = cells(line)
        spaced = [
            data.draw(spaced_cell(cell, task_mark_length(cell) if i == REQUIREMENT else 0))
            for i, cell in enumerate(row)
        ]
        body.append("\t".join(spaced))
    assert_reads_like_shipped(parse_plan(notice(body), registry), plan)


@SETTINGS
@given(data=st.data())
def test_bracket_widths_swapped_in_responsibility(
    registry: Registry, plan: Plan, data: st.DataObject
):
    body = []
    for line in BODY:
        row = cells(line)
        if len(row) > RESPONSIBILITY:
            row[RESPONSIBILITY] = "".join(
                char.translate(SWAP) if char in "()（）" and data.draw(st.booleans()) else char
                for char in row[RESPONSIBILITY]
            )
        body.append("\t".join(row))
    assert_reads_like_shipped(parse_plan(notice(body), registry), plan)


@SETTINGS
@given(data=st.data())
def test_random_cells_wrapped_in_paragraph_markup(
    registry: Registry, plan: Plan, data: st.DataObject
):
    tags = st.sampled_from(
        ["<p>{}</p>", '<p style="text-align:left">{}</p>', "<p><span>{}</span></p>"]
    )
    body = []
    for line in BODY:
        row = [
            data.draw(tags).format(cell) if data.draw(st.booleans()) else cell
            for cell in cells(line)
        ]
        body.append("\t".join(row))
    assert_reads_like_shipped(parse_plan(notice(body), registry), plan)


@SETTINGS
@given(
    index=st.sampled_from(TASK_ROWS),
    cut=st.floats(0, 1, exclude_max=True),
    blanks=st.integers(0, 3),
)
def test_task_row_split_by_a_page_break(
    registry: Registry, plan: Plan, index: int, cut: float, blanks: int
):
    row = cells(BODY[index])
    mark = task_mark_length(row[REQUIREMENT])
    text = row[REQUIREMENT][mark:]
    at = 1 + int(cut * (len(text) - 1))  # after a character, leaving at least one for the rest
    first = [*row]
    first[REQUIREMENT] = row[REQUIREMENT][: mark + at]
    second = ["", text[at:], ""]
    body = [*BODY[:index], "\t".join(first), *[""] * blanks, "\t".join(second), *BODY[index + 1 :]]
    assert_reads_like_shipped(parse_plan(notice(body), registry), plan)


@settings(max_examples=15, deadline=None)
@given(
    index=st.sampled_from(TASK_ROWS),
    cut=st.floats(0, 1, exclude_max=True),
    data=st.data(),
)
def test_all_quirks_together(
    registry: Registry, plan: Plan, index: int, cut: float, data: st.DataObject
):
    row = cells(BODY[index])
    mark = task_mark_length(row[REQUIREMENT])
    text = row[REQUIREMENT][mark:]
    at = 1 + int(cut * (len(text) - 1))
    first = [*row]
    first[REQUIREMENT] = row[REQUIREMENT][: mark + at]
    split_body = [*BODY[:index], "\t".join(first), "", f"\t{text[at:]}\t", *BODY[index + 1 :]]
    body = []
    for line in split_body:
        row = cells(line)
        if len(row) > RESPONSIBILITY:
            row[RESPONSIBILITY] = row[RESPONSIBILITY].translate(SWAP)
        row = [
            data.draw(spaced_cell(cell, task_mark_length(cell) if i == REQUIREMENT else 0))
            for i, cell in enumerate(row)
        ]
        row = [f"<p>{cell}</p>" if data.draw(st.booleans()) else cell for cell in row]
        body.append("\t".join(row))
    crlf = "\r\n".join([*PREAMBLE, *body])
    assert_reads_like_shipped(parse_plan(crlf, registry), plan)


# --- no text crashes the loader ---------------------------------------------------------------

NOTICE_ALPHABET = st.sampled_from(
    list(
        "一二三四五六七八九十第部分、，；：。.．,;:（）()<>/p\t\n \u3000\ufeff1234567890１２年月日"
    )
    + [
        "牵头",
        "配合",
        "参照落实",
        "按职责分工落实",
        "单位",
        "责任单位：",
        "牵头单位：",
        "办公室",
        "各市（区）分局",
        "工作任务\t具体要求\t责任单位",
        "序号",
        "<p>",
        "</p>",
        "&nbsp;",
    ]
)


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_arbitrary_text_never_raises(registry: Registry, text: str):
    result = parse_plan(text, registry)
    assert isinstance(result, Plan)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(NOTICE_ALPHABET, max_size=80))
def test_notice_like_text_never_raises(registry: Registry, parts: list[str]):
    plan = parse_plan("".join(parts), registry)
    numbers = [t.number for t in plan.tasks]
    assert all(n > 0 for n in numbers)
    if not plan.tasks:
        assert any(p.why == "没有读到任何编号任务" for p in plan.problems)


@pytest.mark.parametrize(
    "text",
    [
        "2021年2月30日\n一、总体\n1. 做好甲。（责任单位：办公室）",
        "0000年1月1日\n一、总体\n1. 做好甲。（责任单位：办公室）",
        "一、总体\n" + "1" * 5000 + ". 做好甲。（责任单位：办公室）",
        "工作任务\t具体要求\t责任单位\n一、总体\t" + "9" * 5000 + ". 做好甲。\t办公室",
    ],
    ids=["impossible-date", "year-zero", "huge-task-number", "huge-task-number-in-table"],
)
def test_malformed_text_never_raises(registry: Registry, text: str):
    plan = parse_plan(text, registry)
    assert isinstance(plan, Plan)


# --- names -------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(name=st.text())
def test_name_key_is_idempotent(name: str):
    assert name_key(name_key(name)) == name_key(name)


@settings(max_examples=300, deadline=None)
@given(name=st.text(st.characters(exclude_characters="()（）")), data=st.data())
def test_bracket_width_does_not_change_name_key(name: str, data: st.DataObject):
    cut = data.draw(st.integers(0, len(name)))
    left, right = data.draw(st.sampled_from([("(", ")"), ("（", "）"), ("(", "）"), ("（", ")")]))
    written = name[:cut] + left + name[cut:] + right
    assert name_key(written) == name_key(name[:cut] + "（" + name[cut:] + "）")


def all_spellings(registry: Registry) -> list[tuple[str, str]]:
    return [
        (spelling, entry.name)
        for entry in (*registry.units, *registry.groups)
        for spelling in (entry.name, *entry.aliases)
    ]


def test_every_registry_spelling_resolves_to_its_entry(registry: Registry):
    for spelling, canonical in all_spellings(registry):
        entry = registry.lookup(spelling)
        assert entry is not None, spelling
        assert entry.name == canonical, spelling
        assert registry.lookup(spelling.translate(SWAP)) is entry, spelling


@SETTINGS
@given(data=st.data())
def test_registry_spellings_resolve_with_stray_whitespace(registry: Registry, data: st.DataObject):
    spelling, canonical = data.draw(st.sampled_from(all_spellings(registry)))
    written = data.draw(spaced_cell(spelling, 0))
    entry = registry.lookup(written)
    assert entry is not None
    assert entry.name == canonical
    assert isinstance(entry, Group) == any(g.name == canonical for g in registry.groups)
