"""Read back the workbook `bot.workbook.write` writes, exactly as the clerk left it.

The workbook is recognised by its header row (序号, 部分, 具体要求, 牵头, 负责, 配合, 参照落实,
截止日期 in any order, each a whole cell), among the rows of cells any container gives
(`bot.notice_files.importers`). Nothing is guessed: a role column's names are that role's parties, the
序号 is the task's number, the 截止日期 its due dates (`Task.due`); what cannot be read is a
Problem with its row. The 待确认 column is for the clerk only and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import bot.workbook.texts as wt
from bot.ledger.deadlines import written_date
from bot.normalize import int_to_cjk, strip_markup, tidy_prose
from bot.plan import Party, Plan, Problem, Role, Section, Task
from bot.reading.loader import RawRow, _canonical, _registry_problems, section_heading
from bot.reading.responsibility import split_names
from bot.registry.units import Registry

_NAME_SEPARATORS = re.compile(r"[，,；;\r\n]+")  # a space inside a name is a typo, not a break
_DATE_SEPARATORS = re.compile(r"[、，,；;\s]+")
_LABELS = {wt.TITLE_LABEL, wt.ISSUED_LABEL}


def _tidy(cell: str) -> str:
    return tidy_prose(strip_markup(cell))


def header_columns(cells: Sequence[str]) -> dict[str, int] | None:
    """The column of each name if `cells` are the workbook's header row, else None."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _tidy(cell).replace(" ", "")
        if name in wt.COLUMNS:
            columns.setdefault(name, index)
    return columns if all(name in columns for name in wt.REQUIRED) else None


@dataclass(slots=True)
class _Reader:
    """Walks the rows below the header once, keeping the current section."""

    columns: dict[str, int]
    registry: Registry
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    section: int = 0
    unknown: dict[str, list[int]] = field(default_factory=dict)

    def raw(self, cells: Sequence[str], name: str) -> str:
        index = self.columns.get(name)
        return strip_markup(cells[index]) if index is not None and index < len(cells) else ""

    def cell(self, cells: Sequence[str], name: str) -> str:
        return tidy_prose(self.raw(cells, name))

    def read(self, line: int, cells: Sequence[str]) -> None:
        heading = self.cell(cells, wt.SECTION)
        if heading:
            self.start_section(heading)
        number_text = self.cell(cells, wt.NUMBER)
        if number_text:
            self.read_task(line, cells, number_text)
            return
        rest = [c for c in map(_tidy, cells) if c and c != heading]
        if rest:
            self.problems.append(Problem(line, rest[0], wt.NO_NUMBER))

    def start_section(self, heading: str) -> None:
        if self.sections and heading in (self.sections[-1].title, section_cell(self.sections[-1])):
            return  # the section named again on a task row
        numbered = section_heading(heading)
        last = max((s.number for s in self.sections), default=0)
        number, title = numbered if numbered else (last + 1, heading)
        self.sections.append(Section(number, title))
        self.section = number

    def read_task(self, line: int, cells: Sequence[str], number_text: str) -> None:
        digits = number_text.rstrip(".．、")  # 35. as a clerk may type it
        number = int(digits) if digits.isdecimal() else 0
        if number < 1:
            self.problems.append(
                Problem(line, number_text, wt.BAD_NUMBER.format(text=number_text))
            )
            return
        requirement = self.cell(cells, wt.REQUIREMENT)
        if any(t.number == number for t in self.tasks):
            why = wt.REPEATED_NUMBER.format(number=number)
            self.problems.append(Problem(line, requirement[:40], why))
            return
        parties = self.parties(number, cells)
        if not requirement:
            self.problems.append(Problem(line, "", wt.NO_REQUIREMENT.format(number=number)))
        if not parties:
            self.problems.append(
                Problem(line, requirement[:40], wt.NO_PARTIES.format(number=number))
            )
        time_text = self.cell(cells, wt.TIME_TEXT)
        self.tasks.append(
            Task(
                number=number,
                section=self.section,
                requirement=requirement,
                responsibility=_responsibility(parties),
                parties=parties,
                line=line,
                printed=number_text,
                time_text=time_text or None,
                due=self.due(line, number, self.raw(cells, wt.DUE)),
            )
        )

    def parties(self, number: int, cells: Sequence[str]) -> tuple[Party, ...]:
        found: dict[tuple[str, Role], Party] = {}
        for role, column in wt.ROLE_COLUMNS.items():
            written = _NAME_SEPARATORS.sub("、", self.raw(cells, column))
            for name in split_names(written):
                canonical, kind, known = _canonical(name, self.registry)
                if not known:
                    self.unknown.setdefault(canonical, []).append(number)
                found.setdefault((canonical, role), Party(canonical, kind, role))
        return tuple(found.values())

    def due(self, line: int, number: int, text: str) -> tuple[date, ...]:
        dates = []
        for word in filter(None, _DATE_SEPARATORS.split(text)):
            day = _date(word)
            if day is None:
                why = wt.BAD_DATE.format(number=number, text=word)
                self.problems.append(Problem(line, text, why))
            else:
                dates.append(day)
        return tuple(sorted(set(dates)))


def section_cell(section: Section) -> str:
    """``一、加强政策解读``: a section as its row shows it."""
    return f"{int_to_cjk(section.number)}、{section.title}" if section.number else section.title


def _date(text: str) -> date | None:
    """A date written with its year (2022-06-30, 2022年6月30日 …), or None."""
    parts = written_date(text)
    if parts is None or parts[0] is None:
        return None
    year, month, day = parts
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _responsibility(parties: tuple[Party, ...]) -> str:
    """The parties as a notice would write them: ``牵头单位：甲；配合单位：乙、丙``."""
    clauses = []
    for role, column in wt.ROLE_COLUMNS.items():
        names = "、".join(p.name for p in parties if p.role is role)
        if names:
            clauses.append(wt.RESPONSIBILITY.format(role=column, names=names))
    return "；".join(clauses)


def _preamble(rows: Sequence[RawRow]) -> tuple[str, date | None, list[Problem]]:
    """The title and issue date from the labelled rows above the header."""
    title, issued, problems = "", None, []
    for line, cells in rows:
        tidied = [_tidy(c) for c in cells]
        if len(tidied) < 2 or tidied[0] not in _LABELS:
            continue
        value = next((c for c in tidied[1:] if c), "")
        if tidied[0] == wt.TITLE_LABEL:
            title = value
        elif value:
            issued = _date(value)
            if issued is None:
                problems.append(Problem(line, value, wt.BAD_ISSUED.format(text=value)))
    return title, issued, problems


def workbook_plan(rows: Sequence[RawRow], registry: Registry) -> Plan | None:
    """The Plan the workbook's rows say, or None when the rows are not the plan workbook."""
    start = next((i for i, (_, c) in enumerate(rows) if header_columns(c) is not None), None)
    if start is None:
        return None
    columns = header_columns(rows[start][1]) or {}
    title, issued, problems = _preamble(rows[:start])
    reader = _Reader(columns, registry, problems=problems)
    for line, cells in rows[start + 1 :]:
        if cells and _tidy(cells[0]) == wt.GUIDE_MARK:
            break  # the guide sheet follows the table
        reader.read(line, cells)
    reader.problems.extend(_registry_problems(reader.tasks, registry, reader.unknown))
    if not reader.tasks:
        reader.problems.append(Problem(0, "", wt.NO_TASKS))
    return Plan(
        title=title,
        issued=issued,
        sections=tuple(reader.sections),
        tasks=tuple(reader.tasks),
        problems=tuple(sorted(reader.problems, key=lambda p: p.line)),
    )
