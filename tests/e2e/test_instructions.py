"""领导批示 with the real bot: a leader writes one, the lead unit's bound person gets it once (a
restart does not send it again) and reports by replying to it; staff are refused.

From the notice: task 24 is led by 办公室 (张三 here), 各相关科室（单位）配合; its first milestone
is 2021年11月20日. 综合科 (王五) does not lead it.
"""

from __future__ import annotations

import time

from tests.e2e.conftest import ADMIN, confirmed, launch
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed, wait_log
from tests.e2e.test_progress import say

ZHANG, WANG, LEADER = 1001, 2001, 7001
NOW = "2021-11-16T10:00:00+08:00"  # a Tuesday, in the send hours


def instructions_to(api, chat: int):
    return [m for m in api.sent(chat) if m.text.startswith("【领导批示】")]


def test_a_leader_s_instruction_reaches_the_lead_unit_once(api, tmp_path):
    (tmp_path / "config.toml").write_text(
        f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\nleaders = [{LEADER}]\n',
        encoding="utf-8",
    )
    seed(tmp_path, {ZHANG: "办公室", WANG: "综合科"})
    running = launch(api, tmp_path, "--now", NOW)
    try:
        refused = say(api, WANG, "批示 第24项：请抓紧推进")
        assert refused.startswith("批示由领导或办公室管理员填写，未记录。")
        done = say(api, LEADER, "批示 第24项：请抓紧推进，11月底前完成。")
        assert done.startswith(
            "已记录领导批示：第24项：请抓紧推进，11月底前完成。\n将发给：办公室。"
        )
        [message] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        assert message.text.startswith("【领导批示】办公室 第24项：要分别于2021年11月20日前")
        assert "批示：请抓紧推进，11月底前完成。" in message.text
        assert message.callback_data[0] == "s:24:20211120:c"
        answer = confirmed(
            api, ZHANG, "目录已编制，待发布", reply_to_message_id=message.message_id
        )
        assert answer.startswith("已记录：办公室 第24项 进行中")
        assert "领导批示：请抓紧推进，11月底前完成。" in say(api, ZHANG, "第24项")
    finally:
        assert running.stop() == 0
    assert instructions_to(api, WANG) == []
    assert instructions_to(api, LEADER) == []

    again = launch(api, tmp_path, "--now", "2021-11-16T10:05:00+08:00")
    try:
        wait_log(again, "提醒检查")  # its first wake-up has run
        time.sleep(1)
    finally:
        assert again.stop() == 0
    assert len(instructions_to(api, ZHANG)) == 1
    assert [m.message_id for m in instructions_to(api, ZHANG)] == [message.message_id]
