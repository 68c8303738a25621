"""Wake-ups: send the nudges, digests and notices the core says are due, recording each in the
outbox.

The JobQueue only wakes the bot: at start (to catch up), at the next send time, and every
minute as a safety net. Every decision is the core's: what is due and to whom
(`bot.reminders`), what the office is owed (`bot.reminders.office_mail`,
`bot.office.schedule`), what a restart resends (`bot.reminders.recovery`) and what it says
(`bot.notices.reminding`). This module sends and maps Telegram's errors to outcomes. What went
out comes from the outbox, so a restart neither loses nor repeats a nudge. Sends go one at a time through the
rate limiter's bulk lane (replies to users go first): at most one send is in flight, so a
`kill -9` can leave at most one delivery whose fate is unknown; it is sent again on restart
and logged as ambiguous. A delivery that failed (the limiter's retries exhausted) is tried
again at the next wake-up the same day; after that day it is listed to the office as stale.

Office messages go to every admin once each; the weekly digest also goes to the configured
leaders, who observe only: they are never nudged, even if bound to a unit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError, TimedOut
from telegram.ext import Application, ContextTypes, JobQueue

import bot.reminders.texts as nudge_texts
from bot import texts
from bot.conversation.holidays import holiday_file
from bot.holidays.notes import calendar_notes, refresh
from bot.normalize import printable
from bot.notices.reminding import (
    daily_digest_needed,
    daily_digest_text,
    nudge_text,
    weekly_digest_text,
)
from bot.office.schedule import next_wake, paused_users, weekly_owed, weekly_since
from bot.reminders.nudges import Nudge
from bot.reminders.office_mail import (
    chat_key,
    daily_digest_at,
    daily_digest_owed,
    digest_key,
    last_digest,
    stale_lists,
    still_owed,
)
from bot.reminders.outbox import State
from bot.reminders.planner import Planner
from bot.reminders.recipients import nudge_recipients, unreachable_names
from bot.reminders.recovery import plan_recovery, resent_state
from bot.reminders.wakeup import Delivery, SendHours, next_send_time, plan_wake, stale_key
from handlers import buttons
from handlers.context import Core, core_in
from handlers.transport.ratelimit import BULK

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=60)
TIMEOUT_ATTEMPTS = 3
CALENDAR_LOOKAHEAD = timedelta(days=60)
HEARTBEAT_JOB = "heartbeat"
_NUDGER = "nudger"
_NO_MISFIRE = {"misfire_grace_time": None}


@dataclass
class Nudger:
    """The wake-up routine of one running application: asks the core what is due, sends it."""

    core: Core
    bot: Bot
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    recovered: bool = False

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
                await self._office_notices(now)
        if first or sent or stale or not quiet:
            log.info("提醒检查（%s）：发出 %d 条，过期 %d 条", now.isoformat(), sent, stale)

    async def _recover(self, now: datetime) -> None:
        """Forget old deliveries; resend today's that a crash caught mid-send (ambiguous)."""
        outbox = self.core.outbox
        recovery = plan_recovery(outbox.watermark, outbox.in_flight(), now=now, hours=self.hours)
        if recovery.forget_before is not None:
            await self.core.outbox_store.run(outbox.prune, recovery.forget_before)
        for record in recovery.resend:
            log.warning(
                "ambiguous: delivery %s to %s was in flight at a crash; sending it again",
                record.key,
                record.chat,
            )
            nudges = self._planner().planned_today(record.items, now.date())
            if not nudges:
                await self.core.outbox_store.run(outbox.finish, record.key, State.STALE, now=now)
                continue
            text, keyboard = self._render(nudges, now, late=True), self._keyboard(nudges)
            state = await self._send(record.key, record.chat, text, keyboard)
            await self._finish(record.key, record.chat, resent_state(state))
        for record in recovery.stale:
            await self.core.outbox_store.run(outbox.finish, record.key, State.STALE, now=now)

    async def _nudge(self, now: datetime, since: datetime) -> tuple[int, int]:
        """Send what is due now and record what is too late; returns both counts."""
        core = self.core
        recipients = await core.store.run(
            nudge_recipients,
            core.bindings,
            core.groups,
            core.pauses,
            unreachable=core.unreachable,
            leaders=core.config.telegram.leaders,
            today=now.date(),
        )
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
        await self.core.outbox_store.run(core.outbox.advance, wake.watermark)
        delivered = sum(state in {State.SENT, State.AMBIGUOUS} for state in states)
        return delivered, len(wake.stale)

    def _render(self, nudges: Sequence[Nudge], now: datetime, *, late: bool) -> str:
        return nudge_text(self.core.active_desks(), nudges, today=now.date(), late=late)

    def _keyboard(self, nudges: Sequence[Nudge]) -> InlineKeyboardMarkup:
        desks = self.core.active_desks()
        names = {d.key: d.tag for d in desks} if len(desks) > 1 else None
        return buttons.status_keyboard(nudges, names)

    async def _deliver(self, delivery: Delivery, now: datetime) -> State:
        text = self._render(delivery.nudges, now, late=delivery.late)
        keyboard = self._keyboard(delivery.nudges)
        await self.core.outbox_store.run(
            self.core.outbox.begin,
            delivery.key,
            delivery.chat,
            delivery.at,
            delivery.items,
            now=now,
            late=delivery.late,
        )
        state = await self._send(delivery.key, delivery.chat, text, keyboard)
        await self._finish(delivery.key, delivery.chat, state)
        return state

    async def _finish(self, key: str, chat: int, state: State) -> None:
        core = self.core
        await self.core.outbox_store.run(core.outbox.finish, key, state, now=core.clock())
        if state is State.UNREACHABLE:
            await core.store.run(core.unreachable.mark, chat, core.clock())

    async def _send(
        self, key: str, chat: int, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> State:
        """Send with the limiter's retries and map Telegram's errors to an outcome: blocked →
        unreachable; a read timeout is retried and the outcome is ambiguous; others fail."""
        parts = texts.split_long(printable(text))
        state = State.SENT
        for index, part in enumerate(parts):
            markup = keyboard if index == len(parts) - 1 else None
            for attempt in range(1, TIMEOUT_ATTEMPTS + 1):
                try:
                    await self.bot.send_message(
                        chat, part, reply_markup=markup, rate_limit_args=BULK
                    )
                    break
                except Forbidden:
                    log.warning("无法送达 %s（%s）：对方已屏蔽或停用机器人", chat, key)
                    return State.UNREACHABLE
                except TimedOut:
                    state = State.AMBIGUOUS
                    log.warning(
                        "ambiguous: read timeout sending %s to %s (attempt %d); "
                        "the message may have arrived, sending again",
                        key,
                        chat,
                        attempt,
                    )
                except TelegramError as error:
                    log.error("发送 %s 到 %s 失败：%s", key, chat, error)
                    return State.FAILED
            else:
                return State.FAILED
        return state

    async def _office(
        self,
        key: str,
        at: datetime,
        text: str,
        now: datetime,
        chats: frozenset[int] | None = None,
    ) -> None:
        """Send `text` once to each of `chats` (default: the admins), under a per-chat key."""
        outbox = self.core.outbox
        for chat in still_owed(
            outbox, key, self.core.config.telegram.admins if chats is None else chats
        ):
            key_of_chat = chat_key(key, chat)
            await self.core.outbox_store.run(outbox.begin, key_of_chat, chat, at, (key,), now=now)
            await self._finish(key_of_chat, chat, await self._send(key_of_chat, chat, text))

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

    async def _office_notices(self, now: datetime) -> None:
        """Stale nudges, a missing calendar, the daily digest, and the weekly digest."""
        core = self.core
        today = now.date()
        for record in stale_lists(core.outbox, core.config.telegram.admins):
            await self._office(record.key, record.at, nudge_texts.stale_message(record), now)
        for key, text in calendar_notes(holiday_file(core), today, today + CALENDAR_LOOKAHEAD):
            await self._office(key, now, text, now)
        await self._daily_digest(now)
        await self._weekly_digest(now)

    async def _daily_digest(self, now: datetime) -> None:
        """The digest when something fell overdue or was reported 有困难."""
        core = self.core
        today = now.date()
        send_time = core.config.reminders.ladder.send_time
        # Checked every minute: once today's digest is out, skip the ledger and the plan.
        if not daily_digest_owed(core.outbox, now, send_time, core.config.telegram.admins):
            return
        desks = core.active_desks()
        since = last_digest(core.outbox)
        if not daily_digest_needed(desks, since, self._planner().fell_overdue(today)):
            return
        names = await core.store.run(unreachable_names, core.unreachable.all(), core.bindings)
        text = daily_digest_text(
            desks,
            today=today,
            since=since,
            settings=core.config.reminders.digest,
            unreachable=names,
        )
        await self._office(digest_key(today), daily_digest_at(today, send_time, now), text, now)

    async def _weekly_digest(self, now: datetime) -> None:
        """This week's digest to the admins and leaders, once, from its time to the day's end."""
        core = self.core
        today = now.date()
        settings = core.config.reminders.weekly
        chats = core.config.telegram.observers
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
        await self._office(key, now, text, now, chats)

    def next_send_time(self, now: datetime) -> datetime:
        """The next instant nudges may be due: today's send time, else the next working day's."""
        return next_send_time(now, self.core.config.reminders.ladder.send_time)

    def next_wake(self, now: datetime) -> datetime:
        """The next instant something is due: nudges or the weekly digest, whichever first."""
        reminders = self.core.config.reminders
        return next_wake(reminders.weekly, reminders.ladder.send_time, now)


async def _wake(context: ContextTypes.DEFAULT_TYPE) -> None:
    nudger: Nudger = context.bot_data[_NUDGER]
    await nudger.wake(quiet=context.job.name == HEARTBEAT_JOB)
    _schedule_next(context.job_queue, nudger)


def _schedule_next(job_queue: JobQueue, nudger: Nudger) -> None:
    """One precise wake-up at the next send time, replacing the previous one."""
    for job in job_queue.get_jobs_by_name("next-send"):
        job.schedule_removal()
    now = nudger.core.clock()
    delay = (nudger.next_wake(now) - now).total_seconds()
    job_queue.run_once(_wake, when=delay, name="next-send", job_kwargs=_NO_MISFIRE)


def start_nudging(application: Application) -> None:
    """Wake now (catch up after downtime), at each send time, and every minute."""
    nudger = Nudger(core_in(application.bot_data), application.bot)
    application.bot_data[_NUDGER] = nudger
    job_queue = application.job_queue
    job_queue.run_once(_wake, when=0, name="catch-up", job_kwargs=_NO_MISFIRE)
    job_queue.run_repeating(
        _wake,
        interval=HEARTBEAT.total_seconds(),
        first=HEARTBEAT.total_seconds(),
        name=HEARTBEAT_JOB,
        job_kwargs=_NO_MISFIRE,
    )
