"""Bursts against the real bot process: reply times beside Telegram's floor (issue 14).

Two scenes, each with a fresh bot on the fake Bot API over loopback:

* crowd: `users` users each ask `questions` questions at once (queued round-robin, as users
  typing together would be): reply-time percentiles from queueing a question to the fake
  receiving its answer;
* burst: one user sends `burst` questions at once; once the first answer is out, another user
  (the victim) asks one question: the victim's delay, and what the burst user got.

The floor is what Telegram's limits allow at best (stack-facts §1.1): about one message per
second to one chat and 30 per second overall. Answer i (0-based, in the best order) to a chat's
k-th question cannot leave before max(i / 30, k) seconds; the floor's percentiles come from
that schedule. `--code DIR` runs another checkout's bot (e.g. /work/main) for a before/after.
Run: .venv/bin/python bench/burst.py [--users 100] [--questions 20] [--burst 100] [--code DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import running_bot  # noqa: E402
from bench.e2e_latency import QUESTIONS, percentile  # noqa: E402
from handlers.texts import BUSY, TOO_MANY  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402

PER_SECOND, PER_CHAT_SECONDS = 30, 1.0  # Telegram's limits
FIRST_CHAT, VICTIM = 1001, 999_001
NOTICES = {BUSY, TOO_MANY}


def spread(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "p50_s": percentile(samples, 0.5),
        "p90_s": percentile(samples, 0.9),
        "p99_s": percentile(samples, 0.99),
        "max_s": max(samples),
    }


def floor(chats: int, per_chat: int) -> list[float]:
    """The best reply times Telegram's limits allow when every question is queued at 0."""
    ranks = sorted((k, chat) for chat in range(chats) for k in range(per_chat))
    return [max(i / PER_SECOND, k * PER_CHAT_SECONDS) for i, (k, _) in enumerate(ranks)]


def settled(done: Callable[[], bool], timeout: float) -> bool:
    """Poll `done` twice a second: the fake's own waiters would run it on every request, and
    a costly check starves the server thread, which then takes requests in clumps."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def answered(api: FakeBotApi) -> int:
    """Answers sent to any chat, notices aside."""
    return sum(1 for m in api.sent() if m.text not in NOTICES)


def answers(api: FakeBotApi, chat: int) -> list:
    return [m for m in api.sent(chat) if m.text not in NOTICES]


def crowd(code: Path, users: int, questions: int, timeout: float) -> dict:
    """Every user asks every question at once; reply time per answer."""
    with FakeBotApi() as api, running_bot(api, code):
        chats = [FIRST_CHAT + n for n in range(users)]
        asked: dict[int, list[float]] = {chat: [] for chat in chats}
        for k in range(questions):
            for chat in chats:
                asked[chat].append(time.monotonic())
                api.send_text(chat, QUESTIONS[k % len(QUESTIONS)])
        done = settled(lambda: answered(api) >= users * questions, timeout)
        times = [
            reply.time - queued
            for chat in chats
            for queued, reply in zip(asked[chat], answers(api, chat), strict=False)
        ]
        notices = sum(1 for chat in chats for m in api.sent(chat) if m.text in NOTICES)
        return {
            "complete": done,
            "replies": spread(times),
            "floor": spread(floor(users, questions)),
            "notices": notices,
            "peak_per_second": api.peak_sends_per_second,
            "violations": len(api.violations),
        }


def burst(code: Path, size: int, timeout: float) -> dict:
    """One user's burst, then a victim's question once the burst's first answer is out."""
    with FakeBotApi() as api, running_bot(api, code):
        began = time.monotonic()
        for k in range(size):
            api.send_text(FIRST_CHAT, QUESTIONS[k % len(QUESTIONS)])
        api.wait_for_messages_sync(FIRST_CHAT, 1, timeout=timeout)
        asked = time.monotonic()
        api.send_text(VICTIM, "综合科负责什么")
        [reply] = api.wait_for_messages_sync(VICTIM, 1, timeout=timeout)
        victim = reply.time - asked
        # The burst user: every question answered or refused (one notice), or the timeout.
        settled(
            lambda: (
                len(answers(api, FIRST_CHAT)) >= size
                or any(m.text == TOO_MANY for m in api.sent(FIRST_CHAT))
                and not api.pending_updates()
            ),
            timeout,
        )
        mine = api.sent(FIRST_CHAT)
        return {
            "victim_s": victim,
            "victim_floor_s": 0.0,  # another chat, far under 30/s: Telegram allows it at once
            "burst_answered": len(answers(api, FIRST_CHAT)),
            "burst_busy_notices": sum(m.text == BUSY for m in mine),
            "burst_refused_notice": any(m.text == TOO_MANY for m in mine),
            "burst_last_answer_s": max(m.time for m in mine) - began,
            "burst_floor_s": (size - 1) * PER_CHAT_SECONDS,
        }


def measure(users: int = 100, questions: int = 20, size: int = 100, code: Path = ROOT) -> dict:
    """Both scenes on the checkout `code`."""
    timeout = max(120.0, 3 * users * questions / PER_SECOND)
    return {
        "crowd": crowd(code, users, questions, timeout),
        "burst": burst(code, size, max(120.0, 1.5 * size)),
        "users": users,
        "questions": questions,
        "size": size,
    }


def report(result: dict) -> str:
    crowd_, burst_ = result["crowd"], result["burst"]
    replies, best = crowd_["replies"], crowd_["floor"]
    lines = [
        f"crowd: {result['users']} users × {result['questions']} questions at once"
        f"{'' if crowd_['complete'] else ' (NOT all answered in time)'}",
        "  reply time     "
        + "  ".join(f"{k[:-2]} {replies[k]:6.2f} s" for k in replies if k != "n"),
        "  Telegram floor " + "  ".join(f"{k[:-2]} {best[k]:6.2f} s" for k in best if k != "n"),
        f"  answers {replies['n']}, 请稍候/refusal notices {crowd_['notices']}, peak sends in "
        f"1 s {crowd_['peak_per_second']}, flood-limit violations {crowd_['violations']}",
        f"burst: one user sends {result['size']} at once, then a victim asks",
        f"  victim's reply {burst_['victim_s']:.2f} s (floor {burst_['victim_floor_s']:.2f} s)",
        f"  burst user: {burst_['burst_answered']} answered, 请稍候 ×{burst_['burst_busy_notices']},"
        f" refusal notice {'yes' if burst_['burst_refused_notice'] else 'no'}, last message at "
        f"{burst_['burst_last_answer_s']:.1f} s (floor for {result['size']} answers "
        f"{burst_['burst_floor_s']:.0f} s)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose bot runs")
    args = parser.parse_args()
    result = measure(args.users, args.questions, args.burst, args.code.resolve())
    print(f"code: {args.code.resolve()}")
    print(report(result))


if __name__ == "__main__":
    main()
