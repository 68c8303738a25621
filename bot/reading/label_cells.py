"""Rule "label cell, then its value": a record printed one cell a line, each value under its label.

A page that shows a task as a two-column record (具体任务 | …, 责任单位 | …) comes out of a
text export as a line holding only a column name, then the lines of its value, then the next
column name. Such a run (three labels or more, naming a requirement and a party column, each
with a value) is rewritten as a table: a header row of the labels and a row per record. A
label seen again starts the next record. Values of party columns written over several lines
are listed with ``、``; other values are joined. The last value of a record is one line, so
what follows the record stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.normalize import name_key, strip_markup
from bot.plan import Problem
from bot.reading.layout import COLUMN_WORDS, PARTY_COLUMNS, column_kind
from bot.reading.traditional import simplified

Row = tuple[int, Sequence[str]]
_LABELS_MIN = 3
_EXTRA_MAX = 2  # characters besides the column word (具体 in 具体任务)
_TOPIC = ("requirement", "section")
_UNFINISHED = (
    "按“栏目—内容”逐行排列，但不是完整的一条记录（栏目太少、没有责任单位栏或在此截断），未读作任务"
)


def label_kind(text: str) -> str | None:
    """The kind of column a line naming only a column (``具体任务``, ``责任单位：``) heads."""
    cell = simplified(name_key(strip_markup(text))).rstrip("：:")
    kind = column_kind(cell)
    if kind is None:
        return None
    word = max((w for k, words in COLUMN_WORDS if k == kind for w in words if w in cell), key=len)
    return kind if len(cell) - len(word) <= _EXTRA_MAX else None


def _line(row: Row) -> str:
    """The text of a row of one cell (a separator line ``|`` holds none); else ""."""
    cells = row[1]
    return cells[0].strip(" \t\u3000|") if len(cells) == 1 else ""


Pair = tuple[str, list[int]]  # a label and the indices of its value lines


def _run(rows: Sequence[Row], start: int) -> tuple[list[Pair], int]:
    """From `start`, a run of label-value pairs (each label and the rows of its value), and
    where the run stops."""
    pairs: list[Pair] = []
    index = start
    while index < len(rows) and label_kind(_line(rows[index])):
        label, index, values = _line(rows[index]).rstrip("：: "), index + 1, []
        while index < len(rows) and len(rows[index][1]) == 1:
            if label_kind(_line(rows[index])):
                break
            if _line(rows[index]):
                values.append(index)
            index += 1
        if not values:
            break
        pairs.append((label, values))
    return pairs, index


def _records(pairs: list[Pair]) -> tuple[list[str], list[dict[str, list[int]]]] | None:
    """The labels and the records of a run; None when the run is no record."""
    labels: list[str] = []
    records: list[dict[str, list[int]]] = []
    for label, values in pairs:
        if not records or label in records[-1]:
            records.append({})
        records[-1][label] = values
        if label not in labels:
            labels.append(label)
    kinds = {label_kind(label) for label in labels}
    if len(labels) < _LABELS_MIN or not kinds & set(_TOPIC) or not kinds & set(PARTY_COLUMNS):
        return None
    return labels, records


def _unfinished(rows: Sequence[Row], pairs: list[Pair], end: int) -> Problem | None:
    """A run that names a requirement but is no whole record (too few labels, no party
    label, or cut at the end of the text): listed, so no task is lost silently."""
    topic = next((p for p in pairs if label_kind(p[0]) in _TOPIC), None)
    if topic is None or (len(pairs) < 2 and end < len(rows)):
        return None
    return Problem(rows[topic[1][0]][0], _line(rows[topic[1][0]])[:40], _UNFINISHED)


def label_records(rows: Sequence[Row]) -> tuple[list[Row], list[Problem]]:
    """The rows with each run of label cells and their values rewritten as a table, and the
    runs that could not be read as records."""
    out: list[Row] = []
    problems: list[Problem] = []
    index = 0
    while index < len(rows):
        pairs, end = _run(rows, index)
        found = _records(pairs) if pairs else None
        if found is None:
            unfinished = _unfinished(rows, pairs, end)
            if unfinished is not None and unfinished not in problems:
                problems.append(unfinished)
            out.append(rows[index])
            index += 1
            continue
        labels, records = found
        last_label, last_values = pairs[-1]
        records[-1][last_label] = last_values[:1]  # what follows the record is not its value
        out.append((rows[index][0], labels))
        for record in records:
            cells = []
            for label in labels:
                glue = "、" if label_kind(label) in PARTY_COLUMNS else ""
                cells.append(glue.join(_line(rows[i]) for i in record.get(label, [])))
            out.append((rows[min(i for v in record.values() for i in v)][0], cells))
        index = last_values[0] + 1
    return out, problems
