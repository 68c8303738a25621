"""Read a PDF's text layer: its ruled tables as rows of cells, the rest as lines.

pdfplumber (on pdfminer.six) finds each page's tables by their ruling lines; a table's cells
are laid on its grid by `bot.notice_files.table_grid`, so a cell spanning rows repeats down them as in a
Word table. The text outside the tables is read line by line, top to bottom; a gap of more
than two and a half characters' width inside a line (text set in columns without rules)
starts a new cell, the way a TAB does in a text export; a line of a web page's chrome (a
page printed from a browser: `bot.reading.chrome`) is left out. Rows are numbered 1, 2, … in
reading order.

A PDF without text (a scan: pages that are pictures) is refused with a request for the Word
or text version rather than guessed at; so is one over `limits.max_pages`, counted before
any page is read.
"""

from __future__ import annotations

import io
import itertools
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError
from bot.notice_files.limits import MB, Limits, check_rows
from bot.notice_files.table_grid import Placed, grid_rows
from bot.reading.chrome import is_chrome
from bot.reading.loader import RawRow

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table

_GAP = 2.5  # a gap wider than this many font sizes parts two cells of a line (a spaced-out
# heading such as 通　　知, two spaces wide, keeps together)
_SNAP = 1.0  # table rules closer than this (points) are one grid line


def pdf_rows(data: bytes, filename: str, limits: Limits) -> list[RawRow]:
    """A PDF's text layer as numbered rows.

    Raises:
        NoticeError: not a PDF, damaged, locked, too many pages, or no text layer.
    """
    if b"%PDF-" not in data[:1024]:
        raise NoticeError(filename, file_texts.PDF_DAMAGED)
    # Imported here: only a PDF import needs pdfplumber, not every start of the bot.
    import pdfplumber
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pdfminer warns of what it repairs as it reads
            _check_pages(data, filename, limits)
            with pdfplumber.PDF(io.BytesIO(data)) as pdf:
                rows, readable = _read_pages(pdf.pages, filename, limits)
    except (PdfminerException, PSException, KeyError, TypeError, ValueError) as error:
        if isinstance(error, NoticeError):
            raise
        raise NoticeError(filename, _why(error, limits)) from error
    if not readable:
        raise NoticeError(filename, file_texts.NO_TEXT_LAYER)
    return rows


def _why(error: Exception, limits: Limits) -> str:
    """Why pdfminer gave up, said to the office: pdfplumber wraps what pdfminer raised, also
    running out of memory (a stream that inflates past the worker's memory)."""
    from pdfminer.pdfdocument import PDFEncryptionError

    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if isinstance(cause, MemoryError):
        return file_texts.OUT_OF_MEMORY.format(limit=limits.memory // MB)
    if isinstance(cause, PDFEncryptionError):
        return file_texts.PDF_LOCKED
    return file_texts.PDF_DAMAGED


def _check_pages(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse a PDF of more pages than a notice has, walking at most one page past the limit."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    pages = itertools.islice(PDFPage.create_pages(document), limits.max_pages + 1)
    if sum(1 for _ in pages) > limits.max_pages:
        raise NoticeError(filename, file_texts.TOO_MANY_PAGES.format(limit=limits.max_pages))


def _read_pages(pages: Sequence[Page], filename: str, limits: Limits) -> tuple[list[RawRow], bool]:
    """The rows of every page, and whether any page has readable text."""
    rows: list[RawRow] = []
    readable = False
    for page in pages:
        readable = readable or any(_readable(char) for char in page.chars)
        # A heading set bold by printing each character twice reads once.
        for cells in _page_rows(page.dedupe_chars(), filename, limits):
            rows.append((len(rows) + 1, cells))
        check_rows(len(rows), filename, limits)
    return rows, readable


def _readable(char: dict[str, Any]) -> bool:
    """A character of text (not white space, nor a glyph without a Unicode mapping)."""
    text = str(char.get("text", ""))
    return bool(text.strip()) and not text.startswith("(cid:")


def _page_rows(page: Page, filename: str, limits: Limits) -> Iterator[list[str]]:
    """A page's tables and lines, top to bottom."""
    tables = page.find_tables()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    blocks: list[tuple[float, int, list[list[str]]]] = [
        (table.bbox[1], 0, _table_rows(table, filename, limits)) for table in tables
    ]
    for line in outside.extract_text_lines(return_chars=True):
        cells = _cells(line["chars"])
        if not is_chrome(" ".join(cells)):
            blocks.append((line["top"], 1, [cells]))
    for _, _, block in sorted(blocks, key=lambda item: (item[0], item[1])):
        yield from (cells for cells in block if any(cells))


def _cells(chars: Sequence[dict[str, Any]]) -> list[str]:
    """A line's characters as cells, parted where the gap is wider than `_GAP` characters."""
    cells: list[list[str]] = [[]]
    end: float | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        text = str(char["text"])
        if not text.strip():
            cells[-1].append(" ")
            continue
        if end is not None and char["x0"] - end > _GAP * float(char.get("size") or 10):
            cells.append([])
        cells[-1].append(text)
        end = char["x1"]
    return [" ".join("".join(cell).split()) for cell in cells]


def _table_rows(table: Table, filename: str, limits: Limits) -> list[list[str]]:
    """A ruled table's rows on its grid: each cell placed by the rules it lies between."""
    columns = _grid([x for cell in table.cells for x in (cell[0], cell[2])])
    rows = _grid([y for cell in table.cells for y in (cell[1], cell[3])])
    placed = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        for box, text in zip(row.cells, texts, strict=True):
            if box is None:
                continue
            left, right = _at(columns, box[0]), _at(columns, box[2])
            top, bottom = _at(rows, box[1]), _at(rows, box[3])
            placed.append(Placed(top, left, bottom - top, right - left, text or ""))
    return grid_rows(placed, max(len(rows) - 1, 0), filename, limits)


def _grid(values: list[float]) -> list[float]:
    """The distinct rule positions, those closer than `_SNAP` taken as one."""
    lines: list[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > _SNAP:
            lines.append(value)
    return lines


def _at(lines: list[float], value: float) -> int:
    """The index of the rule at `value`."""
    return min(range(len(lines)), key=lambda index: abs(lines[index] - value))
