"""A poison update (one the library cannot parse) against the real bot process (issue 14, item 6).

Before, such an update raised out of the polling loop, the process exited, and because it was
never confirmed Telegram delivered it again at every start.
"""

from __future__ import annotations

import time

from tests.e2e.conftest import REPLY_TIMEOUT, launch, user
from tests.e2e.test_webhook import configure, launch_hook

STRANGER, OTHER = 1001, 1002
WRONG = "出错了，请稍后再试。"


def poison(api, chat: int) -> dict:
    """A message whose entity lacks offset and length: python-telegram-bot raises TypeError."""
    message = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": chat, "type": "private", "first_name": "张三"},
        "from": user(chat),
        "text": "综合科负责什么",
        "entities": [{"type": "bold"}],
    }
    return api.push_update({"message": message})


def poisoned_beside_a_question(api, running) -> dict:
    """Queue a poison update from STRANGER and a question from OTHER; both are answered, the
    poison with 出错了, and nothing stays pending. Returns the poison update."""
    bad = poison(api, STRANGER)
    api.send_text(OTHER, "综合科负责什么", user=user(OTHER, "李四"))
    [answer] = api.wait_for_messages_sync(OTHER, 1, timeout=REPLY_TIMEOUT)
    assert answer.text.startswith("综合科")
    [told] = api.wait_for_messages_sync(STRANGER, 1, timeout=REPLY_TIMEOUT)
    assert told.text == WRONG
    assert api.wait_for_sync(lambda: not api.pending_updates(), REPLY_TIMEOUT)
    assert running.process.poll() is None, running.log_text()
    return bad


def test_a_poison_update_is_answered_skipped_and_never_comes_back(api, tmp_path):
    running = launch(api, tmp_path)
    try:
        bad = poisoned_beside_a_question(api, running)
        assert str(bad["update_id"]) in running.log_text()  # logged by id, without its text
    finally:
        assert running.stop() == 0
    assert "综合科负责什么" not in running.log_text()

    again = launch(api, tmp_path)
    try:
        api.send_text(STRANGER, "综合科负责什么", user=user(STRANGER))
        replies = api.wait_for_messages_sync(STRANGER, 2, timeout=REPLY_TIMEOUT)
        assert replies[1].text.startswith("综合科")
        assert [m.text for m in replies].count(WRONG) == 1  # the poison was not fetched again
    finally:
        assert again.stop() == 0


def test_a_poison_update_posted_to_the_webhook_is_answered_and_not_posted_again(api, tmp_path):
    configure(tmp_path)
    running = launch_hook(api, tmp_path)
    try:
        poisoned_beside_a_question(api, running)
        assert {d.status for d in api.webhook_deliveries()} == {200}
    finally:
        assert running.stop() == 0
