"""Per-member pacing: never more messages to one member than WeCom delivers.

WeCom lets an app send one member at most 30 messages a minute and 1000 an hour and silently
drops the excess, so no error tells us a message was lost. The pacer keeps each member under a
safety margin (25 a minute, 950 an hour by default) by waiting, never by dropping. Sends to one
member take turns; different members never wait for each other.

A send is counted when its turn ends (after WeCom answered or the attempt timed out), which is
no earlier than WeCom saw it: the next turn's window then starts no earlier than WeCom's.
"""

from __future__ import annotations

import asyncio
import bisect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from handlers.wecom.timing import SYSTEM_TIMER, Timer

__all__ = ["HOUR", "MINUTE", "MemberPacer"]

MINUTE, HOUR = 60.0, 3600.0


class MemberPacer:
    """Hands out turns to send to a member, within ``per_minute`` and ``per_hour``."""

    def __init__(
        self, timer: Timer = SYSTEM_TIMER, *, per_minute: int = 25, per_hour: int = 950
    ) -> None:
        """Paces on ``timer``; the defaults stay under WeCom's 30 and 1000."""
        if not 0 < per_minute <= per_hour:
            raise ValueError("per_minute must be at least 1 and at most per_hour")
        self.timer, self.per_minute, self.per_hour = timer, per_minute, per_hour
        self._sent: dict[str, list[float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.waited = 0.0

    @asynccontextmanager
    async def turn(self, member: str) -> AsyncIterator[None]:
        """Waits until ``member`` may get one more message; counts it when the block ends."""
        lock = self._locks.setdefault(member, asyncio.Lock())
        async with lock:
            while (delay := self.delay(member)) > 0:
                self.waited += delay
                await self.timer.sleep(delay)
            try:
                yield
            finally:
                self._sent.setdefault(member, []).append(self.timer.now())

    def delay(self, member: str) -> float:
        """Seconds until ``member`` may get one more message (0 if now)."""
        now = self.timer.now()
        sent = self._sent.get(member, [])
        del sent[: bisect.bisect_right(sent, now - HOUR)]
        if not sent:
            self._sent.pop(member, None)
            return 0.0
        waits = [0.0]
        if len(sent) >= self.per_hour:
            waits.append(sent[-self.per_hour] + HOUR - now)
        recent = len(sent) - bisect.bisect_right(sent, now - MINUTE)
        if recent >= self.per_minute:
            waits.append(sent[-self.per_minute] + MINUTE - now)
        return max(waits)
