"""Long polling that confirms an update to Telegram only after the bot has handled it.

PTB's `Updater` confirms a fetched batch with its next `getUpdates` call, before the handlers
have run, so a crash loses whatever was fetched and not yet handled (stack-facts §1.4). Here the
poll that confirms a batch is made only once every update in it has been handled. After a crash
Telegram delivers the unfinished updates again, and the handlers are idempotent: the ledger
deduplicates by chat and message and answers a re-delivered report with the same 已记录.

Within a batch one user's updates are handled in order, and different users' concurrently, so
one user's burst (replies to a chat are spaced a second apart) does not hold the others back.
While a long batch runs, its handled prefix is confirmed every second.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Sequence
from contextlib import suppress
from typing import TypeVar

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

__all__ = ["ConfirmingPoller", "serve"]

POLL_SECONDS = 10
CONFIRM_EVERY = 1.0  # seconds between confirmations of a long batch's handled prefix
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 30.0
log = logging.getLogger(__name__)
T = TypeVar("T")


def lane_of(update: Update) -> tuple[str, int]:
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


class ConfirmingPoller:
    """Fetch a batch, handle all of it, and only then ask for (and so confirm) the next."""

    def __init__(
        self,
        application: Application,
        *,
        poll_seconds: int = POLL_SECONDS,
        allowed_updates: Sequence[str] = Update.ALL_TYPES,
        confirm_every: float = CONFIRM_EVERY,
    ) -> None:
        self.application = application
        self.poll_seconds = poll_seconds
        self.confirm_every = confirm_every
        self.allowed_updates = list(allowed_updates)
        self.offset: int | None = None  # the next update wanted; everything below is handled

    async def run(self, stop: asyncio.Event) -> None:
        """Poll and handle until `stop` is set, then confirm what was handled."""
        delay = BACKOFF_FIRST
        while not stop.is_set():
            try:
                updates = await _unless_stopped(self._fetch(self.poll_seconds), stop)
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
            if updates:
                await self.handle(updates)
                self.offset = updates[-1].update_id + 1
        if self.offset is not None:
            await self._confirm()

    async def _fetch(self, timeout: int) -> tuple[Update, ...]:
        return await self.application.bot.get_updates(
            offset=self.offset, timeout=timeout, allowed_updates=self.allowed_updates
        )

    async def _confirm(self, offset: int | None = None) -> None:
        """Tell Telegram everything below `offset` (default: the last batch) is handled."""
        try:
            await self.application.bot.get_updates(
                offset=offset or self.offset, timeout=0, limit=1
            )
        except TelegramError as error:
            log.warning("确认已处理的消息失败（%s），重启后可能重复处理", error)

    async def handle(self, updates: Sequence[Update]) -> None:
        """Handle a batch: lanes concurrently, each lane's updates in order.

        A batch can take seconds (replies to one chat are a second apart), so while it runs the
        handled prefix is confirmed every `confirm_every` seconds: after a crash only the
        unfinished rest comes back.
        """
        lanes: dict[tuple[str, int], list[Update]] = {}
        for update in updates:
            lanes.setdefault(lane_of(update), []).append(update)
        unfinished = {update.update_id for update in updates}
        work = asyncio.gather(*(self._handle_lane(lane, unfinished) for lane in lanes.values()))
        confirmed = self.offset or 0
        try:
            while not (await asyncio.wait({work}, timeout=self.confirm_every))[0]:
                handled_below = min(unfinished, default=confirmed)
                if handled_below > confirmed:
                    await self._confirm(handled_below)
                    confirmed = handled_below
        except asyncio.CancelledError:
            work.cancel()
            raise
        work.result()

    async def _handle_lane(self, updates: list[Update], unfinished: set[int]) -> None:
        for update in updates:
            await self.application.process_update(update)
            unfinished.discard(update.update_id)


async def serve(application: Application) -> None:
    """Run the application until SIGINT/SIGTERM: set up, poll with confirmation, shut down.

    The steps of PTB's `run_polling` (post_init before start, stop, shutdown), with our poller
    in place of its Updater.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with application:  # initialize, and shutdown at the end
        await application.bot.delete_webhook()  # polling fails while a webhook is set
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            await ConfirmingPoller(application).run(stop)
        finally:
            await application.stop()
