"""A report that says nothing (only invisible, control or punctuation characters) is refused,
whether typed after 第N项 or sent as a reply to a nudge, and the 台账 stays empty."""

from __future__ import annotations

from bot.ledger.store import LedgerStore
from bot.progress.texts import NO_CONTENT
from tests.e2e.conftest import launch
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed
from tests.e2e.test_progress import say

ZHANG = 1001


def test_a_report_without_content_is_refused_and_not_recorded(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-15T08:59:56+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        assert say(api, ZHANG, "\u200b", reply_to_message_id=nudge.message_id) == NO_CONTENT
        assert say(api, ZHANG, "第24项：\x00") == NO_CONTENT
        assert say(api, ZHANG, "第24项：目录正在编制").startswith("已记录：办公室 第24项")
    finally:
        assert running.stop() == 0
    with LedgerStore(tmp_path / "data" / "ledger") as ledger:
        assert [r["x"] for r in ledger.records()] == ["目录正在编制"]
