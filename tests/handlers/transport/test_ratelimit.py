"""FairRateLimiter against the fake Bot API: real PTB bots, real HTTP on 127.0.0.1, real time.

Timing is asserted from the fake server's arrival times (``Call.time``), which is what
Telegram's flood control sees. Small rates keep each test to a few seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, ContextTypes, ExtBot, MessageHandler, filters
from telegram.request import HTTPXRequest

from handlers.transport.ratelimit import BULK, FairRateLimiter
from tests.fakebotapi import FakeBotApi, Fault

USER = 1001
GROUP = -1001234567890


@asynccontextmanager
async def limited_bot(
    api: FakeBotApi, limiter: FairRateLimiter, read_timeout: float = 5.0
) -> AsyncIterator[ExtBot[str]]:
    request = HTTPXRequest(connection_pool_size=128, read_timeout=read_timeout)
    bot = ExtBot(
        api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=request,
        rate_limiter=limiter,
    )
    async with bot:
        yield bot


def start(coroutines: list[Awaitable[Any]]) -> list[asyncio.Task[Any]]:
    return [asyncio.ensure_future(c) for c in coroutines]


async def cancel(tasks: list[asyncio.Task[Any]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def arrivals(api: FakeBotApi, chat_id: int | None = None) -> list[float]:
    return [c.time for c in api.calls("sendMessage", chat_id)]


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:], strict=False)]


# --------------------------------------------------------------------------- the limits


async def test_bulk_sends_one_at_a_time_keep_the_overall_window() -> None:
    """The nudge fan-out's pattern: well within Telegram's 30 per second at the server.

    The limiter releases at most 25 per 1.03 s; the fake counts arrivals, which a pause of the
    shared event loop can delay by tens of milliseconds, so one extra may fall in its window.
    """
    async with FakeBotApi(enforce_limits=True) as api:
        async with limited_bot(api, FairRateLimiter(overall_per_second=25)) as bot:
            for i in range(60):
                await bot.send_message(2000 + i, f"提醒{i}", rate_limit_args=BULK)
        assert len(api.sent()) == 60
        assert api.violations == []
        assert api.peak_sends_per_second <= 26


async def test_a_burst_of_bulk_sends_loses_nothing() -> None:
    """Released all at once, arrivals jitter with the machine's load; nothing is lost.

    On an idle machine the fake sees at most 25 per second; under load a late arrival may meet
    the next window's sends and get a 429, which the limiter waits out and retries.
    """
    async with FakeBotApi(enforce_limits=True) as api:
        async with limited_bot(api, FairRateLimiter(overall_per_second=25, margin=0.05)) as bot:
            await asyncio.gather(
                *(bot.send_message(2000 + i, f"提醒{i}", rate_limit_args=BULK) for i in range(60))
            )
        assert sorted(m.chat_id for m in api.sent()) == list(range(2000, 2060))


async def test_replies_to_many_users_at_once_are_spread_over_the_window() -> None:
    """Released in a clump, a window's sends reach Telegram jittered by the machine's load and
    overlap the next window's (45-55 in one second at the fake in a 100-user burst); spread
    evenly, the first window's 10 take most of its second."""
    async with FakeBotApi() as api:
        async with limited_bot(api, FairRateLimiter(overall_per_second=10, margin=0)) as bot:
            await asyncio.gather(*(bot.send_message(3000 + i, f"答复{i}") for i in range(20)))
        times = sorted(arrivals(api))
        assert times[9] - times[0] >= 0.8
        assert api.peak_sends_per_second <= 11


async def test_private_chat_gets_one_message_per_second_in_order() -> None:
    async with FakeBotApi(enforce_limits=True) as api:
        async with limited_bot(api, FairRateLimiter()) as bot:
            await asyncio.gather(*(bot.send_message(USER, f"第{i}条") for i in range(3)))
        assert api.texts(USER) == ["第0条", "第1条", "第2条"]
        assert min(gaps(arrivals(api, USER))) >= 1.0
        assert api.violations == []


async def test_group_window_counts_completed_sends_in_order() -> None:
    limiter = FairRateLimiter(group_per_minute=3, group_period=1.0)
    async with FakeBotApi() as api:
        api.add_group(GROUP)
        async with limited_bot(api, limiter) as bot:
            await asyncio.gather(*(bot.send_message(GROUP, f"群{i}") for i in range(7)))
        assert api.texts(GROUP) == [f"群{i}" for i in range(7)]
        times = arrivals(api, GROUP)
        assert all(times[i + 3] - times[i] > 1.0 for i in range(len(times) - 3))


async def test_group_default_is_twenty_per_minute() -> None:
    async with FakeBotApi(enforce_limits=True) as api:
        api.add_group(GROUP)
        async with limited_bot(api, FairRateLimiter()) as bot:
            tasks = start([bot.send_message(GROUP, f"群{i}") for i in range(21)])
            await api.wait_for_messages(GROUP, 20)
            await asyncio.sleep(0.5)
            assert [t.done() for t in tasks] == [True] * 20 + [False]
            await cancel(tasks)
        assert len(api.sent(GROUP)) == 20
        assert api.violations == []


# --------------------------------------------------------------------------- priority


async def test_reply_during_fan_out_is_answered_at_once() -> None:
    """A user's question is answered at once while 100 reminders are queued.

    Bulk sends are capped below the overall rate, so a reply always finds a free slot.
    """

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("综合科负责第3项")

    limiter = FairRateLimiter(overall_per_second=25, bulk_per_second=20)
    async with FakeBotApi(enforce_limits=True) as api:
        app = (
            Application.builder()
            .token(api.token)
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .rate_limiter(limiter)
            .build()
        )
        app.add_handler(MessageHandler(filters.TEXT, answer))
        async with app:
            await app.updater.start_polling(timeout=5)
            await app.start()
            fan_out = start(
                [app.bot.send_message(3000 + i, "提醒", rate_limit_args=BULK) for i in range(100)]
            )
            try:
                assert await api.wait_for(lambda: len(api.sent()) >= 20, 5)
                asked = time.monotonic()
                api.send_text(USER, "我科室负责什么")
                [reply] = await api.wait_for_messages(USER, 1)
                delivered = len(api.sent())
            finally:
                await cancel(fan_out)
            await app.updater.stop()
            await app.stop()
        assert reply.time - asked < 1.0
        assert delivered < 100
        assert api.violations == []


async def test_interactive_goes_first_when_a_slot_frees() -> None:
    limiter = FairRateLimiter(overall_per_second=5, bulk_per_second=5)
    async with FakeBotApi() as api, limited_bot(api, limiter) as bot:
        fan_out = start(
            [bot.send_message(4000 + i, "提醒", rate_limit_args=BULK) for i in range(20)]
        )
        await api.wait_for_messages(4004, 1)
        reply = start([bot.send_message(USER, "回答")])
        assert await api.wait_for(lambda: len(api.sent()) >= 7, 5)
        await cancel(fan_out + reply)
    sixth = api.sent()[5]
    assert sixth.chat_id == USER
    assert sixth.time - api.sent()[0].time > 1.0


async def test_interactive_overtakes_bulk_for_the_same_chat() -> None:
    async with FakeBotApi() as api, limited_bot(api, FairRateLimiter()) as bot:
        fan_out = start(
            [bot.send_message(USER, f"提醒{i}", rate_limit_args=BULK) for i in range(2)]
        )
        await api.wait_for_messages(USER, 1)
        await bot.send_message(USER, "回答")
        await asyncio.gather(*fan_out)
    assert api.texts(USER) == ["提醒0", "回答", "提醒1"]
    assert min(gaps(arrivals(api, USER))) >= 1.0


async def test_requests_without_chat_id_pass_straight_through() -> None:
    async with FakeBotApi() as api, limited_bot(api, FairRateLimiter(overall_per_second=1)) as bot:
        async with asyncio.timeout(5):  # throttled at 1/s these would take 40 s
            users = await asyncio.gather(*(bot.get_me() for _ in range(40)))
            await bot.send_message(USER, "不受影响")
    assert {u.id for u in users} == {api.bot_user["id"]}
    assert api.texts(USER) == ["不受影响"]


async def test_unknown_rate_limit_args_are_rejected() -> None:
    async with FakeBotApi() as api, limited_bot(api, FairRateLimiter()) as bot:
        with pytest.raises(ValueError, match="rate_limit_args"):
            await bot.send_message(USER, "x", rate_limit_args="urgent")
    assert api.calls("sendMessage") == []


# --------------------------------------------------------------------------- 429


async def test_429_pauses_every_chat_then_retries_once(caplog: pytest.LogCaptureFixture) -> None:
    async with FakeBotApi() as api, limited_bot(api, FairRateLimiter()) as bot:
        api.inject("sendMessage", Fault.retry_after(1), chat_id=USER, times=1)
        first = start([bot.send_message(USER, "通知")])
        [flood] = await api.wait_for_calls("sendMessage", chat_id=USER)
        others = [bot.send_message(5000 + i, "别的") for i in range(3)]
        await asyncio.gather(*first, *others)
    assert flood.status == 429
    assert api.texts(USER) == ["通知"]
    assert len(api.calls("sendMessage", USER)) == 2
    later = [c for c in api.calls("sendMessage") if c is not flood]
    assert min(c.time for c in later) - flood.time >= 1.0
    retry = api.calls("sendMessage", USER)[1]
    assert retry.time - flood.time <= 2.0
    [warning] = [r for r in caplog.records if r.name == "handlers.transport.ratelimit"]
    assert warning.levelname == "WARNING"
    assert "429" in warning.getMessage()


async def test_429_gives_up_after_the_allowed_retries() -> None:
    async with (
        FakeBotApi() as api,
        limited_bot(api, FairRateLimiter(retry_after_attempts=1)) as bot,
    ):
        api.inject("sendMessage", Fault.retry_after(1))
        with pytest.raises(RetryAfter):
            await bot.send_message(USER, "通知")
    assert [c.status for c in api.calls("sendMessage")] == [429, 429]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_with_int_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "false")  # RetryAfter.retry_after is then an int
    async with FakeBotApi() as api, limited_bot(api, FairRateLimiter()) as bot:
        api.inject("sendMessage", Fault.retry_after(1), times=1)
        await bot.send_message(USER, "通知")
    flood, retry = api.calls("sendMessage")
    assert 1.0 <= retry.time - flood.time <= 2.0


# --------------------------------------------------------------------------- network errors


def fast_retries(**limits: Any) -> FairRateLimiter:
    return FairRateLimiter(network_backoff=0.05, **limits)


@pytest.mark.parametrize("fault", [Fault.bad_gateway(), Fault.connection_reset()])
async def test_network_error_is_retried_until_delivered(
    fault: Fault, caplog: pytest.LogCaptureFixture
) -> None:
    async with FakeBotApi() as api, limited_bot(api, fast_retries()) as bot:
        api.inject("sendMessage", fault, times=2)
        await bot.send_message(USER, "提醒")
    assert [c.status for c in api.calls("sendMessage")] == [fault.status, fault.status, 200]
    assert api.texts(USER) == ["提醒"]
    logged = [r.getMessage() for r in caplog.records if r.name == "handlers.transport.ratelimit"]
    assert len(logged) == 2
    assert not any(api.token in m or "://" in m for m in logged)


@pytest.mark.parametrize("fault", [Fault.bad_gateway(), Fault.connection_reset()])
async def test_network_error_gives_up_after_five_attempts_with_backoff(fault: Fault) -> None:
    async with FakeBotApi() as api, limited_bot(api, fast_retries()) as bot:
        api.inject("sendMessage", fault)
        with pytest.raises(NetworkError) as raised:
            await bot.send_message(USER, "提醒")
    assert not isinstance(raised.value, TimedOut)
    assert [c.status for c in api.calls("sendMessage")] == [fault.status] * 5
    waits = gaps(arrivals(api))
    assert all(wait >= 0.05 * 2**n for n, wait in enumerate(waits))


async def test_read_timeout_is_not_retried() -> None:
    async with FakeBotApi() as api, limited_bot(api, fast_retries(), read_timeout=0.5) as bot:
        api.inject("sendMessage", Fault.read_timeout(1.5, accepted=True), times=1)
        with pytest.raises(TimedOut):
            await bot.send_message(USER, "提醒")
    assert len(api.calls("sendMessage")) == 1
    assert api.texts(USER) == ["提醒"]  # delivered: a retry would have sent it twice


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.blocked(), Forbidden),
        (Fault.error(400, "Bad Request: chat not found"), BadRequest),
        (
            Fault.error(400, "Bad Request: group upgraded", {"migrate_to_chat_id": -100}),
            ChatMigrated,
        ),
    ],
)
async def test_client_errors_are_raised_at_once(fault: Fault, error: type[TelegramError]) -> None:
    async with FakeBotApi() as api, limited_bot(api, fast_retries()) as bot:
        api.inject("sendMessage", fault, chat_id=USER)
        with pytest.raises(error):
            await bot.send_message(USER, "提醒")
        await bot.send_message(USER + 1, "下一位")  # the limiter is not stuck
    assert len(api.calls("sendMessage", USER)) == 1


# --------------------------------------------------------------------------- lifecycle


async def test_shutdown_fails_the_requests_still_waiting() -> None:
    limiter = FairRateLimiter(overall_per_second=1)
    async with FakeBotApi() as api, limited_bot(api, limiter) as bot:
        tasks = start([bot.send_message(6000 + i, "提醒", rate_limit_args=BULK) for i in range(3)])
        await api.wait_for_messages(6000, 1)
        await limiter.shutdown()
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert [type(r) for r in results[1:]] == [NetworkError, NetworkError]
    assert len(api.sent()) == 1


async def test_cancelled_requests_leave_no_gap() -> None:
    limiter = FairRateLimiter(overall_per_second=2)
    async with FakeBotApi() as api, limited_bot(api, limiter) as bot:
        tasks = start([bot.send_message(7000 + i, "提醒", rate_limit_args=BULK) for i in range(4)])
        await api.wait_for_messages(7001, 1)
        await cancel(tasks[2:3])
        await asyncio.gather(tasks[3])
    assert [m.chat_id for m in api.sent()] == [7000, 7001, 7003]
