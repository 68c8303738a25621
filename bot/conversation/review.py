"""复核销号 by the office: 通过 or 退回 under a report awaiting review (in the batch the admins
got, or in /pending's list), and the one line of reason a 退回 asks for."""

from __future__ import annotations

import bot.reminders.review_texts as say
from bot import texts
from bot.conversation import choices
from bot.conversation.actions import (
    Asked,
    Nothing,
    Recorded,
    Refused,
    Reply,
    Result,
    Toast,
    said,
)
from bot.conversation.choices import Button
from bot.conversation.core import Core
from bot.conversation.extensions import to_unit
from bot.conversation.turn import Turn
from bot.evidence.listing import by_report
from bot.ledger.history import Entry, LedgerError
from bot.notices.across import headed
from bot.notices.desks import Desk, by_key
from bot.progress.recording import has_content
from bot.reminders.review import Waiting

_CANCEL = {"取消", "不退回", "算了", "不用了"}


def waiting(core: Core) -> list[Waiting]:
    """Every report awaiting review in the notices in use, notice by notice, oldest first,
    each with its evidence (run it in the ledger's thread)."""
    found = []
    for desk in core.active_desks():
        evidence = by_report(desk.ledger)
        found += [
            Waiting(desk.key, report, evidence.get(report.id, ()))
            for report in desk.ledger.awaiting_review()
        ]
    return found


def item_text(core: Core, entry: Waiting) -> str:
    """One report for review, tagged with its notice when several are in use."""
    desks = core.active_desks()
    desk = by_key(desks, entry.notice)
    tag = desk.label if desk is not None and len(desks) > 1 else ""
    return say.item(entry.report, tag=tag, evidence=entry.evidence)


def pending_items(core: Core, found: list[Waiting]) -> list[Reply]:
    """/pending's replies: each report awaiting review with 通过 / 退回 under it."""
    return [Reply(item_text(core, w), choices.review_rows(w.report.id, w.notice)) for w in found]


def _refused(error: LedgerError) -> Result:
    return Result((Toast(str(error), alert=True),), Refused(str(error)))


async def on_press(turn: Turn, button: Button, press_id: int) -> Result:
    """通过 closes the report's milestones and tells the unit; 退回 asks for the reason."""
    core = turn.core
    desk = by_key(core.desks, button.notice(1))
    if desk is None:
        return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
    report = button.number(0)
    if button.action == "send_back":
        try:
            entry = await core.ledger.store.run(desk.ledger.in_review, report)
        except LedgerError as error:
            return _refused(error)
        turn.session.returning = (desk.key, report)
        ask = say.ASK_REASON.format(what=say.what(entry))
        return Result((Toast(), Reply(headed(desk, ask, core.active_desks()))), Asked())
    return await _decide(turn, desk, report, None, -press_id)


async def after_reason(turn: Turn, text: str, message: int) -> Result | None:
    """The admin's line after 退回: the reason (or 取消); None when not waiting for one."""
    waited, turn.session.returning = turn.session.returning, None
    if waited is None:
        return None
    if text.strip() in _CANCEL:
        return said(say.CANCELLED, outcome=Refused("cancelled"))
    if not has_content(text):
        turn.session.returning = waited
        return said(say.NO_REASON, outcome=Refused("no reason"))
    desk = by_key(turn.core.desks, waited[0])
    if desk is None:
        return said(texts.BUTTON_EXPIRED, outcome=Refused("expired"))
    return await _decide(turn, desk, waited[1], text.strip(), message)


async def _decide(turn: Turn, desk: Desk, report: int, reason: str | None, message: int) -> Result:
    """Pass (no `reason`) or return the report; the admin is answered, the unit told."""
    core, admin = turn.core, turn.person

    def decide() -> Entry | None:
        return desk.ledger.review_report(
            report,
            reason=reason,
            user=admin.id,
            name=admin.name,
            chat=turn.place.id,
            message=message,
            now=core.clock(),
        )

    try:
        entry = await core.ledger.store.run(decide)
    except LedgerError as error:
        return _refused(error) if reason is None else said(str(error), outcome=Refused(str(error)))
    toast = (Toast(),) if reason is None else ()
    if entry is None:  # the channel delivered this press or line again; it was handled
        return Result(toast, Nothing())
    desks = core.active_desks()
    if reason is None:
        office, unit = say.passed_for_office(entry), say.passed_for_unit(entry)
    else:
        office, unit = say.returned_for_office(entry, reason), say.returned_for_unit(entry, reason)
    told = await to_unit(core, entry.unit, headed(desk, unit, desks))
    answer = Reply(headed(desk, office, desks))
    return Result((*toast, answer, *told), Recorded(entry))
