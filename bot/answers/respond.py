"""Answer one question the grammar read, from one notice: the entry point every channel uses.

Pure: reads the notice's knowledge, its ledger when there is one (for 已完成 reports and
granted extensions), and `today`. Reports, requests and the office's questions are the
conversation's; a question here never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import bot.answers.texts as answer_texts
from bot.answers.help_text import help_text
from bot.answers.howto import howto_answer
from bot.answers.model import Answer, ChatState, Knowledge
from bot.answers.roles import must_do_answer, role_answer
from bot.answers.search import closest, search, search_answer
from bot.answers.smalltalk import small_talk_answer, unknown_answer
from bot.answers.timeline import next_due, task_due_answer, window_answer
from bot.duties import duties_for, duties_of_group, overview, pending_groups, undecided_tasks
from bot.grammar.intents import (
    Applies,
    Confirm,
    Deny,
    Due,
    Duties,
    Help,
    HowTo,
    Owners,
    Pending,
    Role,
    Search,
    SectionTasks,
    SetUnit,
    SmallTalk,
    TaskDetail,
    Units,
    Unknown,
)
from bot.ledger.history import Ledger
from bot.ledger.milestones import milestones_for
from bot.plan import Plan, Task
from bot.plan import Role as PlanRole
from bot.registry.units import Group, NameMatch, Unit

MAX_QUESTION = 200
Question = (
    Due
    | Duties
    | Applies
    | TaskDetail
    | Owners
    | SectionTasks
    | Search
    | Units
    | Pending
    | HowTo
    | Help
    | SmallTalk
    | SetUnit
    | Confirm
    | Deny
    | Unknown
)
ROLES = {Role.LEAD: PlanRole.LEAD, Role.COOPERATE: PlanRole.COOPERATE}


def _numbers(tasks: Sequence[Task]) -> tuple[int, ...]:
    return tuple(t.number for t in tasks)


def duties_answer(
    entry: Unit | Group, know: Knowledge, today: date | None, ledger: Ledger | None = None
) -> Answer:
    """A unit's (or a group phrase's) tasks by role, each with its next due date.

    The next due date is the first on or after `today` (the last, overdue, when all have
    passed). With `ledger`, a unit's dates are the ones it is held to (extensions moved).
    """
    if isinstance(entry, Group):
        duties = duties_of_group(entry.name, know.plan)
        undecided: list[Task] = []
    else:
        duties = duties_for(entry, know.plan, know.registry)
        undecided = undecided_tasks(duties, know.plan, know.registry)

    def dates(number: int) -> tuple[date, ...]:
        if ledger is not None and isinstance(entry, Unit):
            return milestones_for(ledger, know.deadlines, number, entry.name)
        return tuple(m.due for m in know.deadlines.get(number, ()))

    dues = {d.task.number: next_due(dates(d.task.number), today) for d in duties}
    kind = entry.kind if isinstance(entry, Unit) else "统称"
    text = answer_texts.unit_duties(entry.name, kind, duties, undecided, dues)
    return Answer(text, _numbers([d.task for d in duties]))


def duties_of_units(
    entries: Sequence[Unit | Group],
    know: Knowledge,
    today: date | None,
    ledger: Ledger | None = None,
) -> Answer:
    """Several units' (or group phrases') tasks at once (执法一科和执法二科的任务), one
    block each, in the order given."""
    answers = [duties_answer(entry, know, today, ledger) for entry in entries]
    return _joined(answers)


def _joined(answers: Sequence[Answer]) -> Answer:
    numbers = dict.fromkeys(n for answer in answers for n in answer.tasks)
    return Answer("\n".join(a.text for a in answers), tuple(numbers))


def task_text(task: Task, know: Knowledge, today: date | None) -> str:
    """A task in full as the notice gives it (public): requirement, parties, due dates."""
    milestones = know.deadlines.get(task.number, ())
    return answer_texts.task_detail(task, know.plan, know.registry, milestones, today)


def _suggest(
    state: ChatState, text: str, match: NameMatch, *, sets_unit: bool
) -> tuple[ChatState, Answer]:
    offered = replace(state, suggestion=match.entry.name, suggestion_sets_unit=sets_unit)
    return offered, Answer(
        answer_texts.SUGGEST.format(text=answer_texts.echo(text), name=match.entry.name)
    )


def _claim_unit(state: ChatState, text: str, know: Knowledge) -> tuple[ChatState, Answer]:
    match = know.registry.find(text)
    if match is None:
        return state, Answer(answer_texts.UNKNOWN_NAME.format(text=answer_texts.echo(text)))
    if not match.confident:
        return _suggest(state, text, match, sets_unit=True)
    if isinstance(match.entry, Group):
        members = know.registry.members(match.entry)
        example = members[0].name if members else "综合科"
        reply = answer_texts.GROUP_IS_NOT_A_UNIT.format(group=match.entry.name, example=example)
        return state, Answer(reply)
    unit = match.entry.name
    return state, Answer(answer_texts.UNIT_SET.format(unit=unit), claimed_unit=unit)


def _confirm(state: ChatState, know: Knowledge, today: date) -> tuple[ChatState, Answer]:
    entry = know.registry.lookup(state.suggestion) if state.suggestion else None
    cleared = replace(state, suggestion=None, suggestion_sets_unit=False)
    if entry is None:
        return cleared, Answer(answer_texts.NOTHING_TO_CONFIRM)
    if state.suggestion_sets_unit:
        return _claim_unit(cleared, entry.name, know)
    return cleared, duties_answer(entry, know, today)


def _search(
    state: ChatState, intent: Search, know: Knowledge, today: date
) -> tuple[ChatState, Answer]:
    """Tasks the keywords find; a miss that is a unit's name answers its duties, one nearly a
    unit's name offers it (您是说…吗), else the closest tasks are named."""
    keyword = " ".join(intent.keywords)
    if not search(know.plan, keyword):
        match = know.registry.find("".join(intent.keywords))
        if match is not None and match.confident:
            return state, duties_answer(match.entry, know, today)
        if match is not None:
            return _suggest(state, keyword, match, sets_unit=False)
        if not closest(know.plan, keyword):
            return state, unknown_answer(keyword, know, know.registry.unit(state.unit or ""))
    return state, search_answer(keyword, know, lead_only=intent.lead_only)


def _task_answer(intent: TaskDetail | Owners, know: Knowledge, today: date) -> Answer:
    task = know.plan.task(intent.task)
    if task is None:
        return Answer(answer_texts.no_such_task(intent.task, know.plan))
    if isinstance(intent, Owners):
        return Answer(answer_texts.task_owners(task, know.registry))
    return Answer(task_text(task, know, today))


def _section_answer(number: int, plan: Plan) -> Answer:
    section = plan.section(number)
    if section is None:
        return Answer(answer_texts.NO_SUCH_SECTION.format(number=number, count=len(plan.sections)))
    tasks = plan.tasks_in(section.number)
    return Answer(answer_texts.section_tasks(section, tasks), _numbers(list(tasks)))


def _duties(
    intent: Duties, mine: Unit | None, know: Knowledge, today: date, ledger: Ledger | None
) -> Answer:
    """The units named (the asker's own when none), only one role when asked."""
    named = [know.registry.lookup(name) for name in intent.units]
    entries = [e for e in named if e is not None] if intent.units else [mine]
    if not entries or entries == [None]:
        return Answer(answer_texts.ASK_UNIT_FIRST)
    found = [e for e in entries if e is not None]
    if intent.role is None:
        return duties_of_units(found, know, today, ledger)
    role = ROLES[intent.role]
    return _joined(
        [
            role_answer(e, role, know, today)
            if isinstance(e, Unit)
            else duties_answer(e, know, today)
            for e in found
        ]
    )


def _for_unit(
    intent: Due | Applies, unit: Unit | None, know: Knowledge, today: date, ledger: Ledger | None
) -> Answer:
    if isinstance(intent, Due) and intent.task is not None:
        return task_due_answer(unit, intent.task, know, ledger, today)
    if unit is None:
        return Answer(answer_texts.ASK_UNIT_FIRST)
    if isinstance(intent, Applies):
        return must_do_answer(unit, intent.task, know)
    return window_answer([unit], intent.window, know, ledger, today)


def answer(
    state: ChatState,
    intent: Question,
    know: Knowledge,
    *,
    today: date,
    ledger: Ledger | None = None,
) -> tuple[ChatState, Answer]:
    """Answer one question for the asker `state.unit`, returning the updated state and the
    answer. Never raises on user input; a 您是说…吗 offered earlier is forgotten unless this
    is its 是."""
    if isinstance(intent, Confirm):
        return _confirm(state, know, today)
    state = replace(state, suggestion=None, suggestion_sets_unit=False)
    unit = know.registry.unit(state.unit) if state.unit else None
    match intent:
        case Deny():
            return state, Answer(answer_texts.DENIED)
        case SetUnit(unit=name):
            return _claim_unit(state, name, know)
        case Search():
            return _search(state, intent, know, today)
        case Due() | Applies():
            return state, _for_unit(intent, unit, know, today, ledger)
        case Duties():
            return state, _duties(intent, unit, know, today, ledger)
        case TaskDetail() | Owners():
            return state, _task_answer(intent, know, today)
        case SectionTasks(section=number):
            return state, _section_answer(number, know.plan)
        case Units():
            return state, Answer(answer_texts.overview(overview(know.plan, know.registry)))
        case Pending():
            return state, Answer(answer_texts.pending(pending_groups(know.plan, know.registry)))
        case HowTo(topic=topic):
            return state, howto_answer(topic, unit, know, ledger, today)
        case SmallTalk(kind=kind):
            return state, small_talk_answer(kind, know, unit)
        case Unknown(text=text):
            if len(text) > MAX_QUESTION:
                return state, Answer(answer_texts.TOO_LONG.format(length=len(text)))
            match = know.registry.find(text)
            if match is not None and match.confident:
                return state, duties_answer(match.entry, know, today)
            if match is not None:
                return _suggest(state, text, match, sets_unit=False)
            return state, unknown_answer(text, know, unit)
    return state, Answer(help_text(know, today))
