"""Read a workbook (.xlsx) as rows of cells, streaming each sheet's XML within the limits.

openpyxl's full load makes a cell object for every position of a sheet's used range and of
each merged range, so a 1.5 KB workbook with cells at A1 and XFD1048576 (or one merged range
across the grid) fills any memory. Here the workbook is opened read-only and each sheet's XML
is streamed through openpyxl's own sheet parser (`WorkSheetParser`, as its read-only sheets
use it; openpyxl 3.1.5 is pinned): content beyond the row or column limit is refused as it
is met, empty cells there are passed over, and merged ranges are clipped to the limits. The
sheet's declared dimension is never trusted.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError
from bot.notice_files.limits import Limits, check_package
from bot.reading.loader import RawRow

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

Span = tuple[int, int, int]  # a merged range's top row, left and right column


@dataclass(slots=True)
class _Sheet:
    """What a sheet holds within the limits: values by (row, column), merged ranges by cell.

    `offset` is the rows the sheets before it hold: the row limit counts all sheets' rows.
    """

    offset: int
    values: dict[tuple[int, int], object] = field(default_factory=dict)
    merged: dict[tuple[int, int], Span] = field(default_factory=dict)
    height: int = 0
    width: int = 0

    def reach(self, row: int, column: int) -> None:
        """Widen the sheet to hold (row, column), as a cell or a merged range there does."""
        self.height = max(self.height, row)
        self.width = max(self.width, column)


def xlsx_rows(data: bytes, filename: str, limits: Limits) -> list[RawRow]:
    """Every sheet of a workbook as rows of cells, numbered on from one sheet to the next.

    The first sheet's rows keep Excel's row numbers. A merged range's value, which a workbook
    keeps in its top-left cell only, is repeated down the rows the range spans and left out
    of the other columns, the way a Word table reads; trailing empty cells are dropped.
    """
    check_package(data, filename, ".xlsx", limits)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    damaged = NoticeError(filename, "不是有效的 .xlsx 文件（可能已损坏）")
    errors = (InvalidFileException, OSError, KeyError, ValueError, TypeError, SyntaxError)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, styles); not ours.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except errors as error:
        raise damaged from error
    try:
        sheets = workbook.worksheets
        if len(sheets) > limits.max_sheets:
            detail = file_texts.TOO_MANY_SHEETS.format(limit=limits.max_sheets)
            raise NoticeError(filename, detail)
        rows: list[RawRow] = []
        offset = 0
        for sheet in sheets:
            read = _read_sheet(workbook, sheet, filename, limits, offset)
            rows.extend((offset + number, cells) for number, cells in _grid(read))
            offset += read.height
    except NoticeError:
        raise
    except errors as error:
        raise damaged from error
    finally:
        workbook.close()
    return rows


def _read_sheet(
    workbook: Workbook, sheet: ReadOnlyWorksheet, filename: str, limits: Limits, offset: int
) -> _Sheet:
    from openpyxl.worksheet._reader import WorkSheetParser

    read = _Sheet(offset)
    with warnings.catch_warnings(), sheet._get_source() as source:
        warnings.simplefilter("ignore")
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for _, cells in parser.parse():
            for cell in cells:
                _take(read, cell["row"], cell["column"], cell["value"], filename, limits)
        ranges = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
    _merge(read, [merged.ref for merged in ranges], filename, limits)
    return read


def _take(
    read: _Sheet, row: int, column: int, value: object, filename: str, limits: Limits
) -> None:
    """Keep one parsed cell; refuse content beyond the limits, pass over empty cells there."""
    rows = limits.max_rows - read.offset
    if value is None or value == "":
        if row <= rows and column <= limits.max_columns:
            read.reach(row, column)  # a styled empty cell widens the sheet, as in Excel
        return
    if row > rows:
        detail = file_texts.TOO_MANY_ROWS.format(limit=limits.max_rows, row=read.offset + row)
        raise NoticeError(filename, detail)
    if column > limits.max_columns:
        detail = file_texts.TOO_MANY_COLUMNS.format(limit=limits.max_columns, column=column)
        raise NoticeError(filename, detail)
    read.values[(row, column)] = value
    read.reach(row, column)
    if len(read.values) > limits.max_cells:
        raise NoticeError(filename, file_texts.TOO_MANY_CELLS.format(limit=limits.max_cells))


def _merge(read: _Sheet, refs: list[str], filename: str, limits: Limits) -> None:
    """Index the merged ranges by the cells they cover, clipped to the limits."""
    from openpyxl.utils.cell import range_boundaries

    rows = limits.max_rows - read.offset
    for ref in refs:
        left, top, right, bottom = range_boundaries(ref)  # None: a whole column or row
        left, top = left or 1, top or 1
        right, bottom = right or limits.max_columns, bottom or rows
        if top > rows or left > limits.max_columns:
            continue  # its value, if any, was refused above
        right, bottom = min(right, limits.max_columns), min(bottom, rows)
        if len(read.merged) + (right - left + 1) * (bottom - top + 1) > limits.max_cells:
            raise NoticeError(filename, file_texts.MERGED_TOO_BIG.format(limit=limits.max_cells))
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                read.merged[(row, column)] = (top, left, right)
        read.reach(bottom, right)


def _grid(read: _Sheet) -> Iterator[tuple[int, list[str]]]:
    for number in range(1, read.height + 1):
        cells: list[str] = []
        for column in range(1, read.width + 1):
            top, left, right = read.merged.get((number, column), (number, column, column))
            if column != left:
                cells.append("")  # covered by a range whose value is in its first column
                continue
            cells.append(_cell_text(read.values.get((top, left))))
            if left == 1 and right == read.width:
                break  # one range across the whole row: a one-cell row, like a paragraph
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            yield number, cells


def _cell_text(value: object) -> str:
    """A cell's value as the notice shows it: numbers without ``.0``, dates in Chinese."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)
