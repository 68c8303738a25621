"""One user's burst must not delay another user's answer (issue 14, item 8).

Before, 30 messages from one stranger raised another user's reply time from 0.03 s to about
20 s: the next batch was fetched only once the whole batch was handled, and replies to one chat
go out a second apart.
"""

from __future__ import annotations

import time

from tests.e2e.conftest import REPLY_TIMEOUT, user

STRANGER, VICTIM = 1001, 1002
BURST = 30
BUSY = "请稍候，正在处理您之前的消息。"


def test_a_strangers_burst_does_not_hold_back_another_user(api, bot):
    for n in range(BURST):
        api.send_text(STRANGER, f"第{n % 34 + 1}项谁负责", user=user(STRANGER))
    api.wait_for_messages_sync(STRANGER, 1, timeout=REPLY_TIMEOUT)  # the burst is under way
    asked = time.monotonic()
    api.send_text(VICTIM, "综合科负责什么", user=user(VICTIM, "李四"))
    [answer] = api.wait_for_messages_sync(VICTIM, 1, timeout=40)
    assert answer.text.startswith("综合科")
    assert answer.time - asked < 3.0

    # The stranger is told once that the rest waits; a stop then leaves the rest on Telegram
    # (the victim's update too: confirming it would confirm the stranger's before it).
    early = api.wait_for_messages_sync(STRANGER, 4, timeout=REPLY_TIMEOUT)
    assert [m.text for m in early].count(BUSY) == 1
    assert bot.stop() == 0
    answered = [m for m in api.sent(STRANGER) if m.text != BUSY]
    waiting = [u for u in api.pending_updates() if u["message"]["chat"]["id"] == STRANGER]
    assert len(answered) + len(waiting) == BURST
    assert [m.text for m in api.sent(STRANGER)].count(BUSY) == 1
