"""One wake-up of the reminders, whatever the channel: `Rounds.wake`.

The timer only wakes the rounds: at start (to catch up), at the next send time and on a
heartbeat. Each wake-up begins at the outbox's watermark, picks up a changed holidays.toml,
settles on the first wake-up what a crash left in flight (`bot.reminders.recovery`), sends
what is due now, merged per chat (`bot.reminders.wakeup`), records what is too late, and in
the send hours sends the units the leaders' 批示 (`bot.rounds.instructions`) and the office
what it is owed (`bot.rounds.office`).

Sends go one at a time, so a `kill -9` leaves at most one delivery whose fate is unknown: it
is sent again on restart, marked late, and recorded as ambiguous. A delivery that failed is
tried again at the next wake-up the same day; after that day it is listed to the office as
stale. Leaders observe only: they are never nudged, even if bound to a unit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import date, datetime

from bot.conversation.actions import Rows
from bot.conversation.choices import nudge_choices
from bot.conversation.core import Core
from bot.conversation.holidays import holiday_file
from bot.holidays.notes import refresh
from bot.notices.reminding import nudge_text
from bot.office.schedule import next_wake
from bot.reminders.nudges import Nudge
from bot.reminders.outbox import State
from bot.reminders.planner import Planner
from bot.reminders.recipients import nudge_recipients
from bot.reminders.recovery import plan_recovery, resent_state
from bot.reminders.wakeup import Delivery, SendHours, next_send_time, plan_wake, stale_key
from bot.rounds.instructions import deliver_instructions
from bot.rounds.office import office_notices
from bot.rounds.sender import Outgoing, Sender

__all__ = ["Rounds"]

log = logging.getLogger(__name__)


class Rounds:
    """The wake-ups of one running bot over its core, sending through `sender`."""

    def __init__(self, core: Core, sender: Sender) -> None:
        """Nothing is read or sent until the first `wake`, which also recovers."""
        self.core = core
        self.out = Outgoing(core, sender)
        self.lock = asyncio.Lock()
        self.recovered = False

    @property
    def hours(self) -> SendHours:
        """When sends are allowed."""
        settings = self.core.config.reminders
        return SendHours(settings.send_start, settings.send_end)

    def _planner(self) -> Planner:
        core = self.core
        return Planner(
            core.active_desks(), core.registry, core.config.timezone, core.config.reminders.ladder
        )

    async def wake(self, *, quiet: bool = False) -> None:
        """Do everything due now; overlapping wake-ups wait for each other.

        The summary is logged unless `quiet` (the heartbeat) and nothing happened.
        """
        async with self.lock:
            now = self.core.clock()
            since = await self.core.outbox_store.run(self.core.outbox.begin_at, now)
            refresh(holiday_file(self.core))  # the office's holidays.toml, if it changed
            first = not self.recovered
            if first:
                await self._recover(now)
                self.recovered = True
            sent, stale = await self._nudge(now, since)
            if self.hours.allow(now):
                await deliver_instructions(self.out, now, self.recipients)
                await office_notices(self.out, self._planner(), now)
        if first or sent or stale or not quiet:
            log.info("提醒检查（%s）：发出 %d 条，过期 %d 条", now.isoformat(), sent, stale)

    async def _recover(self, now: datetime) -> None:
        """Forget old deliveries; resend today's that a crash caught mid-send (ambiguous)."""
        outbox, store = self.core.outbox, self.core.outbox_store
        recovery = plan_recovery(outbox.watermark, outbox.in_flight(), now=now, hours=self.hours)
        if recovery.forget_before is not None:
            await store.run(outbox.prune, recovery.forget_before)
        for record in recovery.resend:
            log.warning(
                "ambiguous: delivery %s to %s was in flight at a crash; sending it again",
                record.key,
                record.chat,
            )
            nudges = self._planner().planned_today(record.items, now.date())
            if not nudges:
                await store.run(outbox.finish, record.key, State.STALE, now=now)
                continue
            text, choices = self._render(nudges, now, late=True)
            state = await self.out.sender.send(record.chat, text, choices, key=record.key)
            await self.out.finish(record.key, record.chat, resent_state(state))
        for record in recovery.stale:
            await store.run(outbox.finish, record.key, State.STALE, now=now)

    async def recipients(self, today: date) -> dict[str, list[int]]:
        """Each unit's chats for `today` (`bot.reminders.recipients.nudge_recipients`)."""
        core = self.core
        return await core.store.run(
            nudge_recipients,
            core.bindings,
            core.groups,
            core.pauses,
            unreachable=core.unreachable,
            leaders=core.office.leaders,
            today=today,
        )

    async def _nudge(self, now: datetime, since: datetime) -> tuple[int, int]:
        """Send what is due now and record what is too late; returns both counts."""
        core = self.core
        recipients = await self.recipients(now.date())
        wake = plan_wake(
            self._planner().due(now, since=since, watermark=core.outbox.watermark),
            now=now,
            recipients=recipients,
            handled=core.outbox.handled,
            stale=core.outbox.stale_items(),
            hours=self.hours,
        )
        if wake.stale:
            await self._record_stale(wake.stale, now)
        states = [await self._deliver(delivery, now) for delivery in wake.deliveries]
        await core.outbox_store.run(core.outbox.advance, wake.watermark)
        delivered = sum(state in {State.SENT, State.AMBIGUOUS} for state in states)
        return delivered, len(wake.stale)

    def _render(self, nudges: Sequence[Nudge], now: datetime, *, late: bool) -> tuple[str, Rows]:
        desks = self.core.active_desks()
        text = nudge_text(desks, nudges, today=now.date(), late=late)
        return text, nudge_choices(desks, nudges)

    async def _deliver(self, delivery: Delivery, now: datetime) -> State:
        text, choices = self._render(delivery.nudges, now, late=delivery.late)
        return await self.out.once(
            delivery.key,
            delivery.chat,
            delivery.at,
            delivery.items,
            text,
            choices,
            now=now,
            late=delivery.late,
        )

    async def _record_stale(self, stale: Sequence[Nudge], now: datetime) -> None:
        """Record nudges too late to send; the office gets the list in the send hours."""
        await self.core.outbox_store.run(
            self.core.outbox.begin,
            stale_key(now),
            None,
            min(n.at for n in stale),
            tuple(n.id for n in stale),
            now=now,
            state=State.STALE,
        )
        log.warning("%d 条提醒已过补发时限，将列给办公室", len(stale))

    def next_send_time(self, now: datetime) -> datetime:
        """The next instant nudges may be due: today's send time, else the next working day's."""
        return next_send_time(now, self.core.config.reminders.ladder.send_time)

    def next_wake(self, now: datetime) -> datetime:
        """The next instant something is due: nudges or the weekly digest, whichever first."""
        reminders = self.core.config.reminders
        return next_wake(reminders.weekly, reminders.ladder.send_time, now)
