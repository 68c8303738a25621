"""Reporting progress through the real handlers: typed, replied to a nudge, or by button.

From the notice: 综合科 holds tasks 1, 2, 8, 9, 10, 11, 12, 13, 16 and 17 (17 as 配合 through
各科室（单位）) and has no role in task 24, which 办公室 leads (due 2021-11-20 and 12-10).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.ledger.reports import Status
from tests.handlers.conftest import ADMIN, NOW, Harness
from tests.handlers.test_nudging import at, texts_to, wake

ZHANG, LI = 1001, 1002
LI_USER = {"id": LI, "is_bot": False, "first_name": "李四"}


@pytest.fixture
async def staff(bot: Harness) -> Harness:
    bot.core.bindings.bind(ZHANG, "张三", "办公室", NOW)
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    return bot


async def test_a_typed_report_is_recorded_before_it_is_acknowledged(staff: Harness):
    raw = staff.api.send_text(LI, "第17项：留言正在办理", user=LI_USER)  # a simple form
    [answer] = await staff.feed(raw)
    assert answer.text.startswith("已记录：综合科 第17项 进行中（11月15日 09:00）：留言正在办理。")
    [entry] = staff.core.ledger.history()
    assert (entry.unit, entry.tasks, entry.text, entry.user) == (
        "综合科",
        (17,),
        "留言正在办理",
        LI,
    )
    assert staff.core.ledger.store.find(LI, raw["message"]["message_id"]) is not None


async def test_a_re_delivered_report_is_recorded_once_and_acknowledged_again(staff: Harness):
    raw = staff.api.send_text(LI, "第17项：留言正在办理", user=LI_USER)
    [first] = await staff.feed(raw)
    staff.core.clock = lambda: NOW.replace(minute=5)  # after a crash and restart
    sent = await staff.feed(raw)  # Telegram delivers the same update again
    # The same 已记录, time included: the user may never have seen the first one.
    assert [m.text for m in sent] == [first.text]
    assert first.text.startswith("已记录：综合科 第17项 进行中（11月15日 09:00）")
    assert len(staff.core.ledger.history()) == 1


async def test_a_re_delivered_withdrawal_withdraws_nothing_more(staff: Harness):
    await staff.report(LI, "第17项：初稿已完成", "李四")
    await staff.report(LI, "第17项：已报送两篇", "李四")
    raw = staff.api.send_text(LI, "撤回", user=LI_USER)
    await staff.feed(raw)
    sent = await staff.feed(raw)
    assert [m.text for m in sent] == ["这条消息已经记录过了。"]
    assert staff.core.ledger.latest(17, "综合科").text == "初稿已完成"
    assert [e.kind for e in staff.core.ledger.history()] == ["r", "r", "w"]


async def test_a_report_on_a_task_the_unit_does_not_hold_records_nothing(staff: Harness):
    answer = await staff.ask(LI, "第24项：目录已编制", "李四")
    assert answer == "综合科在第24项中没有任务，未记录。请检查项号。"
    assert staff.core.ledger.history() == []


async def test_a_report_naming_no_task_asks_which(staff: Harness):
    [question] = await staff.text(LI, "进展：稿件已报送两篇", "李四")
    assert question.text.startswith("这条进展是哪一项的？")
    assert "r:17" in question.callback_data
    answer, [proposed] = await staff.press(LI, question.message_id, "r:17", name="李四")
    # a count is not a simple form: proposed on the chosen task, recorded on 确认
    assert proposed.text.startswith("将记录为：第17项 进行中（稿件已报送两篇）")
    assert staff.core.ledger.history() == []
    _, sent = await staff.press(LI, proposed.message_id, proposed.callback_data[0], name="李四")
    assert sent[0].text.startswith("已记录：综合科 第17项 进行中")
    assert staff.core.ledger.latest(17, "综合科").text == "稿件已报送两篇"


async def test_withdraw_and_amend_keep_the_history(staff: Harness):
    await staff.report(LI, "第17项：已办结留言128条", "李四")
    amended = await staff.ask(LI, "修改：已办结留言130条", "李四")
    assert amended.startswith("已修改 11月15日 09:00 的进展：第17项 进行中：已办结留言130条")
    assert staff.core.ledger.latest(17, "综合科").text == "已办结留言130条"
    withdrawn = await staff.ask(LI, "撤回", "李四")
    assert withdrawn.startswith("已撤回 11月15日 09:00 的进展（第17项")
    assert staff.core.ledger.latest(17, "综合科") is None
    assert [e.kind for e in staff.core.ledger.history()] == ["r", "a", "w"]


async def test_my_units_progress_and_a_tasks_coverage(staff: Harness):
    await staff.report(LI, "第17项：已办结留言128条", "李四")
    mine = await staff.ask(LI, "我科室进展", "李四")
    assert mine.startswith("综合科进展：共 10 项，已报告 1 项，未报告 9 项")
    assert "· 第17项（配合）进行中 11-15：已办结留言128条" in mine
    coverage = await staff.ask(ZHANG, "第17项进展如何", "张三")
    assert "· 综合科（配合，来自“各科室（单位）”）进行中" in coverage
    assert "未报告：办公室（牵头）" in coverage


async def test_nudge_buttons_and_a_reply_to_a_nudge(staff: Harness):
    await wake(staff, at(15, 8))
    await wake(staff, at(15, 9))
    [nudge] = staff.api.sent(ZHANG)
    _, sent = await staff.press(ZHANG, nudge.message_id, "s:24:20211120:p", name="张三")
    assert sent[0].text.startswith("已记录：办公室 第24项 进行中")
    raw = staff.api.send_text(
        ZHANG,
        "目录编制进行中",  # a simple form: recorded at once
        user={"id": ZHANG, "is_bot": False, "first_name": "张三"},
        reply_to_message_id=nudge.message_id,
    )
    [answer] = [m for m in await staff.feed(raw) if m.chat_id == ZHANG]
    assert answer.text.startswith(
        "已记录：办公室 第24项 进行中（11月15日 09:00）：目录编制进行中。"
    )
    _, sent = await staff.press(ZHANG, nudge.message_id, "s:24:20211120:h", name="张三")
    assert sent[0].text == "第24项遇到了什么困难？请用一句话回复，办公室会在督办汇总里看到。"
    blocked = await staff.ask(ZHANG, "缺少平台账号", "张三")
    assert blocked.startswith("已记录：办公室 第24项 有困难")
    assert staff.core.ledger.latest(24, "办公室").status is Status.BLOCKED
    assert (24, "办公室", date(2021, 11, 20)) not in staff.core.ledger.done()
    assert len(texts_to(staff, ZHANG)) == 5  # nudge, three 已记录 and the question


async def test_a_difficulty_reaches_the_office_in_the_next_digest(staff: Harness):
    staff.core.clock = lambda: at(15, 10)
    await staff.ask(LI, "第17项有困难：缺少平台账号", "李四")
    await wake(staff, at(15, 8))
    await wake(staff, at(16, 9))  # the next send time: no overdue, but a new 有困难
    [digest] = [t for t in texts_to(staff, ADMIN) if t.startswith("【督办汇总】")]
    assert "【有困难】1 条，请协调：" in digest
    assert "· 第17项 综合科（李四，11月15日 10:00）：有困难：缺少平台账号" in digest
    await wake(staff, at(17, 9))  # nothing new: no second digest
    assert len([t for t in texts_to(staff, ADMIN) if t.startswith("【督办汇总】")]) == 1


async def test_a_correction_naming_a_task_the_unit_does_not_hold_changes_nothing(staff: Harness):
    await staff.report(LI, "第17项：已办结留言128条", "李四")
    answer = await staff.ask(LI, "修改 第24项：目录已编制", "李四")
    assert answer == "综合科在第24项中没有任务，未记录。请检查项号。"
    assert [e.kind for e in staff.core.ledger.history()] == ["r"]
    assert staff.core.ledger.latest(17, "综合科").text == "已办结留言128条"
