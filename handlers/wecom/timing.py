"""The time the WeCom client reads and waits on: monotonic seconds, injectable for tests."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

__all__ = ["SYSTEM_TIMER", "SystemTimer", "Timer"]


class Timer(Protocol):
    """Monotonic seconds and a way to wait; tests pass a virtual one."""

    def now(self) -> float:
        """Seconds on a monotonic clock."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Waits ``seconds``."""
        ...


class SystemTimer:
    """The real monotonic clock and ``asyncio.sleep``."""

    def now(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """``asyncio.sleep``."""
        await asyncio.sleep(seconds)


SYSTEM_TIMER = SystemTimer()
