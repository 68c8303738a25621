"""``python -m bot deadline 24 2022-06-30``: the office sets a task's due dates from a terminal.

The same rule as the chat's ``/deadline`` (`bot.ledger.deadlines.parse_deadline_command`): the dates go
into the deadline file of the notice (the data directory's own, see `bot.notices.office_files`); ``清除``
drops the office's dates. With several notices in use, ``--of`` names the notice.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import bot.answers.texts as answer_texts
import bot.reminders.texts as nudge_texts
from bot import texts
from bot.config import Config
from bot.errors import DataFileError
from bot.ledger.deadlines import (
    load_office_deadlines,
    parse_deadline_command,
    plan_deadlines,
    save_office_deadlines,
)
from bot.notices.desks import Notice, deadlines_file, named_in

EXIT_USAGE = 2
WHICH_NOTICE = "现在有几个通知在用（{names}），请用 --of 写明是哪个通知，例如：--of {example}"


def add_deadline_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """The ``deadline`` subcommand."""
    parser = commands.add_parser(
        "deadline",
        parents=[common],
        help="设定某项任务的截止日期（与聊天中的 /deadline 相同），如 deadline 24 2022-06-30",
    )
    parser.add_argument(
        "words", nargs="+", metavar="参数", help="任务编号和一个或几个日期，或 清除"
    )


def set_office_dates(path: Path, task: int, dates: tuple[date, ...]) -> None:
    """Set (or, with no dates, clear) the office's dates of `task` in the file at `path`."""
    office = load_office_deadlines(path)
    if dates:
        office[task] = dates
    else:
        office.pop(task, None)
    save_office_deadlines(path, office)


def deadline_command(
    words: list[str],
    of: str | None,
    notices: list[Notice],
    config: Config,
    *,
    today: date,
    out: TextIO,
    err: TextIO,
) -> int:
    """Set the dates; prints what the task is due on now. Returns the exit status.

    `notices` are the notices in use; year-end dates fall in the notice's year, or `today`'s
    when it carries no date, as `bot.notices.knowledge.load_knowledge` has it.
    """
    notice = named_in(notices, of) if of else (notices[0] if len(notices) == 1 else None)
    if notice is None:
        names = "、".join(n.name for n in notices)
        err.write(f"{WHICH_NOTICE.format(names=names, example=notices[0].name)}\n")
        return EXIT_USAGE
    try:
        command = parse_deadline_command(words)
    except ValueError as error:
        err.write(f"{error}\n")
        return EXIT_USAGE
    plan = notice.knowledge.plan
    if plan.task(command.task) is None:
        numbers = [t.number for t in plan.tasks]
        missing = answer_texts.NO_SUCH_TASK.format(
            number=command.task, count=len(numbers), first=numbers[0], last=numbers[-1]
        )
        err.write(f"{missing}\n")
        return EXIT_USAGE
    path = deadlines_file(config, notice.entry)
    try:
        set_office_dates(path, command.task, command.dates)
        office = load_office_deadlines(path)
    except DataFileError as error:
        err.write(f"{nudge_texts.DEADLINE_FAILED.format(error=error)}\n")
        return EXIT_USAGE
    year_end = date(plan.issued.year if plan.issued else today.year, *config.year_end)
    due = plan_deadlines(plan, office=office, year_end=year_end)[command.task]
    dates = "、".join(texts.full_date(m.due) for m in due)
    template = nudge_texts.DEADLINE_SET if command.dates else nudge_texts.DEADLINE_CLEARED
    out.write(template.format(task=command.task, dates=dates) + "\n")
    return 0
