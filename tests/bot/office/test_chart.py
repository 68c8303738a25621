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
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.chart import chart_data, chart_filename, cjk_font, render_chart
from bot.office.overview import Overview, Standing, build_overview
from bot.plan import Plan
from bot.registry.units import Registry

ZONE = ZoneInfo("Asia/Shanghai")
YEAR_END = date(2021, 12, 31)
LATE_RED = (0xE5, 0x73, 0x73)  # the 逾期 colour
DONE_GREEN = (0x4C, 0xAF, 0x50)  # the 已完成 colour


@pytest.fixture
def know(plan: Plan, registry: Registry) -> Knowledge:
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=YEAR_END))


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
        "台账落实情况",
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
    assert data.title == "台账落实情况（截至2021年11月22日）"
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
