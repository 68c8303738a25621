"""One press to confirm a report that is not of a simple form (`bot.grammar.simple`): the bot
says what it will record, with choices (确认, 改为 another status, 取消), and records nothing
until one is pressed; the press records exactly what was proposed (or at the status chosen)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import bot.progress.texts as say
from bot import texts
from bot.conversation import choices, reports
from bot.conversation.actions import Asked, Edit, Refused, Result, Toast, merged, said
from bot.conversation.choices import Button
from bot.conversation.session import Proposal
from bot.conversation.turn import Turn
from bot.ledger.reports import Report
from bot.progress.recording import has_content, part_message
from bot.texts import shorten

SHOWN = 60  # characters of each report's words shown in the proposal


def _shown(proposed: Sequence[Report]) -> str:
    told = [
        say.PROPOSED_ONE.format(
            tasks=say.numbers(r.tasks), status=r.status, text=shorten(r.text.strip(), SHOWN)
        )
        for r in proposed
    ]
    return told[0] if len(told) == 1 else "\n" + "\n".join(told)


async def propose(
    turn: Turn, proposed: Sequence[Report], notice: str | None, message: int
) -> Result:
    """“将记录为：第8项 已完成（…）” with its choices; what cannot be recorded at all (no unit,
    a task the unit does not hold, no words) is refused now, not after the press."""
    if any(not has_content(r.text) for r in proposed):
        return said(say.NO_CONTENT, outcome=Refused("empty"))
    refused = await reports.unheld(turn, tuple(n for r in proposed for n in r.tasks), notice)
    if refused is not None:
        return refused
    session = turn.session
    session.proposals += 1
    session.proposal = Proposal(session.proposals, tuple(proposed), notice, message)
    status = proposed[0].status if len(proposed) == 1 else None
    rows = choices.confirm_rows(session.proposals, status)
    return said(say.PROPOSED.format(records=_shown(proposed)), rows, Asked())


async def on_choice(turn: Turn, button: Button, press_id: int) -> Result:
    """The task chosen for a report that named none: proposed with that task when the report
    is not of a simple form, else recorded at once."""
    pending, session = turn.session.pending_report, turn.session
    if pending is None or not session.pending_unsure:
        return await reports.on_choice(turn, button, press_id)
    session.pending_report, session.pending_unsure = None, False
    chosen = replace(pending, tasks=(button.number(0),))
    proposed = await propose(turn, (chosen,), button.notice(1), -press_id)
    return Result((Toast(), *proposed.actions), proposed.outcome)


async def on_press(turn: Turn, button: Button) -> Result:
    """确认 records the proposal (each report under its part of the message it was read
    from), 改为… records it at that status, 取消 records nothing; an older proposal's
    choices, or one already answered, are refused."""
    proposal, code = turn.session.proposal, button.fields[1]
    several = proposal is not None and len(proposal.reports) > 1
    if proposal is None or button.number(0) != proposal.token or several and code in "cph":
        return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
    turn.session.proposal = None
    if code == "n":
        return Result((Toast(), Edit(None), *said(say.CANCELLED).actions), Refused("cancelled"))
    status = reports.STATUS_OF_CHOICE.get(code or "")
    chosen = [replace(r, status=status) if status else r for r in proposal.reports]
    done = merged(
        [
            await reports.record(turn, r, part_message(proposal.message, k), proposal.notice)
            for k, r in enumerate(chosen)
        ]
    )
    return Result((Toast(), Edit(None), *done.actions), done.outcome)
