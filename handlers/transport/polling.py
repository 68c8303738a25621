"""Long polling that confirms an update to Telegram only after the bot has handled it, and keeps
fetching while earlier updates are handled.

PTB's `Updater` confirms a fetched batch with its next `getUpdates` call, before the handlers
have run, so a crash loses whatever was fetched and not yet handled (stack-facts §1.4). Here
every poll asks from the oldest update not yet handled (`offset`), which confirms exactly the
handled ones below it. After a crash Telegram delivers the unfinished updates again, and the
handlers are idempotent: the ledger deduplicates by chat and message and answers a re-delivered
report with the same 已记录.

One user's updates (a lane, `lane_of`) are handled in order, different lanes concurrently, and
fetching goes on meanwhile: while anything is unfinished the bot polls every `busy_poll`
seconds (a long poll would return at once with the unfinished updates) and starts the new ones;
once all are handled it long-polls again at once.
So one user's burst, whose replies go out a second apart, holds nobody else back.

A backlog is bounded per lane. Beyond `soft_cap` pending updates the user is told once 请稍候
and the rest wait their turn (notices go right after the update under way, never ahead of it). Telegram returns at most 100 updates from the offset, so a lane
that keeps its oldest update unfinished for long would hide everybody's newer ones: beyond
`hard_cap` pending updates a lane's further updates, until its backlog is cleared, are refused
(the user is told once that they were not handled and not recorded) and confirmed. No update is confirmed before it was
handled or refused, and memory holds at most about 100 updates.

An update python-telegram-bot cannot parse is logged by id, answered 出错了 where its JSON names
the sender, and confirmed (`handlers.errors`); a failure while handling one update never stops
the loop.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

import handlers.texts as transport_texts
from handlers.errors import answer_failed, parse_update, raw_lane

__all__ = ["ConfirmingPoller", "lane_of", "serve", "stop_on_signals"]

POLL_SECONDS = 10
BUSY_POLL = 0.2  # seconds between polls while updates are being handled
FETCH_LIMIT = 100  # Telegram's most per getUpdates
READ_MARGIN = 5.0  # added to a poll's timeout for the HTTP read, as `Bot.get_updates` does
SOFT_CAP = 10  # pending updates of one lane before its user is told to wait
HARD_CAP = 30  # pending updates of one lane beyond which new ones are refused
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 30.0
log = logging.getLogger(__name__)
T = TypeVar("T")
Lane = tuple[str, int]


def lane_of(update: Update) -> Lane:
    """Updates in the same lane are handled in order: one user's, or one chat's."""
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    return ("update", update.update_id)


async def _unless_stopped(call: Awaitable[T], stop: asyncio.Event) -> T | None:
    """The call's result, or None if `stop` was set first (the call is then cancelled)."""
    task = asyncio.ensure_future(call)
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not task.done():
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
        return None
    return task.result()


async def _sleep(seconds: float, stop: asyncio.Event) -> None:
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


@dataclass(frozen=True)
class _Job:
    """An update to handle, or a notice to its user (`raw`: the update it finishes, if any)."""

    raw: dict[str, Any] | None
    run: Callable[[], Awaitable[None]]
    is_update: bool = True


@dataclass(eq=False)
class _Queue:
    """One lane's jobs (the first is being handled) and what its user was told."""

    jobs: deque[_Job] = field(default_factory=deque)
    updates: int = 0  # jobs that are updates, not notices
    told_busy: bool = False
    told_refused: bool = False  # refusing until the lane is empty
    worker: asyncio.Task[None] | None = None

    def tell(self, job: _Job) -> None:
        """Queue a notice right after the job under way and the notices before it: the user
        hears at once, and the lane's oldest update is not held back by it."""
        index = min(1, len(self.jobs))
        while index < len(self.jobs) and not self.jobs[index].is_update:
            index += 1
        self.jobs.insert(index, job)


class ConfirmingPoller:
    """Poll from the oldest unhandled update; handle lanes concurrently, each in order."""

    def __init__(
        self,
        application: Application,
        *,
        poll_seconds: int = POLL_SECONDS,
        busy_poll: float = BUSY_POLL,
        allowed_updates: Sequence[str] = Update.ALL_TYPES,
        soft_cap: int = SOFT_CAP,
        hard_cap: int = HARD_CAP,
    ) -> None:
        self.application = application
        self.poll_seconds = poll_seconds
        self.busy_poll = busy_poll
        self.allowed_updates = list(allowed_updates)
        self.soft_cap, self.hard_cap = soft_cap, hard_cap
        self.fetched_up_to: int | None = None  # the next update id not fetched yet
        self.unfinished: set[int] = set()  # fetched, not yet handled
        self._queues: dict[Lane, _Queue] = {}
        self._tasks: set[asyncio.Task[None]] = set()  # the lanes' workers
        self._stopping = False
        self._drained = asyncio.Event()  # set when the last unfinished update is handled

    @property
    def offset(self) -> int | None:
        """The oldest update not handled yet: every update below it is handled."""
        return min(self.unfinished, default=self.fetched_up_to)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll and handle until `stop` is set; then let each lane finish the update it is
        handling (the rest stays on Telegram) and confirm what was handled."""
        try:
            await self._poll(stop)
            self._stopping = True
            await asyncio.gather(*self._tasks)
        finally:
            for task in self._tasks:  # cancelled (a crash in tests): stop handling at once
                task.cancel()
        if self.offset is not None:
            await self._confirm()

    async def _poll(self, stop: asyncio.Event) -> None:
        delay = BACKOFF_FIRST
        while not stop.is_set():
            busy = bool(self.unfinished)
            try:
                raw = await _unless_stopped(self._fetch(0 if busy else self.poll_seconds), stop)
            except InvalidToken:
                raise
            except RetryAfter as error:
                await _sleep(error.retry_after.total_seconds(), stop)
                continue
            except TimedOut:  # a long poll the network dropped: poll again at once
                continue
            except TelegramError as error:
                log.warning("拉取消息失败（%s），%.0f 秒后重试", error, delay)
                await _sleep(delay, stop)
                delay = min(delay * 2, BACKOFF_MAX)
                continue
            delay = BACKOFF_FIRST
            new = [item for item in raw or () if self._is_new(item)]
            for item in new:
                self._take(item)
            if not (new and len(raw or ()) >= FETCH_LIMIT):
                await self._pause(stop)

    async def _pause(self, stop: asyncio.Event) -> None:
        """Wait `busy_poll` seconds while updates are unfinished, less once none is (then the
        next poll is a long one, which returns as soon as an update arrives)."""
        if not self.unfinished:
            return
        self._drained.clear()
        waits = {asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._drained.wait())}
        await asyncio.wait(waits, timeout=self.busy_poll, return_when=asyncio.FIRST_COMPLETED)
        for wait in waits:
            wait.cancel()

    async def _fetch(self, timeout: int, limit: int = FETCH_LIMIT) -> list[Any]:
        """Raw updates from the offset (so confirming the handled ones below it).

        `Bot._post` is what `Bot.get_updates` calls before it parses the whole batch at once
        (PTB 22.8), so one unparsable update would fail the batch; here each is parsed alone.
        `do_api_request` would do too, but warns for an endpoint PTB has a method for.
        """
        result = await self.application.bot._post(
            "getUpdates",
            {
                "offset": self.offset,
                "timeout": timeout,
                "limit": limit,
                "allowed_updates": self.allowed_updates,
            },
            read_timeout=timeout + READ_MARGIN,
        )
        return result if isinstance(result, list) else []

    async def _confirm(self) -> None:
        """Tell Telegram everything below the offset is handled (raw: what comes back from
        the offset is not parsed, and may be a poison update)."""
        try:
            await self._fetch(0, limit=1)
        except TelegramError as error:
            log.warning("确认已处理的消息失败（%s），重启后可能重复处理", error)

    def _is_new(self, item: Any) -> bool:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if type(update_id) is not int:
            log.error("收到没有 update_id 的更新，已忽略")
            return False
        return self.fetched_up_to is None or update_id >= self.fetched_up_to

    def _take(self, raw: dict[str, Any]) -> None:
        """Queue a fetched update in its lane, or refuse it when the lane is full."""
        update_id = raw["update_id"]
        self.fetched_up_to = update_id + 1
        self.unfinished.add(update_id)
        update = parse_update(raw, self.application.bot)
        lane = lane_of(update) if update is not None else raw_lane(raw)
        queue = self._queues.setdefault(lane, _Queue())
        if queue.told_refused or queue.updates >= self.hard_cap:
            if queue.told_refused:
                self.unfinished.discard(update_id)  # refused; told with the first refused one
                return
            queue.told_refused = True
            log.warning("%s 积压的消息超过 %d 条，此后的消息不处理", lane, self.hard_cap)
            queue.tell(_Job(raw, lambda: self._notify(update, transport_texts.TOO_MANY), False))
            return
        if update is None:
            queue.jobs.append(_Job(raw, lambda: answer_failed(self.application, raw)))
        else:
            queue.jobs.append(_Job(raw, lambda: self.application.process_update(update)))
        queue.updates += 1
        if queue.updates > self.soft_cap and not queue.told_busy:
            queue.told_busy = True
            queue.tell(_Job(None, lambda: self._notify(update, transport_texts.BUSY), False))
        if queue.worker is None:
            queue.worker = self._spawn(self._work(lane, queue))

    async def _work(self, lane: Lane, queue: _Queue) -> None:
        """Handle a lane's jobs in order; stop after the current one when stopping."""
        while queue.jobs and not self._stopping:
            job = queue.jobs[0]
            try:
                await job.run()  # a handler's error goes to `handlers.errors.on_error`
            except Exception:  # noqa: BLE001 - whatever escapes PTB must not stop the bot
                log.exception("处理更新 %s 失败，已跳过", job.raw and job.raw["update_id"])
                if job.is_update:
                    await answer_failed(self.application, job.raw)
            queue.jobs.popleft()
            if job.is_update:
                queue.updates -= 1
            if job.raw is not None:
                self.unfinished.discard(job.raw["update_id"])
                if not self.unfinished:
                    self._drained.set()
        if not queue.jobs:
            del self._queues[lane]
        queue.worker = None

    async def _notify(self, update: Update | None, text: str) -> None:
        chat = update.effective_chat if update is not None else None
        if chat is None:
            return
        try:
            await self.application.bot.send_message(chat.id, text)
        except TelegramError as error:
            log.warning("无法通知 %s 消息积压（%s）", chat.id, error)

    def _spawn(self, work: Awaitable[None]) -> asyncio.Task[None]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM (in the running loop)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve(application: Application, stop: asyncio.Event | None = None) -> None:
    """Run the application until `stop` is set (by default: SIGINT/SIGTERM): set up, poll
    with confirmation, shut down.

    The steps of PTB's `run_polling` (post_init before start, stop, shutdown), with our poller
    in place of its Updater.
    """
    stop = stop or stop_on_signals()
    async with application:  # initialize, and shutdown at the end
        await application.bot.delete_webhook()  # polling fails while a webhook is set
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            await ConfirmingPoller(application).run(stop)
        finally:
            await application.stop()
