"""复核销号 end to end over Telegram, against the real bot process: 已完成 → 待复核 → 退回 with
a reason → nudged again → reported → 通过 → closed (销号), each step told to whom it concerns.

From the notice: 综合科 leads task 2, due Friday 2021-12-31. Its nudges go five working days
before (Friday 12-24) and one before (Thursday 12-30), at 09:00. The office's list of reports
awaiting review goes out at a wake-up (here: the catch-up wake-up of each start), one message
per batch, and never twice.
"""

from __future__ import annotations

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, confirmed, launch, user
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed, tasks_in
from tests.e2e.test_progress import say

LI = 2001  # 综合科
WHAT = "综合科 第2项（截止 12月31日（周五））"
HEAD = "【待复核】1 条“已完成”报告请复核：逐条点“通过”销号，或点“退回”并写一句理由。"
OFFICE = user(ADMIN, "王主任")


def batches(api) -> list:
    return [m for m in api.sent(ADMIN) if m.text.startswith("【待复核】")]


def wait_batch(api, count: int):
    api.wait_for_sync(lambda: len(batches(api)) >= count, NUDGE_TIMEOUT)
    return batches(api)[count - 1]


def pressed(api, chat: int, message: int, data: str, who: dict, count: int) -> list:
    """Press `data` under `message`; the chat's messages once it has `count`."""
    api.press_button(chat, message, data, user=who)
    return api.wait_for_messages_sync(chat, count, timeout=REPLY_TIMEOUT)


def returned(api, batch, report: int, reason: str) -> str:
    """The office presses 退回 under `report` (the batch's one item) and gives `reason`; the
    office's reply."""
    assert batch.callback_data == [f"vp:{report}", f"vb:{report}"]
    before = len(api.sent(ADMIN))
    asked = pressed(api, ADMIN, batch.message_id, f"vb:{report}", OFFICE, before + 1)[-1]
    assert asked.text.startswith(f"退回{WHAT}：请用一句话写退回理由")
    return say(api, ADMIN, reason)


def passed(api, batch, report: int) -> str:
    """The office presses 通过 under `report` (the batch's one item); the office's reply."""
    assert batch.callback_data == [f"vp:{report}", f"vb:{report}"]
    before = len(api.sent(ADMIN))
    return pressed(api, ADMIN, batch.message_id, f"vp:{report}", OFFICE, before + 1)[-1].text


def test_done_is_reviewed_returned_nudged_again_and_passed(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-12-24T08:59:56+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(LI, 1, timeout=NUDGE_TIMEOUT)
        assert 2 in tasks_in(nudge.text)
        [_, done] = pressed(api, LI, nudge.message_id, "s:2:20211231:c", user(LI), 2)
        assert done.text == (
            "已记录：综合科 第2项（截止 12月31日（周五））已完成，此节点不再提醒。"
            "待办公室复核，通过后销号。"
        )
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-24T10:00:00+08:00")
    try:
        batch = wait_batch(api, 1)
        assert batch.text == f"{HEAD}\n1. {WHAT}（张三，12月24日 09:00）：已完成"
        reply = returned(api, batch, 1, "缺少发文文号，请补充")
        assert reply.startswith(f"已退回：{WHAT}的“已完成”报告，理由：缺少发文文号，请补充。")
        [*_, told] = api.wait_for_messages_sync(LI, 3, timeout=REPLY_TIMEOUT)
        assert told.text == (
            f"办公室复核退回了{WHAT}的“已完成”报告（12月24日 09:00），理由：缺少发文文号，"
            "请补充。此项恢复为进行中，提醒将继续；整改后请再报告。"
        )
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-30T08:59:56+08:00")
    try:
        [*_, again] = api.wait_for_messages_sync(LI, 4, timeout=NUDGE_TIMEOUT)
        assert again.text.startswith("【工作提醒】综合科")
        assert 2 in tasks_in(again.text)  # returned: nudged again
        recorded = confirmed(api, LI, "第2项：已补充发文文号，已完成")
        assert recorded.endswith("待办公室复核，通过后销号。")
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-30T10:00:00+08:00")
    try:
        batch = wait_batch(api, 2)
        assert batch.text == f"{HEAD}\n1. {WHAT}（张三，12月30日 09:00）：已补充发文文号，已完成"
        assert passed(api, batch, 3) == f"已通过：{WHAT}，已销号，已告知该单位。"
        [*_, told] = api.wait_for_messages_sync(LI, 7, timeout=REPLY_TIMEOUT)
        assert told.text == (
            f"办公室已复核通过{WHAT}的“已完成”报告（12月30日 09:00），此节点已销号。"
        )
        api.press_button(ADMIN, batch.message_id, "vp:3", user=user(ADMIN, "王主任"))
        refused = "这条报告已由王主任于 12-30 10:00 通过复核（已销号），无需重复处理。"
        assert api.wait_for_sync(
            lambda: any(a.get("text") == refused for a in api.callback_answers()),
            REPLY_TIMEOUT,
        )
        assert "· 第2项（牵头）已完成（已销号）" in say(api, LI, "我科室进展")
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-30T10:05:00+08:00")
    try:
        assert "没有待复核的“已完成”报告。" in say(api, ADMIN, "/pending")
        assert len(batches(api)) == 2  # a restart sends no batch again
    finally:
        assert running.stop() == 0
