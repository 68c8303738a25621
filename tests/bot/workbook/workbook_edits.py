"""A clerk's corrections to the plan workbook of the shipped notice, made with openpyxl as WPS or
Excel would save them; shared by the command-line and the bot's end-to-end tests."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

TASK_1 = "主动公开江门市生态环境保护“十四五”规划、本部门制定的其他规划及其政策解读等相关信息，并在门户网站集中展示。"
TASK_24_DUE = "2021-11-30"


def _row(sheet: Worksheet, number: int) -> int:
    return next(
        cell.row
        for cell in sheet["A"]
        if cell.value is not None and str(cell.value) == str(number)
    )


def _column(sheet: Worksheet, name: str) -> int:
    return next(cell.column for row in sheet.iter_rows() for cell in row if cell.value == name)


def clerk_edit(data: bytes) -> bytes:
    """Task 1 reworded; 市环境信息中心 moved from 配合 to 牵头 on task 19; 机关党委 added to task
    2's 配合; task 24 due 2021-11-30 (text) and task 5 due 2021-12-15 (a date cell, as Excel
    stores a typed date); task 34's row deleted."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["分工"]
    column = {name: _column(sheet, name) for name in ("具体要求", "牵头", "配合", "截止日期")}
    sheet.cell(_row(sheet, 1), column["具体要求"], TASK_1)
    row = _row(sheet, 19)
    assert sheet.cell(row, column["配合"]).value == "市环境信息中心"
    sheet.cell(row, column["牵头"], f"{sheet.cell(row, column['牵头']).value}、市环境信息中心")
    sheet.cell(row, column["配合"]).value = None
    row = _row(sheet, 2)
    sheet.cell(row, column["配合"], f"{sheet.cell(row, column['配合']).value}、机关党委")
    sheet.cell(_row(sheet, 24), column["截止日期"], TASK_24_DUE)
    sheet.cell(_row(sheet, 5), column["截止日期"], datetime(2021, 12, 15))  # noqa: DTZ001
    sheet.delete_rows(_row(sheet, 34))  # the last row: no merged section row below it
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
