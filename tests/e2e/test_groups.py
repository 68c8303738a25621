"""A unit's work group with the real bot: registered with /group, nudged there, reports count.

From the notice: task 24 is 办公室's, due 2021年11月20日 (a Saturday), so the five-working-days
nudge is on Monday 11-15 at 09:00.
"""

from __future__ import annotations

from tests.e2e.conftest import REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed

ZHANG, WANG = 1001, 1003
GROUP = -100777


def test_nudges_go_to_the_group_and_replies_there_are_recorded(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", WANG: "办公室"})
    api.add_group(GROUP, "办公室工作群")
    running = launch(api, tmp_path, "--now", "2021-11-15T08:59:50+08:00")
    try:
        api.send_text(GROUP, "/group@fengong_test_bot 办公室", user=user(ZHANG))
        [registered] = api.wait_for_messages_sync(GROUP, 1, timeout=REPLY_TIMEOUT)
        assert registered.text.startswith("已将本群登记为办公室的工作群")
        [_, nudge] = api.wait_for_messages_sync(GROUP, 2, timeout=NUDGE_TIMEOUT)
        assert "第24项" in nudge.text
        assert api.sent(ZHANG) == []
        assert api.sent(WANG) == []
        api.send_text(
            GROUP,
            "目录编制进行中",  # a simple form: recorded at once
            user=user(WANG, "王五"),
            reply_to_message_id=nudge.message_id,
        )
        recorded = api.wait_for_messages_sync(GROUP, 3, timeout=REPLY_TIMEOUT)[2]
        assert recorded.text.startswith("已记录：办公室 第24项 进行中")
        api.send_text(GROUP, "大家辛苦了", user=user(ZHANG))
        api.send_text(GROUP, "@fengong_test_bot 我科室进展", user=user(ZHANG))
        progress = api.wait_for_messages_sync(GROUP, 4, timeout=REPLY_TIMEOUT)[3]
        assert "目录编制进行中" in progress.text  # the chatter in between got no answer
    finally:
        assert running.stop() == 0
