"""Long polling that confirms an update only after it was handled (`handlers.transport.polling`).

A crash is played by cancelling the poller while a handler is still running: the update must
still be on the server, and the next poller handles it.
"""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

import handlers.texts as transport_texts
from bot import texts
from handlers.transport.polling import ConfirmingPoller
from tests.e2e.test_poison import poison
from tests.fakebotapi.faults import Fault
from tests.handlers.conftest import Harness, user

ZHANG, LI = 1001, 1002
WAIT = 5


class Gate:
    """Holds one user's updates in a handler until opened; counts every update that enters."""

    def __init__(self, held: int) -> None:
        self.held = held
        self.open = asyncio.Event()
        self.entered: list[int] = []

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.entered.append(update.update_id)
        if update.effective_user.id == self.held:
            await self.open.wait()


@pytest.fixture
async def gate(bot: Harness) -> Gate:
    gate = Gate(ZHANG)
    bot.app.add_handler(TypeHandler(Update, gate), group=-2)
    return gate


@pytest.fixture
async def stop() -> asyncio.Event:
    return asyncio.Event()


async def _until(predicate, timeout: float = WAIT) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def _poll(bot: Harness, stop: asyncio.Event) -> asyncio.Task[None]:
    return asyncio.create_task(ConfirmingPoller(bot.app, poll_seconds=1).run(stop))


async def test_an_update_is_confirmed_only_after_it_was_handled(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    raw = bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    crashed = _poll(bot, stop)
    await _until(lambda: gate.entered)
    crashed.cancel()  # the process dies while the handler runs
    with pytest.raises(asyncio.CancelledError):
        await crashed
    assert [u["update_id"] for u in bot.api.pending_updates()] == [raw["update_id"]]
    assert bot.api.texts(ZHANG) == []

    gate.open.set()
    restarted = _poll(bot, stop)
    await _until(lambda: bot.api.texts(ZHANG))
    assert bot.api.texts(ZHANG)[0].startswith("综合科")
    stop.set()
    await restarted
    assert bot.api.pending_updates() == []  # confirmed when it stopped


async def test_one_users_slow_update_does_not_hold_back_another_user(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    bot.api.send_text(ZHANG, "第24项谁负责", user=user(ZHANG))
    poller = _poll(bot, stop)
    await _until(lambda: bot.api.texts(LI))
    assert bot.api.texts(LI)[0].startswith("办公室")
    assert bot.api.texts(ZHANG) == []  # 张三's two updates wait, in order, behind the first
    gate.open.set()
    await _until(lambda: len(bot.api.texts(ZHANG)) == 2)
    first, second = bot.api.texts(ZHANG)
    assert first.startswith("综合科")
    assert "第24项" in second
    stop.set()
    await poller


async def test_a_failing_poll_is_retried_and_nothing_is_lost(bot: Harness, stop: asyncio.Event):
    bot.api.inject("getUpdates", Fault.bad_gateway(), times=2)
    bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    poller = _poll(bot, stop)
    await _until(lambda: bot.api.texts(LI), timeout=WAIT + 4)  # backoff 1 s, then 2 s
    assert bot.api.texts(LI)[0].startswith("办公室")
    stop.set()
    await poller
    statuses = [call.status for call in bot.api.calls("getUpdates")]
    assert statuses[:2] == [502, 502]


async def test_stopping_during_a_long_poll_returns_at_once(bot: Harness, stop: asyncio.Event):
    poller = _poll(bot, stop)
    await _until(lambda: bot.api.calls("getUpdates"))
    stop.set()
    async with asyncio.timeout(0.5):  # the long poll is 1 s; it is cancelled, not waited out
        await poller


async def test_polls_confirm_what_was_handled_below_the_oldest_unhandled(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    first = bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    held = bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    poller = asyncio.create_task(
        ConfirmingPoller(bot.app, poll_seconds=1, busy_poll=0.05).run(stop)
    )
    # 李四's update is handled, 张三's is held: polls confirm up to 张三's, not beyond.
    await _until(
        lambda: [u["update_id"] for u in bot.api.pending_updates()] == [held["update_id"]]
    )
    assert first["update_id"] < held["update_id"]
    poller.cancel()  # a crash now re-delivers only 张三's update
    with pytest.raises(asyncio.CancelledError):
        await poller
    assert [u["update_id"] for u in bot.api.pending_updates()] == [held["update_id"]]
    assert len(bot.api.texts(LI)) == 1


async def test_fetching_goes_on_while_a_user_is_being_answered(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    poller = _poll(bot, stop)
    await _until(lambda: gate.entered)  # 张三's update is being handled (held)
    bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    await _until(lambda: bot.api.texts(LI))
    assert bot.api.texts(LI)[0].startswith("办公室")
    assert len(bot.api.pending_updates()) == 2  # 李四's stays until 张三's older one is handled
    gate.open.set()
    await _until(lambda: bot.api.texts(ZHANG))
    stop.set()
    await poller
    assert bot.api.pending_updates() == []


async def test_a_backlog_is_told_to_wait_once_and_refused_beyond_the_hard_cap(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    for _ in range(7):
        bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    poller = asyncio.create_task(
        ConfirmingPoller(bot.app, poll_seconds=1, soft_cap=2, hard_cap=4).run(stop)
    )
    await _until(lambda: gate.entered)
    gate.open.set()
    await _until(lambda: len(bot.api.texts(ZHANG)) == 6)
    first, busy, refused, *rest = bot.api.texts(ZHANG)
    # The notices come right after the update under way, before the others queued behind it.
    assert [busy, refused] == [transport_texts.BUSY, transport_texts.TOO_MANY]
    assert all(text.startswith("综合科") for text in [first, *rest])  # the 4 queued ones
    stop.set()
    await poller
    assert bot.api.pending_updates() == []  # the 3 refused were confirmed with the rest


async def test_a_full_lane_refuses_what_comes_meanwhile_and_says_so_once(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    for _ in range(3):
        bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    poller = asyncio.create_task(
        ConfirmingPoller(bot.app, poll_seconds=1, busy_poll=0.05, soft_cap=5, hard_cap=2).run(stop)
    )
    await _until(lambda: gate.entered)  # the first is held: the lane is full and refusing
    bot.api.send_text(ZHANG, "第24项谁负责", user=user(ZHANG))
    polls = len(bot.api.calls("getUpdates"))
    await _until(lambda: len(bot.api.calls("getUpdates")) >= polls + 2)  # fetched meanwhile
    gate.open.set()
    await _until(lambda: not bot.api.pending_updates())
    stop.set()
    await poller
    assert not any("第24项" in text for text in bot.api.texts(ZHANG))
    assert bot.api.texts(ZHANG).count(transport_texts.TOO_MANY) == 1


async def test_a_poison_update_is_answered_and_confirmed(bot: Harness, stop: asyncio.Event):
    poison(bot.api, ZHANG)
    bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    poller = _poll(bot, stop)
    await _until(lambda: bot.api.texts(ZHANG) and bot.api.texts(LI))
    assert bot.api.texts(ZHANG) == [texts.SOMETHING_WENT_WRONG]
    assert bot.api.texts(LI)[0].startswith("办公室")
    stop.set()
    await poller
    assert bot.api.pending_updates() == []


async def test_an_error_escaping_the_application_is_answered_once_and_skipped(
    bot: Harness, stop: asyncio.Event, monkeypatch: pytest.MonkeyPatch
):
    process = bot.app.process_update
    broken = bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))

    async def fail_once(update: Update) -> None:
        if update.update_id == broken["update_id"]:
            raise RuntimeError("persistence failed")
        await process(update)

    monkeypatch.setattr(bot.app, "process_update", fail_once)
    bot.api.send_text(ZHANG, "办公室负责什么", user=user(ZHANG))
    poller = _poll(bot, stop)
    await _until(lambda: len(bot.api.texts(ZHANG)) == 2)
    first, second = bot.api.texts(ZHANG)
    assert first == texts.SOMETHING_WENT_WRONG
    assert second.startswith("办公室")
    stop.set()
    await poller
    assert bot.api.pending_updates() == []


async def test_stopping_finishes_the_update_under_way_and_leaves_a_poison_one_pending(
    bot: Harness, gate: Gate, stop: asyncio.Event
):
    bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    polling = ConfirmingPoller(bot.app, poll_seconds=1)
    poller = asyncio.create_task(polling.run(stop))
    await _until(lambda: gate.entered)
    stop.set()
    await _until(lambda: polling.unfinished and polling._stopping)  # no more polls
    bad = poison(bot.api, LI)  # arrives during the stop: the confirming poll sees it first
    gate.open.set()
    await poller  # the update under way was finished and confirmed, without parsing `bad`
    assert bot.api.texts(ZHANG)[0].startswith("综合科")
    assert [u["update_id"] for u in bot.api.pending_updates()] == [bad["update_id"]]


async def test_once_everything_is_handled_the_next_update_is_taken_at_once(
    bot: Harness, stop: asyncio.Event
):
    poller = asyncio.create_task(ConfirmingPoller(bot.app, poll_seconds=5, busy_poll=5).run(stop))
    bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    await _until(lambda: bot.api.texts(LI))
    bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    await _until(lambda: bot.api.texts(ZHANG), timeout=1)  # not after the 5 s busy pause
    stop.set()
    await poller
