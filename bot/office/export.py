"""The 台账 as an Excel workbook a clerk can file or print as it is. Pure but for xlsxwriter.

From the knowledge, the ledger's history and an `Overview` it builds the bytes of an .xlsx with
two sheets, their columns declared in `bot.office.columns`:

- 台账: a title row (the notice's title and the date), a summary row, a header row, then one
  row per task in notice order, the section's label on its first task's row and its tasks boxed
  together beside it, as the notice prints them.
- 历史: every ledger record as written, oldest first.

Cells are typed (numbers, dates, times on the office's clock), columns are as wide as their
content allows and rows as tall as their wrapped text. Both sheets print on A4 landscape,
fitted to the page width, with the header row repeated.

The workbook is built in memory by xlsxwriter and zipped once. Its constant-memory mode (each
row to a temporary file as the next begins) was measured slower at 50k records: 3.15 s of CPU
against 2.46 s, and twice the wall time on a busy disk, as every text cell is escaped into the
row file instead of shared once; in memory the export's peak grows by about 46 MB instead of 6.
Rows are still written strictly in order, heights before cells, so either mode works.
"""

from __future__ import annotations

import gc
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from typing import Any, NamedTuple, TypeVar

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from bot.answers.model import Knowledge
from bot.ledger.history import Entry, Ledger
from bot.normalize import printable
from bot.office.columns import (
    HISTORY_COLUMNS,
    LEDGER_COLUMNS,
    STATS_COLUMNS,
    Column,
    TaskLine,
)
from bot.office.layout import (
    DATE_FORMAT,
    MOMENT_FORMAT,
    fitted_width,
    lines,
    row_height,
    shown_text,
)
from bot.office.overview import Overview
from bot.office.shown import (
    COLOURS,
    SHOWN,
    UNDECIDED,
    notice_name,
    shown_counts,
    task_shown,
    undecided,
)
from bot.office.texts import ontime_sheet
from bot.office.trail import trail_of
from bot.plan import Task
from bot.texts import full_date, section_label

__all__ = [
    "EXPORTED",
    "EXPORT_BUSY",
    "EXPORT_FAILED",
    "EXPORT_WHICH_NOTICE",
    "HISTORY_SHEET",
    "LEDGER_SHEET",
    "export_caption",
    "export_filename",
    "export_workbook",
    "ledger_title",
    "sheet_rows",
]

T = TypeVar("T")

LEDGER_SHEET = "台账"
HISTORY_SHEET = "历史"
STATS_SHEET = "统计"
TITLE_ROW, SUMMARY_ROW, HEADER_ROW = 0, 1, 2  # zero-based, as xlsxwriter counts
FIRST_TASK_ROW = HEADER_ROW + 1
SECTION_COLUMN = 1

BODY_FONT = {"font_name": "宋体", "font_size": 11}
HEADING_FONT = {"font_name": "黑体", "font_size": 11, "bold": True}
TITLE_FONT = {"font_name": "黑体", "font_size": 16, "bold": True}
TITLE_HEIGHT = 32.0
_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
_FORMULA_LIKE = re.compile(r"\s*[=+\-@]")
# The props a cell's value adds to its column's: Excel's quote prefix on text it would read
# as a formula once edited, and the date and time formats.
BLANK, TEXT, QUOTED, NUMBER, DAY, MOMENT = "blank", "text", "quoted", "number", "day", "moment"
_KIND_PROPS: dict[str, dict[str, Any]] = {
    BLANK: {},
    TEXT: {},
    QUOTED: {"quote_prefix": True},
    NUMBER: {},
    DAY: {"num_format": DATE_FORMAT},
    MOMENT: {"num_format": MOMENT_FORMAT},
}


EXPORT_WHICH_NOTICE = (
    "有几个通知在用，每个通知导出为一个文件：请去掉 --out，或用 --of 简称 只导出一个通知。"
)
EXPORT_BUSY = (
    "机器人正在运行，占用着这个数据目录，不能在这里导出。"
    "请在 Telegram 里向机器人发送 /export 获取台账，或先停止机器人再导出。"
)
EXPORTED = "已导出台账：{path}（截至{day}，历史记录 {records} 条）"
EXPORT_FAILED = "无法写入 {path}：{error}"


def ledger_title(know: Knowledge, today: date) -> str:
    """The title row: ``《通知标题》落实台账（截至2021年11月22日）``."""
    return f"{notice_name(know.plan)}落实台账（截至{full_date(today)}）"


def _summary(overview: Overview, know: Knowledge) -> str:
    """``共 34 项：已完成 1 项，…``: every standing, zeros included; 待明确 when there is one."""
    tasks = [t.number for t in know.plan.tasks]
    counts = shown_counts(overview, tasks, undecided(know.plan, know.registry))
    parts = [
        f"{shown} {counts[shown]} 项" for shown in SHOWN if shown != UNDECIDED or counts[shown]
    ]
    return f"共 {len(tasks)} 项：" + "，".join(parts)


def export_caption(overview: Overview, know: Knowledge) -> str:
    """The caption the workbook is sent with: the date and the summary row."""
    return (
        f"台账（截至{full_date(overview.today)}）\n{_summary(overview, know)}\n"
        f"第二张表“{HISTORY_SHEET}”是全部进展记录。"
    )


def export_filename(today: date) -> str:
    """``台账-2021-11-15.xlsx``: the name the file is sent or saved under."""
    return f"台账-{today.isoformat()}.xlsx"


def _kind(value: object) -> str:
    if value is None or value == "":
        return BLANK
    if isinstance(value, str):
        return QUOTED if _FORMULA_LIKE.match(value) else TEXT
    if isinstance(value, datetime):
        return MOMENT
    if isinstance(value, date):
        return DAY
    return NUMBER


def _put(
    ws: Worksheet,
    row: int,
    column: int,
    value: object,
    style: Callable[[str], Format | None],
    zone: tzinfo,
) -> None:
    """Write `value` as a typed cell: text (already printable) stays text, never a formula; a
    datetime shows the office's wall clock (Excel has no time zones)."""
    kind = _kind(value)
    if kind == BLANK:
        ws.write_blank(row, column, None, style(kind))
    elif kind in (TEXT, QUOTED):
        ws.write_string(row, column, value, style(kind))
    elif kind == MOMENT:
        ws.write_datetime(row, column, value.astimezone(zone).replace(tzinfo=None), style(kind))
    elif kind == DAY:
        ws.write_datetime(row, column, value, style(kind))
    else:
        ws.write_number(row, column, value, style(kind))


class _Styles:
    """The workbook's formats, made once per distinct set of properties."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self._book = book
        self._made: dict[tuple, Format] = {}

    def get(self, props: Mapping[str, Any]) -> Format:
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self._book.add_format(dict(props))
        return self._made[key]


def _widths(columns: Sequence[Column[T]], rows: Sequence[Sequence[object]]) -> list[float]:
    """Each column as wide as its header and its values' longest line, within its bounds."""
    return [
        _fitted(column, {values[index] for values in rows}) for index, column in enumerate(columns)
    ]


def _fitted(column: Column[T], distinct: set[object]) -> float:
    """The width of `column` from the distinct values it holds."""
    texts = {shown_text(v) for v in distinct if not isinstance(v, datetime)}
    if any(isinstance(v, datetime) for v in distinct):
        texts.add("0000-00-00 00:00")  # every moment shows as many characters
    longest = sorted(texts, key=len, reverse=True)
    return fitted_width([column.header, *longest], column.least, column.most)


def _set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths):
        ws.set_column(index, index, width)


def _print_setup(ws: Worksheet, header_row: int) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many down as it takes
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.75)
    ws.set_footer("&C第 &P 页，共 &N 页", {"margin": 0.3})
    ws.repeat_rows(header_row)
    ws.freeze_panes(header_row + 1, 0)


class _Placed(NamedTuple):
    """A task in the 台账's order: its section's label on the section's first task ("" on the
    others), and whether it opens and closes its section's box."""

    task: Task
    label: str
    opens: bool
    closes: bool


def _ordered_tasks(know: Knowledge) -> list[_Placed]:
    """Every task in notice order, tasks outside every section first (each its own box)."""
    plan = know.plan
    known = {s.number for s in plan.sections}
    found = [_Placed(t, "", True, True) for t in plan.tasks if t.section not in known]
    for section in plan.sections:
        tasks = plan.tasks_in(section.number)
        for index, task in enumerate(tasks):
            first, last = index == 0, index == len(tasks) - 1
            found.append(_Placed(task, section_label(section) if first else "", first, last))
    return found


def _task_lines(
    know: Knowledge, ledger: Ledger, overview: Overview, history: Sequence[Entry]
) -> list[TaskLine]:
    pending = undecided(know.plan, know.registry)
    trail = trail_of(ledger, history)
    return [
        TaskLine(
            task,
            label,
            overview.of_task(task.number),
            task_shown(overview, task.number, pending),
            pending.get(task.number, ()),
            know,
            ledger,
            trail,
        )
        for task, label, _, _ in _ordered_tasks(know)
    ]


def sheet_rows(
    know: Knowledge, ledger: Ledger, overview: Overview
) -> tuple[list[list[object]], list[list[object]]]:
    """The values of the 台账 sheet's task rows and of the 历史 sheet's rows, as the columns
    declare them (moments still aware: the writer shows them on the office's clock)."""
    entries = ledger.history()
    history = [[c.value(entry) for c in HISTORY_COLUMNS] for entry in entries]
    return _task_values(know, ledger, overview, entries), history


def _task_values(
    know: Knowledge, ledger: Ledger, overview: Overview, history: Sequence[Entry]
) -> list[list[object]]:
    lines = _task_lines(know, ledger, overview, history)
    return [[column.value(line) for column in LEDGER_COLUMNS] for line in lines]


def _ledger_sheet(
    book: xlsxwriter.Workbook,
    styles: _Styles,
    know: Knowledge,
    overview: Overview,
    rows: Sequence[Sequence[object]],
    zone: tzinfo,
) -> None:
    ws = book.add_worksheet(LEDGER_SHEET)
    ordered = _ordered_tasks(know)
    widths = _widths(LEDGER_COLUMNS, rows)
    _set_widths(ws, widths)
    _print_setup(ws, HEADER_ROW)
    last = len(LEDGER_COLUMNS) - 1
    body = {**BODY_FONT, "text_wrap": True, "valign": "top", "border": 1}

    ws.set_row(TITLE_ROW, TITLE_HEIGHT)
    title = styles.get({**TITLE_FONT, "align": "center", "valign": "vcenter"})
    ws.merge_range(
        TITLE_ROW, 0, TITLE_ROW, last, printable(ledger_title(know, overview.today)), title
    )
    ws.set_row(SUMMARY_ROW, row_height(1))
    summary = styles.get({**BODY_FONT, "valign": "vcenter"})
    ws.merge_range(SUMMARY_ROW, 0, SUMMARY_ROW, last, _summary(overview, know), summary)
    header_lines = max(lines(c.header, w) for c, w in zip(LEDGER_COLUMNS, widths, strict=True))
    ws.set_row(HEADER_ROW, row_height(header_lines))
    header = styles.get(
        {**HEADING_FONT, "border": 1, "bg_color": "#D9D9D9", "align": "center"}
        | {"valign": "vcenter", "text_wrap": True}
    )
    for index, column in enumerate(LEDGER_COLUMNS):
        ws.write_string(HEADER_ROW, index, column.header, header)

    for offset, (values, placed) in enumerate(zip(rows, ordered, strict=True)):
        row = FIRST_TASK_ROW + offset
        count = max(lines(shown_text(v), w) for v, w in zip(values, widths, strict=True))
        ws.set_row(row, row_height(count))
        for index, (column, value) in enumerate(zip(LEDGER_COLUMNS, values, strict=True)):
            props = dict(body)
            if column.centred:
                props |= {"align": "center", "valign": "vcenter"}
            if column.coloured and value in COLOURS:
                props["bg_color"] = f"#{COLOURS[value]}"
            if index == SECTION_COLUMN:  # one box per section, as if merged down
                props |= {"top": int(placed.opens), "bottom": int(placed.closes)}

            def style(kind: str, props: dict[str, Any] = props) -> Format:
                return styles.get(props | _KIND_PROPS[kind])

            _put(
                ws, row, index, printable(value) if isinstance(value, str) else value, style, zone
            )


def _table_sheet(
    book: xlsxwriter.Workbook,
    styles: _Styles,
    name: str,
    columns: Sequence[Column[T]],
    items: Sequence[T],
    zone: tzinfo,
) -> None:
    """A list sheet (历史, or any other): a header row, then one row per item in one pass, the
    column widths from the values written, filters on the header."""
    ws = book.add_worksheet(name)
    _print_setup(ws, 0)
    header = styles.get({**HEADING_FONT, "bg_color": "#D9D9D9", "align": "center"})
    for index, column in enumerate(columns):
        ws.write_string(0, index, column.header, header)
    # Tens of thousands of rows (历史), the export's hot loop: no borders but the printed grid, empty
    # cells left out, the formats looked up once and each distinct text prepared once. Cells
    # keep the default font and alignment but for the time's format, the wrapped text and the
    # quote prefix: a cell with no format is written with the least work.
    ws.hide_gridlines(0)
    wrapped = [{"text_wrap": True} if c.wraps else {} for c in columns]
    plain = [styles.get(props) if props else None for props in wrapped]
    quoted = [styles.get(props | _KIND_PROPS[QUOTED]) for props in wrapped]
    day, moment = (styles.get(_KIND_PROPS[kind]) for kind in (DAY, MOMENT))
    texts: dict[str, tuple[str, bool]] = {}
    seen: list[set[object]] = [set() for _ in columns]
    values = [column.value for column in columns]
    for row, item in enumerate(items, start=1):
        for index, of in enumerate(values):
            value = of(item)
            if value is None:
                continue
            seen[index].add(value)
            if isinstance(value, str):
                text = texts.get(value)
                if text is None:
                    shown = printable(value)
                    text = texts[value] = (shown, bool(_FORMULA_LIKE.match(shown)))
                if text[0]:
                    ws.write_string(row, index, text[0], (quoted if text[1] else plain)[index])
            elif isinstance(value, datetime):
                ws.write_datetime(row, index, value.astimezone(zone).replace(tzinfo=None), moment)
            elif isinstance(value, date):
                ws.write_datetime(row, index, value, day)
            else:
                ws.write_number(row, index, value)
    _set_widths(ws, [_fitted(column, found) for column, found in zip(columns, seen, strict=True)])
    ws.autofilter(0, 0, len(items), len(columns) - 1)


def export_workbook(know: Knowledge, ledger: Ledger, overview: Overview, zone: tzinfo) -> bytes:
    """The .xlsx bytes of the 台账 (`overview`) and the ledger's full history.

    Times are shown as the office's wall clock in `zone`.
    """
    out = io.BytesIO()
    with _collector_paused():
        book = xlsxwriter.Workbook(out, _OPTIONS)
        styles = _Styles(book)
        history = ledger.history()
        rows = _task_values(know, ledger, overview, history)
        _ledger_sheet(book, styles, know, overview, rows, zone)
        if overview.ontime is not None:
            figures = ontime_sheet(overview.ontime, know.plan)[1:]
            _table_sheet(book, styles, STATS_SHEET, STATS_COLUMNS, figures, zone)
        _table_sheet(book, styles, HISTORY_SHEET, HISTORY_COLUMNS, history, zone)
        book.close()
    return out.getvalue()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the workbook is written.

    At 50k records the export makes about a million objects and no cycles; the collections
    they trigger walk them and the ledger's own objects again and again: a quarter of the
    export's CPU time (3.3 s against 2.4 s, measured). Reference counting still frees
    everything; collection resumes after.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
