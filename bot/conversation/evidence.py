"""佐证材料 in the conversation, for every channel: a file, a link or a 文号 attached to a
unit's task (and to the report it belongs to, when there is one).

When a file is evidence (`is_evidence`): in a private chat, from staff always; from the
office's admins when it says so (the console's /attach), its caption names a task
(第24项佐证, or a report such as 第24项已完成), it replies to a nudge or to the bot, the person
said 第N项佐证 just before, or it is no notice file type (a photo, an OFD, .doc, .xls) and the
admin speaks for a unit. Any other admin's file is a notice to import.

Which task (`_named`): the caption's, else the nudge's replied to, else the task of the
person's latest report when the file replies to the bot (its 已记录), else the one named by
第N项佐证 just before; else the person is asked, with a choice per task of the unit (of the
nudge, when it named several), and the file waits in the session. A report in the caption is recorded first and the file linked to
it; otherwise the file is linked to the unit's latest report on the task, if any.

The file's name and size are checked before it is fetched, its bytes after; it is stored by
content (`bot.evidence.store`) and only then the ledger's record is written and the reply
names what was attached. A refusal changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import bot.evidence.texts as say
from bot.conversation import choices, reports
from bot.conversation.actions import Asked, Recorded, Refused, Reply, Result, Rows, Toast, said
from bot.conversation.choices import Button
from bot.conversation.events import File
from bot.conversation.session import TaskRef, WaitingFile
from bot.conversation.turn import Turn
from bot.conversation.typed import Typed
from bot.errors import DataFileError
from bot.evidence.kinds import refusal_before, refusal_of, suffix_of
from bot.evidence.lines import EvidenceLine, document_number_in, evidence_line, link_in
from bot.evidence.listing import described
from bot.evidence.store import EvidenceStore
from bot.grammar import intents
from bot.grammar.understand import understand
from bot.ledger.history import Attachment, Entry
from bot.ledger.reports import Report
from bot.notice_files.importers import SUFFIXES
from bot.notices.desks import Desk, by_key
from bot.progress.recording import part_message, unit_duties

__all__ = ["is_evidence", "on_file", "on_line", "on_press"]


@dataclass(frozen=True, slots=True)
class _Target:
    """Where evidence goes: the notice's desk, the task, and the report it belongs to."""

    desk: Desk
    task: int
    report: Entry | None


def _caption_report(turn: Turn, caption: str) -> Report | None:
    """The report a caption makes when it names a task (第24项已完成：…), as typed."""
    read = understand(caption, turn.core.vocabulary(), today=turn.core.clock().date())
    found = next((i for i in read if isinstance(i, intents.Report) and i.task), None)
    if found is None:
        return None
    return Report((found.task,), Typed(caption).part(found.text), found.status)


def _last_report(turn: Turn) -> tuple[Desk, Entry] | None:
    """The person's latest report in force, in any notice in use, with its desk."""
    found = [
        (entry.at, entry.id, desk, entry)
        for desk in turn.core.active_desks()
        if (entry := desk.ledger.last_report(turn.person.id)) is not None
    ]
    return max(found, key=lambda f: (f[0], f[1]))[2:] if found else None


def _named(turn: Turn, event: File, line: EvidenceLine | None) -> TaskRef | None:
    """The (notice key or "", task) the file is for, as the event names it; None if it does
    not (a notice key "" is any notice where the unit holds the task)."""
    if line is not None:
        return ("", line.task)
    nudged = choices.nudged_tasks(event.replied_choices)
    if len(nudged) == 1:
        return nudged[0]
    if event.replied_bot and not nudged and (last := _last_report(turn)) is not None:
        desk, entry = last
        return (desk.key, entry.tasks[0])
    return turn.session.evidence_task


async def is_evidence(turn: Turn, event: File) -> bool:
    """Whether a file is evidence, by the rule in this module's docstring."""
    if event.place.group:
        return False
    if not turn.admin or event.as_evidence:
        return True
    caption = event.caption.strip()
    if evidence_line(caption) or _caption_report(turn, caption) or event.replied_choices:
        return True
    if event.replied_bot or turn.session.evidence_task is not None:
        return True
    return suffix_of(event.name) not in SUFFIXES and await turn.unit() is not None


async def _fetch(event: File, name: str) -> tuple[bytes | None, str | None]:
    """The file's bytes, or why not: checked by name and size before, by content after."""
    early = refusal_before(name, event.size)
    if early is not None:
        return None, early
    try:
        data = event.data if event.data is not None else await event.fetch()
    except DataFileError as error:
        return None, say.UNREADABLE.format(name=name, reason=error.detail)
    except OSError as error:
        return None, say.UNREADABLE.format(name=name, reason=error.strerror or error)
    return (None, refusal) if (refusal := refusal_of(name, data)) else (data, None)


def _refused(text: str) -> Result:
    return said(text, outcome=Refused(text))


def _holders(turn: Turn, unit: str, ref: TaskRef) -> list[Desk]:
    """The desks in use where the unit holds the task (the named notice's only, if named)."""
    key, task = ref
    desks = turn.core.active_desks()
    named = [d for d in desks if d.key == key] if key else desks
    return [d for d in named if task in unit_duties(unit, d.knowledge)]


def _task_rows(turn: Turn, refs: Sequence[TaskRef]) -> Rows:
    desks = turn.core.active_desks()
    names = {d.key: d.tag for d in desks} if len(desks) > 1 else None
    return choices.evidence_rows(refs, names)


async def on_file(turn: Turn, event: File) -> Result:
    """A file that `is_evidence`: checked, stored and attached, or the task asked, or refused."""
    core, session = turn.core, turn.session
    if not core.recording:
        return _refused(say.BUSY)
    unit = await turn.unit()
    if unit is None:
        return _refused(say.NEEDS_UNIT)
    name = event.name or "未命名"
    data, refusal = await _fetch(event, name)
    if data is None:
        return _refused(refusal or say.BUSY)
    caption = event.caption.strip()
    line = evidence_line(caption)
    report = None if line else _caption_report(turn, caption)
    if report is not None:
        return await _with_report(turn, report, name, data, event.message_id)
    ref = _named(turn, event, line)
    session.evidence_task = None
    if ref is None:
        refs = list(choices.nudged_tasks(event.replied_choices)) or [
            (d.key, n) for d in core.active_desks() for n in unit_duties(unit, d.knowledge)
        ]
        if not refs:
            return _refused(say.NO_TASKS.format(unit=unit))
        session.pending_evidence = WaitingFile(name, data, event.message_id)
        return said(say.WHICH_TASK.format(name=name), _task_rows(turn, refs), Asked())
    holders = _holders(turn, unit, ref)
    if not holders:
        return _refused(say.NOT_YOURS.format(unit=unit, task=ref[1]))
    if len(holders) > 1:
        session.pending_evidence = WaitingFile(name, data, event.message_id)
        rows = _task_rows(turn, [(d.key, ref[1]) for d in holders])
        return said(say.WHICH_TASK.format(name=name), rows, Asked())
    target = _Target(holders[0], ref[1], holders[0].ledger.latest(ref[1], unit))
    return await _attach(turn, target, unit, (name, data), "", event.message_id)


async def _with_report(turn: Turn, report: Report, name: str, data: bytes, message: int) -> Result:
    """A caption that is a report: the report first, then the file linked to it."""
    recorded = await reports.record(turn, report, message)
    entry = recorded.outcome.entry if isinstance(recorded.outcome, Recorded) else None
    if entry is None:
        return recorded  # refused or asked: the file is not kept
    desk = next(d for d in turn.core.active_desks() if d.ledger.recorded(turn.place.id, message))
    target = _Target(desk, entry.tasks[0], entry)
    attached = await _attach(turn, target, entry.unit, (name, data), "", part_message(message, 1))
    outcome = attached.outcome
    also = outcome.entries if isinstance(outcome, Recorded) else ()
    return Result((*recorded.actions, *attached.actions), Recorded(entry, also))


async def _attach(
    turn: Turn,
    target: _Target,
    unit: str,
    file: tuple[str, bytes] | None,
    text: str,
    message: int,
) -> Result:
    """Store the file (if any), then write the record; reply with what was attached."""
    core, desk = turn.core, target.desk
    if desk.ledger.recorded(turn.place.id, message) is not None:
        return said(say.ALREADY, outcome=Refused("already"))
    files: tuple[Attachment, ...] = ()
    if file is not None:
        name, data = file
        store = EvidenceStore(core.config.data_dir)
        digest = await asyncio.to_thread(store.put, data)
        files = (Attachment(digest, name, len(data)),)
    entry = await core.ledger.store.run(
        desk.ledger.attach,
        unit=unit,
        task=target.task,
        report=target.report.id if target.report else None,
        files=files,
        text=text,
        user=turn.person.id,
        name=turn.person.name,
        chat=turn.place.id,
        message=message,
        now=core.clock(),
    )
    if entry is None:
        return said(say.ALREADY, outcome=Refused("already"))
    return said(_attached(entry, target.report), outcome=Recorded(entry))


def _attached(entry: Entry, report: Entry | None) -> str:
    """已附佐证 and what: the files by name and size, or the link or 文号."""
    when = say.FOR_REPORT.format(when=f"{report.at:%m月%d日 %H:%M}") if report else ""
    what = described(entry)
    return say.ATTACHED.format(unit=entry.unit, task=entry.tasks[0], what=what, report=when)


async def on_line(turn: Turn, line: EvidenceLine, message: int) -> Result:
    """ "第24项佐证 https://…" or "…江环〔2021〕12号": the link or 文号 attached; "第24项佐证"
    alone: the next file goes to that task."""
    if not turn.core.recording:
        return _refused(say.BUSY)
    unit = await turn.unit()
    if unit is None:
        return _refused(say.NEEDS_UNIT)
    holders = _holders(turn, unit, ("", line.task))
    if not holders:
        return _refused(say.NOT_YOURS.format(unit=unit, task=line.task))
    if not line.rest:
        turn.session.evidence_task = (holders[0].key, line.task) if len(holders) == 1 else None
        return said(say.ASK_FILE.format(task=line.task), outcome=Asked())
    text = link_in(line.rest) or document_number_in(line.rest)
    if text is None:
        return _refused(say.NOT_A_LINK.format(task=line.task))
    desk = holders[0]
    target = _Target(desk, line.task, desk.ledger.latest(line.task, unit))
    return await _attach(turn, target, unit, None, text, message)


async def on_press(turn: Turn, button: Button) -> Result:
    """The task chosen for a file that named none."""
    waiting, turn.session.pending_evidence = turn.session.pending_evidence, None
    unit = await turn.unit()
    desk = by_key(turn.core.active_desks(), button.notice(1))
    if waiting is None or unit is None or desk is None:
        return Result((Toast(say.EXPIRED),), Refused("expired"))
    task = button.number(0)
    if task not in unit_duties(unit, desk.knowledge):
        return Result((Toast(), Reply(say.NOT_YOURS.format(unit=unit, task=task))), Refused(""))
    target = _Target(desk, task, desk.ledger.latest(task, unit))
    done = await _attach(turn, target, unit, (waiting.name, waiting.data), "", waiting.message)
    return Result((Toast(), *done.actions), done.outcome)
