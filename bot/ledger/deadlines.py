"""When each task is due: set by the office, written in the notice (once, recurring, or
continuous: never), or the default year end, in the notice's own year (`bot.reading.dates` reads it).

Pure: the office's dates come in as a mapping; `load_office_deadlines` reads the clerk's file
and `save_office_deadlines` rewrites it for the office's ``/deadline`` command.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from bot.errors import DataFileError, toml_problem
from bot.normalize import parse_number
from bot.plan import Plan, Task
from bot.reading.dates import DateReading, Recurrence, notice_year, read_dates
from bot.store.atomic import DirectorySyncError, kept_mode, replace_file


class DeadlineError(DataFileError):
    """The office's deadline file cannot be used as written."""

    what = "截止日期文件"


class DeadlineWriteError(DeadlineError):
    """Saving the deadline file failed; the message says whether the old file is intact."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        # Skips DataFileError's "有误" wording: the file is fine, the disk refused the write.
        ValueError.__init__(self, f"{self.what} {self.path} 保存失败：{detail}")


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


def plan_year(plan: Plan) -> int | None:
    """The notice's own year: as the dates stage read it, else its signing date's, else its
    title's. None when the notice states none (never the current year)."""
    if plan.year is not None:
        return plan.year
    return plan.issued.year if plan.issued else notice_year(plan.title)


def task_reading(task: Task, year: int | None, written: int | None = None) -> DateReading:
    """What a task's requirement and its 完成时限 / 时限要求 / 备注 cell say about its dates;
    `written` is the signing year (明年 counts from it)."""
    reading = read_dates(task.requirement, year, prose=True, written=written)
    return reading | read_dates(task.time_text, year) if task.time_text else reading


def _recurring_milestones(
    recurrence: Recurrence, year_end: date, start: date | None
) -> tuple[Milestone, ...]:
    """A recurring task's due dates from `start` (the notice's signing) to the end of its year;
    a plain yearly one (每年至少更新一次) is due by the configured year end."""
    yearly = recurrence.months == 12 and recurrence.month is None and recurrence.day is None
    first = date(year_end.year, 1, 1)
    dues = (
        () if yearly else recurrence.dues(max(start or first, first), date(year_end.year, 12, 31))
    )
    return tuple(Milestone(d, Source.NOTICE, recurrence.words) for d in dues or (year_end,))


def task_milestones(
    task: Task, *, office: tuple[date, ...], year_end: date | None, start: date | None = None
) -> tuple[Milestone, ...]:
    """A task's due dates, first that applies: the office's; the one-off dates its requirement
    or time-limit cell states; its recurring dates (每季度 …) from `start` to the year's end;
    none for a continuous task (长期坚持 …: the periodic progress request applies); else the
    default `year_end`. A workbook's 截止日期 column (`Task.due`) is the clerk's reading of
    the notice's dates: it wins over the text, and an empty cell means the default. `year_end` is in the notice's year; None when the notice states no
    year, and then only dates written with a year are known."""
    if office:
        return tuple(Milestone(d, Source.OFFICE) for d in sorted(office))
    if task.due is not None:  # a workbook's 截止日期: the clerk's dates, empty for the default
        stated = tuple(Milestone(d, Source.NOTICE) for d in task.due)
        default = (Milestone(year_end, Source.DEFAULT),) if year_end else ()
        return stated or default
    reading = task_reading(
        task, year_end.year if year_end else None, start.year if start else None
    )
    if reading.due:
        return tuple(Milestone(d, Source.NOTICE) for d in reading.due)
    if year_end is None:
        return ()
    if reading.recurring:
        return _recurring_milestones(reading.recurring, year_end, start)
    return () if reading.continuous else (Milestone(year_end, Source.DEFAULT),)


def plan_deadlines(
    plan: Plan, *, office: Mapping[int, tuple[date, ...]], year_end: date | None
) -> dict[int, tuple[Milestone, ...]]:
    """Every task's milestones, by task number."""
    return {
        t.number: task_milestones(
            t, office=office.get(t.number, ()), year_end=year_end, start=plan.issued
        )
        for t in plan.tasks
    }


def notice_year_end(plan: Plan, month_day: tuple[int, int]) -> date | None:
    """The configured year end (month, day) in the notice's own year; None if it states none."""
    year = plan_year(plan)
    return date(year, *month_day) if year is not None else None


def parse_office_deadlines(text: str, source: Path | str = "") -> dict[int, tuple[date, ...]]:
    """Read ``[tasks]`` with lines like ``24 = [2021-11-20, 2021-12-10]`` (TOML dates)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeadlineError(source, toml_problem(error)) from error
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


# ---- The office's /deadline command and rewriting the clerk's file ----

DEADLINE_USAGE = (
    "用法：/deadline 任务编号 日期…，例如 /deadline 24 2021-11-20 2021-12-10；"
    "日期也可写成 2021年11月20日；清除办公室设定的日期：/deadline 24 清除"
)
CLEAR_WORDS = frozenset({"清除", "删除", "取消"})

# The clerk's instructions, for a file that does not exist yet (same as data/deadlines.toml).
DEFAULT_HEADER = """\
# 办公室设定的截止日期。这里写了的任务，以这里为准（优先于通知原文里的日期和默认的年底）。
# 格式：任务编号 = [年-月-日, …]，一项任务可以有几个节点。例如：
#   33 = [2021-12-15]
#   24 = [2021-11-20, 2021-12-10]
# 没写的任务：通知原文写了日期就用原文日期；写了“每年至少……一次”的按年底；其余按年底（默认）。
"""

_CJK_NUMBER = r"(?:\d{1,2}|[〇零一二两三四五六七八九十]{1,3})"
_CJK_YEAR_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0"}
_DATE_FORMS = (
    re.compile(
        rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?"
        rf"(?P<m>{_CJK_NUMBER})月(?P<d>{_CJK_NUMBER})[日号]?"
    ),
    re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
)
_ARG_SEPARATORS = re.compile(r"[\s,，、;；]+")
_TASK_ARG = re.compile(r"第?(.+?)项?")


def written_date(text: str) -> tuple[int | None, int, int] | None:
    """Year (None if not written), month and day of a date as people type it.

    Reads ``2021-12-01``, ``2021/12/1``, ``2021.12.1``, ``20211201``, ``2021年12月1日``,
    ``12月1号``, ``12-1``, ``12/1`` and Chinese numerals (``十二月一日``, ``二〇二一年十二月一日``).
    The numbers are not checked: ``2月30日`` gives (None, 2, 30). None if the text is not a date.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        year = parts.get("y")
        month, day = parse_number(parts["m"]), parse_number(parts["d"])
        if month is None or day is None:
            return None
        if year is None:
            return None, month, day
        return int("".join(_CJK_YEAR_DIGITS.get(c, c) for c in year)), month, day
    return None


@dataclass(frozen=True, slots=True)
class DeadlineCommand:
    """The office's ``/deadline`` command: a task's new dates; none clears the office's dates."""

    task: int
    dates: tuple[date, ...]


def _command_task(arg: str) -> int:
    match = _TASK_ARG.fullmatch(unicodedata.normalize("NFKC", arg))
    number = parse_number(match.group(1)) if match else None
    if not number:
        raise ValueError(f"“{arg}”不是任务编号。{DEADLINE_USAGE}")
    return number


def _command_date(arg: str) -> date:
    parts = written_date(arg)
    if parts is None:
        raise ValueError(f"“{arg}”不是日期，请写成 2021-11-20 或 2021年11月20日。")
    year, month, day = parts
    if year is None:
        raise ValueError(f"“{arg}”没有写年份，请写成 2021-11-20 或 2021年11月20日。")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"没有“{arg}”这一天，请检查日期。") from None


def parse_deadline_command(args: Sequence[str]) -> DeadlineCommand:
    """Read the arguments of ``/deadline 24 2021-11-20 2021-12-10`` or ``/deadline 第5项 清除``.

    The task may be written ``24``, ``第24项`` or ``二十四``; dates as `written_date` reads
    them, with a year; commas between dates are allowed. Dates come back sorted, duplicates
    merged. Whether the task exists in the plan is the caller's check.

    Raises:
        ValueError: a Chinese message for the office: no task number, a bad date, no dates,
            or ``清除`` together with dates.
    """
    words = [w for w in _ARG_SEPARATORS.split(" ".join(args)) if w]
    if not words:
        raise ValueError(DEADLINE_USAGE)
    task = _command_task(words[0])
    rest = words[1:]
    if not rest:
        raise ValueError(f"请在任务编号后写日期，或写“清除”。{DEADLINE_USAGE}")
    clears = [w for w in rest if w in CLEAR_WORDS]
    if clears and len(clears) < len(rest):
        raise ValueError(f"“{clears[0]}”不能和日期写在一起。{DEADLINE_USAGE}")
    if clears:
        return DeadlineCommand(task, ())
    return DeadlineCommand(task, tuple(sorted({_command_date(w) for w in rest})))


def deadline_file_header(text: str) -> str:
    """The leading comment and blank lines of a deadline file: the clerk's instructions."""
    header = []
    for line in text.removeprefix("\ufeff").splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        header.append(line)
    return "".join(header)


def render_office_deadlines(deadlines: Mapping[int, tuple[date, ...]], header: str) -> str:
    """The deadline file's TOML text: `header`, a blank line, then ``[tasks]`` by task number.

    Tasks without dates are left out (an empty list is not a valid entry), so
    `parse_office_deadlines` of the result gives back every task that has dates.

    Raises:
        ValueError: `header` has a line that is not a comment, a task number is not positive,
            or a date is not a plain `date`.
    """
    head = header.strip("\n")
    if any(line.strip() and not line.lstrip().startswith("#") for line in head.splitlines()):
        raise ValueError(f"文件开头的说明只能是以 # 开头的注释：{head!r}")
    lines = [f"{head}\n\n" if head else "", "[tasks]\n"]
    for task, dates in sorted(deadlines.items()):
        if type(task) is not int or task < 1:
            raise ValueError(f"任务编号应为正整数：{task!r}")
        if any(type(d) is not date for d in dates):
            raise ValueError(f"第{task}项的日期应为日期：{dates!r}")
        if dates:
            lines.append(f"{task} = [{', '.join(d.isoformat() for d in dates)}]\n")
    return "".join(lines)


def save_office_deadlines(path: Path, deadlines: Mapping[int, tuple[date, ...]]) -> None:
    """Rewrite the office's deadline file with `deadlines`, keeping its leading comments.

    The write is atomic and durable: readers see the old or the new file, never a mix. A
    missing file is created with the standard instructions (`DEFAULT_HEADER`). Comments below
    ``[tasks]`` are not kept.

    Raises:
        DeadlineWriteError: the file could not be read or written; the old file is intact,
            unless the message says the new one was written.
    """
    target = path.resolve()  # a symlinked file stays a symlink
    try:
        old = target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        old = DEFAULT_HEADER
    except (OSError, UnicodeDecodeError) as error:
        raise DeadlineWriteError(path, f"无法读取原文件（{error}）；本次更改未保存。") from error
    data = render_office_deadlines(deadlines, deadline_file_header(old)).encode("utf-8")
    try:
        # Read back before it replaces the old file: a file the bot could not read is never put.
        # The clerk edits it too, so a new file is readable by all (mkstemp would make it 0600).
        replace_file(target, data, mode=kept_mode(target, 0o644), check=_parses(path))
    except DirectorySyncError as error:
        reason = error.strerror or str(error)
        raise DeadlineWriteError(
            path, f"新内容已写入，但未能确认写到磁盘（{reason}）。"
        ) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise DeadlineWriteError(
            path, f"写入失败（{reason}）；本次更改未保存，原文件不变。"
        ) from error


def _parses(path: Path) -> Callable[[Path], object]:
    """A check that the temp file reads as the office's deadline file at `path`."""
    return lambda temp: parse_office_deadlines(temp.read_text(encoding="utf-8"), path)
