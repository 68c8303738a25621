"""Hostile notice files, built small: each one is what an attacker or a careless export sends.

The sizes are those of the report (issue 14): a 1.5 KB workbook whose used range is the whole
grid, a 100,000-row sheet, a zip bomb, a document of 200,000 paragraphs, a 30 MB text.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy

import docx
import openpyxl

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(sheet_xml: str) -> bytes:
    """A workbook whose one sheet is `sheet_xml`, around openpyxl's own package parts."""
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = sheet_xml.encode()
            package.writestr(info.filename, body)
    return packed.getvalue()


def sheet(rows: str, *, extra: str = "", dimension: str = "A1") -> str:
    """A sheet's XML with `rows` (``<row>`` elements) and `extra` after the sheet data."""
    return (
        f'<worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData>{extra}</worksheet>"
    )


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def grid_bomb() -> bytes:
    """1.5 KB: cells at A1 and XFD1048576, so the used range is the whole grid."""
    rows = f'<row r="1">{cell("A1", "1. x")}</row><row r="1048576">{cell("XFD1048576", "y")}</row>'
    return workbook(sheet(rows, dimension="A1:XFD1048576"))


def merged_grid_bomb() -> bytes:
    """One merged range across the whole grid."""
    rows = f'<row r="1">{cell("A1", "1. x")}</row>'
    merged = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return workbook(sheet(rows, extra=merged))


def long_sheet(count: int = 100_000) -> bytes:
    """A sheet of `count` numbered task rows (2.3 MB for 100,000)."""
    rows = "".join(
        f'<row r="{n}">{cell(f"A{n}", f"{n}. 任务{n}（牵头单位：办公室）")}</row>'
        for n in range(1, count + 1)
    )
    return workbook(sheet(rows))


def zip_bomb(name: str = "word/document.xml", size: int = 60 * 1024 * 1024) -> bytes:
    """One member that unpacks to `size` bytes of one repeated byte."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(name, b"<" * size)
    return packed.getvalue()


def many_paragraphs(count: int = 200_000) -> bytes:
    """A Word document of `count` paragraphs."""
    document = docx.Document()
    body = document.element.body
    template = document.add_paragraph("段落")._p
    for _ in range(count - 1):
        body.insert(0, deepcopy(template))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def wide_span_docx(span: int = 1_000_000_000) -> bytes:
    """A Word table whose one cell spans `span` grid columns."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    tc_pr = table.cell(0, 0)._tc.get_or_add_tcPr()
    tc_pr.grid_span = 2
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    return _replace_member(data, "word/document.xml", b'w:val="2"', f'w:val="{span}"'.encode())


def _replace_member(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == member:
                assert old in body
                body = body.replace(old, new)
            package.writestr(info.filename, body)
    return packed.getvalue()


def big_text(size: int = 30 * 1024 * 1024) -> bytes:
    """A text export of `size` bytes of numbered lines."""
    line = "1. 任务（牵头单位：办公室）\n".encode()
    return line * (size // len(line))


def corrupt_zip() -> bytes:
    """The start of a zip's local header and then noise."""
    return b"PK\x03\x04" + bytes(range(256)) * 4
