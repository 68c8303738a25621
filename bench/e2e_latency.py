"""End-to-end answer latency: the real bot process against the fake Bot API on loopback.

Measures, per question, the time from the update being queued on the fake server (the bot is
already waiting in a long poll, so this is when Telegram would deliver it) to the server
receiving the bot's sendMessage. Goal (issue 4): p50 <= 20 ms, p99 <= 100 ms.
The bot's FairRateLimiter releases at most one message per private chat every ~1.05 s (1 s plus
a margin after the previous one completed), so questions asked back to back in one chat would
measure that spacing instead of the answer: each question comes from another user (chats
1001, 1002, …; unbound users get answers too). Questions are also spaced --gap seconds apart,
under the limiter's overall limit of 28 sends in any 1.05 s window.
Run: .venv/bin/python bench/e2e_latency.py [--questions N] [--gap S]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import running_bot  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402

FIRST_CHAT = 1001
QUESTIONS = [
    "综合科负责什么",
    "第17项谁负责",
    "谁牵头政策解读",
    "第十二部分有哪些任务",
    "信息中心",
]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(count: int = 500, gap: float = 0.05) -> dict:
    """Ask `count` questions, `gap` s apart; latencies in ms after 5 warm-up answers."""
    with FakeBotApi() as api, running_bot(api, ROOT):
        latencies = []
        for i in range(count):
            chat = FIRST_CHAT + i  # a new chat each time: no per-chat spacing applies
            question = QUESTIONS[i % len(QUESTIONS)]
            queued = time.monotonic()
            api.send_text(chat, question)
            [reply, *_] = api.wait_for_messages_sync(chat, 1, timeout=10)
            latencies.append((reply.time - queued) * 1000)
            time.sleep(gap)
    warm = latencies[5:]  # the first answers include imports and connection set-up
    return {
        "questions": len(warm),
        "p50_ms": statistics.median(warm),
        "p99_ms": percentile(warm, 0.99),
        "max_ms": max(warm),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--gap", type=float, default=0.05)
    args = parser.parse_args()
    result = measure(args.questions, args.gap)
    print(f"e2e answer latency over loopback, {result['questions']} questions (after 5 warm-up):")
    print(
        f"  p50 {result['p50_ms']:.1f} ms   p99 {result['p99_ms']:.1f} ms   "
        f"max {result['max_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
