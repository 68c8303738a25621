"""The one timer of the rounds: a wake at start, at the next send time, on the heartbeat,
when the conversation wants one, and on after a wake-up that failed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.rounds.waking import keep_waking

START = datetime(2021, 11, 15, 8, 59, 59, tzinfo=UTC)


@dataclass
class _Core:
    clock: object
    rounds_wanted: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class FakeRounds:
    """Records each wake (quiet or not); the next send time is `due_in` after start."""

    due_in: timedelta
    fail_first: bool = False
    wakes: list[bool] = field(default_factory=list)
    stop_after: int = 3
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.started = asyncio.get_running_loop().time()
        self.core = _Core(self.now)

    def now(self) -> datetime:
        return START + timedelta(seconds=asyncio.get_running_loop().time() - self.started)

    def next_wake(self, now: datetime) -> datetime:
        due = START + self.due_in
        return due if now < due else due + timedelta(days=1)

    async def wake(self, *, quiet: bool = False) -> None:
        self.wakes.append(quiet)
        if len(self.wakes) >= self.stop_after:
            self.stop.set()
        if self.fail_first and len(self.wakes) == 1:
            raise RuntimeError("the store is away")


async def test_wakes_at_start_then_at_the_send_time_then_on_the_heartbeat():
    rounds = FakeRounds(due_in=timedelta(seconds=0.05))
    await asyncio.wait_for(
        keep_waking(rounds, rounds.stop, heartbeat=timedelta(seconds=0.2)), timeout=5
    )
    # start (logged), 09:00 (logged), then the heartbeat (quiet)
    assert rounds.wakes == [False, False, True]


async def test_a_failed_wake_is_logged_and_the_timer_goes_on(caplog):
    rounds = FakeRounds(due_in=timedelta(hours=1), fail_first=True, stop_after=2)
    await asyncio.wait_for(
        keep_waking(rounds, rounds.stop, heartbeat=timedelta(seconds=0.05)), timeout=5
    )
    assert rounds.wakes == [False, True]
    assert "提醒检查出错" in caplog.text


async def test_stopping_ends_the_timer_without_another_wake():
    rounds = FakeRounds(due_in=timedelta(hours=1), stop_after=99)
    task = asyncio.ensure_future(keep_waking(rounds, rounds.stop))
    await asyncio.sleep(0.05)
    rounds.stop.set()
    await asyncio.wait_for(task, timeout=1)
    assert rounds.wakes == [False]


async def test_a_wake_wanted_by_the_conversation_comes_at_once():
    rounds = FakeRounds(due_in=timedelta(hours=1), stop_after=2)
    task = asyncio.ensure_future(keep_waking(rounds, rounds.stop))
    await asyncio.sleep(0.05)
    assert rounds.wakes == [False]  # the start only: the heartbeat is a minute away
    rounds.core.rounds_wanted.set()  # a 批示 was recorded
    await asyncio.wait_for(task, timeout=1)
    assert rounds.wakes == [False, True]
    assert not rounds.core.rounds_wanted.is_set()
