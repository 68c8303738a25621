"""A simulated day of use, in process: a fake clock, nudge wake-ups every minute, many updates.

Used by a short test (`test_soak.py`) and by `bench/soak.py`, which runs 24 simulated hours and
10k updates and reports memory growth. Staff of every unit report on their tasks, ask
questions and ask for their progress; the Nudger wakes every simulated minute. Checks: every
report recorded once and acknowledged, no handler error, no nudge id sent twice.

The fake Bot API runs in this process and would keep every message, call and update it saw,
which would count as the bot's growth; the soak tallies the acknowledgements each simulated
minute and then has the fake forget that minute.
"""

from __future__ import annotations

import gc
import os
import random
import tracemalloc
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import ContextTypes

from bot.answers.model import Knowledge
from bot.duties import duties_for
from bot.ledger.store import LedgerStore
from bot.store.storage import Store
from handlers.app import build_application
from handlers.context import Core
from handlers.nudging import Nudger
from handlers.transport.ratelimit import FairRateLimiter
from tests.fakebotapi import FakeBotApi
from tests.handlers.conftest import ADMIN, NOW, make_config, user

START = NOW.replace(hour=8)  # Monday 2021-11-15, 08:00
USERS_PER_UNIT = 3
# Where the bot's own memory lives (the fake server, in the same process, is left out).
OURS = ("*/bot/*", "*/handlers/*", "*/telegram/*", "*/apscheduler/*", "*/tinydb/*", "*/httpx/*")
# The fake server's code and the web stack under it.
FAKE = ("*/tests/fakebotapi/*", "*/aiohttp/*", "*/yarl/*", "*/multidict/*")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Soak:
    """What a soak run did and what broke."""

    minutes: int = 0
    updates: int = 0
    reports: int = 0
    acknowledged: int = 0
    nudges: int = 0
    problems: list[str] = field(default_factory=list)
    growth: Memory | None = None  # from after warm-up to the end, when measured
    reports_after_warmup: int = 0  # ledger records added while the growth was measured

    def summary(self) -> str:
        return (
            f"模拟 {self.minutes} 分钟、{self.updates} 条消息：进展 {self.reports} 条，"
            f"确认 {self.acknowledged} 条，提醒 {self.nudges} 条；"
            f"预热后新增台账记录 {self.reports_after_warmup} 条；问题 {len(self.problems)} 个"
        )


@dataclass(frozen=True)
class Memory:
    """The process's memory (or its growth), in KB; the heap parts only while tracemalloc runs."""

    rss: float  # meaningful without tracemalloc only: its tables and snapshots add to it
    ours: float = 0.0  # traced blocks allocated in OURS
    fake: float = 0.0  # traced blocks allocated in FAKE
    heap: float = 0.0  # every traced block


def _memory() -> Memory:
    """Measure now: the RSS, and the traced heap by where it was allocated if tracing."""
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as statm:
        rss = int(statm.read().split()[1]) * PAGE / 1024
    if not tracemalloc.is_tracing():
        return Memory(rss)
    snapshot = tracemalloc.take_snapshot()

    def kb(patterns: tuple[str, ...]) -> float:
        kept = snapshot.filter_traces([tracemalloc.Filter(True, p) for p in patterns])
        return sum(stat.size for stat in kept.statistics("filename")) / 1024

    heap = sum(stat.size for stat in snapshot.statistics("filename")) / 1024
    return Memory(rss, kb(OURS), kb(FAKE), heap)


def _growth(start: Memory, end: Memory) -> Memory:
    return Memory(
        end.rss - start.rss,
        end.ours - start.ours,
        end.fake - start.fake,
        end.heap - start.heap,
    )


def _forget(api: FakeBotApi) -> int:
    """Have the fake forget what the bot sent and called so far; returns the 已记录 replies.

    Reaches into the fake's state: it has no public way to forget, and it lives in this
    process, where its records would count as the bot's growth.
    """
    acknowledged = sum(1 for m in api.sent() if m.text.startswith("已记录："))
    with api._lock:
        for kept in (api._sent, api._calls, api._messages, api._updates, api._flood.violations):
            kept.clear()
    return acknowledged


async def soak(
    knowledge: Knowledge,
    workdir: Path,
    *,
    hours: float,
    updates: int,
    seed: int,
    measure: bool = False,
) -> Soak:
    """Run `hours` of simulated time with `updates` messages spread evenly over it."""
    rng = random.Random(seed)
    result = Soak()
    moment = [START]
    clock: Callable[[], datetime] = lambda: moment[0]  # noqa: E731 - the fake clock
    async with AsyncExitStack() as stack:
        api = await stack.enter_async_context(FakeBotApi())
        data = workdir / "data"
        store = stack.enter_context(Store(data / "bot.json"))
        outbox_store = stack.enter_context(Store(data / "outbox.json"))
        ledger_store = stack.enter_context(LedgerStore(data / "ledger"))
        config = make_config(api, data, frozenset({ADMIN}))
        core = Core.open(config, knowledge, store, outbox_store, ledger_store, clock)
        app = build_application(core, FairRateLimiter(chat_interval=0, margin=0))
        errors: list[BaseException] = []

        async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            errors.append(context.error)

        app.add_error_handler(record)
        await app.initialize()
        stack.push_async_callback(app.shutdown)
        staff: list[tuple[int, list[int]]] = []
        for index, unit in enumerate(knowledge.registry.units):
            tasks = [d.task.number for d in duties_for(unit, knowledge.plan, knowledge.registry)]
            for n in range(USERS_PER_UNIT):
                user_id = 10_000 + index * 10 + n
                core.bindings.bind(user_id, f"用户{user_id}", unit.name, START)
                if tasks:
                    staff.append((user_id, tasks))
        nudger = Nudger(core, app.bot)
        minutes = int(hours * 60)
        per_minute = updates / max(minutes, 1)
        owed = 0.0
        # reported[n]: message n was a report. Allocated up front, so it does not grow.
        reported = bytearray(updates + 1)
        baseline: Memory | None = None
        for minute in range(minutes):
            moment[0] = START + timedelta(minutes=minute)
            await nudger.wake(quiet=True)
            owed += per_minute
            while owed >= 1:
                owed -= 1
                result.updates += 1
                user_id, tasks = rng.choice(staff)
                roll = rng.random()
                if roll < 0.7:
                    text = f"第{rng.choice(tasks)}项：正在推进事项{tag(result.updates)}"
                elif roll < 0.9:
                    text = f"第{rng.choice(tasks)}项谁负责"
                else:
                    text = "我科室进展"
                raw = api.send_text(user_id, text, user=user(user_id))
                await app.process_update(Update.de_json(raw, app.bot))
                if roll < 0.7:
                    reported[result.updates] = 1
            result.acknowledged += _forget(api)
            if measure and baseline is None and minute >= minutes // 10:
                baseline, records_then = _memory(), len(core.ledger.store)
        if measure and baseline is not None:
            result.growth = _growth(baseline, _memory())
            result.reports_after_warmup = len(core.ledger.store) - records_then
        result.minutes = minutes
        _check(result, core, reported, errors)
    return result


# A report's number written in letters (128 → bci): a simple form, recorded at once, has no
# number in it (bot/grammar/simple.py).
_LETTERS = str.maketrans("0123456789", "abcdefghij")
_DIGITS = str.maketrans("abcdefghij", "0123456789")


def tag(number: int) -> str:
    """`number` in letters, so a report carrying it stays a simple form."""
    return str(number).translate(_LETTERS)


def untag(letters: str) -> int:
    """The number `tag` wrote."""
    return int(letters.translate(_DIGITS))


def _check(result: Soak, core: Core, reported: bytearray, errors: list) -> None:
    recorded = [r["x"] for r in core.ledger.store.records()]
    result.reports = len(recorded)
    numbers = sorted(untag(x.removeprefix("正在推进事项")) for x in recorded)
    sent = [n for n, flag in enumerate(reported) if flag]
    if numbers != sent:
        result.problems.append(f"台账 {len(numbers)} 条，发出 {len(sent)} 条进展，不一致")
    if result.acknowledged != len(sent):
        result.problems.append(f"已记录 {result.acknowledged} 条，应为 {len(sent)} 条")
    keys = [r.key for r in core.outbox.records() if r.chat is not None]
    result.nudges = len(keys)
    if len(keys) != len(set(keys)):
        result.problems.append("同一提醒发了两次")
    result.problems.extend(f"出错：{error!r}" for error in errors[:5])
