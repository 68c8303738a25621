"""Read a notice as offices keep it: a text export, a Word document (.docx), a workbook (.xlsx),
a web page saved as .html (`bot.notice_files.html_reader`) or a PDF with a text layer (`bot.notice_files.pdf_reader`).

Each reader is a pure function from the file's bytes to numbered rows of cells, which the
loader's shared row parser (`bot.reading.loader.parse_rows`) turns into a Plan, so every container
gives the same plan for the same content. Row numbers are where problems are reported: the
line of a text export, the position of a paragraph or table row in a Word document (counted
from 1 in document order), the row of a workbook (sheets follow one another).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError
from bot.notice_files.html_reader import html_rows
from bot.notice_files.limits import (
    LIMITS,
    Limits,
    check_chars,
    check_package,
    check_rows,
    check_size,
)
from bot.notice_files.pdf_reader import pdf_rows
from bot.notice_files.workbook_reader import xlsx_rows
from bot.plan import PartyKind, Plan
from bot.reading.dates import with_year
from bot.reading.loader import RawRow, parse_rows, text_cells
from bot.registry.units import NameMatch, Registry
from bot.workbook.read import workbook_plan

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.oxml.table import CT_Tc
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.text.paragraph import Paragraph

SUFFIXES = (".docx", ".xlsx", ".txt", ".html", ".htm", ".pdf")
_DOCX_WRAPPERS = frozenset({"sdt", "sdtContent", "ins", "moveTo", "customXml", "smartTag"})
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v]")
_OTHER_FORMATS = {
    ".doc": "旧版 Word 文件（.doc）无法读取，请在 Word 或 WPS 中另存为 .docx 后再导入",
    ".wps": "WPS 文字文件（.wps）无法读取，请另存为 .docx 后再导入",
    ".xls": "旧版 Excel 文件（.xls）无法读取，请另存为 .xlsx 后再导入",
    ".et": "WPS 表格文件（.et）无法读取，请另存为 .xlsx 后再导入",
} | dict.fromkeys(
    (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"), file_texts.IMAGE
)


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A party the notice names that the registry does not know, and the closest known entry."""

    name: str
    kind: PartyKind
    tasks: tuple[int, ...]
    closest: NameMatch | None


def notice_rows(data: bytes, filename: str, limits: Limits = LIMITS) -> list[RawRow]:
    """A notice file's numbered rows of cells, read within `limits`, choosing the reader by the
    file name's suffix. This is the part of a read that hostile bytes reach: the bot runs it
    in a worker process (`bot.notice_files.worker`).

    Raises:
        NoticeError: the type is not supported, the file is damaged or exceeds a limit.
    """
    suffix = PurePath(filename).suffix.lower()
    readers: dict[str, Callable[[bytes, str, Limits], list[RawRow]]] = {
        ".docx": docx_rows,
        ".xlsx": xlsx_rows,
        ".txt": text_rows,
        ".html": html_rows,
        ".htm": html_rows,
        ".pdf": pdf_rows,
    }
    if suffix not in readers:
        detail = _OTHER_FORMATS.get(
            suffix,
            f"不支持的文件类型“{suffix or '无扩展名'}”，请导入 .docx、.xlsx、.txt、.html 或 .pdf 文件",
        )
        raise NoticeError(filename, detail)
    check_size(data, filename, limits)
    rows = readers[suffix](data, filename, limits)
    check_chars(rows, filename, limits)
    return rows


def unreadable(filename: str) -> str | None:
    """Why a file of a type an office may send by mistake (a picture, an old Office format) is
    not read, with what to send instead; None for other types."""
    return _OTHER_FORMATS.get(PurePath(filename).suffix.lower())


def plan_of(rows: Sequence[RawRow], filename: str, registry: Registry) -> Plan:
    """The Plan a notice's rows read to; the plan workbook (`bot.workbook.read`) as it says.

    Raises:
        NoticeError: it holds no task.
    """
    plan = with_year(
        workbook_plan(rows, registry) or parse_rows(rows, registry),
        (" ".join(cells) for _, cells in rows),
    )
    if not plan.tasks:
        raise NoticeError(filename, "没有读到任何编号任务")
    return plan


def read_notice(data: bytes, filename: str, registry: Registry) -> Plan:
    """Read a notice's bytes into a Plan, in this process (within the usual limits).

    Raises:
        NoticeError: the type is not supported, the file is damaged or exceeds a limit, or it
            holds no task.
    """
    return plan_of(notice_rows(data, filename), filename, registry)


def load_notice(path: Path, registry: Registry) -> Plan:
    """Read the notice file at `path` (any of `SUFFIXES`); errors name the file."""
    try:
        return read_notice(read_file(path, LIMITS), path.name, registry)
    except NoticeError as error:
        raise NoticeError(path, error.detail) from error


def read_file(path: Path, limits: Limits) -> bytes:
    """The bytes of the file at `path`, refused unread when larger than a notice can be."""
    try:
        with path.open("rb") as file:
            data = file.read(limits.max_bytes + 1)
    except OSError as error:
        raise NoticeError(path, f"无法打开（{error.strerror or error}）") from error
    check_size(data, path.name, limits)
    return data


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


def text_rows(data: bytes, filename: str, limits: Limits = LIMITS) -> list[RawRow]:
    """A text export as rows: a row per line, cells at tabs."""
    text = decode_text(data, filename)
    if len(text) > limits.max_chars:
        raise NoticeError(filename, file_texts.TOO_LONG.format(limit=limits.max_chars))
    rows = text_cells(text)
    check_rows(len(rows), filename, limits)
    return rows


def docx_rows(data: bytes, filename: str, limits: Limits = LIMITS) -> list[RawRow]:
    """The body of a Word document as rows: a row per table row, a one-cell row per paragraph.

    A horizontally merged cell keeps its grid positions (its text in the first, the rest
    empty), so the columns line up with the header; a row that is one merged cell becomes a
    one-cell row, like a paragraph. A vertically merged cell repeats on every row it spans,
    which the row parser recognizes. A line break inside a paragraph starts a new row.
    """
    check_package(data, filename, ".docx", limits)
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
                for cells in table_cells(block, filename, limits):
                    position += 1
                    rows.append((position, cells))
            else:
                position += 1
                text = block.text.replace("\t", " ")
                rows.extend((position, [line]) for line in _LINE_BREAK.split(text))
            check_rows(len(rows), filename, limits)
    except (OpcError, KeyError, ValueError, AttributeError, SyntaxError) as error:
        if isinstance(error, NoticeError):
            raise
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


def table_cells(table: Table, filename: str, limits: Limits) -> Iterator[list[str]]:
    """Each row of a Word table as its cells on the table's grid.

    Walks the grid here rather than through python-docx's `_Row.cells`, which lists a cell
    once per grid column it spans (a span of a billion fills the memory) and finds the top of
    a vertical merge by a recursive search per cell; each row's width is checked first.
    """
    from docx.table import _Cell

    tops: dict[int, CT_Tc] = {}  # grid column -> the cell a vertical merge there continues
    for tr in table._tbl.tr_lst:
        before = max(tr.grid_before, 0)
        spans = [(tc, max(tc.grid_span, 1)) for tc in tr.tc_lst]
        width = before + sum(span for _, span in spans)
        if width > limits.max_columns:
            detail = file_texts.TOO_WIDE_TABLE.format(limit=limits.max_columns, width=width)
            raise NoticeError(filename, detail)
        grid: list[CT_Tc] = []
        for tc, span in spans:
            column = before + len(grid)
            top = tops.get(column, tc) if tc.vMerge == "continue" else tc
            tops.update(dict.fromkeys(range(column, column + span), top))
            grid.extend([top] * span)
        if grid and all(tc is grid[0] for tc in grid):
            yield [_Cell(grid[0], table).text]  # one cell across the row, like a paragraph
            continue
        texts = [""] * before
        for column, tc in enumerate(grid):
            texts.append("" if column and grid[column - 1] is tc else _Cell(tc, table).text)
        yield texts


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
