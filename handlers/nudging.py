"""Wake-ups: send the nudges, digests and notices that are due, recording each in the outbox.

The JobQueue only wakes the bot: at start (to catch up), at the next send time, and every
minute as a safety net. What is due comes from the pure plan; what went out comes from the
outbox, so a restart neither loses nor repeats a nudge. Sends go one at a time through the
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
from datetime import date, datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError, TimedOut
from telegram.ext import Application, ContextTypes, JobQueue

import bot.reminders.texts as nudge_texts
from bot import texts
from bot.normalize import printable
from bot.notices.across import headed
from bot.office.overview import build_overview
from bot.office.weekly import (
    WEEKLY_PREFIX,
    PausedUser,
    next_moment,
    previous_moment,
    send_day,
    weekly_digest,
    weekly_key,
)
from bot.reminders.nudges import (
    Kind,
    NoticeNudges,
    Nudge,
    office_digest,
    plan_notices,
)
from bot.reminders.outbox import State
from bot.reminders.wakeup import Delivery, SendHours, plan_wake
from bot.workdays import is_workday
from handlers import buttons, holidays
from handlers.context import Core, core_in
from handlers.transport.ratelimit import BULK

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=60)
# Only the watermark onwards decides anything; older records are kept a while for the office.
KEEP_DELIVERIES = timedelta(days=14)
TIMEOUT_ATTEMPTS = 3
CALENDAR_LOOKAHEAD = timedelta(days=60)
HEARTBEAT_JOB = "heartbeat"
_NUDGER = "nudger"
_NO_MISFIRE = {"misfire_grace_time": None}


@dataclass
class Nudger:
    """The wake-up routine of one running application."""

    core: Core
    bot: Bot
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    recovered: bool = False

    @property
    def hours(self) -> SendHours:
        """When sends are allowed."""
        settings = self.core.config.reminders
        return SendHours(settings.send_start, settings.send_end)

    async def wake(self, *, quiet: bool = False) -> None:
        """Do everything due now; overlapping wake-ups wait for each other.

        The summary is logged unless `quiet` (the heartbeat) and nothing happened.
        """
        async with self.lock:
            now = self.core.clock()
            since = await self.core.outbox_store.run(self.core.outbox.begin_at, now)
            holidays.refresh(self.core)  # the office's holidays.toml, if it changed
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
        watermark = self.core.outbox.watermark
        if watermark is not None:
            await self.core.outbox_store.run(self.core.outbox.prune, watermark - KEEP_DELIVERIES)
        for record in self.core.outbox.in_flight():
            if record.chat is None:
                continue
            if record.at.date() == now.date() and self.hours.allow(now):
                log.warning(
                    "ambiguous: delivery %s to %s was in flight at a crash; sending it again",
                    record.key,
                    record.chat,
                )
                text, keyboard = self._render_items(record.items, now, late=True)
                if text is None:
                    await self.core.outbox_store.run(
                        self.core.outbox.finish, record.key, State.STALE, now=now
                    )
                    continue
                state = await self._send(record.key, record.chat, text, keyboard)
                final = State.AMBIGUOUS if state is State.SENT else state
                await self._finish(record.key, record.chat, final)
            else:
                await self.core.outbox_store.run(
                    self.core.outbox.finish, record.key, State.STALE, now=now
                )

    def _plan(self, start: date, end: date, *, with_done: bool = True) -> list[Nudge]:
        """The nudge plan of every notice in use over [start, end], without the milestones
        reported done; a unit's weekly cap counts all notices together."""
        core = self.core
        notices = [
            NoticeNudges(
                desk.key,
                desk.knowledge.plan,
                desk.knowledge.deadlines,
                desk.ledger.done() if with_done else frozenset(),
                desk.ledger.moved(),
            )
            for desk in core.active_desks()
        ]
        return plan_notices(
            notices,
            core.registry,
            start=start,
            end=end,
            zone=core.config.timezone,
            settings=core.config.reminders.ladder,
        )

    def _due(self, now: datetime, since: datetime) -> list[Nudge]:
        start = max(since, self.core.outbox.watermark or since)
        return [n for n in self._plan(start.date(), now.date()) if start <= n.at <= now]

    def _recipients(self, today: date) -> dict[str, list[int]]:
        """Who gets each unit's nudges: its work group if it has one, else its people."""
        core = self.core
        leaders = core.config.telegram.leaders
        found: dict[str, list[int]] = {}
        for binding in core.bindings.all_bindings():
            if (
                binding.user_id in leaders
                or binding.user_id in core.unreachable
                or core.pauses.is_paused(binding.user_id, today)
            ):
                continue
            found.setdefault(binding.unit, []).append(binding.user_id)
        # A unit with a work group is nudged there, once, instead of person by person.
        for group in core.groups.all():
            if group.chat_id not in core.unreachable and core.groups.group_of(group.unit) == group:
                found[group.unit] = [group.chat_id]
        return found

    async def _nudge(self, now: datetime, since: datetime) -> tuple[int, int]:
        """Send what is due now and record what is too late; returns both counts."""
        core = self.core
        recipients = await core.store.run(self._recipients, now.date())
        wake = plan_wake(
            self._due(now, since),
            now=now,
            recipients=recipients,
            handled=core.outbox.handled,
            stale=_StaleItems(core),
            hours=self.hours,
        )
        if wake.stale:
            await self._record_stale(wake.stale, now)
        states = [await self._deliver(delivery, now) for delivery in wake.deliveries]
        await self.core.outbox_store.run(core.outbox.advance, wake.watermark)
        delivered = sum(state in {State.SENT, State.AMBIGUOUS} for state in states)
        return delivered, len(wake.stale)

    def _render_items(
        self, items: Sequence[str], now: datetime, *, late: bool
    ) -> tuple[str | None, InlineKeyboardMarkup | None]:
        """Rebuild a delivery's text from its nudge ids (after a crash the plan still has them)."""
        wanted = set(items)
        nudges = [n for n in self._plan(now.date(), now.date(), with_done=False) if n.id in wanted]
        if not nudges:
            return None, None
        return self._render(nudges, now, late=late), self._keyboard(nudges)

    def _render(self, nudges: Sequence[Nudge], now: datetime, *, late: bool) -> str:
        desks = self.core.active_desks()
        notices = {d.key: (d.label, d.knowledge.plan) for d in desks} if len(desks) > 1 else None
        return nudge_texts.nudge_message(
            nudges[0].unit,
            nudges,
            self.core.knowledge.plan,
            today=now.date(),
            late=late,
            notices=notices,
        )

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
        """Send with the limiter's retries; a read timeout is retried and logged as ambiguous."""
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

    def _went_to(self, key: str, chat: int) -> bool:
        """True once the office message `key` went (or may have gone) to `chat`."""
        known = self.core.outbox.get(f"{key}@{chat}")
        return known is not None and known.state is not State.FAILED

    def _went_to_every_admin(self, key: str) -> bool:
        return self._went_to_all(key, self.core.config.telegram.admins)

    def _went_to_all(self, key: str, chats: frozenset[int]) -> bool:
        return all(self._went_to(key, chat) for chat in chats)

    def _observers(self) -> frozenset[int]:
        """Who gets the weekly digest: the admins and the leaders."""
        telegram = self.core.config.telegram
        return telegram.admins | telegram.leaders

    async def _office(
        self,
        key: str,
        at: datetime,
        text: str,
        now: datetime,
        chats: frozenset[int] | None = None,
    ) -> None:
        """Send `text` once to each of `chats` (default: the admins), under a per-chat key."""
        for chat in sorted(self.core.config.telegram.admins if chats is None else chats):
            chat_key = f"{key}@{chat}"
            if self._went_to(key, chat):
                continue
            await self.core.outbox_store.run(
                self.core.outbox.begin, chat_key, chat, at, (key,), now=now
            )
            await self._finish(chat_key, chat, await self._send(chat_key, chat, text))

    async def _record_stale(self, stale: Sequence[Nudge], now: datetime) -> None:
        """Record nudges too late to send; the office gets the list in the send hours."""
        items = tuple(n.id for n in stale)
        first = min(n.at for n in stale)
        await self.core.outbox_store.run(
            self.core.outbox.begin,
            f"stale:{now.isoformat()}",
            None,
            first,
            items,
            now=now,
            state=State.STALE,
        )
        log.warning("%d 条提醒已过补发时限，将列给办公室", len(stale))

    async def _office_notices(self, now: datetime) -> None:
        """Stale nudges, a missing calendar, the daily digest, and the weekly digest."""
        core = self.core
        today = now.date()
        for record in core.outbox.records():
            if record.chat is None and not self._went_to_every_admin(record.key):
                await self._office(record.key, record.at, nudge_texts.stale_message(record), now)
        for key, text in holidays.calendar_notes(core, today, today + CALENDAR_LOOKAHEAD):
            await self._office(key, now, text, now)
        await self._daily_digest(now)
        await self._weekly_digest(now)

    async def _daily_digest(self, now: datetime) -> None:
        """The digest when something fell overdue or was reported 有困难."""
        core = self.core
        today = now.date()
        send_at = datetime.combine(today, core.config.reminders.ladder.send_time, now.tzinfo)
        key = f"digest:{today.isoformat()}"
        # Checked every minute: once today's digest is out, skip the ledger and the plan.
        if now < send_at or self._went_to_every_admin(key):
            return
        desks = core.active_desks()
        since = self._last_digest()
        if not (any(d.ledger.blocked_since(since) for d in desks) or self._fell_overdue(today)):
            return
        settings = core.config.reminders.digest
        parts = []
        for desk in desks:
            knowledge, ledger = desk.knowledge, desk.ledger
            items = office_digest(
                knowledge.plan,
                knowledge.registry,
                knowledge.deadlines,
                today=today,
                done=ledger.done(),
                settings=settings,
                moved=ledger.moved(),
            )
            part = nudge_texts.digest_message(items, today=today, settings=settings)
            if blocked := ledger.blocked_since(since):
                part += "\n" + nudge_texts.blocked_lines(blocked)
            parts.append(headed(desk, part, desks))
        text = "\n\n".join(parts)
        names = await core.store.run(self._unreachable_names)
        if names:
            text += "\n" + nudge_texts.unreachable_line(names)
        await self._office(key, send_at, text, now)

    async def _weekly_digest(self, now: datetime) -> None:
        """This week's digest to the admins and leaders, once, from its time to the day's end.

        A bot down all of the digest's day does not send that week's digest later; the next
        one covers the changes since the last one that went out.
        """
        core = self.core
        today = now.date()
        settings = core.config.reminders.weekly
        if send_day(settings, today) != today:
            return
        key = weekly_key(today)
        chats = self._observers()
        # Checked every minute: once this week's digest is out, skip the ledger and the plan.
        if now < datetime.combine(today, settings.time, now.tzinfo) or self._went_to_all(
            key, chats
        ):
            return
        paused = await core.store.run(self._paused_users, today)
        names = await core.store.run(self._unreachable_names)
        since = self._last_weekly(key) or previous_moment(settings, today, now.tzinfo) or now
        desks = core.active_desks()
        parts = []
        for index, desk in enumerate(desks):
            last = index == len(desks) - 1  # paused and unreachable people are listed once
            overview = build_overview(
                desk.knowledge, desk.ledger, today, core.config.reminders.digest
            )
            part = weekly_digest(
                overview, desk.ledger, since=since, paused=paused, unreachable=names, people=last
            )
            parts.append(headed(desk, part, desks))
        text = "\n\n".join(parts)
        # `at` is when the content was made: the next digest's changes start there.
        await self._office(key, now, text, now, chats)

    def _last_weekly(self, key: str) -> datetime | None:
        """When the latest earlier weekly digest that went out was made."""
        made: dict[str, datetime] = {}
        for record in self.core.outbox.records():
            week = record.items[0] if record.items else ""
            if (
                record.key.startswith(WEEKLY_PREFIX)
                and week != key
                and record.state is not State.FAILED
            ):
                made[week] = min(made.get(week, record.at), record.at)
        return made[max(made)] if made else None

    def _paused_users(self, today: date) -> list[PausedUser]:
        core = self.core
        found = []
        for pause in core.pauses.active(today):
            binding = core.bindings.binding_of(pause.user_id)
            found.append(PausedUser(pause.name, binding.unit if binding else None, pause.until))
        return found

    def _last_digest(self) -> datetime | None:
        """When the office last got a digest."""
        sent = [r.updated for r in self.core.outbox.records() if r.key.startswith("digest:")]
        return max(sent, default=None)

    def _fell_overdue(self, today: date) -> bool:
        """True when some milestone's first overdue day is today."""
        nudges = self._plan(today, today)
        return any(n.kind is Kind.OVERDUE and n.step == "late1" for n in nudges)

    def _unreachable_names(self) -> list[str]:
        core = self.core
        names = []
        for user_id in sorted(core.unreachable.all()):
            binding = core.bindings.binding_of(user_id)
            names.append(f"{binding.name}（{binding.unit}）" if binding else str(user_id))
        return names

    def next_send_time(self, now: datetime) -> datetime:
        """The next instant nudges may be due: today's send time, else the next working day's."""
        send_time = self.core.config.reminders.ladder.send_time
        day = now.date()
        while True:
            at = datetime.combine(day, send_time, now.tzinfo)
            if at > now and is_workday(day):
                return at
            day += timedelta(days=1)

    def next_wake(self, now: datetime) -> datetime:
        """The next instant something is due: nudges or the weekly digest, whichever first."""
        nudges = self.next_send_time(now)
        weekly = next_moment(self.core.config.reminders.weekly, now)
        return min(nudges, weekly) if weekly is not None else nudges


class _StaleItems:
    """The outbox's stale nudge ids, as a container for `plan_wake`."""

    def __init__(self, core: Core) -> None:
        self._outbox = core.outbox

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and self._outbox.is_stale(item)


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
