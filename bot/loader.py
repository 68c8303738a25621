"""Read a task-allocation notice (工作要点分工方案) exported as text into a Plan.

Handles both layouts offices publish: a table (one row per task, cells separated by tabs, with
a header row naming the columns) and paragraphs ("1. 要求……（牵头单位：…；配合单位：…）").
Each export quirk has its own small function. Whatever cannot be read becomes a Problem with
its line number; nothing is dropped or guessed silently.

The row parser (`parse_rows`) takes rows of cells from any container: the text export here,
Word documents and workbooks in `bot.importers`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.errors import NoticeError
from bot.normalize import cjk_punctuation, cjk_to_int, name_key, strip_markup, tidy_prose
from bot.plan import Party, PartyKind, Plan, Problem, Role, Section, Task
from bot.registry import Group, Registry
from bot.responsibility import LABEL, PLACEHOLDERS, split_responsibility
from bot.title import notice_title

_NUMERAL = "[一二三四五六七八九十]+"
_SECTION = re.compile(rf"^(?:第({_NUMERAL})部分|({_NUMERAL})、)\s*(.+)$")
_TASK = re.compile(
    rf"^(?:(\d{{1,4}})[.．、](?!\d)|[（(](\d{{1,4}})[）)]|[（(]({_NUMERAL})[）)])\s*(.*)$"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[—\-－–]+\s*\d+\s*[—\-－–]+|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("responsibility", ("责任单位", "责任部门", "责任科室", "责任处室", "承办单位", "责任主体")),
    ("lead", ("牵头单位", "牵头部门", "牵头科室", "牵头处室")),
    ("cooperate", ("配合单位", "配合部门", "配合科室", "配合处室", "协办单位")),
    ("number", ("序号", "编号")),
    ("requirement", ("要求", "措施", "内容", "举措")),
    ("section", ("任务", "项目", "类别", "事项")),
)
_PARTY_COLUMNS = ("responsibility", "lead", "cooperate")
_COLUMN_LABELS = {"lead": "牵头单位：", "cooperate": "配合单位：", "responsibility": ""}
_HEADER_CELL_MAX = 10

RawRow = tuple[int, Sequence[str]]
"""A row as a container holds it: its line (or position) number and its cells, untidied."""


@dataclass(slots=True)
class _Row:
    line: int
    cells: list[str]

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


def is_page_number(text: str) -> bool:
    """True for page furniture an export leaves between rows: ``— 2 —``, ``第 2 页``, ``2/5``."""
    return bool(_PAGE_NUMBER.match(text))


def text_cells(text: str) -> list[RawRow]:
    """Cut a text export into numbered rows of raw cells: one row per line, cells at tabs."""
    return [
        (number, strip_markup(raw).split("\t")) for number, raw in enumerate(text.splitlines(), 1)
    ]


def tidy_rows(rows: Iterable[RawRow]) -> list[_Row]:
    """Tidy every cell, dropping ``<p>`` fragments, blank rows and page numbers."""
    tidied = []
    for number, raw in rows:
        cells = [tidy_prose(strip_markup(cell)) for cell in raw]
        if any(cells) and not is_page_number(" ".join(cells).strip()):
            tidied.append(_Row(number, cells))
    return tidied


def split_rows(text: str) -> list[_Row]:
    """Cut the export into rows of tidied cells, dropping ``<p>`` fragments, blank rows and
    page numbers."""
    return tidy_rows(text_cells(text))


def header_columns(row: _Row) -> dict[str, int] | None:
    """The column layout if `row` is a table header (工作任务 / 具体要求 / 责任单位), else None."""
    filled = [c for c in row.cells if c]
    if len(filled) < 2 or any(len(c) > _HEADER_CELL_MAX for c in filled):
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        kind = next((k for k, words in _COLUMN_WORDS if any(w in cell for w in words)), None)
        if kind and kind not in columns:
            columns[kind] = index
    if not any(k in columns for k in _PARTY_COLUMNS):
        return None
    return columns


def section_heading(cell: str) -> tuple[int, str] | None:
    """``十三、加强 配套制度 建设。`` → (13, ``加强配套制度建设``); None if not a heading."""
    match = _SECTION.match(cell)
    if not match:
        return None
    number = cjk_to_int(match.group(1) or match.group(2))
    title = cjk_punctuation(tidy_prose(match.group(3))).rstrip("。.")
    return (number, title) if number and title else None


def task_start(cell: str) -> tuple[int, str] | None:
    """``7.按省政府…`` (no space after the number), ``（3）…`` → (number, rest); else None."""
    match = _TASK.match(cell)
    if not match:
        return None
    arabic = match.group(1) or match.group(2)
    number = int(arabic) if arabic else cjk_to_int(match.group(3) or "")
    return (number, match.group(4)) if number else None


def split_inline_responsibility(text: str) -> tuple[str, str | None]:
    """Split ``要求……（牵头单位：甲；配合单位：乙）`` into the requirement and the bracket's content.

    Brackets nest (固体废物与核（辐射）安全管理科), so the bracket is found by balancing
    from the end rather than by a regular expression.
    """
    body = text.rstrip("。 ")
    if not body.endswith(("）", ")")):
        return text, None
    depth = 0
    for index in range(len(body) - 1, -1, -1):
        char = body[index]
        depth += char in "）)"
        depth -= char in "（("
        if depth == 0:
            inner = body[index + 1 : -1]
            if LABEL.match(name_key(inner)):
                return body[:index].rstrip(), inner
            return text, None
    return text, None


def _column_party_text(kind: str, cell: str) -> str:
    if kind == "responsibility":
        return cell
    return _COLUMN_LABELS[kind] + re.sub(r"[，；,;]", "、", cell)


class _Reader:
    """Walks the rows once, keeping the current section and task."""

    def __init__(self, columns: dict[str, int] | None) -> None:
        self.columns = columns
        self.section = 0
        self.sections: list[Section] = []
        self.drafts: list[_Draft] = []
        self.problems: list[Problem] = []
        self.section_changed = False

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

    def read_table_row(self, row: _Row) -> None:
        section_cell = self.cell(row, "section")
        if section_cell and not self.repeats_section(section_cell):
            self.start_section(row, section_cell)
        number_cell = self.cell(row, "number").rstrip(".．、")
        requirement = self.cell(row, "requirement")
        started = self.start_task(
            row, f"{number_cell}. {requirement}" if number_cell else requirement
        )
        if not started and requirement and not self.repeats_requirement(requirement):
            self.continue_task(row, requirement)
        for kind in _PARTY_COLUMNS:
            party_cell = self.cell(row, kind)
            if party_cell and party_cell not in PLACEHOLDERS and self.current is not None:
                text = _column_party_text(kind, party_cell)
                if text not in self.current.responsibility:
                    self.current.responsibility.append(text)

    def repeats_section(self, cell: str) -> bool:
        """True if `cell` is the current section's heading again.

        A Word table repeats a vertically merged cell on every row it spans, so the section
        column names the section once per task.
        """
        heading = section_heading(cell)
        last = self.sections[-1] if self.sections else None
        return heading is not None and last is not None and heading == (last.number, last.title)

    def repeats_requirement(self, cell: str) -> bool:
        """True if `cell` is the current task's requirement again (a merged cell repeated)."""
        draft = self.current
        if draft is None or not draft.requirement:
            return False
        start = task_start(cell)
        body = start[1] if start is not None and start[0] == draft.number else cell
        return split_inline_responsibility(body)[0] == "".join(draft.requirement)

    def read_line(self, row: _Row, text: str) -> None:
        heading = section_heading(text)
        if heading:
            self.start_section(row, text)
            return
        if self.start_task(row, text):
            return
        draft = self.current
        if draft is not None and LABEL.match(name_key(text)):
            draft.responsibility.append(text)
        elif draft is not None and not draft.responsibility:
            self.continue_task(row, text)
        else:
            self.problems.append(
                Problem(row.line, text, "不是章节、任务或责任单位，未归入任何任务")
            )

    def start_section(self, row: _Row, cell: str) -> None:
        heading = section_heading(cell)
        if heading is None:
            self.problems.append(Problem(row.line, cell, "章节标题无法识别"))
            return
        self.section = heading[0]
        self.sections.append(Section(*heading))
        self.section_changed = True

    def start_task(self, row: _Row, cell: str) -> bool:
        start = task_start(cell)
        if start is None:
            return False
        number, rest = start
        last = self.current.number if self.current else 0
        restarted = number == 1 and self.section_changed
        if number <= last and not restarted:
            return False  # "1.5万条" inside a requirement, not a new task
        if self.section == 0:
            self.problems.append(Problem(row.line, cell, f"第{number}项出现在任何章节之前"))
        self.drafts.append(_Draft(number, self.section, row.line))
        self.section_changed = False
        if rest:
            self.continue_task(row, rest)
        return True

    def continue_task(self, row: _Row, text: str) -> None:
        draft = self.current
        if draft is None:
            self.problems.append(Problem(row.line, text, "出现在第一项任务之前，未归入任何任务"))
            return
        requirement, inline = split_inline_responsibility(text)
        draft.requirement.append(requirement)
        if inline:
            draft.responsibility.append(inline)


def _looks_like_group(name: str) -> bool:
    return (
        "各" in name
        or name.startswith(("具有", "负有", "涉及", "有关", "相关"))
        or name.endswith("等")
    )


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
    draft: _Draft, registry: Registry, unknown: dict[str, list[int]]
) -> tuple[Task, list[Problem]]:
    problems = []
    requirement = cjk_punctuation("".join(draft.requirement))
    responsibility = name_key("；".join(draft.responsibility))
    named, empty = split_responsibility(responsibility)
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
    )
    return task, problems


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


def _preamble_facts(rows: list[_Row]) -> tuple[str, date | None]:
    title = notice_title([r.text for r in rows])
    issued = None
    for row in rows:
        match = _DATE_LINE.match(row.text.replace(" ", ""))
        if match:
            try:
                issued = date(*map(int, match.groups()))
            except ValueError:
                continue  # a typo such as 2月30日 is no signing date
            break
    return title, issued


def _body_start(rows: list[_Row]) -> tuple[int, dict[str, int] | None]:
    for index, row in enumerate(rows):
        columns = header_columns(row)
        if columns is not None:
            return index + 1, columns
    for index, row in enumerate(rows):
        if len(row.cells) == 1 and section_heading(row.cells[0]):
            return index, None
    return len(rows), None


def parse_plan(text: str, registry: Registry) -> Plan:
    """Read a notice's text into a Plan with canonical party names and a problem report."""
    return parse_rows(text_cells(text), registry)


def parse_rows(raw_rows: Iterable[RawRow], registry: Registry) -> Plan:
    """Read a notice given as numbered rows of cells into a Plan.

    Every container shares this: the text export (a row per line, cells at tabs), a Word
    document (a row per table row or paragraph) and a workbook (a row per sheet row). The
    number of a row is where a problem found in it is reported.
    """
    rows = tidy_rows(raw_rows)
    start, columns = _body_start(rows)
    title, issued = _preamble_facts(rows[: max(start - 1, 0)] if columns else rows[:start])
    reader = _Reader(columns)
    for row in rows[start:]:
        reader.read(row)
    unknown: dict[str, list[int]] = {}
    tasks, problems = [], list(reader.problems)
    for draft in reader.drafts:
        task, task_problems = _build_task(draft, registry, unknown)
        tasks.append(task)
        problems.extend(task_problems)
    problems.extend(_numbering_problems(tasks))
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
