"""The office marks tasks as needing 佐证材料 (`/evidence [通知] 24 [取消]`), and a 已完成
report on a marked task is answered with one line saying what may be sent, until the unit
sent some (a file, a link or a 文号). Nothing else ever asks for evidence."""

from __future__ import annotations

import bot.evidence.texts as say
from bot.conversation.actions import Changed, Recorded, Refused, Reply, Result, said
from bot.conversation.turn import Turn
from bot.evidence.needed import NeededEvidence
from bot.ledger.history import REPORT, Entry
from bot.ledger.reports import Status
from bot.normalize import parse_number
from bot.notices.across import headed
from bot.notices.desks import Desk, split_notice

CANCEL_WORDS = {"取消", "清除", "删除", "off"}


async def mark(turn: Turn, args: tuple[str, ...]) -> Result:
    """/evidence: list the marks; /evidence 24: mark task 24; /evidence 24 取消: unmark it."""
    core = turn.core
    desks = core.active_desks()
    desk, rest = split_notice(desks, list(args))
    desk = desk or desks[0]
    marks = NeededEvidence(core.store)
    if not rest:
        marked = await core.store.run(marks.marked, desk.key)
        if not marked:
            return said(say.NEEDED_NONE)
        tasks = "、".join(f"第{n}项" for n in sorted(marked))
        return said(headed(desk, say.NEEDED_LIST.format(tasks=tasks), desks))
    task = parse_number(rest[0].removeprefix("第").removesuffix("项"))
    cancel = rest[1:] and rest[1] in CANCEL_WORDS
    if task is None or desk.knowledge.plan.task(task) is None or len(rest) > 1 and not cancel:
        return said(say.NEEDED_USAGE, outcome=Refused("usage"))
    if cancel:
        changed = await core.store.run(marks.unmark, desk.key, task)
        text = say.NEEDED_UNMARKED if changed else say.NEEDED_NOT_MARKED
    else:
        changed = await core.store.run(marks.mark, desk.key, task)
        text = say.NEEDED_MARKED if changed else say.NEEDED_ALREADY
    outcome = Changed() if changed else Refused("unchanged")
    return said(headed(desk, text.format(task=task), desks), outcome=outcome)


def _desk_of(turn: Turn, entry: Entry) -> Desk | None:
    return next(
        (d for d in turn.core.active_desks() if d.ledger.reports().get(entry.id) is entry), None
    )


async def hinted(turn: Turn, result: Result) -> Result:
    """`result` with a line for each 已完成 report it recorded on a task marked as needing
    evidence, for which the unit has sent none."""
    if not isinstance(result.outcome, Recorded) or not turn.core.recording:
        return result
    done = [e for e in result.outcome.entries if e.kind == REPORT and e.status is Status.DONE]
    hints = []
    for entry in done:
        desk = _desk_of(turn, entry)
        if desk is None:
            continue
        marked = await turn.core.store.run(NeededEvidence(turn.core.store).marked, desk.key)
        if not marked.intersection(entry.tasks):
            continue
        sent = {(t, e.unit) for e in desk.ledger.evidence() for t in e.tasks}
        hints += [
            Reply(say.NEEDED_HINT.format(task=task))
            for task in entry.tasks
            if task in marked and (task, entry.unit) not in sent
        ]
    return Result((*result.actions, *hints), result.outcome) if hints else result
