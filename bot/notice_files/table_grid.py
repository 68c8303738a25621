"""Lay a table's cells, each with its place and spans, on the table's grid, within the limits.

A web page's table (rowspan, colspan) and a PDF's ruled table (cells found by their lines) both
come here, and come out the way a Word table reads (`bot.notice_files.importers.table_cells`): the text of
a cell spanning rows repeats on every row it covers, so the row parser sees full rows; a cell
spanning columns keeps its grid positions, its text in the first and the rest empty; a row
that is one cell across becomes a one-cell row, like a paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError
from bot.notice_files.limits import Limits


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell at its top row and left column (from 0), covering `rows` × `columns`."""

    row: int
    column: int
    rows: int
    columns: int
    text: str


def check_width(width: int, filename: str, limits: Limits) -> None:
    """Refuse a row wider than a notice's table can be."""
    if width > limits.max_columns:
        detail = file_texts.TOO_WIDE_TABLE.format(limit=limits.max_columns, width=width)
        raise NoticeError(filename, detail)


def grid_rows(
    cells: Iterable[Placed], height: int, filename: str, limits: Limits
) -> list[list[str]]:
    """The `height` rows of a table holding `cells`.

    A span past the table's last row is clipped to it (a rowspan of a million covers the rows
    there are); a row wider than `limits.max_columns` is refused, and so are spans covering
    more than `limits.max_cells` positions in all. A position two cells claim keeps the first.
    """
    slots: dict[tuple[int, int], tuple[int, Placed]] = {}  # (row, column) -> column offset, cell
    covered = 0
    for cell in cells:
        if not 0 <= cell.row < height:
            continue
        check_width(cell.column + cell.columns, filename, limits)
        rows = min(max(cell.rows, 1), height - cell.row)
        covered += rows * max(cell.columns, 1)
        if covered > limits.max_cells:
            raise NoticeError(filename, file_texts.MERGED_TOO_BIG.format(limit=limits.max_cells))
        for row in range(cell.row, cell.row + rows):
            for offset in range(max(cell.columns, 1)):
                slots.setdefault((row, cell.column + offset), (offset, cell))
    widths = [0] * height
    for row, column in slots:
        widths[row] = max(widths[row], column + 1)
    table = [[""] * width for width in widths]
    for (row, column), (offset, cell) in slots.items():
        table[row][column] = "" if offset else cell.text
    return [_one_cell_across(texts, row, slots) for row, texts in enumerate(table)]


def _one_cell_across(
    texts: list[str], row: int, slots: dict[tuple[int, int], tuple[int, Placed]]
) -> list[str]:
    """The row as one cell when a single cell covers all of it, else as it is."""
    owners = {id(slots[row, column][1]) for column in range(len(texts)) if (row, column) in slots}
    if len(texts) > 1 and len(owners) == 1 and all((row, c) in slots for c in range(len(texts))):
        return [texts[0]]
    return texts
