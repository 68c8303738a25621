"""The office sends a revised notice to the bot, checks what it read, and enables it.

The revision edits the shipped text as an office would: task 34 (办公室) dropped, a task 35
added (办公室牵头，综合科配合), and task 19's 信息中心 moved from 配合 to 牵头.
"""

from __future__ import annotations

from tests.bot.test_revisions import TASK_35, swapped
from tests.conftest import NOTICE
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import say

ZHANG, LI = 1001, 2001


def revised_notice() -> bytes:
    lines = [
        line.replace("法规与标准科牵头，信息中心配合", "法规与标准科、信息中心牵头")
        for line in NOTICE.read_text(encoding="utf-8").splitlines()
        if "34. 将本要点落实情况" not in line
    ]
    return "\n".join([*lines, TASK_35]).encode()


def test_a_revised_notice_is_shown_enabled_and_kept(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        api.send_document(LI, "revised.txt", revised_notice(), user=user(LI))
        [refused] = api.wait_for_messages_sync(LI, 1, timeout=REPLY_TIMEOUT)
        assert refused.text == "我只能读文字消息，请直接打字提问，例如“综合科负责什么”。"
        api.send_document(ADMIN, "2021年修订.txt", revised_notice(), user=user(ADMIN))
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert "共 15 个部分，34 项任务" in shown.text
        assert "【修订对比】新增 1 项，删除 1 项，修改 1 项，未变 32 项" in shown.text
        assert "修改：第19项：市环境信息中心：配合 → 牵头" in shown.text
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用"),
            REPLY_TIMEOUT,
        )
        assert api.message(ADMIN, shown.message_id)["text"] == (
            "已启用：2021年修订.txt（34 项任务）。已通知任务有变化的 2 个单位。"
        )
        [told] = api.wait_for_messages_sync(LI, 2, timeout=REPLY_TIMEOUT)[1:]
        assert told.text.startswith("【通知已更新】办公室启用了新的分工方案：综合科新增第35项。")
        [told] = api.wait_for_messages_sync(ZHANG, 1, timeout=REPLY_TIMEOUT)
        assert "办公室新增第35项，不再承担原第34项" in told.text
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        assert "联络员制度" in say(api, LI, "第35项是什么")
    finally:
        assert again.stop() == 0


def test_reports_follow_their_tasks_into_a_renumbered_notice(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        assert say(api, ZHANG, "第33项：台账已建立").startswith("已记录：办公室 第33项")
        lines = NOTICE.read_text(encoding="utf-8").splitlines()
        api.send_document(ADMIN, "修订.txt", swapped(lines).encode(), user=user(ADMIN))
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert "修改：第33项（原第34项）" in shown.text
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用"),
            REPLY_TIMEOUT,
        )
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        mine = say(api, ZHANG, "我科室进展")
        assert "第34项" in mine
        assert "台账已建立" in mine
        line_33 = next(line for line in mine.splitlines() if "第33项" in line)
        assert "台账已建立" not in line_33
    finally:
        assert again.stop() == 0
