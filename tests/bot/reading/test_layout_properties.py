"""Property tests of the layouts of issue 16: export noise changes nothing, a cut loses nothing.

Each layout (one cell a line with ``|`` lines, a pipe table with a spanned cell, paragraphs with
a bracketed role note) is read once as written; variants with shuffled whitespace, other bracket
and comma widths, or TABs instead of ``|`` must read to the same tasks. Every real notice of the
corpus, cut after any line, must read without an exception and must not lose a task silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.normalize import name_key
from bot.plan import Plan
from bot.reading.loader import parse_plan
from bot.registry.units import Registry

EMPTY = Registry([], [])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CORPUS = sorted((Path(__file__).parents[2] / "data" / "notices").glob("*.txt"))

CELL_PER_LINE = "\n|\n".join(
    ["工作任务", "具体要求", "责任科室", "时限要求"]
    + ["做好公开", "1", "清理文件（含附件）。", "办公室、财务科", "年底前"]
    + ["2", "发布年报。", "各科室", "持续推进"]
    + ["加强宣传", "3", "参加约稿活动。", "办公室牵头，各科室配合", "持续推进"]
)
PIPE_TABLE = "\n".join(
    [
        "工作任务 | 具体要求 | 责任部门 |",
        "一、做好财政公开。 | 1.推进预算公开。 | 财务科 |",
        "二、做好网站公开。 | 2.更新概况信息。 | 办公室 |",
        "3.反馈网民意见。 | 办公室牵头，各科室配合 | |",
    ]
)
PARAGRAPHS = "\n".join(
    [
        "一、提高审批效率",
        "1. 精简审批手续。（区政务服务局牵头，区发改局、区级相关部门配合）",
        "2. 提高土地审批效率（不含6亩）。（区国土分局牵头，区规划分局配合）",
        "二、加快项目建设",
        "3. 加强项目储备。（责任单位：区发改局牵头，区财政局等有关部门参加）",
    ]
)
LAYOUTS = [CELL_PER_LINE, PIPE_TABLE, PARAGRAPHS]
WIDTHS = {"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"}


def reading(plan: Plan) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """What matters of a plan, with spelling normalised: numbers, requirements, parties."""
    return [
        (t.number, name_key(t.requirement), [(name_key(p.name), p.role.value) for p in t.parties])
        for t in plan.tasks
    ]


@st.composite
def noisy(draw: st.DrawFn, text: str) -> str:
    """`text` with spaces around its lines and cells and some brackets/commas of other width."""
    spaces = st.sampled_from(["", " ", "  ", "\u3000", " \u3000"])
    out = []
    for line in text.split("\n"):
        cells = [draw(spaces) + c + draw(spaces) for c in line.split(" | ")]
        line = " | ".join(cells) if len(cells) > 1 else cells[0]
        out.append("".join(WIDTHS[c] if c in WIDTHS and draw(st.booleans()) else c for c in line))
    return "\n".join(out)


def test_every_layout_reads_its_tasks():
    assert [len(parse_plan(text, EMPTY).tasks) for text in LAYOUTS] == [3, 3, 3]


@SETTINGS
@given(data=st.data(), index=st.sampled_from(range(len(LAYOUTS))))
def test_whitespace_and_widths_change_nothing(data: st.DataObject, index: int):
    text = LAYOUTS[index]
    variant = data.draw(noisy(text))
    assert reading(parse_plan(variant, EMPTY)) == reading(parse_plan(text, EMPTY))


@SETTINGS
@given(data=st.data())
def test_tab_or_pipe_separated_rows_read_alike(data: st.DataObject):
    rows = PIPE_TABLE.split("\n")
    tabbed = [
        row.rstrip(" |").replace(" | ", "\t") if data.draw(st.booleans()) else row for row in rows
    ]
    assert reading(parse_plan("\n".join(tabbed), EMPTY)) == reading(parse_plan(PIPE_TABLE, EMPTY))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_a_notice_cut_at_any_line_loses_no_task_silently(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    whole = parse_plan("\n".join(lines), EMPTY)
    for kept in range(1, len(lines) + 1):
        part = parse_plan("\n".join(lines[:kept]), EMPTY)
        read = {t.number for t in part.tasks}
        for task in whole.tasks:
            if task.line > kept:
                continue
            reported = any(p.line >= task.line for p in part.problems)
            assert task.number in read or reported, (kept, task.number)
