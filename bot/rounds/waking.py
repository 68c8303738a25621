"""The one timer of the rounds, whatever channels run: wake at start, at the next send time,
on a heartbeat and when the conversation wants them (`Core.rounds_wanted`), until told to stop.

APScheduler's `AsyncIOScheduler` on the bot's event loop (with WeCom alone there is no
Telegram JobQueue; one scheduler for every mix of channels means one behaviour to test). It
only wakes the bot: every job runs however late (`misfire_grace_time=None`), never twice at
once, and under a fixed id, so a late or missed firing costs nothing — each wake reads `now`
from the core's clock and the outbox says what was sent. A wake that raises is logged and
the next one comes all the same.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import HEARTBEAT
from bot.rounds.service import Rounds

__all__ = ["HEARTBEAT", "keep_waking"]

log = logging.getLogger(__name__)

_JOB = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1, "replace_existing": True}


async def _wake(rounds: Rounds, *, quiet: bool) -> None:
    try:
        await rounds.wake(quiet=quiet)
    except Exception:  # the next wake-up retries; the outbox keeps what was not sent
        log.exception("提醒检查出错，下次唤醒时重试")


def _real_time(rounds: Rounds, scheduler: AsyncIOScheduler) -> datetime:
    """When, by the system clock the scheduler runs on, the rounds are next due by the core's
    clock (which a test or `--now` may set apart from it)."""
    now = rounds.core.clock()
    delay = max(rounds.next_wake(now) - now, timedelta(0))
    return datetime.now(scheduler.timezone) + delay


async def _when_wanted(rounds: Rounds, stop: asyncio.Event) -> None:
    """Wake whenever the conversation recorded something the rounds send (a 批示)."""
    wanted = rounds.core.rounds_wanted
    while True:
        await wanted.wait()
        wanted.clear()
        if stop.is_set():
            return
        await _wake(rounds, quiet=True)


async def keep_waking(
    rounds: Rounds, stop: asyncio.Event, *, heartbeat: timedelta = HEARTBEAT
) -> None:
    """Wake now (catch up after downtime), then at each send time and every `heartbeat`,
    until `stop` is set."""
    scheduler = AsyncIOScheduler()

    async def at_send_time() -> None:
        await _wake(rounds, quiet=False)
        if not stop.is_set():
            plan_send_time()

    def plan_send_time() -> None:
        at = _real_time(rounds, scheduler)
        scheduler.add_job(at_send_time, "date", run_date=at, id="next-send", **_JOB)

    await _wake(rounds, quiet=False)
    if stop.is_set():
        return
    scheduler.add_job(
        _wake,
        "interval",
        args=(rounds,),
        kwargs={"quiet": True},
        seconds=heartbeat.total_seconds(),
        id="heartbeat",
        **_JOB,
    )
    plan_send_time()
    scheduler.start()
    wanted = asyncio.ensure_future(_when_wanted(rounds, stop))
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
        rounds.core.rounds_wanted.set()  # with `stop` set, it ends after any wake under way
        if not stop.is_set():  # cancelled from outside
            wanted.cancel()
        await asyncio.gather(wanted, return_exceptions=True)
        async with rounds.lock:  # a wake under way finishes before the channels close
            pass
