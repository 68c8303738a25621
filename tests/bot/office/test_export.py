"""The 台账 workbook, opened back with openpyxl and read cell by cell.

Expected values are read off the shipped notice (data/notice-2021.txt) and registry
(data/units.toml): its sections and which tasks they hold, its 责任单位 wording, its dates.
"""

from __future__ import annotations

import gc
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.answers.model import Knowledge
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.office.export import export_caption, export_filename, export_workbook
from bot.office.overview import build_overview
from bot.plan import Plan

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = date(2021, 11, 22)  # a Monday, two days after task 24's first due date
WINDOW = timedelta(minutes=30)
YEAR_END = date(2021, 12, 31)
NOV20 = date(2021, 11, 20)  # task 24: "要分别于2021年11月20日前和2021年12月10日前完成…"

# The notice's 工作任务 column: each section and the tasks it spans.
SECTIONS = [
    ("一、做好各类规划主动公开", 1, 2),
    ("二、做好监管执法信息公开", 3, 4),
    ("三、做好财政信息公开", 5, 6),
    ("四、做好政府网站专栏信息公开", 7, 8),
    ("五、做好常态化疫情防控信息公开", 9, 9),
    ("六、持续加强重大政策发布解读", 10, 11),
    ("七、不断改进政策解读工作方式", 12, 14),
    ("八、切实增强回应关切效果", 15, 18),
    ("九、做好政务信息管理工作", 19, 19),
    ("十、完善政务公开平台", 20, 22),
    ("十一、推进基层政务公开标准化规范化", 23, 24),
    ("十二、提高依申请公开工作质量", 25, 27),
    ("十三、加强配套制度建设", 28, 29),
    ("十四、加强工作指导", 30, 32),
    ("十五、狠抓任务落实", 33, 34),
]
HEADERS = [
    "序号",
    "工作任务",
    "具体要求",
    "责任单位",
    "状态",
    "完成情况",
    "反馈单位",
    "反馈时间",
    "截止日期",
    "佐证材料",
    "复核",
    "领导批示",
]
FIRST = 4  # title, summary and header rows come first; task n is on row n + 3

# What the hand-made ledger below leaves each task at on TODAY; every other task is 未反馈.
STATUSES = {18: "进行中", 19: "进行中", 20: "有困难", 24: "逾期", 33: "已完成", 34: "未反馈"}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2021, 11, day, hour, minute, tzinfo=ZONE)


def day_cell(day: date) -> datetime:
    """What openpyxl reads from a date cell: that day's midnight, without a zone."""
    return datetime.combine(day, time())


def wall(day: int, hour: int, minute: int = 0) -> datetime:
    """What Excel shows for `at(...)`: the office's clock, without a zone (Excel has none)."""
    return at(day, hour, minute).replace(tzinfo=None)


def fill(ledger: Ledger) -> None:
    """Eight records: six reports, one correction, one withdrawal."""

    def report(unit, task, status, text, due, user, name, message, now):
        ledger.report(
            unit=unit,
            tasks=(task,),
            status=status,
            text=text,
            dues={task: due},
            user=user,
            name=name,
            chat=user,
            message=message,
            now=now,
        )

    report(
        "办公室",
        24,
        Status.ONGOING,
        "目录初稿已完成，正在征求意见",
        NOV20,
        1001,
        "张三",
        1,
        at(15, 9),
    )
    report("办公室", 33, Status.DONE, "台账已建立", YEAR_END, 1001, "张三", 2, at(15, 9, 5))
    # Reported from a phone set to UTC: the workbook shows the office's clock, 10:00.
    utc = datetime(2021, 11, 16, 2, 0, tzinfo=UTC)
    report(
        "环境影响评价与排放管理科",
        20,
        Status.BLOCKED,
        "集约化平台接口未开放",
        YEAR_END,
        1003,
        "王五",
        1,
        utc,
    )
    report(
        "办公室",
        18,
        Status.ONGOING,
        "已核查承诺事项12件",
        YEAR_END,
        1001,
        "张三",
        3,
        at(17, 15, 30),
    )
    report(
        "法规与标准科",
        19,
        Status.ONGOING,
        "正在更新法规文本",
        YEAR_END,
        1002,
        "李四",
        1,
        at(18, 9),
    )
    ledger.amend(
        user=1002,
        name="李四",
        tasks=(),
        status=Status.DONE,
        text="法规文本已全部更新",
        chat=1002,
        message=2,
        now=at(18, 9, 10),
        window=WINDOW,
    )
    report("办公室", 34, Status.DONE, "已纳入年报", YEAR_END, 1004, "赵六", 1, at(19, 11))
    ledger.withdraw(user=1004, name="赵六", chat=1004, message=2, now=at(19, 11, 5), window=WINDOW)


def workbook(know: Knowledge, ledger: Ledger, today: date = TODAY):
    overview = build_overview(know, ledger, today)
    data = export_workbook(know, ledger, overview, ZONE)
    return load_workbook(io.BytesIO(data))


def rows(ws: Worksheet, first: int) -> dict[int, list]:
    """Data rows by their first cell (序号 or 编号), '' for empty cells."""
    out = {}
    for values in ws.iter_rows(min_row=first, values_only=True):
        out[values[0]] = ["" if v is None else v for v in values]
    return out


def test_sheets_title_and_headers(know: Knowledge, ledger: Ledger):
    fill(ledger)
    book = workbook(know, ledger)
    assert book.sheetnames == ["台账", "统计", "历史"]
    ws = book["台账"]
    assert (
        ws["A1"].value
        == "《江门市生态环境局2021年政务公开工作要点分工方案》落实台账（截至2021年11月22日）"
    )
    assert ws["A2"].value == (
        "共 34 项：已完成 1 项，进行中 2 项，有困难 1 项，未反馈 29 项，逾期 1 项"
    )
    assert [c.value for c in ws[3]] == HEADERS
    assert all(c.font.bold for c in ws[3])
    assert ws.max_row == 3 + 34


def test_every_task_row_follows_the_notice(know: Knowledge, ledger: Ledger, plan: Plan):
    fill(ledger)
    ws = workbook(know, ledger)["台账"]
    table = rows(ws, FIRST)
    assert sorted(table) == list(range(1, 35))
    for number, values in table.items():
        assert ws.cell(number + 3, 1).value == number  # notice order, one row per task
        task = plan.task(number)
        assert values[2] == task.requirement
        assert values[3] == task.responsibility
        assert values[4] == STATUSES.get(number, "未反馈"), number
    # Spot checks against the notice's own words.
    assert table[17][3] == "办公室、信息中心、执法二科牵头，各科室（单位）配合"
    assert table[17][2].endswith("以解决问题的具体举措实质性回应社会关切。")
    assert table[24][2] == (
        "要分别于2021年11月20日前和2021年12月10日前完成主动公开基层目录编制，"
        "并统一在政府信息公开平台上对外发布。"
    )
    assert table[25][3] == "办公室，各相关科室（单位）配合；各市（区）分局"


def test_each_section_is_one_box_beside_its_tasks(know: Knowledge, ledger: Ledger):
    """The label on the section's first task's row, blank below, boxed like a merged cell
    (not merged: the sheet is written row by row, and stays sortable)."""
    ws = workbook(know, ledger)["台账"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:L1", "A2:L2"}
    for label, first, last in SECTIONS:
        assert ws.cell(first + 3, 2).value == label
        assert ws.cell(first + 3, 2).border.top.style == "thin"
        assert ws.cell(last + 3, 2).border.bottom.style == "thin"
        for number in range(first + 1, last + 1):
            assert ws.cell(number + 3, 2).value is None
            assert ws.cell(number + 3, 2).border.top.style is None
        for number in range(first, last):
            assert ws.cell(number + 3, 2).border.bottom.style is None


def test_progress_reporters_times_and_dues(know: Knowledge, ledger: Ledger):
    fill(ledger)
    table = rows(workbook(know, ledger)["台账"], FIRST)
    # Task 18: 办公室、信息中心、执法二科 — only 办公室 has reported; registry order.
    assert table[18][5:9] == [
        "办公室：已核查承诺事项12件。",
        "已反馈 1/3：办公室\n未反馈：执法二科、市环境信息中心",
        wall(17, 15, 30),
        day_cell(YEAR_END),
    ]
    # Task 19: the report was corrected to 已完成; 信息中心 (配合) is still silent.
    assert table[19][5:9] == [
        "法规与标准科：法规文本已全部更新。",
        "已反馈 1/2：法规与标准科\n未反馈：市环境信息中心",
        wall(18, 9, 0),
        day_cell(YEAR_END),
    ]
    assert table[20][5:7] == [
        "环境影响评价与排放管理科：集约化平台接口未开放。",
        "已反馈 1/1：环境影响评价与排放管理科",
    ]
    assert table[20][7] == wall(16, 10, 0)
    # Task 24's first milestone (11-20) passed unfinished: still the current one. Its 配合
    # phrase 各相关科室（单位） is not defined in the registry yet.
    assert table[24][5:9] == [
        "办公室：目录初稿已完成，正在征求意见。",
        "已反馈 1/1：办公室\n待明确：各相关科室（单位）（范围待办公室明确）",
        wall(15, 9, 0),
        day_cell(NOV20),
    ]
    assert table[33][8] == day_cell(YEAR_END)
    # Withdrawn: as if never reported.
    assert table[34][5:] == ["", "已反馈 0/1\n未反馈：办公室", "", day_cell(YEAR_END), "", "", ""]


def test_history_sheet_holds_every_record_as_written(know: Knowledge, ledger: Ledger):
    fill(ledger)
    ws = workbook(know, ledger)["历史"]
    assert [c.value for c in ws[1]] == [
        "编号",
        "时间",
        "单位",
        "人员",
        "类型",
        "事项",
        "状态",
        "内容",
        "关联记录",
    ]
    history = [
        ["" if v is None else v for v in r] for r in ws.iter_rows(min_row=2, values_only=True)
    ]
    assert history == [
        [
            1,
            wall(15, 9, 0),
            "办公室",
            "张三",
            "报告",
            "第24项",
            "进行中",
            "目录初稿已完成，正在征求意见",
            "",
        ],
        [
            2,
            wall(15, 9, 5),
            "办公室",
            "张三",
            "报告",
            "第33项",
            "已完成",
            "台账已建立",
            "",
        ],
        [
            3,
            wall(16, 10, 0),
            "环境影响评价与排放管理科",
            "王五",
            "报告",
            "第20项",
            "有困难",
            "集约化平台接口未开放",
            "",
        ],
        [
            4,
            wall(17, 15, 30),
            "办公室",
            "张三",
            "报告",
            "第18项",
            "进行中",
            "已核查承诺事项12件",
            "",
        ],
        [
            5,
            wall(18, 9, 0),
            "法规与标准科",
            "李四",
            "报告",
            "第19项",
            "进行中",
            "正在更新法规文本",
            "",
        ],
        [
            6,
            wall(18, 9, 10),
            "法规与标准科",
            "李四",
            "修改",
            "第19项",
            "已完成",
            "法规文本已全部更新",
            5,
        ],
        [
            7,
            wall(19, 11, 0),
            "办公室",
            "赵六",
            "报告",
            "第34项",
            "已完成",
            "已纳入年报",
            "",
        ],
        [8, wall(19, 11, 5), "办公室", "赵六", "撤回", "", "", "", 7],
    ]
    assert ws["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:I9"


def test_an_empty_ledger_exports_every_task_unreported(know: Knowledge, ledger: Ledger):
    book = workbook(know, ledger, today=date(2021, 11, 15))
    table = rows(book["台账"], FIRST)
    assert {values[4] for values in table.values()} == {"未反馈"}
    assert table[24][8] == day_cell(NOV20)
    assert book["历史"].max_row == 1


def test_prints_on_a4_landscape_with_frozen_wrapped_header(know: Knowledge, ledger: Ledger):
    fill(ledger)
    book = workbook(know, ledger)
    for ws, header in ((book["台账"], 3), (book["历史"], 1)):
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4 in the OOXML paper-size list
        assert (ws.page_setup.fitToWidth or 1) == 1  # left out, it is 1 (the OOXML default)
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == f"${header}:${header}"
    ws = book["台账"]
    assert ws.freeze_panes == "A4"
    for column in "CDFG":
        assert ws[f"{column}21"].alignment.wrap_text
        assert ws.column_dimensions[column].width >= 20
    # 具体要求 of task 10 is long: its row is taller than a one-line row.
    assert ws.row_dimensions[13].height > ws.row_dimensions[12].height
    assert book["历史"]["H2"].alignment.wrap_text
    assert book["历史"].print_options.gridLines  # its grid prints instead of cell borders


def test_status_cells_are_coloured_by_standing(know: Knowledge, ledger: Ledger):
    fill(ledger)
    ws = workbook(know, ledger)["台账"]
    fills = {
        ws.cell(n + 3, 5).value: ws.cell(n + 3, 5).fill.fgColor.rgb for n in (18, 20, 24, 33, 1)
    }
    assert len(set(fills.values())) == 5  # 进行中, 有困难, 逾期, 已完成, 未反馈 all differ


def test_caption_and_filename(know: Knowledge, ledger: Ledger):
    fill(ledger)
    overview = build_overview(know, ledger, TODAY)
    assert export_filename(TODAY) == "台账-2021-11-22.xlsx"
    caption = export_caption(overview, know)
    assert caption.startswith("台账（截至2021年11月22日）")
    assert "已完成 1 项" in caption
    assert "逾期 1 项" in caption


def test_extensions_and_returns_are_in_the_history(know: Knowledge, ledger: Ledger):
    ledger.request_extension(
        unit="办公室",
        task=24,
        due=date(2021, 11, 20),
        until=date(2021, 11, 30),
        reason="上级平台升级",
        user=1001,
        name="张三",
        chat=1001,
        message=1,
        now=at(15, 9),
    )
    ledger.decide_extension(
        1, granted=True, user=9001, name="小陈", chat=9001, message=-1, now=at(15, 10)
    )
    ledger.report(
        unit="办公室",
        tasks=(24,),
        status=Status.DONE,
        text="目录已发布",
        dues={24: date(2021, 11, 30)},
        user=1001,
        name="张三",
        chat=1001,
        message=2,
        now=at(16, 9),
    )
    ledger.return_report(
        24,
        "办公室",
        reason="缺少执法类信息",
        user=9001,
        name="小陈",
        chat=9001,
        message=3,
        now=at(16, 10),
    )
    history = rows(workbook(know, ledger)["历史"], 2)
    assert [history[n][4] for n in (1, 2, 3, 4)] == ["延期申请", "延期审批", "报告", "退回"]
    assert history[1][7] == "申请延至 2021-11-30：上级平台升级"
    assert history[2][7] == "同意"
    assert (history[4][7], history[4][8]) == ("缺少执法类信息", 3)
    # Sent back, task 24 is 进行中 again, due on the extended date.
    ledger_rows = rows(workbook(know, ledger)["台账"], 4)
    assert ledger_rows[24][4] == "进行中"


def test_the_export_leaves_the_garbage_collector_as_it_found_it(know: Knowledge, ledger: Ledger):
    assert gc.isenabled()
    workbook(know, ledger)
    assert gc.isenabled()
    gc.disable()
    try:
        workbook(know, ledger)
        assert not gc.isenabled()
    finally:
        gc.enable()
