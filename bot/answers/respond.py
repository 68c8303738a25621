"""Answer a user's line about the plan: the one entry point both chats call. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import bot.answers.texts as answer_texts
from bot.answers.help_text import help_text
from bot.answers.questions import Intent, Question, parse_question
from bot.duties import duties_for, duties_of_group, overview, pending_groups, undecided_tasks
from bot.ledger.deadlines import Milestone
from bot.plan import PRIMARY, Plan, Task
from bot.registry.units import Group, NameMatch, Registry, Unit

MAX_QUESTION = 200


@dataclass(frozen=True, slots=True)
class ChatState:
    """What the bot remembers about one user between lines.

    `unit` is the canonical name of the asker's unit, set by the shell (the console trusts
    "我是…", the Telegram bot uses the office-approved binding). `suggestion` is the name
    offered in the last "您是说…吗", and `suggestion_sets_unit` says whether confirming it is
    a claim to belong to that unit.
    """

    unit: str | None = None
    suggestion: str | None = None
    suggestion_sets_unit: bool = False


@dataclass(frozen=True, slots=True)
class Knowledge:
    """The plan and registry an answer is read from, and each task's due dates if known."""

    plan: Plan
    registry: Registry
    deadlines: Mapping[int, tuple[Milestone, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Answer:
    """A reply: its text, the tasks it lists (a chat may offer to open them), and a claim.

    `claimed_unit` is set when the user said which unit they belong to ("我是综合科"); the
    shell decides what a claim does.
    """

    text: str
    tasks: tuple[int, ...] = ()
    claimed_unit: str | None = None
    notice: str = PRIMARY  # the key of the notice `tasks` belong to (see `bot.notices.catalog`)


def search(plan: Plan, keyword: str) -> list[Task]:
    """Tasks whose requirement or section title holds `keyword`, or else all of its words."""
    words = [w for w in re.split(r"[\s的和与及、，]+", keyword) if w] or [keyword]
    titles = {s.number: s.title for s in plan.sections}
    return [
        t
        for t in plan.tasks
        if all(w in t.requirement or w in titles.get(t.section, "") for w in words)
    ]


def _numbers(tasks: list[Task]) -> tuple[int, ...]:
    return tuple(t.number for t in tasks)


def _entry_duties(entry: Unit | Group, know: Knowledge) -> Answer:
    if isinstance(entry, Group):
        duties = duties_of_group(entry.name, know.plan)
        text = answer_texts.unit_duties(entry.name, "统称", duties, [])
    else:
        duties = duties_for(entry, know.plan, know.registry)
        undecided = undecided_tasks(duties, know.plan, know.registry)
        text = answer_texts.unit_duties(entry.name, entry.kind, duties, undecided)
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


def _lookup(state: ChatState, text: str, know: Knowledge) -> tuple[ChatState, Answer]:
    """A bare name or phrase: a unit if it names one, else a keyword, else a guess to confirm."""
    match = know.registry.find(text)
    if match is not None and match.confident:
        return state, _entry_duties(match.entry, know)
    found = search(know.plan, text)
    if found:
        reply = answer_texts.search_results(text, found, know.registry, lead_only=False)
        return state, Answer(reply, _numbers(found))
    if match is not None:
        return _suggest(state, text, match, sets_unit=False)
    return state, Answer(
        answer_texts.NOT_UNDERSTOOD.format(text=answer_texts.echo(text), help=help_text(know))
    )


def _confirm(state: ChatState, know: Knowledge) -> tuple[ChatState, Answer]:
    entry = know.registry.lookup(state.suggestion) if state.suggestion else None
    cleared = replace(state, suggestion=None, suggestion_sets_unit=False)
    if entry is None:
        return cleared, Answer(answer_texts.NOTHING_TO_CONFIRM)
    if state.suggestion_sets_unit:
        return _claim_unit(cleared, entry.name, know)
    return cleared, _entry_duties(entry, know)


def _task_answer(question: Question, know: Knowledge, today: date | None) -> Answer:
    task = know.plan.task(question.number or 0)
    if task is None:
        tasks = know.plan.tasks
        return Answer(
            answer_texts.NO_SUCH_TASK.format(
                number=question.number,
                count=len(tasks),
                first=tasks[0].number if tasks else 0,
                last=tasks[-1].number if tasks else 0,
            )
        )
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


def _search_answer(question: Question, know: Knowledge) -> Answer:
    found = search(know.plan, question.text)
    if not found:
        return Answer(answer_texts.NO_MATCH.format(keyword=answer_texts.echo(question.text)))
    reply = answer_texts.search_results(
        question.text, found, know.registry, lead_only=question.lead_only
    )
    return Answer(reply, _numbers(found))


def _my_duties(state: ChatState, know: Knowledge) -> Answer:
    unit = know.registry.unit(state.unit) if state.unit else None
    return _entry_duties(unit, know) if unit else Answer(answer_texts.ASK_UNIT_FIRST)


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
        return _confirm(state, know)
    state = replace(state, suggestion=None, suggestion_sets_unit=False)
    match question.intent:
        case Intent.DENY:
            return state, Answer(answer_texts.DENIED)
        case Intent.SET_UNIT:
            return _claim_unit(state, question.text, know)
        case Intent.MY_DUTIES:
            return state, _my_duties(state, know)
        case Intent.LOOKUP:
            return _lookup(state, question.text, know)
        case Intent.TASK_DETAIL | Intent.TASK_OWNERS:
            return state, _task_answer(question, know, today)
        case Intent.SECTION:
            return state, _section_answer(question.number, know.plan)
        case Intent.SEARCH:
            return state, _search_answer(question, know)
        case Intent.OVERVIEW:
            return state, Answer(answer_texts.overview(overview(know.plan, know.registry)))
        case Intent.PENDING:
            return state, Answer(answer_texts.pending(pending_groups(know.plan, know.registry)))
    return state, Answer(help_text(know))
