"""The 台账 as a clerk files it: typed cells, columns and rows that fit, the notice's title,
完成情况 and 待明确. The workbook is read back with openpyxl.

Expected values are read off the shipped notice (data/notice-2021.txt) and registry
(data/units.toml); the real notices in tests/data/notices for the title row.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.answers.model import Knowledge
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.office.columns import completion
from bot.office.export import export_workbook, ledger_title
from bot.office.overview import build_overview
from bot.plan import Party, PartyKind, Role
from bot.reading.loader import load_plan
from bot.registry.units import Registry
from tests.bot.office.test_export import TODAY, YEAR_END, ZONE, day_cell, fill, wall
from tests.conftest import ROOT

NOTICES = ROOT / "tests" / "data" / "notices"
LINE_POINTS = 15  # one line of 11-point text, at the least


def sheet(know: Knowledge, ledger: Ledger, name: str = "台账") -> Worksheet:
    overview = build_overview(know, ledger, TODAY)
    return load_workbook(io.BytesIO(export_workbook(know, ledger, overview, ZONE)))[name]


def task_row(number: int) -> int:
    """The sheet row of task `number` (title, summary and header rows come first)."""
    return number + 3


def done(ledger: Ledger, unit: str, task: int, message: int) -> None:
    ledger.report(
        unit=unit,
        tasks=(task,),
        status=Status.DONE,
        text="已完成",
        dues={task: YEAR_END},
        user=2000 + message,
        name="小王",
        chat=2000 + message,
        message=message,
        now=datetime(2021, 11, 19, 10, 0, tzinfo=ZONE),
    )


def test_times_and_dates_are_real_date_cells(know: Knowledge, ledger: Ledger):
    fill(ledger)
    ws = sheet(know, ledger)
    when, due = ws.cell(task_row(18), 8), ws.cell(task_row(18), 9)
    assert when.value == wall(17, 15, 30)  # 办公室's report, on the office's clock
    assert when.is_date
    assert when.number_format == "yyyy-mm-dd hh:mm"
    assert due.value == day_cell(YEAR_END)
    assert due.is_date
    assert due.number_format == "yyyy-mm-dd"
    assert ws.cell(task_row(18), 1).value == 18
    assert ws.cell(task_row(18), 1).data_type == "n"
    history = sheet(know, ledger, "历史")
    assert history["B2"].is_date
    assert history["A2"].data_type == "n"


def test_columns_are_wide_enough_for_what_they_show(know: Knowledge, ledger: Ledger):
    fill(ledger)
    ws = sheet(know, ledger)
    width = {c: ws.column_dimensions[c].width for c in "ABCDEFGHI"}
    # 反馈时间 shows 16 characters (2021-11-17 15:30): 16 digit widths and a margin, never ###.
    assert width["H"] >= 17
    # 截止日期 shows 10 (2021-12-31).
    assert width["I"] >= 11
    # 状态's longest word is three Chinese characters (未反馈), about six digit widths.
    assert width["E"] >= 7
    # 序号 holds at most two digits under a two-character header: narrow.
    assert width["A"] < 7  # as stored: the width plus 5 pixels of cell margin
    # Long text wraps within a readable width instead of stretching the page.
    assert 20 <= width["C"] < 41
    assert width["F"] < 41
    history = sheet(know, ledger, "历史")
    # 环境影响评价与排放管理科, twelve characters, fits in 单位 on one line.
    assert history.column_dimensions["C"].width >= 25
    assert history.column_dimensions["B"].width >= 17


def test_rows_are_tall_enough_for_their_wrapped_text(know: Knowledge, ledger: Ledger):
    fill(ledger)
    ws = sheet(know, ledger)
    # Task 18's 具体要求 is 43 characters: three lines in a column of about 19 characters.
    assert ws.row_dimensions[task_row(18)].height >= 3 * LINE_POINTS
    # Task 16's 反馈单位 lists all 17 units unreported, about 120 characters: over 12 lines in
    # a column of at most 11.
    assert ws.row_dimensions[task_row(16)].height >= 12 * LINE_POINTS
    assert ws.row_dimensions[task_row(16)].height > ws.row_dimensions[task_row(18)].height
    assert ws.row_dimensions[1].height >= 20  # the 16-point title


def test_a_done_task_with_an_undefined_group_is_shown_as_pending(know: Knowledge, ledger: Ledger):
    # Task 1: 综合科、具有编制专项规划任务的科室 — the second is a phrase the registry leaves
    # undefined. 综合科 finishing it does not finish the task.
    done(ledger, "综合科", 1, 1)
    ws = sheet(know, ledger)
    status = ws.cell(task_row(1), 5)
    assert status.value == "待明确"
    assert ws.cell(task_row(1), 7).value == (
        "已反馈 1/1：综合科\n待明确：具有编制专项规划任务的科室（范围待办公室明确）"
    )
    assert ws.cell(task_row(1), 6).value == "综合科：已完成。"
    # Task 24 (due 11-20, nothing reported) is the one overdue; the other 32 are silent.
    assert ws["A2"].value == (
        "共 34 项：已完成 0 项，进行中 0 项，有困难 0 项，未反馈 32 项，逾期 1 项，待明确 1 项"
    )
    # A task held by named units only is 已完成 when they are: task 33 is 办公室's alone.
    done(ledger, "办公室", 33, 2)
    ws = sheet(know, ledger)
    assert ws.cell(task_row(33), 5).value == "已完成"
    assert ws.cell(task_row(33), 5).fill.fgColor.rgb != status.fill.fgColor.rgb


def test_a_task_no_unit_holds_is_pending(know: Knowledge, ledger: Ledger):
    group = Party("新设专班", PartyKind.GROUP, Role.LEAD)
    tasks = tuple(
        replace(t, parties=(group,), responsibility="新设专班") if t.number == 5 else t
        for t in know.plan.tasks
    )
    odd = replace(know, plan=replace(know.plan, tasks=tasks))
    ws = sheet(odd, ledger)
    assert ws.cell(task_row(5), 5).value == "待明确"
    assert ws.cell(task_row(5), 7).value == "待明确：新设专班（范围待办公室明确）"
    assert ws.cell(task_row(5), 9).value == day_cell(YEAR_END)


def test_tasks_outside_every_section_have_rows_too(know: Knowledge, ledger: Ledger):
    flat = replace(know, plan=replace(know.plan, sections=()))
    ws = sheet(flat, ledger)
    assert [ws.cell(task_row(n), 1).value for n in range(1, 35)] == list(range(1, 35))
    assert {ws.cell(task_row(n), 2).value for n in range(1, 35)} == {None}
    assert ws.cell(task_row(2), 2).border.top.style == "thin"  # each task its own box


def test_completion_is_one_sentence_a_unit():
    class Said:
        def __init__(self, text: str) -> None:
            self.text = text

    class Row:
        def __init__(self, unit: str, text: str | None) -> None:
            self.unit, self.latest = unit, Said(text) if text is not None else None

    rows = [
        Row("办公室", "目录已发布"),
        Row("综合科", None),
        Row("执法一科", "已完成！"),
        Row("执法二科", "  "),
        Row("法规与标准科", "文本已更新。"),
    ]
    assert (
        completion(rows) == "办公室：目录已发布。\n执法一科：已完成！\n法规与标准科：文本已更新。"
    )


@pytest.mark.parametrize(
    ("notice", "title"),
    [
        # Opens with the covering notice 关于印发《…》的通知 and 现将《…》印发给你们.
        ("wuhu-jyj-2024", "《芜湖市教育局2024年工作要点》"),
        # Opens with the addressees (各街道…：) and the plan's name in 《》 in a sentence.
        ("jinan-gangcheng-2021", "《深化“放管服”改革优化营商环境2021年重点任务分工方案》"),
        # The notice's own title holds 《政府工作报告》: inner 书名号 become 〈〉.
        (
            "caidian-2023",
            "《区人民政府办公室关于印发2023年区〈政府工作报告〉确定的主要目标任务责任分解方案的通知》",
        ),
    ],
)
def test_the_title_row_names_the_notice_not_its_preamble(
    registry: Registry, notice: str, title: str
):
    plan = load_plan(NOTICES / f"{notice}.txt", registry)
    know = Knowledge(plan, registry, {})
    assert ledger_title(know, date(2024, 12, 1)) == f"{title}落实台账（截至2024年12月1日）"


def test_a_notice_without_a_title_still_has_a_title_row(know: Knowledge):
    untitled = replace(know, plan=replace(know.plan, title=""))
    assert ledger_title(untitled, TODAY) == "落实台账（截至2021年11月22日）"
