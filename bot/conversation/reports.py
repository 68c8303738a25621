"""What staff tell the bot about their work: a report, correction or progress question
(read by the grammar, replied to a nudge, or a nudge's choices), asking back when the status is
unclear, and pausing their reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import bot.progress.texts as progress_texts
import bot.reminders.review_texts as review_texts
import bot.reminders.texts as nudge_texts
from bot import texts
from bot.conversation import choices, extensions
from bot.conversation.actions import (
    Answered,
    Asked,
    Changed,
    Recorded,
    Refused,
    Reply,
    Result,
    Toast,
    said,
)
from bot.conversation.choices import Button
from bot.conversation.session import TaskRef
from bot.conversation.turn import Turn
from bot.grammar import intents
from bot.ledger.history import REPORT, Entry
from bot.ledger.milestones import is_milestone
from bot.ledger.reports import (
    Amend,
    BadReport,
    MyProgress,
    Report,
    Status,
    TaskProgress,
    Withdraw,
)
from bot.notices.across import Reply as Recording
from bot.notices.across import headed, record_across
from bot.notices.desks import Desk, by_key
from bot.progress.recording import Parsed, has_content, next_due, unit_duties
from bot.reminders.pauses import BadPause, PauseRequest, pause_request
from bot.texts import full_date, shorten

Refs = tuple[TaskRef, ...]
Said = intents.Report | intents.Amend | intents.Withdraw | intents.Progress | intents.Malformed
STATUS_OF_CHOICE = {"c": Status.DONE, "p": Status.ONGOING, "h": Status.BLOCKED}


def _outcome(recording: Recording, parsed: Parsed) -> Recorded | Asked | Answered | Refused:
    """Recorded, asked which task, a progress question answered, or refused (and why)."""
    if recording.entry is not None:
        return Recorded(recording.entry)
    if recording.pending:
        return Asked()
    if isinstance(parsed, TaskProgress | MyProgress):
        return Answered()
    return Refused(recording.text)


async def _record(
    turn: Turn, parsed: Parsed, message: int, notice: str | None = None
) -> Recording:
    """Record in the ledger's worker thread (the reply goes out only after the write returned);
    a report that must still name its task waits in the session."""
    core = turn.core
    unit, viewer = await turn.unit(), await turn.viewer()
    window = core.config.ledger.correction_window
    answer = await core.ledger.store.run(
        record_across,
        parsed,
        turn.sender(unit, message),
        core.active_desks(),
        core.clock(),
        window,
        notice=notice,
        viewer=viewer,
    )
    turn.session.pending_report = answer.pending
    return replace(answer, text=_noted(turn, answer.entry, answer.text))


def _noted(turn: Turn, entry: Entry | None, text: str) -> str:
    """`text`, saying that a 已完成 just recorded waits for the office's 复核 when it does."""
    if entry is None or entry.kind != REPORT or entry.status is not Status.DONE:
        return text
    return f"{text}{review_texts.REVIEW_NOTE}" if turn.core.config.review.required else text


def _names(turn: Turn) -> dict[str, str] | None:
    """Notice key → short name for choices, when several notices are in use."""
    desks = turn.core.active_desks()
    return {d.key: d.tag for d in desks} if len(desks) > 1 else None


async def record(
    turn: Turn, parsed: Parsed, message: int, notice: str | None = None, offered: Refs = ()
) -> Result:
    """Record a report, correction or progress question for the person's unit, or ask which
    task (among `offered`, when a nudge named several) or say why not."""
    if not turn.core.recording:
        return said(texts.LEDGER_BUSY, outcome=Refused("busy"))
    if isinstance(parsed, Report | Amend) and not has_content(parsed.text):
        return said(progress_texts.NO_CONTENT, outcome=Refused("empty"))
    answer = await _record(turn, parsed, message, notice)
    rows = choices.choice_rows(offered or answer.choices, _names(turn)) if answer.pending else ()
    return said(answer.text, rows, _outcome(answer, parsed))


def parsed_of(intent: Said) -> Parsed:
    """The ledger's reading of a report intent (what `record_progress` records)."""
    match intent:
        case intents.Report(task=task, status=status, text=text):
            return Report((task,) if task else (), text, status)
        case intents.Amend(task=task, status=status, text=text):
            return Amend((task,) if task else (), text, status)
        case intents.Progress(task=task):
            return TaskProgress(task) if task is not None else MyProgress()
        case intents.Malformed(reason=reason):
            return BadReport(reason)
    return Withdraw()


async def blocker(turn: Turn, blocked: TaskRef, text: str, message: int) -> Result:
    """The one line after 有困难: the difficulty, recorded on that task."""
    notice, number = blocked
    return await record(turn, Report((number,), text.strip(), Status.BLOCKED), message, notice)


async def nudge_reply(
    turn: Turn, nudged: Refs, said_status: Status | None, text: str, message: int
) -> Result:
    """A line replied to a nudge that names no task: a report on the nudge's task (asked
    among its tasks when it named several), at the status said, else the status the text
    states; a status the bot cannot tell is asked, recording nothing."""
    if said_status is None:
        return await ask_status(turn, tuple(n for _, n in nudged), text, nudged[0][0])
    tasks = (nudged[0][1],) if len(nudged) == 1 else ()
    notice = nudged[0][0] if len(nudged) == 1 else None
    report = Report(tasks, text.strip(), said_status)
    return await record(turn, report, message, notice, nudged if len(nudged) > 1 else ())


async def ask_status(
    turn: Turn, tasks: tuple[int, ...], text: str, notice: str | None = None
) -> Result:
    """已完成 or still going? Ask with the nudge's status choices; nothing is recorded until
    one is pressed (the text said goes with it)."""
    core, session = turn.core, turn.session
    if not core.recording:
        return said(texts.LEDGER_BUSY, outcome=Refused("busy"))
    unit = await turn.unit()
    if unit is None:
        return said(progress_texts.NEEDS_UNIT, outcome=Refused("no unit"))
    if not tasks:
        return said(progress_texts.NO_TASK_NO_STATUS, outcome=Refused("unclear"))
    if not has_content(text):
        return said(progress_texts.NO_CONTENT, outcome=Refused("no content"))
    triples = []
    for number in tasks:
        desk = _desk_holding(turn, unit, number, notice)
        if desk is None:
            return _not_yours(unit, number)
        due = next_due(number, unit, desk.knowledge, desk.ledger)
        if due is not None:
            triples.append((desk.key, number, due))
            session.asked_status[(desk.key, number)] = text.strip()
    shown = progress_texts.ASK_STATUS.format(
        tasks=progress_texts.numbers(tasks), text=text.strip()
    )
    return said(shown, choices.status_choices(triples, _names(turn)), Asked())


def _desk_holding(turn: Turn, unit: str, number: int, notice: str | None) -> Desk | None:
    """The desk (of notice `notice`, else the first) in which `unit` holds task `number`."""
    desks = turn.core.active_desks()
    named = by_key(desks, notice) if notice else None
    desk = named or next((d for d in desks if number in unit_duties(unit, d.knowledge)), None)
    return desk if desk is not None and number in unit_duties(unit, desk.knowledge) else None


def _not_yours(unit: str, number: int) -> Result:
    reason = progress_texts.NOT_YOURS.format(unit=unit, tasks=progress_texts.numbers((number,)))
    return said(reason, outcome=Refused(reason))


async def unheld(turn: Turn, tasks: tuple[int, ...], notice: str | None) -> Result | None:
    """Why the person cannot report on `tasks` now (the ledger busy, no unit, a task their
    unit does not hold); None when they can."""
    if not turn.core.recording:
        return said(texts.LEDGER_BUSY, outcome=Refused("busy"))
    unit = await turn.unit()
    if unit is None:
        return said(progress_texts.NEEDS_UNIT, outcome=Refused("no unit"))
    missing = next((n for n in tasks if _desk_holding(turn, unit, n, notice) is None), None)
    return None if missing is None else _not_yours(unit, missing)


async def on_choice(turn: Turn, button: Button, press_id: int) -> Result:
    """The task chosen for a report that named none."""
    pending = turn.session.pending_report
    if pending is None:
        return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
    parsed = replace(pending, tasks=(button.number(0),))
    answer = await _record(turn, parsed, -press_id, button.notice(1))
    return Result((Toast(), Reply(answer.text)), _outcome(answer, parsed))


async def on_status(turn: Turn, button: Button, press_id: int) -> Result:
    """已完成 / 进行中 / 有困难 / 延期 under a nudge, for the presser's unit."""
    core, session = turn.core, turn.session
    number, status = button.number(0), STATUS_OF_CHOICE.get(button.fields[2] or "")
    desk = by_key(core.active_desks(), button.notice(3))
    try:
        due = datetime.strptime(button.fields[1] or "", "%Y%m%d").date()  # noqa: DTZ007 - a date
    except ValueError:
        due = None
    if desk is None or not is_milestone(desk.ledger, desk.knowledge.deadlines, number, due):
        return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
    if button.fields[2] == "e":
        return Result((Toast(), Reply(extensions.ask_for_line(turn, desk.key, number))), Asked())
    if status is Status.BLOCKED:
        session.blocked_task = (desk.key, number)
        return Result((Toast(), Reply(progress_texts.ASK_BLOCKER.format(task=number))), Asked())
    unit = await turn.unit()
    latest = desk.ledger.latest(number, unit) if unit else None
    if (
        status is Status.DONE
        and latest
        and latest.status is Status.DONE
        and latest.due(number) == due
    ):
        text = nudge_texts.DONE_ALREADY.format(task=number, due=nudge_texts.day_label(due))
        return Result((Toast(text),), Refused("done"))
    report = Report((number,), session.asked_status.pop((desk.key, number), status.value), status)
    answer = await _record(turn, report, -press_id, desk.key)
    text = answer.text
    if status is Status.DONE and answer.entry is not None:
        done = nudge_texts.DONE_RECORDED.format(
            unit=unit, task=number, due=nudge_texts.day_label(due)
        )
        text = headed(desk, _noted(turn, answer.entry, done), core.active_desks())
    return Result((Toast(shorten(text, 190)), Reply(text)), _outcome(answer, report))


async def pause_or_resume(turn: Turn, intent: intents.Pause | intents.Resume) -> Result:
    """ "暂停提醒到12月1日" / "恢复提醒", in a private chat.

    The pause is the person's, on every channel: the console's is kept for the console's
    person, and the nudges its --now shows honour it.
    """
    core, person = turn.core, turn.person
    if turn.place.group:
        return said(nudge_texts.PAUSE_IN_GROUP, outcome=Refused("group"))
    if isinstance(intent, intents.Resume):
        removed = await core.store.run(core.pauses.resume, person.id)
        if removed:
            return said(nudge_texts.RESUMED, outcome=Changed())
        return said(nudge_texts.NOT_PAUSED, outcome=Refused("not paused"))
    request = pause_request(intent.until, core.clock().date())
    if isinstance(request, BadPause):
        return said(request.reason, outcome=Refused(request.reason))
    return await _pause(turn, request)


async def _pause(turn: Turn, request: PauseRequest) -> Result:
    """Pause the reminders of a person with a unit through `request.until`."""
    core, person = turn.core, turn.person
    if await turn.unit() is None:
        return said(nudge_texts.PAUSE_NEEDS_UNIT, outcome=Refused("no unit"))
    await core.store.run(core.pauses.pause, person.id, person.name, request.until, core.clock())
    until, resume = full_date(request.until), full_date(request.until + timedelta(days=1))
    return said(nudge_texts.PAUSED.format(until=until, resume=resume), outcome=Changed())
