"""A typed line: read once by the grammar, each intent handed to its flow in the order said.

What is not a plain line stays with its flow: the line after the 延期 choice (the router asks
`extensions.after_choice` first), the one line after 有困难, and a line replied to a nudge that
names no task of its own (a report on the nudge's task).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot import texts
from bot.conversation import (
    choices,
    extensions,
    files,
    instructions,
    proposals,
    questions,
    reports,
    supervision,
)
from bot.conversation.actions import Refused, Result, merged, said
from bot.conversation.events import Text
from bot.conversation.turn import Turn
from bot.conversation.typed import Typed
from bot.grammar.intents import (
    Amend,
    AskBack,
    Due,
    Duties,
    Extension,
    Instruction,
    Intent,
    Malformed,
    Office,
    OfficeAsk,
    Pause,
    Progress,
    Report,
    Resume,
    Search,
    Unclear,
    Unknown,
    WhichUnit,
    Withdraw,
)
from bot.grammar.understand import understand
from bot.ledger.reports import Report as Reported
from bot.ledger.reports import Status, TaskProgress, report_status
from bot.notices.across import split_named
from bot.notices.desks import Desk, Notice
from bot.progress.recording import has_content, part_message

# What people say of their work (the old reader's reports, corrections, progress questions).
OF_WORK = (Report, AskBack, Malformed, Withdraw, Amend, Progress)
WRITES = (Reported, Report, Amend, Withdraw)  # each is a record of its own
Step = Intent | Reported


async def on_line(turn: Turn, event: Text) -> Result:
    """Read `event`'s line with the grammar and answer each intent; several intents give a
    reply each and a record each."""
    core, session = turn.core, turn.session
    named, text = split_named(core.notices_in_use(), event.text)
    read = understand(text, core.vocabulary(), today=core.clock().date())
    blocked, session.blocked_task = session.blocked_task, None
    if len(read) == 1 and isinstance(read[0], Instruction):  # a whole-line form
        desk = named if isinstance(named, Desk) else None
        return await instructions.typed(turn, read[0], desk, text, event.message_id)
    if blocked is not None and not any(isinstance(i, OF_WORK) for i in read):
        return await reports.blocker(turn, blocked, event.text, event.message_id)
    session.pending_unsure = _unsure(read)
    nudged = choices.nudged_tasks(event.replied_choices)
    if nudged and (not has_content(text) or all(_free(i) for i in read)):
        status = _status(read, text)
        if status is not None and len(nudged) == 1 and (_unsure(read) or not _reports(read)):
            (notice, task), words = nudged[0], event.text.strip()
            proposed = (Reported((task,), words, status),)
            return await proposals.propose(turn, proposed, notice, event.message_id)
        return await reports.nudge_reply(turn, nudged, status, event.text, event.message_id)
    steps = _steps(read, Typed(text))
    proposed = _proposed(read, steps)
    results, part = [], 0
    for step in steps:
        message = part_message(event.message_id, part)
        if any(step is p for p in proposed):
            if step is proposed[0]:  # the line's reports, confirmed together where first said
                part += len(proposed)
                results.append(await proposals.propose(turn, proposed, notice_key(named), message))
            continue
        part += isinstance(step, WRITES)
        results.append(await _one(turn, step, named, message))
    return merged(results)


def _reports(read: Sequence[Intent]) -> bool:
    """True when the grammar read a report in the line: a nudge reply it did not read is
    proposed (its status guessed from the words alone), never recorded at once."""
    return any(isinstance(i, Report) for i in read)


def _unsure(read: Sequence[Intent]) -> bool:
    """True when the line's reports are not of a simple form (the grammar's `Report.unsure`)."""
    return any(isinstance(i, Report) and i.unsure for i in read)


def _proposed(read: Sequence[Intent], steps: Sequence[Step]) -> tuple[Reported, ...]:
    """The records a line's reports make when they are not of a simple form: proposed with
    one press to confirm, never recorded at once."""
    if not _unsure(read):
        return ()
    return tuple(s for s in steps if isinstance(s, Reported) and s.tasks)


def _free(intent: Intent) -> bool:
    """Words replied to a nudge that name no task of their own: a report on the nudge's (one
    that says nothing at all is answered as such, not with the help)."""
    if isinstance(intent, Report | AskBack):
        return not (intent.task if isinstance(intent, Report) else intent.tasks)
    if isinstance(intent, Due):
        return intent.task is None
    return isinstance(intent, Unknown | Search | Duties | WhichUnit)


def _status(read: Sequence[Intent], text: str) -> Status | None:
    """The status a nudge reply says: the grammar's, None when it asks back, else the text's."""
    said_of = next((i for i in read if isinstance(i, Report | AskBack)), None)
    if isinstance(said_of, Report):
        return said_of.status
    return None if isinstance(said_of, AskBack) else report_status(text)


def _as_typed(intent: Intent, typed: Typed) -> Intent:
    """A report, correction or unclear status with the words its person typed: the ledger
    keeps what was written, not the grammar's rewriting of it."""
    if isinstance(intent, Report | Amend | AskBack):
        return replace(intent, text=typed.part(intent.text))
    return intent


def _steps(read: Sequence[Intent], typed: Typed) -> list[Step]:
    """The intents (each report in its typed words), with reports of several tasks in the
    same words (第3、5项已完成) made one record, as the ledger keeps them."""
    steps: list[Step] = []
    for intent in (_as_typed(i, typed) for i in read):
        last = steps[-1] if steps else None
        if isinstance(intent, Report) and intent.task is not None:
            if (
                isinstance(last, Reported)
                and last.tasks
                and (last.status, last.text) == (intent.status, intent.text)
            ):
                steps[-1] = Reported((*last.tasks, intent.task), last.text, last.status)
                continue
            steps.append(Reported((intent.task,), intent.text, intent.status))
            continue
        steps.append(intent)
    return steps


def notice_key(named: Notice | None) -> str | None:
    """The key of the notice named in the line, if any."""
    return named.key if named is not None else None


async def _one(turn: Turn, step: Step, named: Notice | None, message: int) -> Result:
    notice = notice_key(named)
    match step:
        case Reported():
            return await reports.record(turn, step, message, notice)
        case AskBack(about=Unclear.STATUS):
            return await reports.ask_status(turn, step.tasks, step.text, notice)
        case AskBack():
            report = Reported(step.tasks, step.text, report_status(step.text))
            return await reports.record(turn, report, message, notice)
        case Report() | Amend() | Withdraw() | Progress() | Malformed():
            return await reports.record(turn, reports.parsed_of(step), message, notice)
        case Extension():
            desk = named if isinstance(named, Desk) else None
            return await extensions.typed(turn, step, desk, message)
        case Pause() | Resume():
            return await reports.pause_or_resume(turn, step)
        case Office():
            return await _office(turn, step, named, message)
        case WhichUnit():
            return questions.which_unit(turn, step)
    return await questions.answer(turn, step, named=named)


async def _office(turn: Turn, intent: Office, named: Notice | None, message: int) -> Result:
    """哪些单位还没报, 总体进展, 导出台账: /missing, /overview, /export for the office's readers;
    staff are told politely what they can ask instead. Who has not reported on one task is
    its progress, which staff of a unit holding it may read too."""
    if intent.ask is OfficeAsk.MISSING and intent.task is not None:
        return await reports.record(turn, TaskProgress(intent.task), message, notice_key(named))
    if not turn.reader:
        return said(texts.OFFICE_QUESTION_FOR_STAFF, outcome=Refused("office only"))
    args = (named.name,) if named is not None else ()
    if intent.ask is OfficeAsk.EXPORT:
        return await files.export(turn, args)
    if intent.ask is OfficeAsk.MISSING:
        task = (str(intent.task),) if intent.task is not None else ()
        return await supervision.missing(turn, (*args, *task))
    return await supervision.overview(turn, args)
