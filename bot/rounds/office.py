"""What a wake-up in the send hours sends the office: nudges too late to send, the reports
awaiting 复核 (one message per batch), the calendar notes, the daily digest and the weekly digest.

Office messages go to every admin once each (a per-chat outbox key); the weekly digest also
goes to the configured leaders, who observe only, with a 写批示 choice. When each is owed is
decided by `bot.reminders.office_mail` and `bot.office.schedule`, the calendar notes by
`bot.holidays.notes`, the wording by `bot.reminders.texts` and `bot.notices.reminding`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import bot.reminders.review_texts as review_texts
import bot.reminders.texts as nudge_texts
from bot.conversation import review
from bot.conversation.actions import Rows
from bot.conversation.choices import instruction_rows, review_rows
from bot.conversation.holidays import holiday_file
from bot.holidays.notes import calendar_notes
from bot.notices.reminding import daily_digest_needed, daily_digest_text, weekly_digest_text
from bot.office.schedule import paused_users, weekly_owed, weekly_since
from bot.reminders.office_mail import (
    chat_key,
    daily_digest_at,
    daily_digest_owed,
    digest_key,
    last_digest,
    stale_lists,
    still_owed,
)
from bot.reminders.planner import Planner
from bot.reminders.recipients import unreachable_names
from bot.reminders.review import Batch, review_batches
from bot.rounds.sender import Outgoing

__all__ = ["CALENDAR_LOOKAHEAD", "office_notices"]

CALENDAR_LOOKAHEAD = timedelta(days=60)


async def office_notices(out: Outgoing, planner: Planner, now: datetime) -> None:
    """Stale nudges, reports awaiting 复核, the calendar notes, the daily digest and the
    weekly digest, in order."""
    core = out.core
    today = now.date()
    for record in stale_lists(core.outbox, core.office.admins):
        await _to_office(out, record.key, record.at, nudge_texts.stale_message(record), now)
    await _reviews(out, now)
    for key, text in calendar_notes(holiday_file(core), today, today + CALENDAR_LOOKAHEAD):
        await _to_office(out, key, now, text, now)
    await _daily_digest(out, planner, now)
    await _weekly_digest(out, now)


async def _to_office(
    out: Outgoing,
    key: str,
    at: datetime,
    text: str,
    now: datetime,
    chats: frozenset[int] | None = None,
    rows: Rows = (),
) -> None:
    """Send `text` (with `rows` of choices) once to each of `chats` (default: the admins),
    under a per-chat key."""
    admins = out.core.office.admins
    for chat in still_owed(out.core.outbox, key, admins if chats is None else chats):
        await out.once(chat_key(key, chat), chat, at, (key,), text, rows, now=now)


async def _reviews(out: Outgoing, now: datetime) -> None:
    """Each batch of reports awaiting 复核 the admins are owed, with 通过 / 退回 per report."""
    core = out.core
    if not core.config.review.required:
        return
    waiting = await core.ledger.store.run(review.waiting, core)
    settings = core.config.review
    admins = core.office.admins
    for batch in review_batches(waiting, core.outbox, admins, now=now, gather=settings.gather):
        text, rows = _batch_message(out, batch)
        for chat in batch.chats:
            key = chat_key(batch.key, chat)
            await out.once(key, chat, now, batch.items, text, rows, now=now)


def _batch_message(out: Outgoing, batch: Batch) -> tuple[str, Rows]:
    """The batch's text, its reports numbered, and their 通过 / 退回 buttons, one row each."""
    items = [review.item_text(out.core, w) for w in batch.waiting]
    rows = tuple(
        row
        for n, w in enumerate(batch.waiting, 1)
        for row in review_rows(w.report.id, w.notice, n)
    )
    return review_texts.batch(items), rows


async def _daily_digest(out: Outgoing, planner: Planner, now: datetime) -> None:
    """The digest when something fell overdue or was reported 有困难."""
    core = out.core
    today = now.date()
    send_time = core.config.reminders.ladder.send_time
    # Checked every minute: once today's digest is out, skip the ledger and the plan.
    if not daily_digest_owed(core.outbox, now, send_time, core.office.admins):
        return
    desks = core.active_desks()
    since = last_digest(core.outbox)
    if not daily_digest_needed(desks, since, planner.fell_overdue(today)):
        return
    names = await core.store.run(unreachable_names, core.unreachable.all(), core.bindings)
    text = daily_digest_text(
        desks,
        today=today,
        since=since,
        settings=core.config.reminders.digest,
        unreachable=names,
    )
    await _to_office(out, digest_key(today), daily_digest_at(today, send_time, now), text, now)


async def _weekly_digest(out: Outgoing, now: datetime) -> None:
    """This week's digest to the admins and leaders, once, from its time to the day's end."""
    core = out.core
    today = now.date()
    settings = core.config.reminders.weekly
    chats = core.office.observers
    # Checked every minute: once this week's digest is out, skip the ledger and the plan.
    key = weekly_owed(settings, core.outbox, now, chats)
    if key is None:
        return
    paused = await core.store.run(paused_users, core.pauses, core.bindings, today)
    names = await core.store.run(unreachable_names, core.unreachable.all(), core.bindings)
    text = weekly_digest_text(
        core.active_desks(),
        today=today,
        since=weekly_since(settings, core.outbox, key, now),
        settings=core.config.reminders.digest,
        paused=paused,
        unreachable=names,
    )
    # `at` is when the content was made: the next digest's changes start there.
    # 写批示: a reply to the digest naming a task is a 批示 (`bot.conversation.instructions`).
    await _to_office(out, key, now, text, now, chats, instruction_rows())
