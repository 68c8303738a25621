"""Read a notice as offices keep it: a text export, a Word document (.docx) or a workbook (.xlsx).

Each reader is a pure function from the file's bytes to numbered rows of cells, which the
loader's shared row parser (`bot.loader.parse_rows`) turns into a Plan, so every container
gives the same plan for the same content. Row numbers are where problems are reported: the
line of a text export, the position of a paragraph or table row in a Word document (counted
from 1 in document order), the row of a workbook (sheets follow one another).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from bot.errors import NoticeError
from bot.loader import RawRow, parse_plan, parse_rows
from bot.plan import PartyKind, Plan
from bot.registry import NameMatch, Registry

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.table import _Row as TableRow
    from docx.text.paragraph import Paragraph
    from openpyxl.worksheet.worksheet import Worksheet

SUFFIXES = (".docx", ".xlsx", ".txt")
MAX_UNPACKED = 64 * 1024 * 1024  # a notice is a few hundred KB; more unpacked is no notice
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and encrypted .docx/.xlsx
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    ValueError,
)
_DOCX_WRAPPERS = frozenset({"sdt", "sdtContent", "ins", "moveTo", "customXml", "smartTag"})
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v]")
_OTHER_FORMATS = {
    ".doc": "旧版 Word 文件（.doc）无法读取，请在 Word 或 WPS 中另存为 .docx 后再导入",
    ".wps": "WPS 文字文件（.wps）无法读取，请另存为 .docx 后再导入",
    ".xls": "旧版 Excel 文件（.xls）无法读取，请另存为 .xlsx 后再导入",
    ".et": "WPS 表格文件（.et）无法读取，请另存为 .xlsx 后再导入",
    ".pdf": "PDF 文件无法可靠读取表格，请使用通知的 Word（.docx）、Excel（.xlsx）或文本（.txt）版本",
}


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A party the notice names that the registry does not know, and the closest known entry."""

    name: str
    kind: PartyKind
    tasks: tuple[int, ...]
    closest: NameMatch | None


def read_notice(data: bytes, filename: str, registry: Registry) -> Plan:
    """Read a notice's bytes into a Plan, choosing the reader by the file name's suffix.

    Raises:
        NoticeError: the type is not supported, the file is damaged, or it holds no task.
    """
    suffix = PurePath(filename).suffix.lower()
    readers: dict[str, Callable[[bytes, str], list[RawRow]]] = {
        ".docx": docx_rows,
        ".xlsx": xlsx_rows,
    }
    if suffix == ".txt":
        plan = parse_plan(decode_text(data, filename), registry)
    elif suffix in readers:
        plan = parse_rows(readers[suffix](data, filename), registry)
    else:
        detail = _OTHER_FORMATS.get(
            suffix,
            f"不支持的文件类型“{suffix or '无扩展名'}”，请导入 .docx、.xlsx 或 .txt 文件",
        )
        raise NoticeError(filename, detail)
    if not plan.tasks:
        raise NoticeError(filename, "没有读到任何编号任务")
    return plan


def load_notice(path: Path, registry: Registry) -> Plan:
    """Read the notice file at `path` (.txt, .docx or .xlsx); errors name the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NoticeError(path, f"无法打开（{error.strerror or error}）") from error
    try:
        return read_notice(data, path.name, registry)
    except NoticeError as error:
        raise NoticeError(path, error.detail) from error


def decode_text(data: bytes, filename: str) -> str:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030 (GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NoticeError(filename, "无法识别文本编码，请另存为 UTF-8 文本")


def _check_package(data: bytes, filename: str, kind: str) -> None:
    """Refuse what is not a sound zip package, or one that unpacks to far more than a notice."""
    if data.startswith(_OLE_MAGIC):
        raise NoticeError(
            filename,
            f"这是设置了密码或旧版格式的文件，请去掉密码，或在 Office、WPS 中另存为 {kind} 后再导入",
        )
    damaged = NoticeError(
        filename, f"不是有效的 {kind} 文件（可能已损坏，或是改了扩展名的其他格式）"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            # Reads every member (never past its declared size) and checks its CRC.
            sound = unpacked <= MAX_UNPACKED and package.testzip() is None
    except _ZIP_ERRORS as error:
        raise damaged from error
    if unpacked > MAX_UNPACKED:
        raise NoticeError(filename, f"解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像一份通知")
    if not sound:
        raise damaged


def docx_rows(data: bytes, filename: str) -> list[RawRow]:
    """The body of a Word document as rows: a row per table row, a one-cell row per paragraph.

    A horizontally merged cell keeps its grid positions (its text in the first, the rest
    empty), so the columns line up with the header; a row that is one merged cell becomes a
    one-cell row, like a paragraph. A vertically merged cell repeats on every row it spans,
    which the row parser recognizes. A line break inside a paragraph starts a new row.
    """
    _check_package(data, filename, ".docx")
    # Imported here: only an import needs python-docx, not every start of the bot.
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        rows: list[RawRow] = []
        position = 0
        for block in _docx_blocks(document.element.body, document._body):
            if isinstance(block, Table):
                for table_row in block.rows:
                    position += 1
                    rows.append((position, _docx_cells(table_row)))
            else:
                position += 1
                text = block.text.replace("\t", " ")
                rows.extend((position, [line]) for line in _LINE_BREAK.split(text))
    except (OpcError, KeyError, ValueError, AttributeError, SyntaxError) as error:
        # A damaged package: missing parts, bad XML (lxml's errors are SyntaxErrors).
        raise NoticeError(filename, "不是有效的 .docx 文件（可能已损坏）") from error
    return rows


def _docx_blocks(
    element: BaseOxmlElement, parent: BlockItemContainer
) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order, also those a wrapper holds: a content control
    (``w:sdt``), a tracked insertion, a custom-XML block."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            yield Paragraph(child, parent)
        elif tag == "tbl":
            yield Table(child, parent)
        elif tag in _DOCX_WRAPPERS:
            yield from _docx_blocks(child, parent)


def _docx_cells(table_row: TableRow) -> list[str]:
    cells = table_row.cells
    distinct = list(dict.fromkeys(id(cell._tc) for cell in cells))
    if len(distinct) == 1 and cells:
        return [cells[0].text]
    texts = [""] * table_row.grid_cols_before
    previous = None
    for cell in cells:
        texts.append(cell.text if cell._tc is not previous else "")
        previous = cell._tc
    return texts


def xlsx_rows(data: bytes, filename: str) -> list[RawRow]:
    """Every sheet of a workbook as rows of cells, numbered on from one sheet to the next.

    The first sheet's rows keep Excel's row numbers. A merged range's value, which a workbook
    keeps in its top-left cell only, is repeated down the rows the range spans and left out
    of the other columns, the way a Word table reads; trailing empty cells are dropped.
    """
    _check_package(data, filename, ".xlsx")
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, styles); not ours.
            warnings.simplefilter("ignore")
            # Not read-only: only a full load knows the merged ranges.
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, TypeError, SyntaxError) as error:
        raise NoticeError(filename, "不是有效的 .xlsx 文件（可能已损坏）") from error
    rows: list[RawRow] = []
    offset = 0
    for sheet in workbook.worksheets:
        grid = _sheet_grid(sheet)
        rows.extend((offset + number, cells) for number, cells in grid)
        offset += sheet.max_row
    workbook.close()
    return rows


def _sheet_grid(sheet: Worksheet) -> Iterator[tuple[int, list[str]]]:
    merged: dict[tuple[int, int], tuple[int, int, int]] = {}
    for bounds in sheet.merged_cells.ranges:
        min_col, min_row, max_col, max_row = bounds.bounds
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                merged[(row, col)] = (min_row, min_col, max_col)
    values = {
        (cell.row, cell.column): cell.value
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    for number in range(1, sheet.max_row + 1):
        cells: list[str] = []
        for col in range(1, sheet.max_column + 1):
            top, left, right = merged.get((number, col), (number, col, col))
            if col != left:
                cells.append("")  # covered by a range whose value is in its first column
                continue
            cells.append(_cell_text(values.get((top, left))))
            if left == 1 and right == sheet.max_column:
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


def unknown_names(plan: Plan, registry: Registry) -> list[UnknownName]:
    """The parties the registry does not know, in notice order, each with the closest entry."""
    found: dict[str, tuple[PartyKind, list[int]]] = {}
    for task in plan.tasks:
        for party in task.parties:
            if registry.lookup(party.name) is None:
                kind, numbers = found.setdefault(party.name, (party.kind, []))
                if task.number not in numbers:
                    numbers.append(task.number)
    return [
        UnknownName(name, kind, tuple(numbers), registry.find(name))
        for name, (kind, numbers) in found.items()
    ]
