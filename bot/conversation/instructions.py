"""领导批示: typed (``批示 第24项：…``, /instruct 24 …), or a line replied to the weekly digest
(or after its 写批示 choice) naming a task; recorded in the 台账 before the leader is told.

Only the office's readers (admins, the leaders who observe) write a 批示; anyone else is
refused and nothing is recorded. The units get it from the rounds (`bot.rounds.instructions`),
once per person under an outbox key, so a restart never sends it twice; recording it wakes
the rounds at once.
"""

from __future__ import annotations

import bot.instructions.texts as say
from bot import texts
from bot.conversation import choices
from bot.conversation.actions import Asked, Recorded, Refused, Reply, Result, Rows, Toast, said
from bot.conversation.core import Core
from bot.conversation.events import Text
from bot.conversation.turn import Turn
from bot.grammar.instructions import instruction, on_task
from bot.grammar.intents import Instruction
from bot.instructions.units import OWED_FOR, instructed_units
from bot.ledger.history import Entry
from bot.ledger.milestones import milestones_for, open_dues
from bot.normalize import parse_number
from bot.notices.across import headed
from bot.notices.desks import Desk, split_notice
from bot.office.texts import NO_SUCH_TASK
from bot.progress.texts import ALREADY_RECORDED

_CANCEL = {"取消", "不写了", "算了", "不用了"}


def _desk_for(desks: list[Desk], named: Desk | None, task: int) -> Desk | str:
    """The notice a 批示 on `task` is about (`named` in the line, else the one that has the
    task), or what to say instead."""
    holding = [d for d in desks if d.knowledge.plan.task(task) is not None]
    if named is None and len(holding) > 1:
        labels = "、".join(d.label for d in holding)
        return say.WHICH_NOTICE.format(task=task, labels=labels, example=holding[0].name)
    desk = named or (holding[0] if holding else desks[0])
    plan = desk.knowledge.plan
    if plan.task(task) is None:
        return NO_SUCH_TASK.format(task=task, count=len(plan.tasks))
    return desk


async def typed(
    turn: Turn, intent: Instruction, named: Desk | None, line: str, message: int
) -> Result:
    """``批示 第24项：…`` as the grammar read it; its task and words as typed in `line` when
    they can be read there (the grammar's reading rewrites both)."""
    again = instruction(line)
    task = again.task if again is not None and again.task is not None else intent.task
    words = again.words if again is not None else intent.words
    return await _write(turn, task, words, named, message)


async def _write(
    turn: Turn, task: int | None, words: str, named: Desk | None, message: int
) -> Result:
    """Record a reader's 批示 on `task`; refuse anyone else, ask for what is missing."""
    if not turn.reader:
        return said(say.STAFF_REFUSED, outcome=Refused("staff"))
    if task is None:
        return said(say.ASK_TASK, outcome=Asked())
    if not words.strip():
        return said(say.ASK_WORDS.format(task=task), outcome=Asked())
    core = turn.core
    if not core.recording:
        return said(texts.LEDGER_BUSY, outcome=Refused("busy"))
    desk = _desk_for(core.active_desks(), named, task)
    if not isinstance(desk, Desk):
        return said(desk, outcome=Refused(desk))
    return await _record(turn, desk, task, words.strip(), message)


async def _record(turn: Turn, desk: Desk, task: int, words: str, message: int) -> Result:
    """Write the 批示 (durably), wake the rounds, then tell the leader whom it goes to."""
    core, person = turn.core, turn.person

    def write_it() -> Entry | None:
        return desk.ledger.instruct(
            task,
            text=words,
            user=person.id,
            name=person.name,
            chat=turn.place.id,
            message=message,
            now=core.clock(),
        )

    entry = await core.ledger.store.run(write_it)
    if entry is None:  # the channel delivered this message again; recorded the first time
        return said(ALREADY_RECORDED, outcome=Refused("repeated"))
    core.rounds_wanted.set()
    know = desk.knowledge
    units = instructed_units(task, know.plan, know.registry)
    nobody = await core.store.run(
        lambda: [u for u in units if not core.bindings.users_of(u) and not core.groups.group_of(u)]
    )
    text = headed(desk, say.recorded(entry, units, nobody), core.active_desks())
    return said(text, outcome=Recorded(entry))


async def command(turn: Turn, args: tuple[str, ...], message: int) -> Result:
    """/instruct [通知名] 24 批示内容."""
    core = turn.core
    named, words = split_notice(core.active_desks(), list(args))
    task = parse_number(words[0].removeprefix("第").removesuffix("项")) if words else None
    if task is None or len(words) < 2:
        return said(say.USAGE)
    return await _write(turn, task, " ".join(words[1:]), named, message)


def on_prompt(turn: Turn) -> Result:
    """写批示 under the weekly digest: the next line naming a task is the 批示."""
    if not turn.reader:
        return Result((Toast(say.STAFF_REFUSED, alert=True),), Refused("staff"))
    turn.session.instructing = True
    return Result((Toast(), Reply(say.PROMPT)), Asked())


async def in_reply(turn: Turn, event: Text) -> Result | None:
    """The line after 写批示, or a reader's line replied to the weekly digest, when it names a
    task: a 批示 on it; None when it is neither (the line is read as any other)."""
    waiting, turn.session.instructing = turn.session.instructing, False
    replied = choices.INSTRUCTION_PROMPT in event.replied_choices
    if not (waiting or replied) or not turn.reader:
        return None
    if waiting and event.text.strip() in _CANCEL:
        return said(say.CANCELLED, outcome=Refused("cancelled"))
    found = on_task(event.text)
    if found is None and waiting:
        turn.session.instructing = True  # one more try, or 取消
        return said(say.ASK_TASK, outcome=Asked())
    if found is None:
        return None
    return await _write(turn, found.task, found.words, None, event.message_id)


def unit_message(desk: Desk, desks: list[Desk], entry: Entry, unit: str) -> tuple[str, Rows]:
    """The 批示 `entry` as `unit`'s people get it, with the status choices of the unit's
    current due date on its task (so a reply to it, or a press, reports on the task)."""
    know = desk.knowledge
    [task] = entry.tasks
    found = know.plan.task(task)
    requirement = found.requirement if found is not None else ""
    text = headed(desk, say.for_unit(entry, task, requirement, unit), desks)
    dues = (
        open_dues(desk.ledger, know.deadlines, task, unit)
        or milestones_for(desk.ledger, know.deadlines, task, unit)[-1:]
    )
    names = {d.key: d.tag for d in desks} if len(desks) > 1 else None
    return text, choices.status_choices([(desk.key, task, dues[0])], names) if dues else ()


def recent_for(core: Core, unit: str) -> list[Reply]:
    """The 批示 of the last `OWED_FOR` to `unit`, as they would arrive: for a channel that
    shows them on demand (the console's --now) rather than being sent them."""
    now, desks = core.clock(), core.active_desks()
    return [
        Reply(*unit_message(desk, desks, entry, unit))
        for desk in desks
        for entry in desk.ledger.instructions()
        if now - OWED_FOR <= entry.at <= now
        and unit in instructed_units(entry.tasks[0], desk.knowledge.plan, desk.knowledge.registry)
    ]
