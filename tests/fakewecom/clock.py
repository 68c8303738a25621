"""A virtual clock shared by the fake WeCom server and the client under test.

``sleep`` does not wait: it moves the clock to the sleeper's deadline (never backwards) and
yields once, so minutes of pacing run in milliseconds while the server and the client agree on
what time it is. With several sleepers at once the clock jumps to the latest deadline asked for,
so a sleeper may wake late, never early.
"""

from __future__ import annotations

import asyncio
import threading


class VirtualClock:
    """Seconds on a virtual monotonic clock; ``now`` and ``sleep`` fit the client's ``Timer``."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        """Starts at ``start`` seconds (any value: only differences matter)."""
        self._now = start
        self._lock = threading.Lock()
        self.slept = 0.0

    def now(self) -> float:
        """The current virtual time."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Moves the clock forward by ``seconds``."""
        with self._lock:
            self._now += seconds

    async def sleep(self, seconds: float) -> None:
        """Moves the clock to at least now + ``seconds`` and yields to the loop once."""
        with self._lock:
            deadline = self._now + max(seconds, 0.0)
            self.slept += max(seconds, 0.0)
            self._now = max(self._now, deadline)
        await asyncio.sleep(0)
