"""Answer a user's line about the plan: the one entry point both chats call. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import bot.answers.texts as answer_texts
from bot.answers.help_text import help_text
from bot.answers.model import Answer, ChatState, Knowledge
from bot.answers.questions import Intent, Question, parse_question
from bot.answers.search import search, search_answer
from bot.answers.timeline import next_due
from bot.duties import duties_for, duties_of_group, overview, pending_groups, undecided_tasks
from bot.ledger.history import Ledger
from bot.ledger.milestones import milestones_for
from bot.plan import Plan, Task
from bot.registry.units import Group, NameMatch, Unit

__all__ = [
    "Answer",
    "ChatState",
    "Knowledge",
    "duties_answer",
    "duties_of_units",
    "respond",
    "search",
    "task_text",
]

MAX_QUESTION = 200


def _numbers(tasks: list[Task]) -> tuple[int, ...]:
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


def _lookup(
    state: ChatState, text: str, know: Knowledge, today: date | None
) -> tuple[ChatState, Answer]:
    """A bare name or phrase: a unit if it names one, else a keyword, else a guess to confirm."""
    match = know.registry.find(text)
    if match is not None and match.confident:
        return state, duties_answer(match.entry, know, today)
    found = search(know.plan, text)
    if found:
        reply = answer_texts.search_results(text, found, know.registry, lead_only=False)
        return state, Answer(reply, _numbers(found))
    if match is not None:
        return _suggest(state, text, match, sets_unit=False)
    return state, Answer(
        answer_texts.NOT_UNDERSTOOD.format(text=answer_texts.echo(text), help=help_text(know))
    )


def _confirm(state: ChatState, know: Knowledge, today: date | None) -> tuple[ChatState, Answer]:
    entry = know.registry.lookup(state.suggestion) if state.suggestion else None
    cleared = replace(state, suggestion=None, suggestion_sets_unit=False)
    if entry is None:
        return cleared, Answer(answer_texts.NOTHING_TO_CONFIRM)
    if state.suggestion_sets_unit:
        return _claim_unit(cleared, entry.name, know)
    return cleared, duties_answer(entry, know, today)


def _task_answer(question: Question, know: Knowledge, today: date | None) -> Answer:
    task = know.plan.task(question.number or 0)
    if task is None:
        return Answer(answer_texts.no_such_task(question.number or 0, know.plan))
    if question.intent is Intent.TASK_OWNERS:
        return Answer(answer_texts.task_owners(task, know.registry))
    return Answer(task_text(task, know, today))


def task_text(task: Task, know: Knowledge, today: date | None) -> str:
    """A task in full as the notice gives it (public): requirement, parties, due dates."""
    milestones = know.deadlines.get(task.number, ())
    return answer_texts.task_detail(task, know.plan, know.registry, milestones, today)


def _section_answer(number: int | None, plan: Plan) -> Answer:
    section = plan.section(number or 0)
    if section is None:
        return Answer(answer_texts.NO_SUCH_SECTION.format(number=number, count=len(plan.sections)))
    tasks = plan.tasks_in(section.number)
    return Answer(answer_texts.section_tasks(section, tasks), _numbers(list(tasks)))


def _my_duties(state: ChatState, know: Knowledge, today: date | None) -> Answer:
    unit = know.registry.unit(state.unit) if state.unit else None
    return duties_answer(unit, know, today) if unit else Answer(answer_texts.ASK_UNIT_FIRST)


def respond(
    state: ChatState, line: str, know: Knowledge, *, today: date | None = None
) -> tuple[ChatState, Answer]:
    """Answer one line from a user, returning the updated state and the answer.

    `today` (from the shell's clock) lets a task's answer count working days to its next due
    date. Never raises on user input: anything it cannot place gets the help text with examples.
    """
    if len(line) > MAX_QUESTION:
        return state, Answer(answer_texts.TOO_LONG.format(length=len(line)))
    question = parse_question(line)
    if question.intent is Intent.CONFIRM:
        return _confirm(state, know, today)
    state = replace(state, suggestion=None, suggestion_sets_unit=False)
    match question.intent:
        case Intent.DENY:
            return state, Answer(answer_texts.DENIED)
        case Intent.SET_UNIT:
            return _claim_unit(state, question.text, know)
        case Intent.MY_DUTIES:
            return state, _my_duties(state, know, today)
        case Intent.LOOKUP:
            return _lookup(state, question.text, know, today)
        case Intent.TASK_DETAIL | Intent.TASK_OWNERS:
            return state, _task_answer(question, know, today)
        case Intent.SECTION:
            return state, _section_answer(question.number, know.plan)
        case Intent.SEARCH:
            return state, search_answer(question.text, know, lead_only=question.lead_only)
        case Intent.OVERVIEW:
            return state, Answer(answer_texts.overview(overview(know.plan, know.registry)))
        case Intent.PENDING:
            return state, Answer(answer_texts.pending(pending_groups(know.plan, know.registry)))
    return state, Answer(help_text(know))


def duties_of_units(
    entries: Sequence[Unit | Group],
    know: Knowledge,
    today: date | None,
    ledger: Ledger | None = None,
) -> Answer:
    """Several units' (or group phrases') tasks at once (执法一科和执法二科的任务), one
    block each, in the order given."""
    answers = [duties_answer(entry, know, today, ledger) for entry in entries]
    numbers = dict.fromkeys(n for answer in answers for n in answer.tasks)
    return Answer("\n".join(a.text for a in answers), tuple(numbers))
