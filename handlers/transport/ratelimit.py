"""Throttling of outgoing requests: Telegram's flood limits, a lane for replies, and retries.

Telegram answers 429 (flood control) when a bot sends more than about 30 messages per second
overall, more than about one message per second to one chat, or more than 20 messages per
minute to one group. PTB's stock ``AIORateLimiter`` is a poor fit for a bot that sends reminder
batches while users ask it questions:

* its leaky bucket bursts: about 60 sends leave in the first second of a large fan-out;
* it has no per-chat limit, so several messages to one person leave at once;
* replies queue behind a reminder batch like any other send;
* a 429 halts every request, getUpdates aside, and without ``max_retries`` the message is lost;
  5xx answers and dropped connections are not retried at all.

``FairRateLimiter`` applies to requests that carry a ``chat_id`` (sends, edits …); anything
else, such as answerCallbackQuery or getMe, goes straight through. For those requests:

* at most ``overall_per_second`` are released in any sliding window of one second plus a small
  safety margin, which absorbs the jitter between release and arrival at Telegram, and never
  two closer than the window divided by that number: a clump released at once (replies to
  many users) reaches Telegram spread by the machine's load and would meet the next window's;
* a fan-out marks its sends with ``rate_limit_args=BULK``. Bulk sends are further capped at
  ``bulk_per_second``, and whenever a slot frees, a waiting interactive request (a reply to a
  user) takes it first. An interactive request also goes before bulk requests queued for the
  same chat, so an answer is not stuck behind a reminder for the person who asked;
* each chat has one request in flight at a time. A private chat waits ``chat_interval`` after
  a request completes before the next is released; a group allows at most ``group_per_minute``
  completed requests per minute. Requests to one chat in the same lane keep their order;
* 429: every chat request waits ``retry_after`` plus a margin (Telegram's flood control is on
  for the whole bot), then the request is retried, at most ``retry_after_attempts`` times;
* 5xx and dropped connections (``NetworkError``): retried with exponential backoff and jitter,
  at most ``network_attempts`` attempts and 15 s of backoff in total;
* no retry for ``TimedOut``: after a read timeout the message may have been delivered, and
  the Bot API has no idempotency key, so the caller decides. ``BadRequest``, ``Forbidden``,
  ``ChatMigrated`` and other errors are raised at once.

Attempts that fail and are retried do not count towards a chat's limit (Telegram did not
process them); every release counts towards the overall window.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import math
import random
import re
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

BULK = "bulk"
"""``rate_limit_args`` of a fan-out send; it yields to interactive requests."""

RETRY_AFTER_MARGIN = 0.2
# Added to every window and interval: covers the jitter between our release of a request and
# its arrival at Telegram when sends go out one at a time (the fan-out does).
MARGIN = 0.03
NETWORK_BACKOFF_BUDGET = 15.0
_INTERACTIVE, _BULK = 0, 1  # lane numbers; the lower goes first
_URL = re.compile(r"\S+://\S+")

log = logging.getLogger(__name__)

Result = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(eq=False)
class _Ticket:
    """One request waiting for, or holding, its chat's turn."""

    seq: int
    lane: int
    released: asyncio.Future[None]


@dataclass(eq=False)
class _Chat:
    """A chat's queues and the history its limit depends on.

    ``version`` changes whenever the chat's place in the schedule changes; heap entries that
    carry an older version are stale and skipped.
    """

    private: bool
    lanes: tuple[deque[_Ticket], deque[_Ticket]] = field(
        default_factory=lambda: (deque(), deque())
    )
    busy: bool = False
    not_before: float = -math.inf
    completed: deque[float] = field(default_factory=deque)  # groups: completions in the window
    version: int = 0

    def head(self) -> _Ticket | None:
        """The next request to release: the oldest interactive one, else the oldest bulk one."""
        interactive, bulk = self.lanes
        return interactive[0] if interactive else bulk[0] if bulk else None

    def idle(self, now: float, group_window: float) -> bool:
        """Whether nothing waits and the history no longer limits anything."""
        recent = bool(self.completed) and self.completed[-1] > now - group_window
        return not (self.busy or self.head() is not None or self.not_before > now or recent)


class FairRateLimiter(BaseRateLimiter[str]):
    """Telegram's flood limits with a priority lane for replies; see the module docstring.

    Args:
        overall_per_second: Requests with a ``chat_id`` released in any one-second window.
        bulk_per_second: Of those, how many may be ``BULK``.
        chat_interval: Seconds between one request to a private chat completing and the next
            being released.
        group_per_minute: Requests per group (negative id or ``@name``) in any group window.
        group_period: The group window in seconds: a minute, shorter only in tests.
        retry_after_attempts: Retries after 429 before the error is raised.
        network_attempts: Attempts in total when a ``NetworkError`` (5xx, dropped connection)
            occurs; never more backoff than 15 s in total.
        network_backoff: The first backoff in seconds; it doubles per retry, times 1–1.5.
        margin: Safety margin in seconds added to every window and interval.
        jitter: Uniform source in [0, 1) for the backoff jitter.
    """

    def __init__(
        self,
        *,
        overall_per_second: int = 28,
        bulk_per_second: int = 25,
        chat_interval: float = 1.0,
        group_per_minute: int = 20,
        group_period: float = 60.0,
        retry_after_attempts: int = 5,
        network_attempts: int = 5,
        network_backoff: float = 0.5,
        margin: float = MARGIN,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        """Creates an idle limiter; see the class docstring for the arguments."""
        if min(overall_per_second, bulk_per_second, group_per_minute, network_attempts) < 1:
            raise ValueError("rates and network_attempts must be at least 1")
        self._overall = overall_per_second
        self._bulk = bulk_per_second
        self._window = 1.0 + margin
        self._gap = self._window / overall_per_second  # releases are spread, never in a clump
        self._interval = chat_interval + margin
        self._group_cap = group_per_minute
        self._group_window = group_period + margin
        self._retry_after_attempts = retry_after_attempts
        self._network_attempts = network_attempts
        self._backoff = network_backoff
        self._jitter = jitter
        self._chats: dict[int | str, _Chat] = {}
        self._ready: list[tuple[int, int, int, _Chat]] = []  # (lane, seq, version, chat)
        self._sleeping: list[tuple[float, int, int, _Chat]] = []  # (ready at, seq, version, chat)
        self._released: deque[float] = deque()  # release times in the last window
        self._bulk_released: deque[float] = deque()
        self._paused_until = -math.inf
        self._next_sweep = -math.inf
        self._seq = itertools.count()
        self._timer: asyncio.TimerHandle | None = None

    async def initialize(self) -> None:
        """Nothing to set up: the schedule is built on demand in the running loop."""

    async def shutdown(self) -> None:
        """Fails the requests still waiting with ``NetworkError``; they were not sent."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        for chat in self._chats.values():
            for lane in chat.lanes:
                for ticket in lane:
                    if not ticket.released.done():
                        ticket.released.set_exception(
                            NetworkError("Not sent: the rate limiter was shut down")
                        )
                lane.clear()
        self._chats.clear()
        self._ready.clear()
        self._sleeping.clear()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> Result:
        """Waits for the request's turn, calls ``callback`` and retries it as the policy says.

        Raises:
            ValueError: If ``rate_limit_args`` is neither ``None`` nor ``BULK``.
        """
        if rate_limit_args not in (None, BULK):
            raise ValueError(f"rate_limit_args must be None or {BULK!r}, not {rate_limit_args!r}")
        chat_id = data.get("chat_id")
        if chat_id is None:
            return await callback(*args, **kwargs)
        chat = self._chat(chat_id)
        lane = _BULK if rate_limit_args == BULK else _INTERACTIVE
        ticket = _Ticket(next(self._seq), lane, asyncio.get_running_loop().create_future())
        chat.lanes[lane].append(ticket)
        if chat.head() is ticket:
            self._reschedule(chat)
            self._dispatch()

        rate_limited = failures = 0
        backoff_spent = 0.0
        while True:
            await self._turn(chat, ticket)
            retry_at: float | None = None
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                rate_limited += 1
                delay = _seconds(exc.retry_after) + RETRY_AFTER_MARGIN
                if rate_limited > self._retry_after_attempts:
                    log.warning(
                        "%s 仍被限流（429），已重试 %d 次，放弃", endpoint, rate_limited - 1
                    )
                    raise
                log.warning(
                    "%s 被限流（429）：所有发往聊天的请求暂停 %.1f 秒（第 %d/%d 次重试）",
                    endpoint,
                    delay,
                    rate_limited,
                    self._retry_after_attempts,
                )
                retry_at = self._now() + delay
                self._paused_until = max(self._paused_until, retry_at)
            except NetworkError as exc:
                failures += 1
                if isinstance(exc, TimedOut | BadRequest) or failures >= self._network_attempts:
                    raise
                delay = self._backoff * 2 ** (failures - 1) * (1 + self._jitter() / 2)
                delay = min(delay, NETWORK_BACKOFF_BUDGET - backoff_spent)
                if delay <= 0:
                    raise
                backoff_spent += delay
                log.warning(
                    "%s 失败（%s），第 %d/%d 次尝试，%.1f 秒后重试",
                    endpoint,
                    _URL.sub("<url>", f"{type(exc).__name__}: {exc.message}"),
                    failures,
                    self._network_attempts,
                    delay,
                )
                retry_at = self._now() + delay
            finally:  # runs before the retry too: the chat is free again either way
                if retry_at is None:
                    self._complete(chat)
                else:
                    self._requeue(chat, ticket, retry_at)

    # ------------------------------------------------------------------ the schedule

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    def _chat(self, chat_id: object) -> _Chat:
        key: int | str = str(chat_id)
        with contextlib.suppress(ValueError):  # "@channelname" stays a string
            key = int(key)
        chat = self._chats.get(key)
        if chat is None:
            chat = self._chats[key] = _Chat(private=isinstance(key, int) and key > 0)
        return chat

    async def _turn(self, chat: _Chat, ticket: _Ticket) -> None:
        """Waits until ``ticket`` is released; a cancelled caller gives up its place."""
        try:
            await ticket.released
        except asyncio.CancelledError:
            if ticket.released.done() and not ticket.released.cancelled():
                self._complete(chat)  # released just before the cancellation arrived
            elif ticket in chat.lanes[ticket.lane]:
                was_head = chat.head() is ticket
                chat.lanes[ticket.lane].remove(ticket)
                if was_head:
                    self._reschedule(chat)
                    self._dispatch()
            raise

    def _complete(self, chat: _Chat) -> None:
        """A request to ``chat`` finished (or failed for good): start the chat's interval."""
        now = self._now()
        chat.busy = False
        if chat.private:
            chat.not_before = now + self._interval
        else:
            chat.completed.append(now)
        self._reschedule(chat)
        self._forget_idle(now)
        self._dispatch()

    def _requeue(self, chat: _Chat, ticket: _Ticket, retry_at: float) -> None:
        """Puts a failed request back at the front of its lane, to be released at ``retry_at``."""
        chat.busy = False
        chat.not_before = max(chat.not_before, retry_at)
        ticket.released = asyncio.get_running_loop().create_future()
        chat.lanes[ticket.lane].appendleft(ticket)
        self._reschedule(chat)
        self._dispatch()

    def _reschedule(self, chat: _Chat) -> None:
        """Files the chat as ready or sleeping by its head, dropping its older heap entries."""
        chat.version += 1
        head = chat.head()
        if chat.busy or head is None:
            return
        now = self._now()
        ready_at = chat.not_before
        if not chat.private:
            while chat.completed and chat.completed[0] <= now - self._group_window:
                chat.completed.popleft()
            if len(chat.completed) >= self._group_cap:
                ready_at = max(ready_at, chat.completed[-self._group_cap] + self._group_window)
        if ready_at <= now:
            heapq.heappush(self._ready, (head.lane, head.seq, chat.version, chat))
        else:
            heapq.heappush(self._sleeping, (ready_at, head.seq, chat.version, chat))

    def _dispatch(self) -> None:
        """Releases everything the limits allow now and sets a timer for the next release."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        now = self._now()
        while self._sleeping and self._sleeping[0][0] <= now:
            _, _, version, chat = heapq.heappop(self._sleeping)
            head = chat.head()
            if version == chat.version and head is not None:
                heapq.heappush(self._ready, (head.lane, head.seq, version, chat))
        wake = self._sleeping[0][0] if self._sleeping else math.inf
        while self._ready:
            lane, _, version, chat = self._ready[0]
            if version != chat.version:
                heapq.heappop(self._ready)
                continue
            free_at = self._slot_free_at(now, lane)
            if free_at > now:
                wake = min(wake, free_at)
                break
            heapq.heappop(self._ready)
            ticket = chat.lanes[lane].popleft()
            if ticket.released.done():  # its caller was cancelled a moment ago
                self._reschedule(chat)
                continue
            chat.busy = True
            chat.version += 1
            self._released.append(now)
            if lane == _BULK:
                self._bulk_released.append(now)
            ticket.released.set_result(None)
        if wake < math.inf:
            self._timer = asyncio.get_running_loop().call_at(wake, self._dispatch)

    def _slot_free_at(self, now: float, lane: int) -> float:
        """When a request of ``lane`` may be released: ``now`` or later (pause, full window)."""
        if now < self._paused_until:
            return self._paused_until
        for released in (self._released, self._bulk_released):
            while released and released[0] <= now - self._window:
                released.popleft()
        if len(self._released) >= self._overall:
            return self._released[-self._overall] + self._window
        if self._released and now < self._released[-1] + self._gap:
            return self._released[-1] + self._gap
        if lane == _BULK and len(self._bulk_released) >= self._bulk:
            return self._bulk_released[-self._bulk] + self._window
        return now

    def _forget_idle(self, now: float) -> None:
        """Drops idle chats, at most once per group window, so memory tracks active chats."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + self._group_window
        for key in [k for k, chat in self._chats.items() if chat.idle(now, self._group_window)]:
            del self._chats[key]


def _seconds(retry_after: int | timedelta) -> float:
    """``RetryAfter.retry_after`` in seconds: a timedelta with ``PTB_TIMEDELTA``, else an int."""
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
