"""延期申请 and 退回 with the real bot: staff ask, the office taps 同意, the unit is told.

From the notice: task 24 is 办公室's, due 2021年11月20日 (a Saturday) and 12月10日; every other
task is due at the year end. The 17 units of the registry hold 213 (task, unit) duties, so with
task 24's second date there are 214 milestones (tests/bot/office/test_weekly.py counts them).
"""

from __future__ import annotations

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, RunningBot, launch, user
from tests.e2e.test_nudges import seed
from tests.e2e.test_office import command
from tests.e2e.test_progress import say

ZHANG = 1001


def test_an_extension_is_granted_and_a_done_report_sent_back(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        answer = say(api, ZHANG, "申请延期 第24项 到11月30日，理由：上级平台升级暂停发布")
        assert answer.startswith(
            "已提交延期申请：办公室 第24项 11月20日（周六） → 11月30日（周二）"
        )
        [request] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert request.text.startswith("【延期申请】办公室（张三，11月16日 10:00")
        told = len(api.sent(ZHANG))
        api.press_button(ADMIN, request.message_id, request.callback_data[0], user=user(ADMIN))
        granted = api.wait_for_messages_sync(ZHANG, told + 1, timeout=REPLY_TIMEOUT)[told]
        assert granted.text.startswith(
            "办公室已同意延期：办公室 第24项截止日期由 11月20日（周六） 改为 11月30日（周二）"
        )
        assert api.message(ADMIN, request.message_id)["text"].endswith("——已同意（张三）")

        overview = command(api, ADMIN, "/overview 24")
        assert "当前节点：11月30日（周二）" in overview
        assert say(api, ZHANG, "第24项已完成").startswith("已记录：办公室 第24项 已完成")
        told = len(api.sent(ZHANG))
        confirm = command(api, ADMIN, "/return 24 办公室 目录缺少执法类信息，请补充")
        assert confirm.startswith("已退回：办公室 第24项的“已完成”报告")
        back = api.wait_for_messages_sync(ZHANG, told + 1, timeout=REPLY_TIMEOUT)[told]
        assert back.text.startswith("办公室退回了办公室第24项的“已完成”报告")
        assert "第24项：进行中" in command(api, ADMIN, "/overview 24")
        # Done again on 11-16: the moved 11-30 milestone closes 14 days early (on time).
        assert say(api, ZHANG, "第24项已完成").startswith("已记录：办公室 第24项 已完成")
        ontime = ontime_lines(overview_text(api))
        assert ontime[1] == (
            "全部：按期 1 · 逾期完成 0 · 逾期未完成 0 · 未到期 213；按期完成率 100%；"
            "完成日中位：截止前 14 天"
        )
    finally:
        assert running.stop() == 0
    check_the_on_time_figures_later(
        api, launch(api, tmp_path, "--now", "2021-12-13T10:00:00+08:00")
    )


def check_the_on_time_figures_later(api, running: RunningBot) -> None:
    """Monday 12-13: 办公室's 12-10 milestone is open and overdue, then closed 3 days late."""
    try:
        ontime = ontime_lines(overview_text(api))
        assert ontime[1] == (
            "全部：按期 1 · 逾期完成 0 · 逾期未完成 1 · 未到期 212；按期完成率 50%；"
            "完成日中位：截止前 14 天"
        )
        assert say(api, ZHANG, "第24项已完成").startswith("已记录：办公室 第24项 已完成")
        ontime = ontime_lines(overview_text(api))
        # Closed: 11-30 (moved) 14 days early, 12-10 3 days late; median (-14 + 3) / 2.
        assert ontime[1] == (
            "全部：按期 1 · 逾期完成 1 · 逾期未完成 0 · 未到期 212；按期完成率 50%；"
            "完成日中位：截止前 5.5 天"
        )
        [office] = [line for line in ontime if line.startswith("办公室：")]
        assert office.startswith("办公室：按期 1 · 逾期完成 1 · 逾期未完成 0 · 未到期 ")
        assert office.endswith("；按期完成率 50%；完成日中位：截止前 5.5 天")
        assert "其余 16 个单位：暂无已完成或已到期的节点" in ontime
    finally:
        assert running.stop() == 0


def overview_text(api) -> str:
    """The office's /overview (waiting past any digest the bot sends at start)."""
    before = len(api.texts(ADMIN))
    api.send_text(ADMIN, "/overview", user=user(ADMIN))
    found = api.wait_for_sync(
        lambda: any(t.startswith("【督办总览】") for t in api.texts(ADMIN)[before:]),
        REPLY_TIMEOUT,
    )
    assert found, api.texts(ADMIN)[before:]
    return next(t for t in api.texts(ADMIN)[before:] if t.startswith("【督办总览】"))


def ontime_lines(overview: str) -> list[str]:
    """The overview's 按期完成 part: its heading to the line before the next blank one."""
    lines = overview.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("按期完成（"))
    return lines[start : lines.index("", start)]


def test_a_late_request_and_a_non_admin_are_refused(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-22T10:00:00+08:00")
    try:
        # Its first start: the 09:00 overdue nudge lies before it and is not sent (no race).
        answer = say(api, ZHANG, "申请延期 第24项 到11月30日，理由：上级平台升级暂停发布")
        assert answer.startswith("第24项的截止日期 2021年11月20日 已过，不能再申请延期。")
        assert command(api, ZHANG, "/return 24 办公室 理由") == (
            "这是办公室管理员的命令，您没有权限使用。"
        )
        assert not [m for m in api.sent(ADMIN) if m.text.startswith("【延期申请】")]
    finally:
        assert running.stop() == 0
