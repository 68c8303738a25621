"""The 台账 picture: a real PNG, drawn with a CJK font that covers every label."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from PIL import Image

from bot.answers.model import Knowledge
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.chart import (
    chart_data,
    chart_filename,
    chart_title,
    cjk_font,
    render_chart,
    title_lines,
)
from bot.office.overview import Overview, Standing, build_overview
from bot.plan import Party, PartyKind, Plan, Role
from bot.registry.units import Registry

ZONE = ZoneInfo("Asia/Shanghai")
YEAR_END = date(2021, 12, 31)
LATE_RED = (0xE5, 0x73, 0x73)  # the 逾期 colour
DONE_GREEN = (0x4C, 0xAF, 0x50)  # the 已完成 colour


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        ledger = Ledger(store)
        # 办公室 says task 24 (due 2021-11-20 by the notice) is under way, and finishes 33.
        for message, (task, status, due) in enumerate(
            [(24, Status.ONGOING, date(2021, 11, 20)), (33, Status.DONE, YEAR_END)], start=1
        ):
            ledger.report(
                unit="办公室",
                tasks=(task,),
                status=status,
                text="进展",
                dues={task: due},
                user=1001,
                name="张三",
                chat=1001,
                message=message,
                now=datetime(2021, 11, 15, 9, message, tzinfo=ZONE),
            )
        yield ledger


def overview_on(know: Knowledge, ledger: Ledger, day: date) -> Overview:
    return build_overview(know, ledger, day)


def pixels(png: bytes) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour the picture has."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {rgb: count for count, rgb in image.getcolors(maxcolors=1 << 20)}


def test_the_cjk_font_resolves_without_falling_back():
    font = cjk_font()
    assert font.path.is_file()
    assert font.path.name == "NotoSansCJKsc-Regular.otf"
    assert font.family == "Noto Sans CJK SC"
    found = findfont(FontProperties(family=font.family), fallback_to_default=False)
    assert Path(found) == font.path
    assert "DejaVu" not in found


def test_the_font_covers_every_label_drawn(know: Knowledge, ledger: Ledger, plan: Plan):
    data = chart_data(overview_on(know, ledger, date(2021, 11, 22)), plan)
    drawn = "".join(data.texts())
    for word in (
        "《江门市生态环境局2021年政务公开工作要点分工方案》落实情况",
        "待明确",
        "按工作任务",
        "按责任单位",
        "十一、推进基层政务公开",
        "固体废物与核（辐射）安全管理科",
        "逾期",
    ):
        assert word in drawn
    charmap = FT2Font(str(cjk_font().path)).get_charmap()
    missing = {c for c in drawn if ord(c) not in charmap}
    assert missing == set()


def test_chart_data_counts_sections_and_units(know: Knowledge, ledger: Ledger, plan: Plan):
    data = chart_data(overview_on(know, ledger, date(2021, 11, 22)), plan)
    assert data.title == (
        "《江门市生态环境局2021年政务公开工作要点分工方案》落实情况（截至2021年11月22日）"
    )
    assert len(data.sections) == 15
    sections = dict(data.sections)
    # 十一 holds tasks 23 and 24: 24 is overdue since 11-20, 23 has no report.
    assert sections["十一、推进基层政务公开标准化…"] == {Standing.LATE: 1, Standing.SILENT: 1}
    assert sections["十五、狠抓任务落实"] == {Standing.DONE: 1, Standing.SILENT: 1}
    units = dict(data.units)
    assert list(units)[:2] == ["办公室", "综合科"]  # registry order
    assert units["办公室"][Standing.DONE] == 1
    assert units["办公室"][Standing.LATE] == 1
    assert data.bar_note(sections["十五、狠抓任务落实"]) == "1/2"


def test_render_is_a_real_png_coloured_by_standing(know: Knowledge, ledger: Ledger, plan: Plan):
    late = render_chart(overview_on(know, ledger, date(2021, 11, 22)), plan)
    assert late.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(late) > 50_000
    image = Image.open(io.BytesIO(late))
    assert image.width >= 1000
    assert image.height >= 1000
    # A week earlier nothing was overdue yet: red only in the legend's swatch, none in bars.
    early = render_chart(overview_on(know, ledger, date(2021, 11, 15)), plan)
    legend_only = pixels(early)[LATE_RED]
    assert pixels(late)[LATE_RED] > 5 * legend_only
    assert pixels(late)[DONE_GREEN] > 5 * legend_only
    assert pixels(early)[DONE_GREEN] > 5 * legend_only


def test_filename(know: Knowledge, ledger: Ledger):
    assert chart_filename(overview_on(know, ledger, date(2021, 11, 22))) == "台账图-2021-11-22.png"


def test_hostile_section_titles_render_as_plain_labels(
    know: Knowledge, ledger: Ledger, plan: Plan
):
    title = "经$\\frac{$\x0b公\x00开支出"  # broken mathtext and control characters
    odd = replace(plan, sections=(replace(plan.sections[0], title=title), *plan.sections[1:]))
    overview = overview_on(replace(know, plan=odd), ledger, date(2021, 11, 22))
    assert chart_data(overview, odd).sections[0][0] == "一、经\\$\\frac{\\$ 公开…"
    assert render_chart(overview, odd).startswith(b"\x89PNG")


def test_tasks_no_unit_holds_are_counted_as_pending(know: Knowledge, ledger: Ledger, plan: Plan):
    group = Party("新设专班", PartyKind.GROUP, Role.LEAD)
    # Section 十五 holds tasks 33 (done by 办公室) and 34; nobody holds 34 any more.
    tasks = tuple(replace(t, parties=(group,)) if t.number == 34 else t for t in plan.tasks)
    odd = replace(plan, tasks=tasks)
    overview = overview_on(replace(know, plan=odd), ledger, date(2021, 11, 22))
    sections = dict(chart_data(overview, odd).sections)
    assert sections["十五、狠抓任务落实"] == {Standing.DONE: 1, "待明确": 1}


def test_with_the_registry_a_done_task_with_an_undefined_group_is_pending(
    know: Knowledge, ledger: Ledger, plan: Plan, registry: Registry
):
    # Task 2: 综合科牵头，各有关科室（单位）配合 — the phrase is undefined in the registry.
    ledger.report(
        unit="综合科",
        tasks=(2,),
        status=Status.DONE,
        text="已完成",
        dues={2: YEAR_END},
        user=1002,
        name="李四",
        chat=1002,
        message=9,
        now=datetime(2021, 11, 16, 9, 0, tzinfo=ZONE),
    )
    overview = overview_on(know, ledger, date(2021, 11, 22))
    first = "一、做好各类规划主动公开"  # tasks 1 and 2
    assert dict(chart_data(overview, plan).sections)[first] == {
        Standing.DONE: 1,
        Standing.SILENT: 1,
    }
    assert dict(chart_data(overview, plan, registry).sections)[first] == {
        "待明确": 1,
        Standing.SILENT: 1,
    }
    assert render_chart(overview, plan, registry).startswith(b"\x89PNG")


def test_a_title_with_its_own_book_marks_is_named_whole(
    know: Knowledge, ledger: Ledger, plan: Plan
):
    long = replace(
        plan,
        title="区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知",
    )
    overview = overview_on(replace(know, plan=long), ledger, date(2021, 11, 22))
    assert chart_title(overview, long) == (
        "《区人民政府办公室关于印发2023年区〈政府工作报告〉确定的主要目标任务责任分解方案的通知》"
        "落实情况（截至2021年11月22日）"
    )
    assert render_chart(overview, long).startswith(b"\x89PNG")


def test_a_long_title_breaks_after_the_notice_name():
    # 27 characters of name and 19 of the rest: over 40, so two lines.
    assert title_lines(
        "《江门市生态环境局2021年政务公开工作要点分工方案》落实情况（截至2021年11月22日）"
    ) == ["《江门市生态环境局2021年政务公开工作要点分工方案》", "落实情况（截至2021年11月22日）"]
    assert title_lines("台账落实情况（截至2021年11月22日）") == [
        "台账落实情况（截至2021年11月22日）"
    ]


def test_the_notice_s_on_time_figures_are_a_line_under_the_title(
    know: Knowledge, ledger: Ledger, plan: Plan
):
    data = chart_data(overview_on(know, ledger, date(2021, 11, 22)), plan)
    # 办公室 closed 33 (due 12-31) on 11-15, 46 days early; 24's 11-20 milestone, 办公室's
    # alone (its 配合 phrase is undefined), is open and overdue: 1 of 2 on time.
    assert data.ontime.startswith("【按期完成】按期 1 · 逾期完成 0 · 逾期未完成 1 · 未到期 ")
    assert data.ontime.endswith("；按期完成率 50%；完成日中位：截止前 46 天")
    assert data.ontime in data.texts()
