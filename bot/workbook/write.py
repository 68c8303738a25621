"""Write a plan as a workbook an office clerk corrects in WPS or Excel, then imports back.

One row per task (序号, 部分, 具体要求, 牵头, 负责, 配合, 参照落实, 截止日期, 时限原文, 待确认),
each section a row of its own above its tasks, and a sheet telling how to edit. Every cell that
comes from the notice is written as a string (no formulas, no numbers guessed from text);
`bot.workbook.read` reads the file back exactly. Pure but for xlsxwriter.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import xlsxwriter
from xlsxwriter.format import Format

import bot.workbook.texts as wt
from bot.ledger.deadlines import Milestone, Source, task_milestones
from bot.normalize import printable
from bot.plan import Plan, Problem, Section, Task
from bot.texts import problem_line
from bot.workbook.read import section_cell

_WIDTHS = {wt.NUMBER: 6, wt.SECTION: 16, wt.REQUIREMENT: 60, wt.DUE: 14, wt.TIME_TEXT: 14}
_PARTY_WIDTH = 18
_CHECK_WIDTH = 40
_HEADER_ROW = 3  # below the title, the issue date and a blank row
_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}


def stated_dates(milestones: tuple[Milestone, ...]) -> list[date]:
    """The dates the notice states for a task: neither the default nor the office's own."""
    return [m.due for m in milestones if m.source not in (Source.DEFAULT, Source.OFFICE)]


def _rows(plan: Plan) -> Iterator[Section | Task]:
    """Tasks outside every section first, then each section followed by its tasks."""
    known = {s.number for s in plan.sections}
    yield from (t for t in plan.tasks if t.section not in known)
    for section in plan.sections:
        yield section
        yield from plan.tasks_in(section.number)


def _checks(plan: Plan) -> dict[int, list[Problem]]:
    """Each problem under the task whose rows it was found in (the last task starting at or
    before its line); problems before the first task are left to the guide sheet."""
    starts = sorted((t.line, t.number) for t in plan.tasks)
    found: dict[int, list[Problem]] = {}
    for problem in plan.problems:
        owner = None
        for line, number in starts:
            if line > problem.line:
                break
            owner = number
        if owner is not None:
            found.setdefault(owner, []).append(problem)
    return found


def _task_cells(task: Task, milestones: tuple[Milestone, ...], checks: list[Problem]) -> list[str]:
    parties = ["、".join(p.name for p in task.parties_with(role)) for role in wt.ROLE_COLUMNS]
    dates = "、".join(d.isoformat() for d in stated_dates(milestones))
    words = task.time_text or "、".join(m.words for m in milestones if m.words)
    check = "\n".join(problem_line(p) for p in checks)
    return [str(task.number), "", task.requirement, *parties, dates, words, check]


def plan_workbook(plan: Plan, year_end: date | None) -> bytes:
    """The plan as an .xlsx file's bytes; `year_end` dates the tasks due once a year."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, _OPTIONS)
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"})
    section = book.add_format({"bold": True, "bg_color": "#F2F2F2"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    text = book.add_format({"num_format": "@", "valign": "top"})
    sheet = book.add_worksheet(wt.SHEET)
    issued = plan.issued.isoformat() if plan.issued else ""
    for row, (label, value) in enumerate(
        ((wt.TITLE_LABEL, plan.title), (wt.ISSUED_LABEL, issued))
    ):
        sheet.write_string(row, 0, label, bold)
        if value:
            sheet.write_string(row, 1, printable(value))
    for column, name in enumerate(wt.COLUMNS):
        sheet.write_string(_HEADER_ROW, column, name, header)
        width = _WIDTHS.get(name, _CHECK_WIDTH if name == wt.CHECK else _PARTY_WIDTH)
        sheet.set_column(column, column, width, text if name == wt.DUE else wrap)
    sheet.freeze_panes(_HEADER_ROW + 1, 0)
    checks = _checks(plan)
    last = len(wt.COLUMNS) - 1
    for row, item in enumerate(_rows(plan), _HEADER_ROW + 1):
        if isinstance(item, Section):
            sheet.merge_range(row, 1, row, last, "", section)
            sheet.write_string(row, 1, printable(section_cell(item)), section)
            continue
        milestones = task_milestones(item, office=(), year_end=year_end, start=plan.issued)
        for column, value in enumerate(_task_cells(item, milestones, checks.get(item.number, []))):
            if value:
                sheet.write_string(row, column, printable(value))
    _guide(book, plan, checks, bold, wrap)
    sheet.activate()
    book.close()
    return out.getvalue()


def _guide(
    book: xlsxwriter.Workbook,
    plan: Plan,
    checks: dict[int, list[Problem]],
    bold: Format,
    wrap: Format,
) -> None:
    """The sheet telling the clerk how to edit, with the problems no task row shows."""
    guide = book.add_worksheet(wt.GUIDE_SHEET)
    guide.set_column(0, 0, 100, wrap)
    guide.write_string(0, 0, wt.GUIDE_MARK, bold)
    lines = list(wt.GUIDE)
    shown = {id(p) for found in checks.values() for p in found}
    others = [problem_line(p) for p in plan.problems if id(p) not in shown]
    if others:
        lines += [wt.OTHER_PROBLEMS, *others]
    for row, line in enumerate(lines, 1):
        guide.write_string(row, 0, printable(line))
