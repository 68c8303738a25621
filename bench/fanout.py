"""A reminder fan-out through a polling PTB Application: FairRateLimiter against AIORateLimiter.

The fake Bot API (in its own thread) enforces Telegram's flood limits: a send over 30 per
second, a second message to a private chat within 1 s or a 21st per minute to a group is
answered 429 and not delivered. All recipients are sent to at once (asyncio.gather); the stock
limiter has no retries by default, so each 429 is a lost message.

While the fan-out runs two users ask a question: one who gets no reminder (2 s in) and one
whose reminder is still queued (3 s in). The bot answers with ``reply_text`` (the interactive
lane); latency runs from the fake queuing the update to the fake receiving the reply.
Goals (stack-facts G4) are printed next to the numbers.
Run: .venv/bin/python bench/fanout.py [--recipients N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import time
from pathlib import Path

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

from handlers.ratelimit import BULK, FairRateLimiter  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402

FIRST_RECIPIENT = 100_001
OUTSIDER = 42  # asks a question and gets no reminder
QUESTION = "我科室负责什么"
ANSWER = "综合科负责第3项：材料汇总。"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=300)
    parser.add_argument("--overall", type=int, default=25, help="our overall_per_second")
    parser.add_argument("--bulk", type=int, default=25, help="our bulk_per_second")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.CRITICAL)  # one traceback per stock 429
    limiter = FairRateLimiter(overall_per_second=args.overall, bulk_per_second=args.bulk)
    ours = asyncio.run(run(limiter, bulk=True, recipients=args.recipients))
    stock = asyncio.run(run(AIORateLimiter(), bulk=False, recipients=args.recipients))
    goals = ["<= 12", "<= 30", "0", "0", "<= 2", "<= 2"]
    print(f"fan-out to {args.recipients} private chats, fake Bot API enforcing flood limits")
    name = f"Fair({args.overall}/{args.bulk})"
    print(f"{'':38}{name:>18}{'AIORateLimiter()':>18}{'goal':>8}")
    for (name, value), other, goal in zip(ours.items(), stock.values(), goals, strict=True):
        print(f"{name:38}{value:>18}{other:>18}{goal:>8}")


if __name__ == "__main__":
    main()
