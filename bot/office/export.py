"""The 台账 as an Excel workbook, laid out like the notice, for the office to print or file.

Pure but for openpyxl: from the knowledge, the ledger's history and an `Overview` it builds the
bytes of an .xlsx with two sheets:

- 台账: a title row (the notice's title and the date), a summary row, then a header row and one
  row per task in notice order: 序号, 工作任务 (the section, merged down over its tasks, as in
  the notice), 具体要求, 责任单位 (the notice's own words), 状态 (the task's standing, filled in
  its colour), 最近进展 (each unit's latest report), 反馈单位 (who has reported on the current
  milestone), 反馈时间 (the latest report's time) and 截止日期 (the current due dates).
- 历史: every ledger record as written, oldest first.

Both sheets print on A4 landscape, fitted to the page width, with the header row repeated.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from bot.answers.model import Knowledge
from bot.ledger.history import (
    AMEND,
    DECISION,
    EXTENSION,
    RENUMBER,
    REPORT,
    RETURN,
    WITHDRAW,
    Entry,
    Ledger,
)
from bot.normalize import printable
from bot.office.overview import Overview, Standing, UnitStanding
from bot.plan import Task
from bot.texts import full_date, section_label

if TYPE_CHECKING:  # the streamed sheet's class lives in a private module of openpyxl
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = [
    "EXPORTED",
    "EXPORT_BUSY",
    "EXPORT_FAILED",
    "EXPORT_WHICH_NOTICE",
    "HEADERS",
    "HISTORY_HEADERS",
    "HISTORY_SHEET",
    "LEDGER_SHEET",
    "NO_HOLDER",
    "STANDING_COLOURS",
    "export_caption",
    "export_filename",
    "export_workbook",
]

LEDGER_SHEET = "台账"
HISTORY_SHEET = "历史"
HEADERS = (
    "序号",
    "工作任务",
    "具体要求",
    "责任单位",
    "状态",
    "最近进展",
    "反馈单位",
    "反馈时间",
    "截止日期",
)
HISTORY_HEADERS = ("编号", "时间", "单位", "人员", "类型", "事项", "状态", "内容", "关联记录")
# Column widths in Excel's units (about one Latin letter; a Chinese character takes two).
_WIDTHS = (5, 14, 38, 20, 8, 38, 22, 11, 11)
_HISTORY_WIDTHS = (7, 16, 16, 10, 6, 10, 8, 60, 9)
TITLE_ROW, SUMMARY_ROW, HEADER_ROW = 1, 2, 3
FIRST_TASK_ROW = HEADER_ROW + 1

NO_HOLDER = "待明确单位"
"""The 状态 of a task no unit in the registry holds yet (only group phrases name it)."""

KINDS = {
    REPORT: "报告",
    WITHDRAW: "撤回",
    AMEND: "修改",
    EXTENSION: "延期申请",
    DECISION: "延期审批",
    RETURN: "退回",
    RENUMBER: "通知修订",
}

STANDING_COLOURS = {
    Standing.DONE: "4CAF50",
    Standing.ONGOING: "64B5F6",
    Standing.BLOCKED: "FFB74D",
    Standing.SILENT: "BDBDBD",
    Standing.LATE: "E57373",
}
"""One colour per standing (RGB hex), shared by the workbook's 状态 cells and the chart."""

_TIME_FORMAT = "yyyy-mm-dd hh:mm"
_FORMULA_LIKE = re.compile(r"\s*[=+\-@]")
_NOT_PLAIN = re.compile(r"\s*[=+\-@]|#")  # a formula or an error value (#N/A) to openpyxl
_LINE_HEIGHT = 15.0  # points per wrapped line at the default 11 pt font
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
_BOLD = Font(bold=True)
_GREY = PatternFill("solid", fgColor="D9D9D9")


EXPORT_WHICH_NOTICE = (
    "有几个通知在用，每个通知导出为一个文件：请去掉 --out，或用 --of 简称 只导出一个通知。"
)
EXPORT_BUSY = (
    "机器人正在运行，占用着这个数据目录，不能在这里导出。"
    "请在 Telegram 里向机器人发送 /export 获取台账，或先停止机器人再导出。"
)
EXPORTED = "已导出台账：{path}（截至{day}，历史记录 {records} 条）"
EXPORT_FAILED = "无法写入 {path}：{error}"


def export_caption(overview: Overview, know: Knowledge) -> str:
    """The caption the workbook is sent with: the date and the summary row."""
    return (
        f"台账（截至{full_date(overview.today)}）\n{_summary(overview, know)}\n"
        f"第二张表“{HISTORY_SHEET}”是全部进展记录。"
    )


def export_filename(today: date) -> str:
    """``台账-2021-11-15.xlsx``: the name the file is sent or saved under."""
    return f"台账-{today.isoformat()}.xlsx"


def _local(moment: datetime, zone: tzinfo) -> datetime:
    # Excel has no time zones: the office's wall-clock time is what it should show.
    return moment.astimezone(zone).replace(tzinfo=None)


def _task_numbers(tasks: Iterable[int]) -> str:
    numbers = "、".join(str(t) for t in tasks)
    return f"第{numbers}项" if numbers else ""


def _progress(rows: Sequence[UnitStanding]) -> str:
    return "\n".join(f"{r.unit}：{r.latest.text}" for r in rows if r.latest is not None)


def _reporters(rows: Sequence[UnitStanding]) -> str:
    if not rows:
        return ""
    done = [r.unit for r in rows if r.reported]
    silent = [r.unit for r in rows if not r.reported]
    lines = [f"已反馈 {len(done)}/{len(rows)}" + ("：" + "、".join(done) if done else "")]
    if silent:
        lines.append("未反馈：" + "、".join(silent))
    return "\n".join(lines)


def _last_report(rows: Sequence[UnitStanding], zone: tzinfo) -> datetime | None:
    times = [r.latest.at for r in rows if r.latest is not None]
    return _local(max(times), zone) if times else None


def _dues(task: Task, rows: Sequence[UnitStanding], know: Knowledge) -> str:
    """The current milestones of the units still at work, or the last one once all are done."""
    dues = sorted({r.due for r in rows if r.standing is not Standing.DONE and r.due is not None})
    if not dues:
        milestones = sorted(m.due for m in know.deadlines.get(task.number, ()))
        dues = milestones[-1:]
    return "\n".join(d.isoformat() for d in dues)


def _summary(overview: Overview, know: Knowledge) -> str:
    tasks = [t.number for t in know.plan.tasks]
    counts = overview.task_counts(tasks)
    parts = [f"{standing.value} {counts[standing]} 项" for standing in Standing]
    unheld = len(tasks) - sum(counts.values())
    if unheld:
        parts.append(f"{NO_HOLDER} {unheld} 项")
    return f"共 {len(tasks)} 项：" + "，".join(parts)


def _lines(value: object, width: float) -> int:
    """About how many lines `value` wraps to in a column `width` units wide."""
    if value is None or isinstance(value, datetime):
        return 1
    chars_per_line = max(1.0, width - 1)
    total = 0
    for line in str(value).split("\n"):
        units = sum(2 if ord(c) > 0x2E7F else 1 for c in line)
        total += max(1, math.ceil(units / chars_per_line))
    return total


def _print_setup(ws: WriteOnlyWorksheet, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _start(ws: WriteOnlyWorksheet, widths: Sequence[float], frozen: str, title_rows: str) -> None:
    """What a streamed sheet must know before its first row: widths, panes, page setup."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = frozen
    _print_setup(ws, title_rows)


def _put(cell: WriteOnlyCell, value: object) -> WriteOnlyCell:
    """Give `cell` the value `value`; text is always a text cell, never a formula.

    openpyxl takes a string starting with ``=`` for a formula and ``#N/A`` and the like for an
    error, and refuses control characters: text is made printable and typed as a string.
    """
    if isinstance(value, str):
        cell.value = printable(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _cell(ws: WriteOnlyWorksheet, value: object, **style: object) -> WriteOnlyCell:
    """A new cell holding `value` in `style`.

    Text a spreadsheet would read as a formula once edited (``= + - @``, also after spaces)
    gets Excel's quote prefix, so it stays text when the office edits the cell.
    """
    cell = WriteOnlyCell(ws)
    for name, setting in style.items():
        setattr(cell, name, setting)
    if isinstance(value, str) and _FORMULA_LIKE.match(printable(value)):
        cell.quotePrefix = True
    return _put(cell, value)


def _plain(ws: WriteOnlyWorksheet, value: object) -> object:
    """`value` as a row of a streamed sheet may hold it: text that openpyxl takes for text as
    it is (the common case, and the fast one), else a text cell of its own."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return _cell(ws, value) if _NOT_PLAIN.match(value) else value


def _task_row(
    ws: WriteOnlyWorksheet,
    values: Sequence[object],
    standing: Standing | None,
) -> list[WriteOnlyCell]:
    cells = [_cell(ws, value, alignment=_WRAP, border=_BORDER) for value in values]
    cells[0].alignment = cells[1].alignment = cells[4].alignment = _CENTRE
    if standing is not None:
        cells[4].fill = PatternFill("solid", fgColor=STANDING_COLOURS[standing])
    cells[7].number_format = _TIME_FORMAT
    return cells


def _ledger_sheet(
    ws: WriteOnlyWorksheet, know: Knowledge, overview: Overview, zone: tzinfo
) -> None:
    plan = know.plan
    last = get_column_letter(len(HEADERS))
    _start(ws, _WIDTHS, f"A{FIRST_TASK_ROW}", f"{HEADER_ROW}:{HEADER_ROW}")
    title = f"{plan.title}落实台账（截至{full_date(overview.today)}）"
    ws.row_dimensions[TITLE_ROW].height = 28
    ws.append([_cell(ws, title, font=Font(bold=True, size=14), alignment=_CENTRE)])
    ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.row_dimensions[SUMMARY_ROW].height = 20
    ws.append([_cell(ws, _summary(overview, know), alignment=Alignment(vertical="center"))])
    ws.merged_cells.add(f"A{SUMMARY_ROW}:{last}{SUMMARY_ROW}")
    ws.append(
        [_cell(ws, h, font=_BOLD, alignment=_CENTRE, border=_BORDER, fill=_GREY) for h in HEADERS]
    )

    row = FIRST_TASK_ROW
    for section in plan.sections:
        tasks = plan.tasks_in(section.number)
        first = row
        for task in tasks:
            rows = overview.of_task(task.number)
            standing = overview.task_standing(task.number)
            values = (
                task.number,
                section_label(section) if row == first else None,
                task.requirement,
                task.responsibility,
                standing.value if standing is not None else NO_HOLDER,
                _progress(rows),
                _reporters(rows),
                _last_report(rows, zone),
                _dues(task, rows, know),
            )
            lines = max(_lines(v, w) for v, w in zip(values, _WIDTHS, strict=True))
            ws.row_dimensions[row].height = _LINE_HEIGHT * lines
            ws.append(_task_row(ws, values, standing))
            row += 1
        if row - first > 1:
            ws.merged_cells.add(f"B{first}:B{row - 1}")


def _history_sheet(ws: WriteOnlyWorksheet, history: Sequence[Entry], zone: tzinfo) -> None:
    _start(ws, _HISTORY_WIDTHS, "A2", "1:1")
    ws.append([_cell(ws, h, font=_BOLD, alignment=_CENTRE, fill=_GREY) for h in HISTORY_HEADERS])
    # Tens of thousands of rows, streamed: only the time and the text carry a style, and as
    # `append` writes its row out at once, the same styled cells serve every row. A cell's
    # style must not change once written, so formula-like text has a quoted cell of its own.
    when = _cell(ws, None, number_format=_TIME_FORMAT)
    text = _cell(ws, None, alignment=_WRAP)
    quoted = _cell(ws, None, alignment=_WRAP, quotePrefix=True)
    for entry in history:
        values = _history_row(entry, zone)
        row = [_plain(ws, value) for value in values]
        shown = printable(values[7])
        row[1] = _put(when, values[1])
        row[7] = _put(quoted if _FORMULA_LIKE.match(shown) else text, shown)
        ws.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HISTORY_HEADERS))}{len(history) + 1}"


def _history_row(entry: Entry, zone: tzinfo) -> list[object]:
    return [
        entry.id,
        _local(entry.at, zone),
        entry.unit,
        entry.name or str(entry.user),
        KINDS.get(entry.kind, entry.kind),
        _task_numbers(entry.tasks) or None,
        entry.status.value if entry.status is not None else None,
        _history_text(entry),
        entry.ref,
    ]


def _history_text(entry: Entry) -> str:
    """What the record says; an extension's new date and a decision's verdict included."""
    if entry.kind == EXTENSION:
        return f"申请延至 {entry.until:%Y-%m-%d}：{entry.text}"
    if entry.kind == DECISION:
        return "同意" if entry.granted else "驳回"
    if entry.kind == RENUMBER:
        moved = [f"{old}→{new}" for old, new in (entry.numbers or {}).items() if old != new]
        return "任务改号：" + ("、".join(moved) or "无")
    return entry.text


def export_workbook(know: Knowledge, ledger: Ledger, overview: Overview, zone: tzinfo) -> bytes:
    """The .xlsx bytes of the 台账 (`overview`) and the ledger's full history.

    Times are shown as the office's wall clock in `zone`.
    """
    # Write-only: rows stream straight into the file, which keeps 50k history rows quick.
    workbook = Workbook(write_only=True)
    _ledger_sheet(workbook.create_sheet(LEDGER_SHEET), know, overview, zone)
    _history_sheet(workbook.create_sheet(HISTORY_SHEET), ledger.history(), zone)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
