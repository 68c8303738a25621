"""Which cell of a notice's table is what: headers, separators and cells re-aligned by content.

Knows the column names and cell shapes of allocation tables, not numbering or roles. Each
layout rule is a small function with its own test (tests/bot/test_layout.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from bot.reading.numbering import Style, task_number
from bot.reading.responsibility import PLACEHOLDERS, is_unit_name, join_levels
from bot.reading.traditional import simplified

COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "time",
        ("完成时限", "时限要求", "完成时间", "时间节点", "时间安排", "时限", "进度安排", "备注"),
    ),
    ("person", ("领导", "责任人", "联系人")),  # 责任领导, 分管领导, 牵头(负责)领导
    # A ledger's report of what was done (落实情况): neither requirement nor parties.
    ("progress", ("落实情况", "进展情况", "完成情况", "推进情况", "工作进展", "进展")),
    ("lead", ("牵头单位", "牵头部门", "牵头科室", "牵头处室", "主办", "牵头")),
    (
        "responsibility",
        (
            "责任单位",
            "责任部门",
            "责任科室",
            "责任处室",
            "责任股室",
            "承办单位",
            "责任主体",
            "负责单位",
            "负责部门",
            "负责科室",
            "负责处室",
        ),
    ),
    (
        "cooperate",
        ("配合单位", "配合部门", "配合科室", "配合处室", "协办", "配合", "参与", "参加单位"),
    ),
    ("number", ("序号", "编号")),
    ("requirement", ("要求", "措施", "内容", "举措", "细化分工", "分工", "重点工作")),
    ("section", ("任务", "项目", "类别", "分类", "事项", "领域")),
)
PARTY_COLUMNS = ("responsibility", "lead", "cooperate")
HEADER_CELL_MAX = 10
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}.*$")
_TIME = re.compile(
    r"\d{4}年|\d{1,2}月|年底|年内|年前|季度|半年|长期|持续|常态|每月|每年|每季|每周|全年|底前|日前"
)
_ROLE_WORD = re.compile(
    r"(?:分别|按职责分工|牵头|配合|负责|协办|主办|参照落实|参照执行|按职责分工落实|落实|参与)"
)
_CHROME = re.compile(
    r"^(?:您现在的位置|当前位置|字体|【?字号|打印本页|【?打印|分享到|扫一扫|关闭窗口|【?关闭|"
    r"来源[:：]|发布时间|浏览次数|访问量|索引号|主题分类|分享|收藏|返回顶部|上一篇|下一篇|相关链接)"
)


def split_cells(line: str) -> list[str]:
    """A text line's cells: at TABs, or at ``|`` when the line is a pipe table's row."""
    if "\t" not in line and line.count("|") >= 2:
        return line.strip().strip("|").split("|")
    return line.split("\t")


def is_pipe_rule(line: str) -> bool:
    """True for a pipe table's rule line (``|---|:--|``), which holds no text."""
    return bool(_PIPE_RULE.match(line.strip())) and not line.strip("|-: \t")


def is_chrome(text: str) -> bool:
    """True for a web page's furniture around the notice (您现在的位置, 字体 大 中 小, 打印本页…)."""
    return bool(_CHROME.match(simplified(text.replace(" ", ""))))


def column_kind(cell: str) -> str | None:
    """The kind of column a header cell names, or None."""
    cell = simplified(cell.replace(" ", "").strip("|"))
    if not cell or len(cell) > HEADER_CELL_MAX or "：" in cell:
        return None
    return next((k for k, words in COLUMN_WORDS if any(w in cell for w in words)), None)


def header_of(cells: Sequence[str]) -> dict[str, int] | None:
    """The column layout if `cells` are a table header naming a party column, else None.

    With no requirement column, the task column (工作任务) holds the requirement.
    """
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(len(c) > HEADER_CELL_MAX for c in filled):
        return None
    columns: dict[str, int] = {}
    kinds = [column_kind(c) for c in cells]
    for index, kind in enumerate(kinds):
        if kind == "section" and "section" in columns and "requirement" not in kinds:
            kind = "requirement"  # 分类 / 事项: with no requirement column, the second topic
        if kind == "requirement" and "requirement" in columns:
            _outer_requirement(columns, kinds)
        if kind and kind not in columns:
            columns[kind] = index
    unnamed = sum(1 for c in filled if column_kind(c) is None)
    if not any(k in columns for k in PARTY_COLUMNS) or len(columns) < 2 or unnamed > 1:
        return None
    if "requirement" not in columns and "section" in columns:
        columns["requirement"] = columns.pop("section")
    if "requirement" not in columns and unnamed:
        columns["requirement"] = next(
            i for i, c in enumerate(cells) if c and column_kind(c) is None
        )
    return columns


def _outer_requirement(columns: dict[str, int], kinds: Sequence[str | None]) -> None:
    """Rule "two requirement columns": when a header names the requirement twice (重点工作 …
    工作措施), the later, narrower one is the requirement; the earlier becomes the section
    column, or, when another cell names the section, a column of the headings above it
    (its cells are 一、… headings, read as sections wherever they stand)."""
    outer = columns.pop("requirement")
    if "section" not in kinds:
        columns["section"] = outer


def wrapped_header(first: Sequence[str], second: Sequence[str]) -> list[str] | None:
    """Two rows that are one header wrapped over two lines (``责任`` / ``单位``), joined."""
    if len(first) < 2 or any(len(c) > HEADER_CELL_MAX for c in (*first, *second)):
        return None
    width = max(len(first), len(second))
    joined = [
        (first[i] if i < len(first) else "") + (second[i] if i < len(second) else "")
        for i in range(width)
    ]
    return joined if header_of(joined) is not None else None


def is_time(cell: str) -> bool:
    """True for a short cell that states when (``6月底前``, ``长期坚持``, ``2021年12月``)."""
    return len(cell) <= 30 and bool(_TIME.search(simplified(cell))) and "。" not in cell


_CLAUSE_SEPARATOR = re.compile(r"([，,；;])")
_TIME_CLAUSE_MAX = 15


def time_clauses(text: str) -> tuple[str, list[str]]:
    """Rule "deadline in a responsibility note": ``责任单位：甲局，6月底完成`` → the note without
    its time clauses, and those clauses (``6月底完成``, ``年底前``). A clause is one between
    ``，`` or ``；``; it is a time when it is short, states when and names no unit."""
    pieces = _CLAUSE_SEPARATOR.split(text)
    kept: list[tuple[str, str]] = []  # (separator before, clause)
    times: list[str] = []
    for index in range(0, len(pieces), 2):
        before = pieces[index - 1] if index else ""
        clause = pieces[index].strip().rstrip("。")
        if len(clause) <= _TIME_CLAUSE_MAX and is_time(clause) and not is_party_list(clause):
            times.append(clause)
        else:
            kept.append((before if kept else "", pieces[index]))
    return "".join(b + c for b, c in kept), times


_LIST_SEPARATOR = re.compile(r"[、，,；;\s/]+")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


def _guard(match: re.Match[str]) -> str:
    """A bracket with its separators hidden, so 各县（市、区）政府 stays one name."""
    return match.group(0).replace("、", "\0")


def is_party_list(cell: str) -> bool:
    """True for a cell that lists units (``市发改局、市财政局``, ``市委宣传部牵头``)."""
    if not cell or "。" in cell or len(cell) > 400:
        return False
    plain = _ROLE_WORD.sub("", simplified(cell))
    names = [n for n in _LIST_SEPARATOR.split(_BRACKETED.sub(_guard, plain)) if n]
    names = join_levels([n.replace("\0", "、") for n in names])  # 各县、市、区政府
    names = [re.sub(r"^.{0,6}?[:：]", "", n) for n in names]
    return bool(names) and all(is_unit_name(n) for n in names if n)


def _fit(cell: str, kind: str) -> int:
    """How well `cell`'s content fits a column of `kind` (higher is better)."""
    if kind == "number":
        return 4 if task_number(cell, bare=True) else -4
    if kind == "time":
        return 3 if is_time(cell) else -3
    if kind in PARTY_COLUMNS:
        return 3 if is_party_list(cell) else -3
    if kind == "requirement":
        return -2 if is_party_list(cell) or is_time(cell) else 2
    return 1 if len(cell) <= 30 and not is_party_list(cell) else -1


@dataclass(frozen=True, slots=True)
class Alignment:
    """Cells placed in their columns by content; `missing` are the columns left empty."""

    cells: list[str]
    missing: tuple[str, ...]
    moved: bool = False


def align(cells: Sequence[str], columns: dict[str, int]) -> Alignment:
    """Place a short row's cells in the header's columns by content, in order.

    A row-spanned cell is missing from the text export, so the row has fewer cells and is
    shifted left; each cell goes to the column its content fits best, keeping their order.
    The cells stay where they are when that fits as well (a row cut short at its end).
    """
    kinds = {index: kind for kind, index in columns.items()}
    width = max(columns.values()) + 1
    slots = sorted(kinds)
    here = [(c, i) for i, c in enumerate(cells) if c]
    present = [c for c, _ in here]
    positional = sum(_fit(c, kinds[i]) if i in kinds else -5 for c, i in here)
    best = (positional, tuple(i for _, i in here))
    for chosen in combinations(slots, len(present)):
        score = sum(_fit(c, kinds[s]) for c, s in zip(present, chosen, strict=True))
        if score > best[0]:
            best = (score, chosen)
    placed = [""] * max(width, len(cells))
    for cell, slot in zip(present, best[1], strict=True):
        placed[slot] = cell
    missing = tuple(kinds[s] for s in slots if not placed[s])
    return Alignment(placed, missing, best[0] > positional)


_HEADER_WORD = re.compile(r"[\u4e00-\u9fff]{2,10}")
_HALF_WORD = re.compile(r"[\u4e00-\u9fff]{1,3}")


def _wrapped(first: str, second: str) -> bool:
    """Rule "header cell wrapped over two lines": ``主要`` / ``任务`` is one cell when a narrow
    column broke it: both halves are at most three Chinese characters (a 序号 such as ``1``
    is none), one half names no kind of column, and the whole names the other half's kind."""
    kinds = (column_kind(first), column_kind(second))
    if (kinds[0] is None) == (kinds[1] is None):
        return False
    halves = all(_HALF_WORD.fullmatch(half) for half in (first, second))
    return halves and column_kind(first + second) == (kinds[0] or kinds[1])


def header_cells(texts: Sequence[str]) -> tuple[list[str], int]:
    """A table's header cells at the start of `texts` (lines, one cell each), and how many
    lines they take.

    Rule "topic header cell": besides cells naming a kind of column, one cell between two
    of them may name the table's topic (民生实事, 重点项目) rather than a kind; it heads the
    requirement column when no other cell does.
    """
    cells: list[str] = []
    count, limit, unnamed = 0, min(len(texts), 8), False
    while count < limit:
        if count + 1 < limit and _wrapped(texts[count], texts[count + 1]):
            cells.append(texts[count] + texts[count + 1])
            count += 2
        elif column_kind(texts[count]):
            cells.append(texts[count])
            count += 1
        elif (
            not unnamed
            and count > 0
            and count + 1 < limit
            and column_kind(texts[count + 1])
            and _HEADER_WORD.fullmatch(texts[count])
        ):
            unnamed = True
            cells.append(texts[count])
            count += 1
        else:
            break
    return cells, count


def header_length(texts: Sequence[str]) -> int:
    """How many of `texts` (lines, one cell each) are a table's header."""
    return header_cells(texts)[1]


def cell_header(texts: Sequence[str]) -> dict[str, int] | None:
    """The layout of a header written one cell per line (3–6 cells), from its first lines."""
    cells = header_cells(texts)[0]
    if len(cells) < 3:
        return None
    return header_of(cells)


@dataclass(frozen=True, slots=True)
class CellLine:
    """One line of a one-cell-per-line table: its number, text, and a blank line before it."""

    line: int
    text: str
    gap: bool


def cell_class(text: str, columns: dict[str, int]) -> str:
    """What a lone cell of a one-cell-per-line table holds, judged by its content alone.

    ``number`` (a bare ``1``), ``numbered`` (``1.推进…``), ``time`` (年底前, 持续推进),
    ``party`` (a list of unit names), ``person`` (a short personal name under 责任领导) or
    ``text`` (a requirement or a section cell).
    """
    found = task_number(text, bare=True)
    if found is not None and not found.rest:
        return "number"
    if text in PLACEHOLDERS:
        return "party"  # 无 or / in a party column
    if "time" in columns and is_time(text):
        return "time"
    if is_party_list(text):
        return "party"
    if "person" in columns and _PERSON.match(text):
        return "person"
    if found is not None and found.style in (Style.DOT, Style.PAREN) and len(text) <= 60:
        return "numbered"
    return "text"


# What may follow a section cell: a requirement, a number, or nothing (the table's last
# cell, a section whose rows were cut off).
_BEFORE_A_ROW = ("text", "number", "numbered", "")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def group_cells(
    cells: Sequence[CellLine], columns: dict[str, int], is_heading: Callable[[str], bool]
) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Rows of a table written one cell per line, and the columns they fill.

    Content cues, not the count of lines, cut the rows: a number (序号) or a numbered cell
    starts a row; a text after a row's requirement and parties starts the next one; a text
    followed by another text (not by parties) is the row's section cell (工作任务, often
    row-spanned); party cells fill the party columns in order and a further one joins the
    last; a line with no blank line or ``|`` before it continues the cell above. A section
    heading (一、…) is a row alone. A notice that numbers its rows without a 序号 header
    cell gets a number column after the others.
    """
    columns = dict(columns)
    classes = [cell_class(c.text, columns) for c in cells]
    if "number" not in columns and {"number", "numbered"} & set(classes):
        columns["number"] = max(columns.values()) + 1
    width = max(columns.values()) + 1
    parties = sorted(columns[k] for k in PARTY_COLUMNS if k in columns)  # in column order
    rows: list[tuple[int, list[str]]] = []
    current: dict[str, list[str]] = {}
    start, last = 0, ""

    def flush() -> None:
        if current:
            row = [""] * width
            for kind, parts in current.items():
                glue = "；" if kind.startswith("party") else ""
                row[columns[kind] if kind in columns else parties[int(kind[5:])]] = glue.join(
                    parts
                )
            rows.append((start, row))
        current.clear()

    def put(kind: str, text: str, line: int) -> None:
        nonlocal start, last
        if not current:
            start = line
        current.setdefault(kind, []).append(text)
        last = kind

    def next_class(index: int) -> str:
        ahead = index + 1
        while ahead < len(cells) and not cells[ahead].gap and classes[ahead] == classes[index]:
            ahead += 1
        return classes[ahead] if ahead < len(cells) else ""

    for index, (cell, kind) in enumerate(zip(cells, classes, strict=True)):
        if (
            current
            and not cell.gap
            and kind in ("text", "party")
            and last.startswith("party" if kind == "party" else ("requirement", "section"))
        ):
            current[last][-1] += ("、" if kind == "party" else "") + cell.text
            continue
        if is_heading(cell.text):
            flush()
            rows.append((cell.line, [cell.text]))
            continue
        body = any(k in current for k in ("requirement", "time", "person")) or any(
            k.startswith("party") for k in current
        )
        if kind in ("number", "numbered"):
            if body or "number" in current:
                flush()
            found = task_number(cell.text, bare=True)
            put("number", found.printed.rstrip(".．、（）() ") if found else cell.text, cell.line)
            if found and found.rest:
                put("requirement", found.rest, cell.line)
        elif kind == "party" and parties:
            taken = sum(k.startswith("party") for k in current)
            put(f"party{min(taken, len(parties) - 1)}", cell.text, cell.line)
        elif kind in ("time", "person") and kind in columns:
            if kind in current and body:
                flush()
            put(kind, cell.text, cell.line)
        else:
            done = any(k.startswith("party") or k == "time" for k in current)
            if done:
                flush()
            if "requirement" in current:
                put("requirement", cell.text, cell.line)
            elif "section" in columns and not current and next_class(index) in _BEFORE_A_ROW:
                put("section", cell.text, cell.line)
            else:
                put("requirement", cell.text, cell.line)
    flush()
    return columns, rows
