"""The 台账 workbook's columns, each declared once: its header, what it holds, how wide it may be.

`LEDGER_COLUMNS` are the 台账 sheet's, one row per task (`TaskLine`: the task, its units'
standings, the knowledge and the ledger); `HISTORY_COLUMNS` the 历史 sheet's, one row per ledger
record (`Entry`). A column is added with one line in its list, e.g.
``Column("批示", lambda line: instructions(line.ledger, line.task.number), 12, 30)``; another
list sheet is one more `Column` list and one `_table_sheet` call in `bot.office.export`. The
writer sizes, types and styles cells from the values alone: text, numbers, dates and moments
(aware datetimes, shown on the office's clock).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter, itemgetter
from typing import Generic, TypeVar

from bot.answers.model import Knowledge
from bot.evidence.listing import described
from bot.ledger.history import (
    AMEND,
    DECISION,
    EVIDENCE,
    EXTENSION,
    INSTRUCTION,
    RENUMBER,
    REPORT,
    RETURN,
    VERIFY,
    WITHDRAW,
    Entry,
    Ledger,
)
from bot.office.overview import Standing, UnitStanding
from bot.office.texts import ONTIME_SHEET_HEADER, SheetRow
from bot.office.trail import Trail
from bot.plan import Task

__all__ = [
    "HISTORY_COLUMNS",
    "KINDS",
    "LEDGER_COLUMNS",
    "STATS_COLUMNS",
    "Column",
    "TaskLine",
    "completion",
]

T = TypeVar("T")

KINDS = {
    REPORT: "报告",
    WITHDRAW: "撤回",
    AMEND: "修改",
    EXTENSION: "延期申请",
    DECISION: "延期审批",
    RETURN: "退回",
    VERIFY: "复核通过",
    RENUMBER: "通知修订",
    EVIDENCE: "佐证材料",
    INSTRUCTION: "领导批示",
}
_SENTENCE_END = ("。", "！", "？", "；", "…", ".", "!", "?", ";")


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column: its header, its cell's value for a row, and its width's bounds (units).

    A column is as wide as its longest line within [least, most]; longer text wraps.
    `centred` cells are centred; `coloured` cells are filled in the colour of the standing
    they show. The 台账 sheet wraps every cell; the 历史 sheet (tens of thousands of rows, kept
    light) only those of columns that `wraps`.
    """

    header: str
    value: Callable[[T], object]
    least: float
    most: float
    centred: bool = False
    coloured: bool = False
    wraps: bool = False


@dataclass(frozen=True, slots=True)
class TaskLine:
    """What the 台账 row of one task is made from."""

    task: Task
    section: str  # the section's label on its first task's row, else ""
    units: tuple[UnitStanding, ...]  # the registry units holding it, in registry order
    shown: str  # the standing its 状态 shows (待明确 included)
    pending: tuple[str, ...]  # group phrases on it the office has not defined yet
    know: Knowledge
    ledger: Ledger
    trail: Trail  # the 佐证, 复核 and 批示 cells of every task


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(_SENTENCE_END) else text + "。"


def completion(units: Sequence[UnitStanding]) -> str:
    """完成情况: each unit's latest report, one sentence a line, ready to paste into a report."""
    return "\n".join(
        f"{row.unit}：{_sentence(row.latest.text)}"
        for row in units
        if row.latest is not None and row.latest.text.strip()
    )


def _reporters(line: TaskLine) -> str:
    lines = []
    if line.units:
        done = [r.unit for r in line.units if r.reported]
        silent = [r.unit for r in line.units if not r.reported]
        lines.append(
            f"已反馈 {len(done)}/{len(line.units)}" + ("：" + "、".join(done) if done else "")
        )
        if silent:
            lines.append("未反馈：" + "、".join(silent))
    if line.pending:
        lines.append("待明确：" + "、".join(line.pending) + "（范围待办公室明确）")
    return "\n".join(lines)


def _last_report(line: TaskLine) -> datetime | None:
    return max((r.latest.at for r in line.units if r.latest is not None), default=None)


def _dues(line: TaskLine) -> date | str | None:
    """The current milestone of the units still at work, or the last one once all are done:
    a date cell, or the dates one a line when units differ."""
    rows = line.units
    dues = sorted({r.due for r in rows if r.standing is not Standing.DONE and r.due is not None})
    if not dues:
        dues = sorted(m.due for m in line.know.deadlines.get(line.task.number, ()))[-1:]
    if len(dues) > 1:
        return "\n".join(d.isoformat() for d in dues)
    return dues[0] if dues else None


LEDGER_COLUMNS: tuple[Column[TaskLine], ...] = (
    Column("序号", lambda line: line.task.number, 5, 6, centred=True),
    Column("工作任务", lambda line: line.section, 10, 16),
    Column("具体要求", lambda line: line.task.requirement, 20, 40),
    Column("责任单位", lambda line: line.task.responsibility, 12, 22),
    Column("状态", lambda line: line.shown, 8, 8, centred=True, coloured=True),
    Column("完成情况", lambda line: completion(line.units), 20, 40),
    Column("反馈单位", _reporters, 14, 24),
    Column("反馈时间", _last_report, 10, 20, centred=True),
    Column("截止日期", _dues, 10, 14, centred=True),
    Column("佐证材料", lambda line: line.trail.evidence.get(line.task.number), 12, 30),
    Column("复核", lambda line: line.trail.reviews.get(line.task.number), 12, 30),
    Column("领导批示", lambda line: line.trail.instructions.get(line.task.number), 12, 30),
)


def _task_numbers(entry: Entry) -> str | None:
    numbers = "、".join(str(t) for t in entry.tasks)
    return f"第{numbers}项" if numbers else None


def _history_text(entry: Entry) -> str:
    """What the record says; an extension's new date and a decision's verdict included."""
    if entry.kind == EXTENSION:
        return f"申请延至 {entry.until:%Y-%m-%d}：{entry.text}"
    if entry.kind == DECISION:
        return "同意" if entry.granted else "驳回"
    if entry.kind == RENUMBER:
        moved = [f"{old}→{new}" for old, new in (entry.numbers or {}).items() if old != new]
        return "任务改号：" + ("、".join(moved) or "无")
    if entry.kind == EVIDENCE:
        return described(entry)
    if entry.kind == VERIFY:
        return "通过（销号）"
    return entry.text


HISTORY_COLUMNS: tuple[Column[Entry], ...] = (
    Column("编号", attrgetter("id"), 6, 9),
    Column("时间", attrgetter("at"), 17, 18),
    Column("单位", attrgetter("unit"), 8, 26),
    Column("人员", lambda entry: entry.name or str(entry.user), 6, 16),
    Column("类型", lambda entry: KINDS.get(entry.kind, entry.kind), 6, 10),
    Column("事项", _task_numbers, 6, 16),
    Column("状态", lambda entry: entry.status.value if entry.status is not None else None, 6, 8),
    Column("内容", _history_text, 30, 60, wraps=True),
    Column("关联记录", attrgetter("ref"), 9, 10),
)


def _percent(row: SheetRow) -> float | None:
    rate = row[7]
    return None if rate is None else round(float(rate) * 100, 1)


STATS_COLUMNS: tuple[Column[SheetRow], ...] = (
    *(Column(h, itemgetter(i), 6, 40) for i, h in enumerate(ONTIME_SHEET_HEADER[:7])),
    Column(f"{ONTIME_SHEET_HEADER[7]}（%）", _percent, 10, 12),
    Column(ONTIME_SHEET_HEADER[8], itemgetter(8), 12, 20, wraps=True),
)
"""The 统计 sheet's (`bot.office.texts.ontime_sheet` rows): scope, name, the counts, the rate
in per cent and the median days."""
