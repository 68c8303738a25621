"""Read a task-allocation notice (工作要点分工方案) exported as text into a Plan.

Handles the layouts offices publish: a table (one row per task, cells separated by tabs or
``|``, with a header row naming the columns), a table written one cell per line (rows cut by
content in `bot.reading.layout`), label lines after a task (牵头单位：…) and paragraphs
("1. 要求……（牵头单位：…；配合单位：…）" or "（甲牵头，乙配合）", numbered or not).
Each export quirk has its own small function. Whatever cannot be read becomes a Problem with
its line number; nothing is dropped or guessed silently.

The row parser (`parse_rows`) takes rows of cells from any container: the text export here,
Word documents and workbooks in `bot.notice_files.importers`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.errors import NoticeError
from bot.normalize import cjk_punctuation, cjk_to_int, name_key, strip_markup, tidy_prose
from bot.plan import Party, PartyKind, Plan, Problem, Role, Section, Task
from bot.reading.inline_notes import CLOSERS as _CLOSERS
from bot.reading.inline_notes import OPENERS as _OPENERS
from bot.reading.inline_notes import is_party_note, mid_notes, without_scope_notes
from bot.reading.label_cells import label_records
from bot.reading.layout import (
    PARTY_COLUMNS,
    CellLine,
    align,
    cell_header,
    column_kind,
    group_cells,
    header_length,
    header_of,
    is_chrome,
    is_party_list,
    is_pipe_rule,
    split_cells,
    time_clauses,
    wrapped_header,
)
from bot.reading.numbering import Style, TaskNumber, plan_numbers, task_number
from bot.reading.responsibility import (
    FIRST_IS_LEAD,
    LABEL,
    PERSON_LABEL,
    PLACEHOLDERS,
    NamedRole,
    ScopeNote,
    is_collective,
    scope_note,
    split_responsibility,
    strongest_roles,
)
from bot.reading.spaced_table import unspace_table
from bot.reading.spaced_units import split_spaced_units
from bot.reading.title import notice_title
from bot.reading.traditional import simplified, without_matches
from bot.registry.units import Group, Registry

_NUMERAL = "[一二三四五六七八九十]+"
_SECTION = re.compile(rf"^(?:第({_NUMERAL})部分|({_NUMERAL})\s*[、.．]|第({_NUMERAL})章)\s*(.+)$")
_TIME_LABEL = re.compile(r"^(?:完成时限|时限要求|完成时间|时间要求|时间节点|时限|时间)[：:]")
_PAGE_NUMBER = re.compile(
    r"^(?:[—\-－–]+\s*\d+\s*[—\-－–]+|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
# Rule "signing date in Chinese numerals": 二〇一七年二月二十四日.
_CJK_DATE_LINE = re.compile(
    r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$"
)
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_PARTY_COLUMNS = PARTY_COLUMNS
_COLUMN_LABELS = {"lead": "牵头单位：", "cooperate": "配合单位：", "responsibility": ""}

_LOOSE = "不是章节、任务或责任单位，未归入任何任务"
_SUBHEADING = "小标题，未作为任务"
_PROGRESS = "这一栏写的是工作进展，不是任务要求或责任单位，未读入"
_PERSON_LINE = "写的是负责的领导或责任人（个人），不是责任单位，未作为责任方"

RawRow = tuple[int, Sequence[str]]
"""A row as a container holds it: its line (or position) number and its cells, untidied."""


@dataclass(slots=True)
class _Row:
    line: int
    cells: list[str]
    closed: bool = False  # a lone cell ended by a ``|`` separator (``工作任务 |``)

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)


@dataclass(slots=True)
class _Draft:
    number: int
    section: int
    line: int
    requirement: list[str] = field(default_factory=list)
    responsibility: list[str] = field(default_factory=list)
    printed: str | None = None
    style: Style | None = None
    time: list[str] = field(default_factory=list)


def is_page_number(text: str) -> bool:
    """True for page furniture an export leaves between rows: ``— 2 —``, ``第 2 页``, ``2/5``."""
    return bool(_PAGE_NUMBER.match(text))


def text_cells(text: str) -> list[RawRow]:
    """Cut a text export into numbered rows of raw cells: one row per line, cells at tabs."""
    return [
        (number, split_cells(strip_markup(raw)))
        for number, raw in enumerate(text.splitlines(), 1)
        if not is_pipe_rule(raw)
    ]


def tidy_rows(rows: Iterable[RawRow]) -> list[_Row]:
    """Tidy every cell, dropping ``<p>`` fragments, blank rows and page numbers."""
    tidied = []
    for number, raw in rows:
        cells = [tidy_prose(strip_markup(cell)) for cell in raw]
        closed = len(cells) == 1 and cells[0].endswith("|")
        if closed:
            cells = [cells[0].rstrip("| ")]
        joined = " ".join(cells).strip()
        if any(cells) and not is_page_number(joined) and not is_chrome(joined):
            tidied.append(_Row(number, cells, closed))
    return tidied


def split_rows(text: str) -> list[_Row]:
    """Cut the export into rows of tidied cells, dropping ``<p>`` fragments, blank rows and
    page numbers."""
    return tidy_rows(text_cells(text))


def header_columns(row: _Row) -> dict[str, int] | None:
    """The column layout if `row` is a table header (工作任务 / 具体要求 / 责任单位), else None."""
    return header_of(row.cells)


def section_heading(cell: str) -> tuple[int, str] | None:
    """``十三、加强 配套制度 建设。`` → (13, ``加强配套制度建设``); None if not a heading."""
    match = _SECTION.match(cell)
    if not match:
        return None
    number = cjk_to_int(match.group(1) or match.group(2) or match.group(3))
    title = cjk_punctuation(tidy_prose(match.group(4))).rstrip("。.")
    return (number, title) if number and title else None


def task_start(cell: str) -> tuple[int, str] | None:
    """``7.按省政府…`` (no space after the number), ``（3）…`` → (number, rest); else None."""
    found = task_number(cell)
    if found is None or found.style is Style.CIRCLED:
        return None
    return found.value, found.rest


def split_inline_responsibility(text: str) -> tuple[str, str | None]:
    """Split ``要求……（牵头单位：甲；配合单位：乙）`` into the requirement and the bracket's content.

    The bracket may be （）, 〔〕, [] or 【】 and hold a label (责任单位：…) or role words
    with no label (``甲牵头，乙配合``). Brackets nest (固体废物与核（辐射）安全管理科), so
    the bracket is found by balancing from the end rather than by a regular expression.
    """
    body = text.rstrip("。. ")
    if not body or body[-1] not in _CLOSERS:
        return text, None
    depth = 0
    for index in range(len(body) - 1, -1, -1):
        char = body[index]
        depth += char in _CLOSERS
        depth -= char in _OPENERS
        if depth == 0:
            inner = body[index + 1 : -1]
            if is_party_note(inner):  # （甲局牵头，6月底前完成）: the time is no unit
                return body[:index].rstrip(), inner
            return text, None
    return text, None


def _column_party_text(kind: str, cell: str) -> str:
    if kind == "responsibility":
        return cell
    return _COLUMN_LABELS[kind] + re.sub(r"[，；,;]", "、", cell)


class _Reader:
    """Walks the rows once, keeping the current section and task."""

    def __init__(
        self, columns: dict[str, int] | None, task_styles: frozenset[Style] | None = None
    ) -> None:
        self.columns = columns
        self.task_styles = task_styles
        self.previous_parties: list[str] = []
        self.previous_time = ""
        self.section = 0
        self.sections: list[Section] = []
        self.drafts: list[_Draft] = []
        self.problems: list[Problem] = []
        self.section_changed = False
        self.section_lines: dict[int, int] = {}

    @property
    def current(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    def cell(self, row: _Row, kind: str) -> str:
        index = self.columns.get(kind) if self.columns else None
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    def read(self, row: _Row) -> None:
        if header_columns(row) is not None:
            return  # the table header repeated at the top of a new page
        if self.columns is None or len(row.cells) == 1:
            self.read_line(row, row.cells[0] if len(row.cells) == 1 else row.text)
        else:
            self.read_table_row(row)
            self.remember(row)

    def read_table_row(self, row: _Row) -> None:
        row = self.realigned(self.peeled(row))
        section_cell = self.cell(row, "section")
        if section_cell and not self.repeats_section(section_cell):
            self.start_section(row, section_cell, plain=True)
        number_cell = self.cell(row, "number").rstrip(".．、")
        requirement = self.cell(row, "requirement")
        started = self.start_task(
            row, f"{number_cell}. {requirement}" if number_cell.isdecimal() else requirement
        )
        if started and number_cell and self.current is not None:
            self.current.printed = number_cell
        if not started and self.unnumbered and self.has_party_cell(row):
            started = self.start_unnumbered(row, requirement)
        if not started and requirement and not self.repeats_requirement(requirement):
            if self.unnumbered and self.current is not None:
                why = f"这一行没有责任单位，已并入第{self.current.number}项（待确认）"
                self.problems.append(Problem(row.line, requirement[:40], why))
            elif self.current is not None and self.cell(row, "time"):
                # A row of its own (it has a time limit) under a 序号 spanned over two rows.
                why = f"这一行没有序号，按跨行的序号并入第{self.current.number}项（待确认）"
                self.problems.append(Problem(row.line, requirement[:40], why))
            self.continue_task(row, requirement)
        time_cell = self.cell(row, "time")
        if time_cell and self.current is not None and time_cell not in self.current.time:
            self.current.time.append(time_cell)
        for kind in _PARTY_COLUMNS:
            party_cell = self.cell(row, kind)
            if party_cell and party_cell not in PLACEHOLDERS and self.current is not None:
                text = _column_party_text(kind, party_cell)
                if text not in self.current.responsibility:
                    self.current.responsibility.append(text)

    def peeled(self, row: _Row) -> _Row:
        """A row without the cells its header has no column for.

        A row wider than the header starts with the headings spanned over its tasks
        (``一、…`` and ``（一）…`` in two cells): those start a section (or are reported as a
        subsection heading) and are dropped. A bare number with no 序号 column is the task
        number of the requirement after it.
        """
        if self.columns is None:
            return row
        width = max(self.columns.values()) + 1
        cells = [c for c in row.cells if c]
        while len(cells) > width and _is_heading_cell(cells[0]):
            if section_heading(cells[0]):
                self.start_section(row, cells[0])
            else:
                self.problems.append(Problem(row.line, cells[0], _SUBHEADING))
            cells.pop(0)
        if "number" not in self.columns and len(cells) > 1 and not is_party_list(cells[1]):
            found = task_number(cells[0], bare=True)
            at = row.cells.index(cells[0])  # a number in the requirement column is cut text
            if (
                found is not None
                and found.style is Style.BARE
                and at != self.columns.get("requirement")
            ):
                cells[:2] = [f"{found.value}. {cells[1]}"]
        return row if len(cells) == len([c for c in row.cells if c]) else _Row(row.line, cells)

    def realigned(self, row: _Row) -> _Row:
        """A row with fewer cells than the header, its cells placed by content (待确认).

        The cells a row-spanned column left out are inherited from the row above: a task
        whose 责任单位 spans from the previous row shares its parties.
        """
        width = max(self.columns.values()) + 1 if self.columns else 0
        filled = [c for c in row.cells if c]
        # A pipe row keeps empty cells at its end (``3.… | 各科室 | |``): they are no cells.
        used = max((i + 1 for i, c in enumerate(row.cells) if c), default=0)
        if self.columns is None or used >= width or len(filled) < 2:
            return row
        aligned = align(row.cells, self.columns)
        if len(row.cells) >= width and not aligned.moved:
            return row  # a full row whose last cells are empty, each cell in its place
        cells = aligned.cells
        probe = _Row(row.line, cells)
        starts = self.unnumbered or bool(
            self.cell(probe, "number") or task_start(self.cell(probe, "requirement"))
        )
        inherited = []
        for kind in (*_PARTY_COLUMNS, "time"):
            index = self.columns.get(kind)
            if not starts or kind not in aligned.missing or index is None:
                continue
            value = (
                self.previous_time
                if kind == "time"
                else self.previous_parties[_PARTY_COLUMNS.index(kind)]
                if self.previous_parties
                else ""
            )
            if value:
                cells[index] = value
                inherited.append(_KIND_WORDS[kind])
        if aligned.moved or inherited:
            why = "；".join(
                (["单元格少于表头，已按内容对齐（待确认）"] if aligned.moved else [])
                + ([f"{'、'.join(inherited)}沿用上一行（待确认）"] if inherited else [])
            )
            self.problems.append(Problem(row.line, row.text[:40], why))
        return _Row(row.line, cells)

    def remember(self, row: _Row) -> None:
        """Keep the party and time cells of a full row, for a spanned row below to inherit."""
        if self.columns is None or len(row.cells) < max(self.columns.values()) + 1:
            return
        self.previous_parties = [self.cell(row, k) for k in _PARTY_COLUMNS]
        self.previous_time = self.cell(row, "time")

    def repeats_section(self, cell: str) -> bool:
        """True if `cell` is the current section's heading again.

        A Word table repeats a vertically merged cell on every row it spans, so the section
        column names the section once per task.
        """
        heading = self.table_section(cell)
        last = self.sections[-1] if self.sections else None
        return heading is not None and last is not None and heading[1] == last.title

    def table_section(self, cell: str) -> tuple[int, str] | None:
        """The section a table's 工作任务 cell names: its heading (一、…), or a plain task
        name (强化政策解读) numbered after the last section."""
        heading = section_heading(cell)
        if heading is not None or _is_heading_cell(cell) or len(cell) > 40 or "。" in cell[:-1]:
            return heading
        title = cjk_punctuation(tidy_prose(cell)).rstrip("。.")
        return ((self.sections[-1].number if self.sections else 0) + 1, title) if title else None

    def repeats_requirement(self, cell: str) -> bool:
        """True if `cell` is the current task's requirement again (a merged cell repeated)."""
        draft = self.current
        if draft is None or not draft.requirement:
            return False
        start = task_start(cell)
        body = start[1] if start is not None and start[0] == draft.number else cell
        return split_inline_responsibility(body)[0] == "".join(draft.requirement)

    def read_line(self, row: _Row, text: str) -> None:
        bare = name_key(text).strip("（）()。")
        note = scope_note(bare)
        if note is not None and (note.start, note.end) == (0, len(bare)):
            return  # a note read as a rule by parse_rows, not text of a task
        heading = section_heading(text)
        if heading:
            self.start_section(row, text)
            return
        if self.start_task(row, text) or self.start_paragraph(row, text):
            return
        draft = self.current
        if draft is not None and _TIME_LABEL.match(simplified(text)):
            draft.time.append(without_matches(_TIME_LABEL, text).strip())
        elif draft is not None and PERSON_LABEL.match(simplified(name_key(text))):
            self.problems.append(Problem(row.line, text, _PERSON_LINE))
        elif draft is not None and LABEL.match(simplified(name_key(text))):
            draft.responsibility.append(text)
        elif draft is not None and not draft.responsibility:
            self.continue_task(row, text)
        elif _is_heading_cell(text) and len(text) <= 40:
            self.problems.append(Problem(row.line, text, _SUBHEADING))
        else:
            self.problems.append(Problem(row.line, text, _LOOSE))

    def start_paragraph(self, row: _Row, text: str) -> bool:
        """In a notice that numbers no task, a paragraph ending in its responsibility note
        (做好甲事。（市发改局牵头）) is a task."""
        if self.columns is not None or self.task_styles is not None:
            return False
        if any(d.printed for d in self.drafts) or split_inline_responsibility(text)[1] is None:
            return False
        loose = self.problems[-1] if self.problems else None
        if (
            split_inline_responsibility(text)[0] == ""
            and loose is not None
            and loose.why == _LOOSE
        ):
            # The note alone on the line after its paragraph: that paragraph is the task.
            self.problems.pop()
            self.drafts.append(_Draft(len(self.drafts) + 1, self.section, loose.line))
            self.continue_task(row, loose.text)
        else:
            self.drafts.append(_Draft(len(self.drafts) + 1, self.section, row.line))
        self.continue_task(row, text)
        return True

    def start_section(self, row: _Row, cell: str, *, plain: bool = False) -> None:
        heading = self.table_section(cell) if plain else section_heading(cell)
        if heading is None and _is_heading_cell(cell):
            self.problems.append(Problem(row.line, cell, _SUBHEADING))
            return
        if heading is None:
            self.problems.append(Problem(row.line, cell, "章节标题无法识别"))
            return
        self.section = heading[0]
        self.sections.append(Section(*heading))
        self.section_lines[heading[0]] = row.line
        self.section_changed = True

    def empty_sections(self) -> list[Problem]:
        """A section under which no task was read (its rows cut off or unreadable)."""
        used = {d.section for d in self.drafts}
        return [
            Problem(self.section_lines[s.number], s.title, "这一部分没有读到任何任务")
            for s in self.sections
            if s.number not in used and s.number in self.section_lines
        ]

    def start_task(self, row: _Row, cell: str) -> bool:
        found = task_number(cell, bare=len(row.cells) == 1)
        if found is None or not self.is_task_style(found):
            return False
        number, rest = found.value, found.rest
        last = self.current.number if self.current else 0
        restarted = number == 1 and self.section_changed
        if number <= last and not restarted:
            return False  # "1.5万条" inside a requirement, not a new task
        if found.style is Style.BARE and number != last + 1 and not restarted:
            return False  # a lone figure, not the next task's number
        if self.section == 0 and self.sections_expected:
            self.problems.append(Problem(row.line, cell, f"第{number}项出现在任何章节之前"))
        self.drafts.append(_Draft(number, self.section, row.line, printed=found.printed))
        self.drafts[-1].style = found.style
        self.section_changed = False
        if rest:
            self.continue_task(row, rest)
        return True

    sections_expected = True
    unnumbered = False

    def has_party_cell(self, row: _Row) -> bool:
        """True if the row names parties of its own (not a repeat of the task above's)."""
        return any(self.cell(row, k) for k in _PARTY_COLUMNS)

    def start_unnumbered(self, row: _Row, requirement: str) -> bool:
        """A row of a table that numbers no task: each row with its own parties is a task."""
        if not requirement or self.repeats_requirement(requirement):
            return False
        self.drafts.append(_Draft(len(self.drafts) + 1, self.section, row.line))
        self.continue_task(row, requirement)
        return True

    def is_task_style(self, found: TaskNumber) -> bool:
        """True if `found` numbers a task here rather than a heading or a point inside one."""
        if self.task_styles is None:
            return found.style is not Style.CIRCLED or self.current is None
        return found.style in self.task_styles

    def continue_task(self, row: _Row, text: str) -> None:
        draft = self.current
        if draft is None:
            self.problems.append(Problem(row.line, text, "出现在第一项任务之前，未归入任何任务"))
            return
        requirement, inline = split_inline_responsibility(text)
        requirement, notes = mid_notes(requirement)
        draft.requirement.append(requirement)
        for note in [*notes, *([inline] if inline else [])]:
            # （牵头单位：甲；完成时限：6月底前）: the time label's segment is the time.
            for segment in re.split("[；;]", note):
                if _TIME_LABEL.match(simplified(segment.strip())):
                    draft.time.append(without_matches(_TIME_LABEL, segment.strip()).strip())
                elif PERSON_LABEL.match(simplified(name_key(segment))):
                    self.problems.append(Problem(row.line, segment.strip(), _PERSON_LINE))
                elif segment.strip():
                    draft.responsibility.append(segment)


def _is_heading_cell(cell: str) -> bool:
    """True for a section (一、…) or subsection (（一）…) heading cell."""
    found = task_number(cell)
    return bool(section_heading(cell)) or (found is not None and found.style is Style.CJK_PAREN)


_KIND_WORDS = {
    "responsibility": "责任单位",
    "lead": "牵头单位",
    "cooperate": "配合单位",
    "time": "完成时限",
}


def _looks_like_group(name: str) -> bool:
    return is_collective(name)


def _canonical(name: str, registry: Registry) -> tuple[str, PartyKind, bool]:
    """The canonical name and kind of a written name, and whether the registry knows it."""
    entry = registry.lookup(name)
    if isinstance(entry, Group):
        return entry.name, PartyKind.GROUP, True
    if entry is not None:
        return entry.name, PartyKind.UNIT, True
    key = name_key(name)
    return key, PartyKind.GROUP if _looks_like_group(key) else PartyKind.UNIT, False


def _build_task(
    draft: _Draft,
    registry: Registry,
    unknown: dict[str, list[int]],
    *,
    first_leads: bool = False,
    scoped: Sequence[ScopeNote] = (),
) -> tuple[Task, list[Problem]]:
    problems = []
    requirement = cjk_punctuation("".join(draft.requirement))
    notes, times = [], list(draft.time)
    for note in draft.responsibility:
        rest, found = time_clauses(note)
        notes.append(rest)
        times.extend(t for t in found if t not in times)
    responsibility = without_matches(FIRST_IS_LEAD, name_key("；".join(n for n in notes if n)))
    responsibility = without_scope_notes(responsibility)
    named, empty = split_responsibility(responsibility)
    for note in scoped:
        if note.group not in (n.name for n in named):
            named.append(NamedRole(note.group, Role.RESPONSIBLE))
            why = f"按“{note.words}”的说明，第{draft.number}项加上“{note.group}”（待确认）"
            problems.append(Problem(draft.line, note.group, why))
    if first_leads and named and all(n.role is Role.RESPONSIBLE for n in named):
        named[0] = NamedRole(named[0].name, Role.LEAD)
        problems.append(
            Problem(
                draft.line,
                named[0].name,
                f"按“列第一位的为牵头单位”的说明，第{draft.number}项的“{named[0].name}”记为牵头（待确认）",
            )
        )
    named, merged = strongest_roles(named)
    for item in merged:
        why = f"第{draft.number}项重复列出“{item.name}”，按其中最主要的角色记一次（待确认）"
        problems.append(Problem(draft.line, item.name, why))
    for clause in empty:
        problems.append(
            Problem(draft.line, clause, f"第{draft.number}项的责任单位“{clause}”里没有单位名称")
        )
    if not named:
        problems.append(
            Problem(draft.line, requirement[:40], f"第{draft.number}项没有读到责任单位")
        )
    parties: dict[tuple[str, Role], Party] = {}
    for item in named:
        name, kind, known = _canonical(item.name, registry)
        if not known:
            unknown.setdefault(name, []).append(draft.number)
        parties.setdefault((name, item.role), Party(name, kind, item.role))
    task = Task(
        number=draft.number,
        section=draft.section,
        requirement=requirement,
        responsibility=responsibility,
        parties=tuple(parties.values()),
        line=draft.line,
        printed=draft.printed,
        time_text="；".join(times) or None,
    )
    return task, problems


def _numbered_preamble(rows: list[_Row]) -> list[Problem]:
    """Numbered paragraphs above a notice's table (the same points stated as prose before
    the allocation table): not read as tasks, and listed so the office can check."""
    return [
        Problem(r.line, r.text[:40], "表格之前的编号段落，未读作任务（待确认）")
        for r in rows
        if (found := task_number(r.text)) is not None and found.style is Style.DOT
    ]


def _progress_column(header: list[_Row]) -> list[Problem]:
    """Rule "progress column": a ledger's 落实情况 / 进展情况 column reports what was done;
    its cells are neither requirement nor parties, and the header cell says they are unread."""
    return [
        Problem(row.line, cell, _PROGRESS)
        for row in header
        for cell in row.cells
        if column_kind(cell) == "progress"
    ][:1]


def _scope_notes(rows: list[_Row]) -> list[tuple[int, int, ScopeNote]]:
    """Each scope note (以下均需X落实，不再逐一列出 / …涉及X，不再做分工，下同): its line, the
    line its scope stops at, and the note.

    A 以下 note inside a section holds until the next section heading; one above every
    section, and a 下同 note, hold to the end of the notice.
    """
    headings = [r.line for r in rows if len(r.cells) == 1 and section_heading(r.cells[0])]
    notes = []
    for row in rows:
        note = scope_note(name_key(row.text))
        if note is None:
            continue
        inside = not note.here and any(h < row.line for h in headings)
        stop = next((h for h in headings if h > row.line), None) if inside else None
        notes.append((row.line, stop if stop is not None else row.line + 10**9, note))
    return notes


def _numbering_problems(tasks: list[Task]) -> list[Problem]:
    problems = []
    seen: dict[int, Task] = {}
    for previous, task in zip([None, *tasks], tasks, strict=False):
        if task.number in seen:
            problems.append(
                Problem(task.line, task.requirement[:40], f"编号第{task.number}项重复出现")
            )
        elif previous is not None and task.number > previous.number + 1:
            missing = f"第{previous.number + 1}项" + (
                f"至第{task.number - 1}项" if task.number - previous.number > 2 else ""
            )
            problems.append(
                Problem(task.line, task.requirement[:40], f"编号跳过了{missing}，可能有任务未读到")
            )
        seen.setdefault(task.number, task)
    return problems


def _odd_styles(drafts: list[_Draft]) -> list[Problem]:
    """Rule "odd numbering style": a task numbered in a style only it uses, among tasks that
    share another (（一） before 2. and 3.: a subsection row naming units of its own), is read
    as a task and listed for the office to confirm."""
    styles = Counter(d.style for d in drafts if d.style is not None)
    if len(styles) < 2:
        return []
    return [
        Problem(
            d.line,
            d.printed or "",
            f"第{d.number}项的编号“{d.printed}”与其他各项的样式不同，已读作任务（待确认）",
        )
        for d in drafts
        if d.style is not None and styles[d.style] == 1 and len(drafts) > 2
    ]


def _registry_problems(
    tasks: list[Task], registry: Registry, unknown: dict[str, list[int]]
) -> list[Problem]:
    line_of = {t.number: t.line for t in tasks}
    problems = []
    for name, numbers in unknown.items():
        where = "、".join(f"第{n}项" for n in dict.fromkeys(numbers))
        if _looks_like_group(name):
            why = f"统称“{name}”不在单位名录中，成员未知（{where}）"
        else:
            match = registry.find(name)
            hint = f"，最接近的是“{match.entry.name}”" if match else ""
            why = f"单位“{name}”不在单位名录中{hint}（{where}）"
        problems.append(Problem(line_of[numbers[0]], name, why))
    pending: dict[str, list[Task]] = defaultdict(list)
    for task in tasks:
        for party in task.parties:
            entry = registry.lookup(party.name)
            if isinstance(entry, Group) and entry.pending:
                pending[entry.name].append(task)
    for name, group_tasks in pending.items():
        where = "、".join(f"第{t.number}项" for t in group_tasks)
        problems.append(
            Problem(group_tasks[0].line, name, f"统称“{name}”的范围待办公室明确（{where}）")
        )
    return problems


def signing_date(line: str) -> date | None:
    """The date a line holding only a date states (2017年2月24日, 二〇一七年二月二十四日)."""
    match = _DATE_LINE.match(line)
    parts: tuple[int | None, ...] = tuple(map(int, match.groups())) if match else ()
    cjk = _CJK_DATE_LINE.match(line)
    if cjk:
        year = int(cjk.group(1).translate(_YEAR_DIGITS))
        parts = (year, cjk_to_int(cjk.group(2)), cjk_to_int(cjk.group(3)))
    if not parts or None in parts:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None  # a typo such as 2月30日 is no signing date


def _preamble_facts(rows: list[_Row]) -> tuple[str, date | None]:
    title = notice_title([r.text for r in rows])
    issued = None
    for row in rows:
        issued = signing_date(row.text.replace(" ", ""))
        if issued is not None:
            break
    return title, issued


def _body_start(rows: list[_Row]) -> tuple[int, dict[str, int] | None]:
    for index, row in enumerate(rows):
        columns = header_columns(row)
        if columns is not None:
            return index + 1, columns
        joined = (
            wrapped_header(row.cells, rows[index + 1].cells) if index + 1 < len(rows) else None
        )
        if joined is not None:
            return index + 2, header_of(joined)
    for index, row in enumerate(rows):
        if len(row.cells) == 1 and section_heading(row.cells[0]):
            return index, None
    return _first_task_row(rows), None


def _first_task_row(rows: list[_Row]) -> int:
    """Where a notice with no table and no section heading starts: at task 1, or else at the
    first paragraph that ends in its responsibility note (a notice that numbers no task)."""
    for index, row in enumerate(rows):
        found = task_number(row.text)
        if found is not None and found.value == 1 and found.style is not Style.CIRCLED:
            return index
    for index, row in enumerate(rows):
        if split_inline_responsibility(row.text)[1] is not None:
            return index
    return len(rows)


def _cell_table_start(rows: list[_Row]) -> tuple[int, dict[str, int], list[_Row]] | None:
    """Where a table written one cell per line starts, its layout, and its rows rebuilt."""
    for index in range(len(rows)):
        texts = [r.text for r in rows[index : index + 8] if len(r.cells) == 1]
        if len(texts) < 3 or len(rows[index].cells) != 1:
            continue
        columns = cell_header(texts)
        if columns is None:
            continue
        count = header_length(texts)
        cells = [
            CellLine(r.line, r.text, r.line > p.line + 1 or p.closed)
            for p, r in zip(rows[index + count - 1 :], rows[index + count :], strict=False)
        ]
        if not any(c.gap for c in cells):  # no blank line anywhere: every line is a cell
            cells = [CellLine(c.line, c.text, True) for c in cells]
        columns, grouped = group_cells(cells, columns, lambda t: section_heading(t) is not None)
        return index + count, columns, [_Row(line, cells) for line, cells in grouped]
    return None


def _task_styles(rows: list[_Row]) -> frozenset[Style] | None:
    """The numbering styles of the tasks of a notice in lines: those whose items mostly hold
    exactly one responsibility block (a heading holds many, a point inside a task none);
    None if no style does."""
    items: list[tuple[int, Style | None]] = []
    blocks: list[int] = []
    for index, row in enumerate(rows):
        text = row.cells[0] if len(row.cells) == 1 else row.text
        if section_heading(text):
            items.append((index, None))
            continue
        found = task_number(text, bare=True)
        if found is not None:
            items.append((index, found.style))
        if LABEL.match(name_key(text)) or split_inline_responsibility(text)[1]:
            blocks.append(index)
    good: dict[Style, int] = defaultdict(int)
    seen: dict[Style, int] = defaultdict(int)
    for position, (index, style) in enumerate(items):
        if style is None:
            continue
        seen[style] += 1
        end = next((i for i, s in items[position + 1 :] if s is None or s is style), len(rows))
        if sum(index <= b < end for b in blocks) == 1:
            good[style] += 1
    styles = {s for s in good if good[s] * 2 > seen[s]}
    return frozenset(styles - _outer_styles(items, styles)) or None


def _outer_styles(items: list[tuple[int, Style | None]], styles: set[Style]) -> set[Style]:
    """Of the candidate task styles, those whose items hold items of another candidate: a
    subsection heading (（一）抓机遇…) above numbered tasks (1.…), not a task itself."""
    outer = set()
    for position, (_, style) in enumerate(items):
        if style not in styles:
            continue
        for _, inner in items[position + 1 :]:
            if inner is None or inner is style:
                break
            if inner in styles:
                outer.add(style)
    return outer


def _numbered_table(rows: list[_Row], columns: dict[str, int]) -> bool:
    """True if the table numbers its tasks (a 序号 column or numbers before requirements)."""
    for row in rows:
        for kind in ("number", "requirement"):
            index = columns.get(kind)
            if (
                index is not None
                and index < len(row.cells)
                and task_number(row.cells[index], bare=kind == "number")
            ):
                return True
    return False


def parse_plan(text: str, registry: Registry) -> Plan:
    """Read a notice's text into a Plan with canonical party names and a problem report."""
    return parse_rows(text_cells(text), registry)


def parse_rows(raw_rows: Iterable[RawRow], registry: Registry) -> Plan:
    """Read a notice given as numbered rows of cells into a Plan.

    Every container shares this: the text export (a row per line, cells at tabs), a Word
    document (a row per table row or paragraph) and a workbook (a row per sheet row). The
    number of a row is where a problem found in it is reported.
    """
    spaced, unsplit = unspace_table(raw_rows)
    recorded, unrecorded = label_records(spaced)
    listed, doubts = split_spaced_units(recorded)
    rows = tidy_rows(listed)
    start, columns = _body_start(rows)
    cells_at = _cell_table_start(rows[:start] if columns else rows)
    if cells_at is not None:
        start, columns, body = cells_at
    else:
        body = rows[start:]
    title, issued = _preamble_facts(rows[: max(start - 1, 0)] if columns else rows[:start])
    reader = _Reader(columns, None if columns else _task_styles(body))
    reader.sections_expected = any(
        len(r.cells) == 1 and section_heading(r.cells[0]) for r in body
    ) or bool(columns and "section" in columns)
    reader.unnumbered = bool(columns) and not _numbered_table(body, columns)
    for row in body:
        reader.read(row)
    unknown: dict[str, list[int]] = {}
    tasks, problems = (
        [],
        [*unsplit, *unrecorded, *doubts, *reader.problems, *reader.empty_sections()],
    )
    if columns:
        problems.extend(_numbered_preamble(rows[: max(start - 1, 0)]))
        problems.extend(_progress_column(rows[max(start - 8, 0) : start]))
    numbers = plan_numbers([d.number if d.printed else None for d in reader.drafts])
    note_line = next(
        (r.line for r in rows if FIRST_IS_LEAD.search(simplified(name_key(r.text)))), None
    )
    scope_notes = _scope_notes(rows)
    ends = [d.line - 1 for d in reader.drafts[1:]] + ([rows[-1].line] if reader.drafts else [])
    for draft, number, end in zip(reader.drafts, numbers, ends, strict=True):
        if draft.printed and number != draft.number:
            problems.append(
                Problem(
                    draft.line, draft.printed, f"原编号“{draft.printed}”，按顺序记为第{number}项"
                )
            )
        draft.number = number
        # The note applies from the task that holds it on.
        first_leads = note_line is not None and end >= note_line
        scoped = [
            note
            for line, stop, note in scope_notes
            if (end >= line if note.here else draft.line > line) and draft.line < stop
        ]
        task, task_problems = _build_task(
            draft, registry, unknown, first_leads=first_leads, scoped=scoped
        )
        tasks.append(task)
        problems.extend(task_problems)
    problems.extend(_numbering_problems(tasks))
    problems.extend(_odd_styles(reader.drafts))
    problems.extend(_registry_problems(tasks, registry, unknown))
    if not tasks:
        problems.append(Problem(0, "", "没有读到任何编号任务"))
    problems.sort(key=lambda p: p.line)
    return Plan(
        title=title,
        issued=issued,
        sections=tuple(reader.sections),
        tasks=tuple(tasks),
        problems=tuple(problems),
    )


def load_plan(path: Path, registry: Registry) -> Plan:
    """Read the notice at `path`; a file that cannot be read or holds no task raises NoticeError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise NoticeError(path, f"无法按 UTF-8 文本读取（{error}）") from error
    plan = parse_plan(text, registry)
    if not plan.tasks:
        raise NoticeError(path, "没有读到任何编号任务")
    return plan
