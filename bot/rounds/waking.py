"""The one timer of the rounds, whatever channels run: wake at start, at the next send time
and on a heartbeat, until told to stop.

A plain asyncio task rather than a channel's scheduler: with WeCom alone there is no Telegram
JobQueue, and one mechanism for every mix of channels means one behaviour to test. Each wake
reads `now` from the core's clock; a wake that raises is logged and the next one comes all
the same (nothing lives only in the timer: the outbox says what was sent).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from datetime import timedelta

from bot.rounds.service import Rounds

__all__ = ["HEARTBEAT", "keep_waking"]

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=60)


async def _wake(rounds: Rounds, *, quiet: bool) -> None:
    try:
        await rounds.wake(quiet=quiet)
    except Exception:  # the next wake-up retries; the outbox keeps what was not sent
        log.exception("提醒检查出错，下次唤醒时重试")


def _pause(rounds: Rounds, heartbeat: timedelta) -> tuple[float, bool]:
    """Seconds until the next wake-up, and whether it is only the heartbeat (quiet)."""
    now = rounds.core.clock()
    until_due = (rounds.next_wake(now) - now).total_seconds()
    if until_due < heartbeat.total_seconds():
        return max(until_due, 0.0), False
    return heartbeat.total_seconds(), True


async def keep_waking(
    rounds: Rounds, stop: asyncio.Event, *, heartbeat: timedelta = HEARTBEAT
) -> None:
    """Wake now (catch up after downtime), then at each send time and every `heartbeat`,
    until `stop` is set."""
    await _wake(rounds, quiet=False)
    while not stop.is_set():
        seconds, quiet = _pause(rounds, heartbeat)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)
        if not stop.is_set():
            await _wake(rounds, quiet=quiet)
