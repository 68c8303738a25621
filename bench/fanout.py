"""A reminder fan-out: FairRateLimiter against AIORateLimiter, and the real bot's nudge path.

The fake Bot API (in its own thread) enforces Telegram's flood limits: a send over 30 per
second, a second message to a private chat within 1 s or a 21st per minute to a group is
answered 429 and not delivered.

Two synthetic columns: a polling PTB Application sends to every recipient at once
(asyncio.gather), through our limiter's bulk lane or through the stock limiter, which has no
retries by default, so each 429 is a lost message. While it runs two users ask a question: one
who gets no reminder (2 s in) and one whose reminder is still queued (3 s in). The bot answers
with ``reply_text`` (the interactive lane); latency runs from the fake queuing the update to
the fake receiving the reply. Wall time runs from the start of the gather to its end.

The "real bot" column runs ``python -m bot run --now 2021-12-24T08:59:56+08:00`` on a fresh
data directory with the recipients bound round-robin to the units that get a nudge that day
(the year-end tasks' five-working-days nudge, 09:00, for every lead and responsible unit), so
bot/rounds/service.py sends one delivery after another through handlers/nudging.py's bulk
lane, each recorded in the outbox before and after the send. Wall time runs from the first nudge's arrival to the
last's; "lost" are recipients without a nudge after a generous timeout. 2 s after the first
nudge arrived an unbound user (no reminder) asks a question, 3 s after it the last recipient
in delivery order (nudge still queued) does; latency runs from ``api.send_text`` to the
reply's arrival. The bot process runs under a small probe (see ``PROBE``) that only wraps a
few functions to count durable writes and time each delivery's steps; their breakdown is
printed below the table.
Goals (stack-facts G4) are printed next to the numbers.
Run: .venv/bin/python bench/fanout.py [--recipients N] [--skip-synthetic]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.error import TelegramError  # noqa: E402
from telegram.ext import (  # noqa: E402
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import load_config  # noqa: E402
from bot.notices.knowledge import load_knowledge  # noqa: E402
from bot.people.bindings import Bindings  # noqa: E402
from bot.reminders.nudges import plan_nudges  # noqa: E402
from bot.store.storage import Store  # noqa: E402
from handlers.transport.ratelimit import BULK, MARGIN, FairRateLimiter  # noqa: E402
from tests.fakebotapi import FakeBotApi, SentMessage  # noqa: E402

BURST_MARGIN = 0.05
FIRST_RECIPIENT = 100_001
OUTSIDER = 42  # asks a question and gets no reminder
QUESTION = "我科室负责什么"
ANSWER = "综合科负责第3项：材料汇总。"

# The real bot: Friday 2021-12-24 is five working days before the year end (12-31).
DAY = date(2021, 12, 24)
NOW = "2021-12-24T08:59:56+08:00"
ZONE = ZoneInfo("Asia/Shanghai")
ADMIN = 9001  # the office admin in the config; not bound, gets no nudge
REAL_QUESTION = "第17项谁负责"  # answered to bound and unbound users alike
NUDGE_PREFIX = "【工作提醒】"
STARTUP_TIMEOUT = 30.0
REPLY_TIMEOUT = 15.0

# Run in the bot process before `python -m bot` starts: wraps (never changes) the store's
# durable write, the nudger's steps and the HTTP request, and dumps counts and durations as
# JSON to $FANOUT_PROBE_OUT at exit. perf_counter calls only: microseconds per delivery.
PROBE = """
import atexit, functools, json, os, sys, time
import bot.store.storage as store
from bot.__main__ import main
from bot.rounds import service
from handlers import nudging
from telegram.request import HTTPXRequest

stats = {"writes": {}, "write_s": [], "outbox": {}, "send": [], "http": [], "deliver": []}

def timed(into, fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            into(start, time.perf_counter())
    return wrapper

write = store.AtomicJSONStorage.write
def counted_write(self, data):
    start = time.perf_counter()
    try:
        return write(self, data)
    finally:
        stats["writes"][self.path.name] = stats["writes"].get(self.path.name, 0) + 1
        if self.path.name == "outbox.json":
            stats["write_s"].append(time.perf_counter() - start)
store.AtomicJSONStorage.write = counted_write

run = store.Store.run
async def timed_run(self, fn, *args, **kwargs):
    start = time.perf_counter()
    try:
        return await run(self, fn, *args, **kwargs)
    finally:
        if type(getattr(fn, "__self__", None)).__name__ == "Outbox":
            stats["outbox"].setdefault(fn.__name__, []).append(time.perf_counter() - start)
store.Store.run = timed_run
nudging.TelegramSender.send = timed(
    lambda a, b: stats["send"].append(b - a), nudging.TelegramSender.send
)
service.Rounds._deliver = timed(
    lambda a, b: stats["deliver"].append([a, b]), service.Rounds._deliver
)

do_request = HTTPXRequest.do_request
async def timed_request(self, url, *args, **kwargs):
    start = time.perf_counter()
    try:
        return await do_request(self, url, *args, **kwargs)
    finally:
        if url.endswith("/sendMessage"):
            stats["http"].append(time.perf_counter() - start)
HTTPXRequest.do_request = timed_request

def dump():
    with open(os.environ["FANOUT_PROBE_OUT"], "w", encoding="utf-8") as sink:
        json.dump(stats, sink)
atexit.register(dump)
sys.exit(main())
"""


async def answer(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    with contextlib.suppress(TelegramError):  # a lost reply shows as "lost"
        await update.message.reply_text(ANSWER)


def replies(api: FakeBotApi, chat: int) -> list[float]:
    return [m.time for m in api.sent(chat) if m.text == ANSWER]


async def latency(api: FakeBotApi, chat: int) -> str:
    """Seconds from the update being queued to the reply's arrival, or 'lost'."""
    asked = time.monotonic()
    api.send_text(chat, QUESTION)
    if not await api.wait_for(lambda: bool(replies(api, chat)), 15):
        return "lost"
    return f"{replies(api, chat)[0] - asked:.2f}"


async def run(limiter: BaseRateLimiter, bulk: bool, recipients: int) -> dict[str, str]:
    with FakeBotApi(enforce_limits=True) as api:
        app = (
            Application.builder()
            .token(api.token)
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .rate_limiter(limiter)
            .build()
        )
        app.add_handler(MessageHandler(filters.TEXT, answer))
        chats = range(FIRST_RECIPIENT, FIRST_RECIPIENT + recipients)
        extra = {"rate_limit_args": BULK} if bulk else {}
        async with app:
            await app.updater.start_polling(timeout=10)
            await app.start()
            started = time.monotonic()
            finished: list[float] = []
            sends = asyncio.gather(
                *(app.bot.send_message(c, "提醒：本周五前报送进度。", **extra) for c in chats),
                return_exceptions=True,
            )
            sends.add_done_callback(lambda _: finished.append(time.monotonic()))
            await asyncio.sleep(2)
            outsider = await latency(api, OUTSIDER)
            await asyncio.sleep(max(0.0, started + 3 - time.monotonic()))
            recipient = await latency(api, chats[-1])
            results = await sends
            await app.updater.stop()
            await app.stop()
        return {
            "wall time of the fan-out (s)": f"{finished[0] - started:.2f}",
            "peak sends in any 1-s window": str(api.peak_sends_per_second),
            "429 answers from the fake": str(sum(c.status == 429 for c in api.calls())),
            "reminders lost (failed sends)": str(sum(isinstance(r, Exception) for r in results)),
            "question at 2 s, no reminder (s)": outsider,
            "question at 3 s, reminder queued (s)": recipient,
        }


# ---------------------------------------------------------------------- the real bot


def nudged_units() -> list[str]:
    """The units nudged on DAY, in the order their nudges are planned (the delivery order)."""
    config = load_config(None)
    knowledge = load_knowledge(config)
    nudges = plan_nudges(
        knowledge.plan,
        knowledge.registry,
        knowledge.deadlines,
        start=DAY,
        end=DAY,
        zone=config.timezone,
        settings=config.reminders.ladder,
    )
    return list(dict.fromkeys(n.unit for n in nudges))


def seed(data: Path, members: dict[int, str]) -> None:
    """Bind users to units before the bot starts, as the office would."""
    since = datetime(2021, 10, 29, 9, 0, tzinfo=ZONE)
    with Store(data / "bot.json") as store:
        bindings = Bindings(store)
        for user_id, unit in members.items():
            bindings.bind(user_id, f"用户{user_id}", unit, since)


def start_bot(api: FakeBotApi, workdir: Path, probe_out: Path) -> subprocess.Popen:
    """`python -m bot run --config … --now NOW` (under PROBE), as tests/e2e/conftest does."""
    config = workdir / "config.toml"
    config.write_text(f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n', encoding="utf-8")
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "BOT_API_BASE_URL": api.base_url,
        "BOT_API_FILE_URL": api.base_file_url,
        "PTB_TIMEDELTA": "true",
        "FANOUT_PROBE_OUT": str(probe_out),
    }
    with (workdir / "bot.log").open("w", encoding="utf-8") as log:
        return subprocess.Popen(
            [sys.executable, "-c", PROBE, "run", "--config", str(config), "--now", NOW],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def is_nudge(message: SentMessage) -> bool:
    return message.text.startswith(NUDGE_PREFIX)


def ask(api: FakeBotApi, chat: int) -> str:
    """Seconds from ``api.send_text`` to the arrival of the first reply that is no nudge."""
    asked = time.monotonic()
    api.send_text(chat, REAL_QUESTION, user={"id": chat, "is_bot": False, "first_name": "提问"})

    def reply() -> list[SentMessage]:
        return [m for m in api.sent(chat) if not is_nudge(m) and m.time >= asked]

    if not api.wait_for_sync(lambda: bool(reply()), REPLY_TIMEOUT):
        return "lost"
    return f"{reply()[0].time - asked:.2f}"


def run_real_bot(recipients: int, timeout: float) -> tuple[dict[str, str], dict]:
    """The nudge fan-out of the real bot process; returns the table's rows and the probe."""
    units = nudged_units()
    members = {FIRST_RECIPIENT + i: units[i % len(units)] for i in range(recipients)}
    # Deliveries go unit by unit (plan order), then by binding (same `since`: by user id).
    order = sorted(members, key=lambda user_id: (units.index(members[user_id]), user_id))
    last = order[-1]
    rows = dict.fromkeys(
        (
            "wall time of the fan-out (s)",
            "peak sends in any 1-s window",
            "429 answers from the fake",
            "reminders lost (failed sends)",
            "question at 2 s, no reminder (s)",
            "question at 3 s, reminder queued (s)",
        ),
        "n/a",
    )
    with tempfile.TemporaryDirectory() as tmp, FakeBotApi(enforce_limits=True) as api:
        workdir = Path(tmp)
        seed(workdir / "data", members)
        probe_out = workdir / "probe.json"

        def nudges() -> list[SentMessage]:
            return [m for m in api.sent() if m.chat_id in members and is_nudge(m)]

        def nudged() -> int:
            return len({m.chat_id for m in nudges()})

        bot = start_bot(api, workdir, probe_out)
        try:
            if api.wait_for_sync(lambda: bool(nudges()), STARTUP_TIMEOUT):
                first = nudges()[0].time
                time.sleep(max(0.0, first + 2 - time.monotonic()))
                rows["question at 2 s, no reminder (s)"] = ask(api, OUTSIDER)
                time.sleep(max(0.0, first + 3 - time.monotonic()))
                queued = not any(m.chat_id == last for m in nudges())
                answered = ask(api, last)
                rows["question at 3 s, reminder queued (s)"] = (
                    answered if queued else f"{answered} (nudge had gone)"
                )
                api.wait_for_sync(lambda: nudged() == recipients, timeout)
                arrivals = [m.time for m in nudges()]
                rows["wall time of the fan-out (s)"] = f"{max(arrivals) - first:.2f}"
        finally:
            if bot.poll() is None:
                bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=STARTUP_TIMEOUT)
            except subprocess.TimeoutExpired:
                bot.kill()
                bot.wait()
        rows["peak sends in any 1-s window"] = str(api.peak_sends_per_second)
        rows["429 answers from the fake"] = str(sum(c.status == 429 for c in api.calls()))
        rows["reminders lost (failed sends)"] = str(recipients - nudged())
        probe = json.loads(probe_out.read_text()) if probe_out.exists() else {}
        if not probe:
            print((workdir / "bot.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        if probe and nudged():
            writes = probe["writes"].get("outbox.json", 0)
            rows["durable writes per nudge (outbox)"] = f"{writes / nudged():.2f}"
        return rows, probe


def ms(samples: list[float]) -> str:
    if not samples:
        return "-"
    return (
        f"n={len(samples):<4} mean {statistics.mean(samples) * 1000:6.1f}  "
        f"p50 {statistics.median(samples) * 1000:6.1f}  max {max(samples) * 1000:6.1f} ms"
    )


def print_profile(probe: dict, bulk_window: float) -> None:
    """Where each delivery's time goes, from the probe in the bot process."""
    if not probe.get("deliver"):
        return
    spans = probe["deliver"]
    begin, finish = probe["outbox"].get("begin", []), probe["outbox"].get("finish", [])
    sends, http, writes = probe["send"], probe["http"], probe["write_s"]
    wholes = [b - a for a, b in spans]
    limiter = [s - h for s, h in zip(sends, http, strict=False)]
    rest = [w - b - s - f for w, b, s, f in zip(wholes, begin, sends, finish, strict=False)]
    total = spans[-1][1] - spans[0][0]
    print(f"\nreal bot, per delivery ({len(spans)} deliveries in {total:.2f} s, one at a time):")
    print(f"  whole delivery            {ms(wholes)}")
    print(f"  outbox begin (await)      {ms(begin)}")
    print(f"  send (limiter + HTTP)     {ms(sends)}")
    print(f"    HTTP round trip         {ms(http)}")
    print(f"    limiter wait, PTB       {ms(limiter)}")
    print(f"  outbox finish (await)     {ms(finish)}")
    print(f"  render, bookkeeping       {ms(rest)}")
    print(f"  outbox.json write (disk)  {ms(writes)}")
    print(f"    first 50 / last 50      {ms(writes[:50])} / {ms(writes[-50:])}")
    print(f"  durable writes by file    {probe['writes']}")
    # A window of the bulk lane: its first delivery waited long for the limiter; it runs from
    # that delivery's release to the end of the window's last delivery.
    starts = [0] + [i for i, wait in enumerate(limiter) if i and wait > 0.1]
    released = [a + b + w for (a, _), b, w in zip(spans, begin, limiter, strict=False)]
    bounds = list(zip(starts, [*starts[1:], len(spans)], strict=True))
    busy = [spans[j - 1][1] - released[i] for i, j in bounds]
    spreads = " ".join(f"{b:.2f}" for b in busy)
    print(f"  bulk windows              {len(bounds)}, sent one at a time in (s): {spreads}")
    last_open = released[bounds[-1][0]] - released[0]
    print(
        f"  last window               released {last_open:.2f} s after the first (floor "
        f"{(len(bounds) - 1) * bulk_window:.2f} s); its {bounds[-1][1] - bounds[-1][0]} "
        f"deliveries took {busy[-1]:.2f} s more"
    )


def number(value: str) -> float | None:
    """A row's value as a number: None for "lost", "n/a" and "-"."""
    try:
        return float(value.split()[0])
    except (ValueError, IndexError):
        return None


def measure(
    recipients: int = 300,
    overall: int = 28,
    bulk: int = 25,
    timeout: float = 90.0,
    synthetic: bool = True,
) -> dict:
    """The real bot's fan-out and, unless not `synthetic`, ours (burst) and the stock limiter's.

    Returns the rows of each column as printed ("real", "ours", "stock"; see `number`) and the
    probe's raw timings of the real bot.
    """
    real, probe = run_real_bot(recipients, timeout)
    if synthetic:
        # All released at once arrive spread over tens of ms; the production fan-out sends
        # one at a time, whose arrival jitter the default 0.03 s margin covers.
        limiter = FairRateLimiter(
            overall_per_second=overall, bulk_per_second=bulk, margin=BURST_MARGIN
        )
        ours = asyncio.run(run(limiter, bulk=True, recipients=recipients))
        stock = asyncio.run(run(AIORateLimiter(), bulk=False, recipients=recipients))
    else:
        ours = stock = dict.fromkeys(real, "-")
    return {
        "recipients": recipients,
        "limiter": f"Fair({overall}/{bulk}, burst)",
        "rows": {"real": real, "ours": ours, "stock": stock},
        "probe": probe,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=300)
    parser.add_argument("--overall", type=int, default=28, help="our overall_per_second")
    parser.add_argument("--bulk", type=int, default=25, help="our bulk_per_second")
    parser.add_argument("--timeout", type=float, default=90.0, help="real bot: wait for nudges")
    parser.add_argument("--skip-synthetic", action="store_true", help="only the real bot")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.CRITICAL)  # one traceback per stock 429
    result = measure(
        args.recipients, args.overall, args.bulk, args.timeout, not args.skip_synthetic
    )
    real, ours, stock = (result["rows"][column] for column in ("real", "ours", "stock"))
    goals = ["<= 12", "<= 30", "0", "0", "<= 2", "<= 2", ""]
    print(f"fan-out to {args.recipients} private chats, fake Bot API enforcing flood limits")
    name = result["limiter"]
    print(f"{'':38}{name:>18}{'AIORateLimiter()':>18}{'real bot':>18}{'goal':>8}")
    for (row, value), goal in zip(real.items(), goals, strict=False):
        print(f"{row:38}{ours.get(row, '-'):>18}{stock.get(row, '-'):>18}{value:>18}{goal:>8}")
    print_profile(result["probe"], 1 + MARGIN)


if __name__ == "__main__":
    main()
