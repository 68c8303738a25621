"""Joining a unit: the picker, a typed "我是…", and the office's 批准 / 拒绝."""

from __future__ import annotations

import logging
from dataclasses import replace

import bot.people.texts as people_texts
from bot import texts
from bot.conversation import choices
from bot.conversation.actions import (
    Action,
    Answered,
    Asked,
    Changed,
    Edit,
    EditSent,
    Refused,
    Reply,
    Result,
    Send,
    Toast,
    said,
)
from bot.conversation.choices import Button
from bot.conversation.core import Core
from bot.conversation.turn import Turn
from bot.people.bindings import Binding, Request, clean_name
from bot.people.picker import fingerprint, picker_page

log = logging.getLogger(__name__)
OFFICE = "办公室（管理员）"
_TRACK = "bind"


async def pick_kind(turn: Turn) -> Result:
    """/unit: offer the picker, grouped by kind."""
    registry = turn.core.registry
    return said(people_texts.PICK_KIND, choices.kind_rows(registry, fingerprint(registry)))


async def start(turn: Turn) -> Result:
    """/start: greet; say the person's unit, or offer the picker."""
    status = await status_or_picker(turn)
    return Result((Reply(texts.GREETING), *status.actions), status.outcome)


async def status_or_picker(turn: Turn) -> Result:
    """Tell a bound or waiting person where they stand; offer anyone else the picker."""
    core, user_id = turn.core, turn.person.id
    binding, pending = await core.store.run(
        lambda: (core.bindings.binding_of(user_id), core.bindings.pending_of(user_id))
    )
    if binding is not None:
        return said(people_texts.YOUR_UNIT.format(unit=binding.unit))
    if pending is not None:
        return said(people_texts.PENDING_FOR_YOU.format(unit=pending.unit))
    return await pick_kind(turn)


async def claim(turn: Turn, unit: str, answer: str) -> Result:
    """The person said which unit they belong to: taken on the console (with `answer`), a
    request to the office elsewhere."""
    if turn.trusted:
        turn.session.chat = replace(turn.session.chat, unit=unit)
        return said(answer, outcome=Changed())
    return await request_unit(turn, unit)


async def request_unit(turn: Turn, unit: str) -> Result:
    """Record the person's request to join `unit` and ask every admin to decide."""
    core, person = turn.core, turn.person
    result = await core.store.run(
        core.bindings.request, person.id, person.name, unit, core.clock()
    )
    if isinstance(result, Binding):
        return said(people_texts.ALREADY_BOUND.format(unit=unit), outcome=Refused("bound"))
    sent = Reply(people_texts.REQUEST_SENT.format(unit=unit))
    if not core.office.admins:
        log.warning("没有配置管理员，绑定申请无人审批")
        return Result((sent, Reply(people_texts.NO_ADMINS)), Asked())
    return Result((sent, *_ask_admins(core, result)), Asked())


def _track(request: Request) -> str:
    return f"{_TRACK}:{request.user_id}:{request.number}"


def _ask_admins(core: Core, request: Request) -> list[Action]:
    """Show `request` to every admin: in the message each has about this user, else a new
    one; where it landed comes back through `sent`."""
    text, rows = (
        people_texts.for_admins(request),
        choices.decision_rows(request.user_id, request.number),
    )
    earlier = dict(request.shown)
    return [
        Send(admin, text, rows, replaces=earlier.get(admin), track=_track(request), to=OFFICE)
        for admin in sorted(core.office.admins)
    ]


async def sent(core: Core, track: str, where: list[tuple[int, int]]) -> bool:
    """Remember where a request was shown (chat, message); False for another flow's sends."""
    kind, _, rest = track.partition(":")
    if kind != _TRACK:
        return False
    user_id, number = (int(part) for part in rest.split(":"))
    await core.store.run(core.bindings.remember, user_id, number, tuple(where))
    return True


async def on_pick(turn: Turn, button: Button) -> Result:
    """A kind (turn to its units) or a unit (request it) was chosen in the picker."""
    registry = turn.core.registry
    fp = fingerprint(registry)
    expired = Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
    if button.fields[0] != fp:
        return expired
    if button.action == "kind":
        page = picker_page(registry, button.number(1), button.number(2))
        if page is None:
            return expired
        heading = people_texts.PICK_UNIT.format(
            kind=page.kind, page=page.page + 1, pages=page.pages
        )
        rows = choices.unit_rows(page, button.number(1), fp)
        return Result((Toast(), Edit(heading, rows)), Answered())
    index = button.number(1)
    if not 0 <= index < len(registry.units):
        return expired
    requested = await request_unit(turn, registry.units[index].name)
    return Result((Toast(), *requested.actions), requested.outcome)


async def on_decision(turn: Turn, button: Button, message_id: int) -> Result:
    """An admin chose 批准 or 拒绝 (on message `message_id`): decide exactly the request the
    choice was made for.

    A choice of a request since replaced, or of the old kind, decides nothing: the admin is
    told why and the message shows the user's current request with choices that work.
    """
    core = turn.core
    user_id = button.number(0)
    here = (turn.place.id, message_id)
    if button.action in {"old_approve", "old_reject"}:
        pending = await core.store.run(core.bindings.pending_of, user_id)
        return await _refuse(core, pending, people_texts.BUTTONS_RENEWED, here)
    number = button.number(1)
    if button.action == "approve":
        units = {u.name for u in core.registry.units}
        outcome = await core.store.run(core.bindings.approve, user_id, number, core.clock(), units)
        decision, notice = people_texts.APPROVE, people_texts.APPROVED_FOR_USER
    else:
        outcome = await core.store.run(core.bindings.reject, user_id, number)
        decision, notice = people_texts.REJECT, people_texts.REJECTED_FOR_USER
    decided, pending = outcome.decided, outcome.pending
    if decided is None:
        unchanged = pending is not None and pending.number == number
        why = people_texts.UNIT_GONE if unchanged else people_texts.REQUEST_CHANGED
        return await _refuse(core, pending, why, here)
    admin = clean_name(turn.person.name)
    text = people_texts.DECIDED_BY.format(
        request=people_texts.for_admins(decided), decision=f"已{decision}", admin=admin
    )
    others = [
        EditSent(chat, message, text) for chat, message in decided.shown if (chat, message) != here
    ]
    told = Send(user_id, notice.format(unit=decided.unit), to=str(user_id))
    return Result((Toast(), Edit(text), *others, told), Changed())


async def _refuse(core: Core, pending: Request | None, why: str, here: tuple[int, int]) -> Result:
    """Say why the press decided nothing; put the pending request, if any, on the message."""
    if pending is None:
        toast = Toast(people_texts.ALREADY_DECIDED, alert=True)
        return Result((toast, Edit(None)), Refused("decided"))  # its choices are no use any more
    toast = Toast(why.format(unit=pending.unit), alert=True)
    rows = choices.decision_rows(pending.user_id, pending.number)
    if here not in pending.shown:
        shown = (*pending.shown, here)
        await core.store.run(core.bindings.remember, pending.user_id, pending.number, shown)
    return Result((toast, Edit(people_texts.for_admins(pending), rows)), Refused("changed"))
