"""When each task is due: set by the office, written in the notice, yearly, or the default.

Pure: the office's dates come in as a mapping; `load_office_deadlines` reads the clerk's file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from bot.errors import DataFileError
from bot.plan import Plan, Task

_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_YEARLY = re.compile(r"每年至少[^，。；]{0,10}?(?:一|1)次")


class DeadlineError(DataFileError):
    """The office's deadline file cannot be used as written."""

    what = "截止日期文件"


class Source(StrEnum):
    """Where a due date came from, in order of precedence."""

    OFFICE = "办公室设定"
    NOTICE = "通知原文"
    DEFAULT = "默认"


@dataclass(frozen=True, slots=True)
class Milestone:
    """One due date of a task, where it came from, and the notice's words for a recurring one."""

    due: date
    source: Source
    words: str = ""


def dates_in_text(text: str) -> list[Milestone]:
    """Dates written in a requirement (``2021年11月20日前``), in order; impossible ones skipped."""
    found = []
    for match in _FULL_DATE.finditer(text):
        try:
            due = date(*map(int, match.groups()))
        except ValueError:
            continue
        found.append(Milestone(due, Source.NOTICE))
    return found


def yearly_milestone(text: str, year_end: date) -> Milestone | None:
    """``每年至少更新一次`` / ``每年至少听取1次``: due once a year, by the configured year end."""
    match = _YEARLY.search(text)
    return Milestone(year_end, Source.NOTICE, match.group(0)) if match else None


def task_milestones(
    task: Task, *, office: tuple[date, ...], year_end: date
) -> tuple[Milestone, ...]:
    """A task's due dates: the office's if set, else the notice's dates, else yearly, else default."""
    if office:
        return tuple(Milestone(d, Source.OFFICE) for d in sorted(office))
    written = dates_in_text(task.requirement)
    if written:
        return tuple(written)
    yearly = yearly_milestone(task.requirement, year_end)
    return (yearly,) if yearly else (Milestone(year_end, Source.DEFAULT),)


def plan_deadlines(
    plan: Plan, *, office: Mapping[int, tuple[date, ...]], year_end: date
) -> dict[int, tuple[Milestone, ...]]:
    """Every task's milestones, by task number."""
    return {
        t.number: task_milestones(t, office=office.get(t.number, ()), year_end=year_end)
        for t in plan.tasks
    }


def parse_office_deadlines(text: str, source: Path | str = "") -> dict[int, tuple[date, ...]]:
    """Read ``[tasks]`` with lines like ``24 = [2021-11-20, 2021-12-10]`` (TOML dates)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeadlineError(source, f"TOML 格式错误（{error}）") from error
    deadlines = {}
    for key, value in data.get("tasks", {}).items():
        dates = value if isinstance(value, list) else [value]
        if not key.isdecimal() or not dates or not all(type(d) is date for d in dates):
            raise DeadlineError(
                source, f"“{key}”应写成 任务编号 = [年-月-日, …]，例如 24 = [2021-11-20]"
            )
        deadlines[int(key)] = tuple(dates)
    return deadlines


def load_office_deadlines(path: Path) -> dict[int, tuple[date, ...]]:
    """The office's deadline file; a missing file means the office has set none."""
    if not path.exists():
        return {}
    try:
        return parse_office_deadlines(path.read_text(encoding="utf-8-sig"), path)
    except (OSError, UnicodeDecodeError) as error:
        raise DeadlineError(path, f"无法按 UTF-8 文本读取（{error}）") from error
