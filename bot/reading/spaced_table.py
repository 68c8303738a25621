"""Rule "space-joined table": a table whose cells a page store joined with single spaces.

The header line's words are all column names (``序号 类别 主要任务 细化措施 牵头单位 参与单位
责任单位``), so it gives the columns. A row under it (a line starting with its number) cannot
always be cut at its spaces: a cell wrapped in the source keeps a space inside it
(``加强水资源保 护``) and a row-spanned cell leaves two spaces. What can be read without
guessing is read from both ends: the number first; the party and time columns at the
header's end, from the right, one space-free cell each; the requirement just before them.
The cells between the number and the requirement (a section or topic column, spanned or
wrapped) are not split: their text is listed as 待确认. A row that does not fit (a last cell
that is no list of units) is left as it was, so the loader lists it as unused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.plan import Problem
from bot.reading.layout import PARTY_COLUMNS, column_kind, header_of, is_party_list, is_time
from bot.reading.responsibility import PLACEHOLDERS

Row = tuple[int, Sequence[str]]
_NUMBERED = re.compile(r"^\d{1,3}\s")
_REQUIREMENT_MIN = 8
_UNFINISHED_END = re.compile(r"[0-9A-Za-z.%，,、；;：:（(“]$")
_FIGURE_START = re.compile(r"^[0-9A-Za-z.%]")


def _tail_length(words: Sequence[str]) -> int:
    """How many columns at the header's end hold parties or times."""
    count = 0
    for word in reversed(words):
        if column_kind(word) not in (*PARTY_COLUMNS, "time"):
            break
        count += 1
    return count


def _header(row: Row) -> tuple[list[str], int] | None:
    """A space-joined header line's column names and where its requirement column is, when
    the party and time columns follow that column directly; else None."""
    if len(row[1]) != 1:
        return None
    words = row[1][0].split()
    if len(words) < 3 or any(column_kind(w) is None for w in words):
        return None
    columns = header_of(words)
    if columns is None or columns.get("number") != 0 or "requirement" not in columns:
        return None
    tail = _tail_length(words)
    return (
        (words, columns["requirement"])
        if tail and columns["requirement"] == len(words) - tail - 1
        else None
    )


def _fits(cell: str, word: str) -> bool:
    if cell in PLACEHOLDERS:
        return True
    return is_time(cell) if column_kind(word) == "time" else is_party_list(cell)


def _split_row(text: str, words: Sequence[str], tail: int) -> tuple[list[str], list[str]] | None:
    """The row's number, requirement and tail cells, and the unsplit middle; None if unsure."""
    tokens = text.split()
    if len(tokens) < tail + 2:
        return None
    cells = tokens[len(tokens) - tail :]
    if not all(_fits(c, w) for c, w in zip(cells, words[len(words) - tail :], strict=True)):
        return None
    start = len(tokens) - tail - 1
    # A space beside a figure (到 2020 年, 增长 6.2 %) or after a comma is an export's, not
    # a cell's edge: no cell ends in a comma.
    while start > 1 and (
        _UNFINISHED_END.search(tokens[start - 1]) or _FIGURE_START.match(tokens[start])
    ):
        start -= 1
    requirement = " ".join(tokens[start : len(tokens) - tail])
    if len(requirement) < _REQUIREMENT_MIN or is_party_list(requirement):
        return None
    return [tokens[0], requirement, *cells], tokens[1:start]


def unspace_table(rows: Iterable[Row]) -> tuple[list[Row], list[Problem]]:
    """The rows with a space-joined table's header and rows cut into cells as far as they
    can be without guessing, and the 待确认 problems for the text left unsplit."""
    out: list[Row] = []
    problems: list[Problem] = []
    header: tuple[list[str], int] | None = None
    for row in rows:
        found = _header(row)
        if found is not None:
            header = found
            words, requirement = found
            out.append((row[0], [words[0], *words[requirement:]]))
            continue
        text = row[1][0] if len(row[1]) == 1 else ""
        split = None
        if header is not None and _NUMBERED.match(text):
            words, requirement = header
            split = _split_row(text, words, len(words) - requirement - 1)
        if split is None:
            out.append(row)
            continue
        cells, middle = split
        out.append((row[0], cells))
        if middle:
            names = "、".join(words[1:requirement])
            why = f"空格分隔的表格：“{names}”栏的文字按空格无法可靠分开，未读入（待确认）"
            problems.append(Problem(row[0], " ".join(middle), why))
    return out, problems
