"""延期申请 (typed, or the line after the 延期 choice), the office's decision, and /return."""

from __future__ import annotations

import bot.extensions.texts as say
from bot import texts
from bot.conversation import choices
from bot.conversation.actions import (
    Asked,
    Edit,
    Nothing,
    Recorded,
    Refused,
    Reply,
    Result,
    Send,
    Toast,
    said,
)
from bot.conversation.binding import OFFICE
from bot.conversation.choices import Button
from bot.conversation.core import Core
from bot.conversation.turn import Turn
from bot.extensions.requests import (
    BadExtension,
    ExtensionAsk,
    Refusal,
    extension_ask,
    parse_extension_line,
    request_extension,
)
from bot.grammar.intents import Extension
from bot.ledger.history import Entry, LedgerError
from bot.normalize import parse_number
from bot.notices.across import NOTICE_GONE, headed
from bot.notices.desks import Desk, by_key, named_in
from bot.office.texts import NO_SUCH_TASK
from bot.progress.recording import unit_duties
from bot.progress.texts import ALREADY_RECORDED
from bot.registry.units import Unit

_CANCEL = {"取消", "不申请了", "算了", "不用了"}


def ask_for_line(turn: Turn, notice: str, task: int) -> str:
    """After the 延期 choice: the next line the person types is the date and reason."""
    turn.session.extension_task = (notice, task)
    return say.ASK_LINE.format(task=task)


def _desk_for(
    desks: list[Desk], named: Desk | None, unit: str | None, task: int | None
) -> Desk | str:
    """The notice an extension request is about, or the question to ask instead."""
    if named is not None or len(desks) == 1:
        return named or desks[0]
    holders = [d for d in desks if unit and task in unit_duties(unit, d.knowledge)]
    if len(holders) > 1:
        return say.WHICH_NOTICE.format(
            task=task, labels="、".join(d.label for d in holders), example=holders[0].name
        )
    return holders[0] if holders else desks[0]


async def after_choice(turn: Turn, text: str, message: int) -> Result | None:
    """The line after the 延期 choice (its date and reason, or 取消); None when not waiting."""
    core, session = turn.core, turn.session
    waiting, session.extension_task = session.extension_task, None
    if waiting is None:
        return None
    if text.strip() in _CANCEL:
        return said(say.CANCELLED, outcome=Refused("cancelled"))
    ask = parse_extension_line(text, core.clock().date(), waiting[1])
    if isinstance(ask, BadExtension):
        ask_for_line(turn, *waiting)  # one more try, or 取消
        return said(ask.reason, outcome=Refused(ask.reason))
    desk = by_key(core.active_desks(), waiting[0]) if core.recording else None
    return await _request(turn, ask, desk or NOTICE_GONE, message)


async def typed(turn: Turn, intent: Extension, named: Desk | None, message: int) -> Result:
    """申请延期 第24项 到12月20日，理由：… as the grammar read it (in a notice `named`)."""
    core = turn.core
    if not core.recording:
        return said(texts.LEDGER_BUSY, outcome=Refused("busy"))
    ask = extension_ask(intent.task, intent.until, intent.reason)
    if isinstance(ask, BadExtension):
        return said(ask.reason, outcome=Refused(ask.reason))
    unit = await turn.unit()
    return await _request(
        turn, ask, _desk_for(core.active_desks(), named, unit, ask.task), message
    )


async def _request(turn: Turn, ask: ExtensionAsk, desk: Desk | str, message: int) -> Result:
    """Record the request on `desk` and tell the office; or say why not (`desk` a reason)."""
    core = turn.core
    desks = core.active_desks()
    if not isinstance(desk, Desk):
        asked = desk != NOTICE_GONE
        return said(desk, outcome=Asked() if asked else Refused("gone"))
    unit = await turn.unit()
    result = await core.ledger.store.run(
        request_extension,
        ask,
        turn.sender(unit, message),
        desk.knowledge,
        desk.ledger,
        core.clock(),
    )
    if isinstance(result, Refusal):
        return said(headed(desk, result.text, desks), outcome=Refused(result.text))
    office = for_office(core, desk, result)
    rows = choices.extension_rows(result.id, desk.key)
    told = [Send(a, office, rows, to=OFFICE) for a in sorted(core.office.admins)]
    return Result((Reply(headed(desk, say.submitted(result), desks)), *told), Recorded(result))


async def to_unit(core: Core, unit: str, text: str) -> list[Send]:
    """`text` to each person bound to `unit`."""
    bindings = await core.store.run(core.bindings.users_of, unit)
    return [Send(b.user_id, text, to=unit) for b in bindings]


def for_office(core: Core, desk: Desk, request: Entry) -> str:
    """An extension request as the office's admins get it (also in /pending)."""
    return headed(desk, say.for_office(request), core.active_desks())


async def on_decision(turn: Turn, button: Button, press_id: int) -> Result:
    """An admin chose 同意 or 驳回 under an extension request: in the message the request
    came in or in /pending's list, which then reads as decided."""
    core, admin = turn.core, turn.person
    granted = button.action == "grant"
    desk = by_key(core.desks, button.notice(1))
    if desk is None:
        return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))

    def decide() -> Entry | None:
        return desk.ledger.decide_extension(
            button.number(0),
            granted=granted,
            user=admin.id,
            name=admin.name,
            chat=turn.place.id,
            message=-press_id,
            now=core.clock(),
        )

    try:
        request = await core.ledger.store.run(decide)
    except LedgerError as error:
        return Result((Toast(str(error), alert=True),), Refused(str(error)))
    if request is None:  # the channel delivered this press again; it was handled before
        return Result((Toast(),), Nothing())
    told = headed(desk, say.decided_for_unit(request, granted), core.active_desks())
    edit = Edit(say.decided_for_office(for_office(core, desk, request), granted, admin.name))
    return Result((Toast(), edit, *await to_unit(core, request.unit, told)), Recorded(request))


async def return_report(turn: Turn, args: tuple[str, ...], message: int) -> Result:
    """/return 24 办公室 理由: send the unit's 已完成 report on task 24 back to 进行中."""
    core, admin = turn.core, turn.person
    words = list(args)
    desks = core.active_desks()
    desk = named_in(desks, words[0]) if words and len(desks) > 1 else None
    if desk is not None:
        words = words[1:]
    elif len(desks) > 1:
        names = "、".join(d.name for d in desks)
        return said(say.RETURN_WHICH_NOTICE.format(names=names, example=desks[0].name))
    desk = desk or desks[0]
    if len(words) < 3:
        return said(say.RETURN_USAGE)
    number = parse_number(words[0].removeprefix("第").removesuffix("项"))
    plan = desk.knowledge.plan
    if number is None:
        return said(say.RETURN_USAGE)
    if plan.task(number) is None:
        return said(NO_SUCH_TASK.format(task=number, count=len(plan.tasks)))
    match = core.registry.find(words[1])
    if match is None or not match.confident or not isinstance(match.entry, Unit):
        return said(say.RETURN_UNKNOWN_UNIT.format(unit=words[1]))
    unit, reason = match.entry.name, " ".join(words[2:])

    def send_back() -> Entry | None:
        return desk.ledger.return_report(
            number,
            unit,
            reason=reason,
            user=admin.id,
            name=admin.name,
            chat=turn.place.id,
            message=message,
            now=core.clock(),
        )

    try:
        report = await core.ledger.store.run(send_back)
    except LedgerError as error:
        return said(str(error), outcome=Refused(str(error)))
    if report is None:
        return said(ALREADY_RECORDED, outcome=Refused("repeated"))
    office = Reply(headed(desk, say.returned_for_office(report, number, reason), desks))
    told = headed(desk, say.returned_for_unit(report, number, reason), desks)
    return Result((office, *await to_unit(core, unit, told)), Recorded(report))
