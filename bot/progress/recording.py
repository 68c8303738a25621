"""Staff reporting into the 台账: one entry point shared by the Telegram bot and the console chat.

`record_progress` takes what `bot.ledger.reports.parse_report` read from a message, checks it against
the unit's duties and writes to the ledger. It blocks on the durable write: the Telegram side
calls it in the store's worker thread and replies only after it returns.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import bot.progress.texts as say
from bot.answers.model import Knowledge
from bot.duties import Duty, duties_for
from bot.ledger.history import Entry, Ledger, LedgerError
from bot.ledger.milestones import milestones_for
from bot.ledger.reports import Amend, BadReport, MyProgress, Report, Status, TaskProgress, Withdraw
from bot.office.overview import current_due

Parsed = Report | Withdraw | Amend | MyProgress | TaskProgress | BadReport
PART = 2**32  # above any channel's message id


def part_message(message: int, part: int) -> int:
    """The id the `part`-th record of message `message` is kept under (the first: the
    message's own), so each record of a line of several is deduplicated on its own."""
    return message + part * PART if part else message


@dataclass(frozen=True, slots=True)
class Sender:
    """Who wrote, from which unit, and which message (for deduplication)."""

    unit: str | None
    user: int
    name: str
    chat: int
    message: int


@dataclass(frozen=True, slots=True)
class ProgressReply:
    """The reply, and the tasks to offer as buttons when the bot must ask which one."""

    text: str
    choices: tuple[int, ...] = ()
    pending: Report | None = None
    entry: Entry | None = None  # what was written, when something was


def has_content(text: str) -> bool:
    """True when a report's text has a letter, digit or symbol (an emoji counts): punctuation,
    spaces, control and invisible characters alone say nothing."""
    return any(unicodedata.category(c)[0] in "LNS" for c in text)


def unit_duties(unit: str, know: Knowledge) -> dict[int, Duty]:
    """The unit's duties in the notice, by task number (none for a name not in the registry)."""
    found = know.registry.unit(unit)
    if found is None:
        return {}
    return {d.task.number: d for d in duties_for(found, know.plan, know.registry)}


def next_due(task: int, unit: str, know: Knowledge, ledger: Ledger) -> date | None:
    """The milestone a report on `task` is about: the earliest one the unit has not finished."""
    dues = milestones_for(ledger, know.deadlines, task, unit)
    return current_due(task, unit, dues, ledger.done())[0]


def open_tasks(unit: str, know: Knowledge, ledger: Ledger) -> list[int]:
    """The unit's tasks whose latest report is not 已完成."""
    tasks = []
    for number in unit_duties(unit, know):
        latest = ledger.latest(number, unit)
        if latest is None or latest.status is not Status.DONE:
            tasks.append(number)
    return tasks


def record_report(
    report: Report, sender: Sender, know: Knowledge, ledger: Ledger, now: datetime
) -> ProgressReply:
    """Record a report for the sender's unit, or say why not (and record nothing)."""
    unit = sender.unit
    if unit is None:
        return ProgressReply(say.NEEDS_UNIT)
    held = unit_duties(unit, know)
    tasks = report.tasks
    if not tasks:
        candidates = open_tasks(unit, know, ledger)
        if len(candidates) != 1:
            return ProgressReply(say.WHICH_TASK, tuple(candidates), report)
        tasks = tuple(candidates)
    foreign = [t for t in tasks if t not in held]
    if foreign:
        return ProgressReply(say.NOT_YOURS.format(unit=unit, tasks=say.numbers(foreign)))
    dues = {t: next_due(t, unit, know, ledger) for t in tasks}
    entry = ledger.report(
        unit=unit,
        tasks=tasks,
        status=report.status,
        text=report.text,
        dues=dues,
        user=sender.user,
        name=sender.name,
        chat=sender.chat,
        message=sender.message,
        now=now,
    )
    if entry is None:
        return ProgressReply(say.ALREADY_RECORDED)
    return ProgressReply(say.recorded(entry), entry=entry)


def record_progress(
    parsed: Report | Withdraw | Amend | BadReport,
    sender: Sender,
    know: Knowledge,
    ledger: Ledger,
    now: datetime,
    window: timedelta,
) -> ProgressReply:
    """Handle a report, 撤回 or 修改 (progress questions are `bot.notices.across`'s, which knows who asks).

    A message already in the ledger (Telegram delivers it again after a crash) changes nothing
    and gets the answer it got the first time, so a user whose 已记录 was lost still sees it.
    """
    earlier = ledger.recorded(sender.chat, sender.message)
    if earlier is not None:
        return ProgressReply(say.recorded_before(earlier), entry=earlier)
    if isinstance(parsed, BadReport):
        return ProgressReply(parsed.reason)
    if isinstance(parsed, Report):
        return record_report(parsed, sender, know, ledger, now)
    if sender.unit is None:
        return ProgressReply(say.NEEDS_UNIT)
    try:
        if isinstance(parsed, Withdraw):
            entry = ledger.withdraw(
                user=sender.user,
                name=sender.name,
                chat=sender.chat,
                message=sender.message,
                now=now,
                window=window,
            )
            return ProgressReply(
                say.withdrawn(entry) if entry else say.ALREADY_RECORDED, entry=entry
            )
        foreign = [t for t in parsed.tasks if t not in unit_duties(sender.unit, know)]
        if foreign:
            unit = sender.unit
            return ProgressReply(say.NOT_YOURS.format(unit=unit, tasks=say.numbers(foreign)))
        entry = ledger.amend(
            user=sender.user,
            name=sender.name,
            tasks=parsed.tasks,
            status=parsed.status,
            text=parsed.text,
            chat=sender.chat,
            message=sender.message,
            now=now,
            window=window,
        )
        return ProgressReply(say.amended(entry) if entry else say.ALREADY_RECORDED, entry=entry)
    except LedgerError as error:
        return ProgressReply(str(error))
