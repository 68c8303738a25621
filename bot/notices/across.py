"""Answers and reports over several notices at once; each says which notice it is about.

With one notice in use everything reads exactly as before. With several, an answer about
tasks is headed by the notice's name (《政务公开工作要点》), a unit's duties and progress cover
every notice, and a report goes to the notice it names, or else the one where the unit holds
the tasks; when that is still open the bot asks instead of guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import bot.progress.texts as say
from bot.answers.model import Answer, ChatState
from bot.answers.respond import Question, answer
from bot.grammar.intents import (
    Applies,
    Confirm,
    Due,
    Duties,
    Owners,
    Pending,
    Search,
    SectionTasks,
    TaskDetail,
    Units,
)
from bot.ledger.history import Entry, Ledger
from bot.ledger.reports import (
    Amend,
    BadReport,
    MyProgress,
    Report,
    TaskProgress,
    Withdraw,
)
from bot.notices.desks import Desk, N, Notice, by_key, mention, named_in
from bot.notices.visibility import NOBODY, Viewer, task_progress, unit_progress
from bot.progress.recording import Parsed, Sender, open_tasks, record_progress, unit_duties

TaskRef = tuple[str, int]  # (notice key, task number)

NOTICE_GONE = "这个通知已归档或已不在使用，未记录。"
WHICH_NOTICE = "{tasks}在{labels}中都是{unit}的任务。请点选，或在前面写上通知名，例如“{example}”。"
# Questions answered from every notice in use (the others from the first one).
_PER_NOTICE = (Due, Duties, Applies, TaskDetail, Owners, SectionTasks, Search, Units, Pending)


@dataclass(frozen=True, slots=True)
class Reply:
    """A progress reply, and the tasks to offer as buttons (with their notices) when asking."""

    text: str
    choices: tuple[TaskRef, ...] = ()
    pending: Report | None = None
    entry: Entry | None = None  # what was written, when something was


def headed(desk: Notice, text: str, desks: Sequence[Notice]) -> str:
    """`text` under its notice's name when several notices are in use."""
    return text if len(desks) == 1 else f"{desk.label}\n{text}"


def without_name(text: str, desk: Notice) -> str:
    """`text` without its mention of the notice `desk`."""
    return text.replace(mention(desk, text) or desk.name, " ", 1).strip()


def answer_all(
    state: ChatState, intent: Question, desks: Sequence[Notice], *, today: date
) -> tuple[ChatState, Answer]:
    """`bot.answers.respond.answer` over every notice in `desks`, each part under its notice's
    name; a question that is not about the notices is answered from the first."""
    first = desks[0]
    new_state, found_first = answer(
        state, intent, first.knowledge, today=today, ledger=_ledger(first)
    )
    per_notice = isinstance(intent, _PER_NOTICE) or (
        isinstance(intent, Confirm) and not state.suggestion_sets_unit
    )
    if len(desks) == 1 or not per_notice:
        return new_state, replace(found_first, notice=first.key)
    answers = [(first, found_first)]
    answers += [
        (d, answer(state, intent, d.knowledge, today=today, ledger=_ledger(d))[1])
        for d in desks[1:]
    ]
    found = [(d, a) for d, a in answers if _found(intent, d, a)]
    if not found:
        return new_state, replace(found_first, notice=first.key)
    text = "\n\n".join(f"{d.label}\n{a.text}" for d, a in found)
    if len(found) == 1:
        [(desk, only)] = found
        return new_state, replace(only, text=text, notice=desk.key)
    return new_state, Answer(text)


def answer_in(
    state: ChatState, intent: Question, named: Notice, *, today: date
) -> tuple[ChatState, Answer]:
    """A question about one notice (named in the line, or a task button's), under its name."""
    state, found = answer(state, intent, named.knowledge, today=today, ledger=_ledger(named))
    return state, replace(found, text=f"{named.label}\n{found.text}", notice=named.key)


def _ledger(notice: Notice) -> Ledger | None:
    return notice.ledger if isinstance(notice, Desk) else None


def _found(intent: Question, desk: Notice, found: Answer) -> bool:
    plan = desk.knowledge.plan
    task = getattr(intent, "task", None)
    if isinstance(intent, TaskDetail | Owners | Applies) or (isinstance(intent, Due) and task):
        return plan.task(task or 0) is not None
    if isinstance(intent, SectionTasks):
        return plan.section(intent.section) is not None
    if isinstance(intent, Units | Pending):
        return True
    return bool(found.tasks)


def split_named(desks: Sequence[N], text: str) -> tuple[N | None, str]:
    """The notice a line names when several are in use, and the line without the name."""
    named = named_in(desks, text) if len(desks) > 1 else None
    return (named, without_name(text, named)) if named is not None else (None, text)


def task_count(desks: Sequence[Notice]) -> int:
    """The most tasks any of `desks` has (what a task number may be)."""
    return max((len(d.knowledge.plan.tasks) for d in desks), default=0)


def record_across(
    parsed: Parsed,
    sender: Sender,
    desks: Sequence[Desk],
    now: datetime,
    window: timedelta,
    *,
    notice: str | None = None,
    viewer: Viewer = NOBODY,
) -> Reply:
    """Record a progress message into the ledger of the notice it belongs to.

    `notice` is the key when it is known (a button, a nudge replied to, a name in the text).
    A message already in some notice's ledger gets the answer it got the first time.
    A progress question ("第17项进展", "我科室进展") is answered for `viewer`, who sees only
    what `bot.notices.visibility` allows (by default: no progress at all).
    """
    for desk in desks:
        earlier = desk.ledger.recorded(sender.chat, sender.message)
        if earlier is not None:
            return Reply(headed(desk, say.recorded_before(earlier), desks), entry=earlier)
    if isinstance(parsed, TaskProgress | MyProgress):
        named = by_key(desks, notice) if notice is not None else None
        return Reply(_progress_answer(parsed, viewer, [named] if named else desks, now.date()))
    if notice is not None:
        desk = by_key(desks, notice)
        return _on(desk, parsed, sender, desks, now, window) if desk else Reply(NOTICE_GONE)
    if len(desks) == 1:
        return _on(desks[0], parsed, sender, desks, now, window)
    if isinstance(parsed, BadReport):
        return Reply(parsed.reason)
    if isinstance(parsed, Report) and sender.unit is not None:
        return _report(parsed, sender, desks, now, window)
    if isinstance(parsed, Withdraw | Amend):
        return _on(_last_reported(sender.user, desks), parsed, sender, desks, now, window)
    return Reply(say.NEEDS_UNIT)


def _on(
    desk: Desk,
    parsed: Parsed,
    sender: Sender,
    desks: Sequence[Desk],
    now: datetime,
    window: timedelta,
) -> Reply:
    reply = record_progress(parsed, sender, desk.knowledge, desk.ledger, now, window)
    choices = tuple((desk.key, n) for n in reply.choices)
    return Reply(headed(desk, reply.text, desks), choices, reply.pending, reply.entry)


def _report(
    report: Report, sender: Sender, desks: Sequence[Desk], now: datetime, window: timedelta
) -> Reply:
    """A report where no notice was named: the notice where the unit holds its tasks."""
    unit = sender.unit or ""
    if not report.tasks:
        refs = tuple((d.key, n) for d in desks for n in open_tasks(unit, d.knowledge, d.ledger))
        if len(refs) == 1:
            [(key, number)] = refs
            desk = by_key(desks, key)
            return _on(desk, replace(report, tasks=(number,)), sender, desks, now, window)
        return Reply(say.WHICH_TASK, refs, report)
    holders = [d for d in desks if set(report.tasks) <= unit_duties(unit, d.knowledge).keys()]
    if len(holders) == 1:
        return _on(holders[0], report, sender, desks, now, window)
    if not holders:
        return Reply(say.NOT_YOURS.format(unit=unit, tasks=say.numbers(report.tasks)))
    example = f"{holders[0].name}{say.numbers(report.tasks)}：{report.text or '已完成'}"
    text = WHICH_NOTICE.format(
        tasks=say.numbers(report.tasks),
        labels="、".join(d.label for d in holders),
        unit=unit,
        example=example,
    )
    refs = (
        tuple((d.key, n) for d in holders for n in report.tasks) if len(report.tasks) == 1 else ()
    )
    return Reply(text, refs, report if refs else None)


def _progress_answer(
    parsed: TaskProgress | MyProgress, viewer: Viewer, desks: Sequence[Desk], today: date
) -> str:
    """A progress question over `desks`, showing `viewer` only what they may read."""
    if isinstance(parsed, MyProgress):
        return unit_progress(viewer, desks)
    parts = [
        headed(d, task_progress(parsed.task, viewer, d, today), desks)
        for d in desks
        if d.knowledge.plan.task(parsed.task) is not None
    ]
    return "\n\n".join(parts) or say.no_such_task(parsed.task)


def _last_reported(user: int, desks: Sequence[Desk]) -> Desk:
    """The notice of the user's latest report in force (where 撤回 / 修改 apply)."""
    latest = [(entry.at, i) for i, d in enumerate(desks) if (entry := d.ledger.last_report(user))]
    return desks[max(latest)[1]] if latest else desks[0]
