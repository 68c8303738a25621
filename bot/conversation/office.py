"""The office's commands: pending requests, users per unit, bind / unbind, reload, due
dates and pauses."""

from __future__ import annotations

import asyncio

import bot.answers.texts as answer_texts
import bot.extensions.texts as extension_texts
import bot.people.texts as people_texts
import bot.reminders.review_texts as review_texts
import bot.reminders.texts as nudge_texts
from bot import texts
from bot.conversation import choices, review
from bot.conversation.actions import Changed, Refused, Reply, Result, Send, said
from bot.conversation.extensions import for_office
from bot.conversation.turn import Turn
from bot.errors import DataFileError
from bot.ledger.deadlines import parse_deadline_command
from bot.notices.across import headed
from bot.notices.deadline_command import set_office_dates
from bot.notices.desks import deadlines_file, split_notice
from bot.registry.units import Unit


async def pending(turn: Turn) -> Result:
    """/pending: what waits for the office's decision, binding requests, 延期 requests, then
    reports awaiting 复核, each kind under a head line and each a reply of its own with the
    choices its admins got (a press decides as theirs does)."""
    core = turn.core
    requests = await core.store.run(core.bindings.pending)
    desks = core.active_desks()
    asks = await core.ledger.store.run(
        lambda: [(desk, ask) for desk in desks for ask in desk.ledger.open_requests()]
    )
    waiting = await core.ledger.store.run(review.waiting, core)
    zone = core.config.timezone
    bindings = [
        Reply(people_texts.waiting_request(r, zone), choices.decision_rows(r.user_id, r.number))
        for r in requests
    ]
    extensions = [
        Reply(for_office(core, desk, ask), choices.extension_rows(ask.id, desk.key))
        for desk, ask in asks
    ]
    kinds = (
        (people_texts.PENDING_HEAD, people_texts.NO_PENDING, bindings),
        (extension_texts.OPEN_REQUESTS_HEAD, extension_texts.NO_OPEN_REQUESTS, extensions),
    )
    if core.config.review.required:
        reviews = review.pending_items(core, waiting)
        kinds += ((review_texts.REVIEWS_HEAD, review_texts.NO_REVIEWS, reviews),)
    actions: list[Reply] = []
    heads: list[str] = []  # head lines not yet followed by a request: said together
    for head, none, items in kinds:
        heads.append(head.format(count=len(items)) if items else none)
        if items:
            actions += [Reply("\n".join(heads)), *items]
            heads = []
    if heads:
        actions.append(Reply("\n".join(heads)))
    return Result(tuple(actions))


async def users(turn: Turn) -> Result:
    """/users: bound users, unit by unit."""
    core = turn.core
    bindings = await core.store.run(core.bindings.all_bindings)
    order = [u.name for u in core.registry.units]
    order += sorted({b.unit for b in bindings} - set(order))
    today = core.clock().date()
    notes = {}
    for binding in bindings:
        until = core.pauses.paused_until(binding.user_id, today)
        note = nudge_texts.PAUSED_UNTIL.format(month=until.month, day=until.day) if until else ""
        if binding.user_id in core.unreachable:
            note += nudge_texts.UNREACHABLE_MARK
        if note:
            notes[binding.user_id] = note
    return said(people_texts.users_by_unit(bindings, order, notes))


async def bind(turn: Turn, args: tuple[str, ...]) -> Result:
    """/bind USER_ID UNIT: bind a user directly."""
    core = turn.core
    unit = core.registry.find(" ".join(args[1:])) if len(args) >= 2 else None
    if not args or not args[0].isdecimal() or unit is None:
        return said(people_texts.BIND_USAGE)
    if not unit.confident or not isinstance(unit.entry, Unit):
        return said(people_texts.BIND_USAGE)
    user_id = int(args[0])
    binding = await core.store.run(
        core.bindings.bind, user_id, str(user_id), unit.entry.name, core.clock()
    )
    done = Reply(people_texts.BOUND_BY_ADMIN.format(user_id=user_id, unit=binding.unit))
    told = Send(user_id, people_texts.BOUND_NOTICE.format(unit=binding.unit), to=str(user_id))
    return Result((done, told), Changed())


async def unbind(turn: Turn, args: tuple[str, ...]) -> Result:
    """/unbind USER_ID: remove a user from their unit."""
    core = turn.core
    if len(args) != 1 or not args[0].isdecimal():
        return said(people_texts.UNBIND_USAGE)
    user_id = int(args[0])
    removed = await core.store.run(core.bindings.unbind, user_id)
    if removed is None:
        return said(people_texts.NOT_BOUND.format(user_id=user_id), outcome=Refused("unbound"))
    done = Reply(people_texts.UNBOUND_BY_ADMIN.format(user_id=user_id, unit=removed.unit))
    told = Send(user_id, people_texts.UNBOUND_NOTICE.format(unit=removed.unit), to=str(user_id))
    return Result((done, told), Changed())


async def reload(turn: Turn) -> Result:
    """/reload: read the notice and the registry again; on error keep the old ones."""
    core = turn.core
    try:
        await core.reload_knowledge()
    except DataFileError as error:
        return said(texts.RELOAD_FAILED.format(error=error), outcome=Refused(str(error)))
    desks = core.active_desks()
    counts = {
        "tasks": sum(len(d.knowledge.plan.tasks) for d in desks),
        "units": len(core.registry.units),
        "problems": sum(len(d.knowledge.plan.problems) for d in desks),
    }
    text = texts.RELOADED.format(**counts)
    if len(desks) > 1:
        text += "\n" + "\n".join(f"· {d.label}{len(d.knowledge.plan.tasks)} 项任务" for d in desks)
    return said(text, outcome=Changed())


async def deadline(turn: Turn, args: tuple[str, ...]) -> Result:
    """/deadline 24 2021-11-20 2021-12-10 (or 清除): the office sets a task's due dates."""
    core = turn.core
    desks = core.active_desks()
    desk, rest = split_notice(desks, list(args))
    if desk is None and len(desks) > 1:
        names = "、".join(d.name for d in desks)
        return said(nudge_texts.DEADLINE_WHICH_NOTICE.format(names=names, example=desks[0].name))
    desk = desk or desks[0]
    try:
        command = parse_deadline_command(rest)
    except ValueError as error:
        return said(str(error), outcome=Refused(str(error)))
    plan = desk.knowledge.plan
    if plan.task(command.task) is None:
        numbers = [t.number for t in plan.tasks]
        return said(
            answer_texts.NO_SUCH_TASK.format(
                number=command.task, count=len(numbers), first=numbers[0], last=numbers[-1]
            )
        )
    try:
        path = deadlines_file(core.config, desk.entry)
        await asyncio.to_thread(set_office_dates, path, command.task, command.dates)
        await core.reload_knowledge()
    except DataFileError as error:
        return said(nudge_texts.DEADLINE_FAILED.format(error=error), outcome=Refused(str(error)))
    milestones = desk.knowledge.deadlines[command.task]
    dates = "、".join(texts.full_date(m.due) for m in milestones)
    template = nudge_texts.DEADLINE_SET if command.dates else nudge_texts.DEADLINE_CLEARED
    text = headed(desk, template.format(task=command.task, dates=dates), desks)
    return said(text, outcome=Changed())


async def paused(turn: Turn) -> Result:
    """/paused: who has paused their reminders, and until when."""
    core = turn.core
    pauses = await core.store.run(core.pauses.active, core.clock().date())
    if not pauses:
        return said(nudge_texts.NO_PAUSES)
    units = await core.store.run(
        lambda: {p.user_id: core.bindings.unit_of(p.user_id) for p in pauses}
    )
    lines = [nudge_texts.PAUSES_HEAD.format(count=len(pauses))]
    for pause in pauses:
        unit = units.get(pause.user_id) or "未绑定"
        lines.append(
            f"· {pause.name}（{unit}，ID {pause.user_id}）至 {pause.until.month}月{pause.until.day}日"
        )
    return said("\n".join(lines))
