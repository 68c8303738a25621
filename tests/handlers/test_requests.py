"""延期申请 and 退回 through the real handlers.

From the notice: task 24 is 办公室's, due 2021年11月20日 (a Saturday) and 12月10日; 综合科 has
no role in it. The harness's day is Monday 2021-11-15.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.office.overview import Standing, build_overview
from tests.handlers.conftest import ADMIN, NOW, Harness
from tests.handlers.test_nudging import at, texts_to, wake
from tests.handlers.test_office import OFFICE_ONLY, admin

ZHANG, LI = 1001, 1002
OLD, NEW = date(2021, 11, 20), date(2021, 11, 30)


@pytest.fixture
async def staff(bot: Harness) -> Harness:
    bot.core.bindings.bind(ZHANG, "张三", "办公室", NOW)
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    return bot


async def _request(staff: Harness) -> tuple[str, list]:
    sent = await staff.text(ZHANG, "申请延期 第24项 到11月30日，理由：上级平台升级暂停发布")
    mine = [m.text for m in sent if m.chat_id == ZHANG]
    office = [m for m in sent if m.chat_id == ADMIN]
    return mine[0], office


async def test_pending_lists_a_request_and_its_refusal_from_there_reaches_the_unit(
    staff: Harness,
):
    _, [to_office] = await _request(staff)
    listed = [m for m in await staff.text(ADMIN, "/pending", "小陈") if m.chat_id == ADMIN]
    assert [m.text for m in listed] == [
        "没有待处理的绑定申请。\n待审批的延期申请（1 条）：",
        to_office.text,
        "没有待复核的“已完成”报告。",
    ]
    assert listed[1].callback_data == to_office.callback_data
    refuse = to_office.callback_data[1]
    _, sent = await staff.press(ADMIN, listed[1].message_id, refuse, name="小陈")
    decided = staff.api.message(ADMIN, listed[1].message_id)["text"]
    assert decided == f"{to_office.text}\n——已驳回（小陈）"
    assert [m.text for m in sent if m.chat_id == ZHANG] == [
        "办公室未同意办公室第24项的延期申请（原申请延至 11月30日（周二）），"
        "请按原截止日期 11月20日（周六） 办理；有困难请联系办公室。"
    ]
    assert staff.core.ledger.moved() == {}
    assert await admin(staff, "/pending") == [
        "没有待处理的绑定申请。\n没有待审批的延期申请。\n没有待复核的“已完成”报告。"
    ]


async def test_a_request_goes_to_the_office_and_a_grant_moves_the_due_date(staff: Harness):
    answer, [to_office] = await _request(staff)
    assert answer == (
        "已提交延期申请：办公室 第24项 11月20日（周六） → 11月30日（周二），"
        "理由：上级平台升级暂停发布。办公室审批后会通知您。"
    )
    assert to_office.text.startswith("【延期申请】办公室（张三，11月15日 09:00）")
    [[grant, refuse]] = to_office.buttons
    assert (grant["text"], refuse["text"]) == ("同意", "驳回")
    _, sent = await staff.press(ADMIN, to_office.message_id, grant["callback_data"], name="小陈")
    assert staff.api.message(ADMIN, to_office.message_id)["text"].endswith("——已同意（小陈）")
    assert [m.text for m in sent if m.chat_id == ZHANG] == [
        "办公室已同意延期：办公室 第24项截止日期由 11月20日（周六） 改为 11月30日（周二），"
        "提醒按新日期发送。"
    ]
    assert staff.core.ledger.moved() == {(24, "办公室", OLD): NEW}
    [row] = build_overview(staff.core.knowledge, staff.core.ledger, NOW.date()).of_task(24)
    assert row.due == NEW
    # A report now counts for the new date, and the history keeps the whole exchange.
    await staff.ask(ZHANG, "第24项已完成", "张三")
    assert (24, "办公室", NEW) in staff.core.ledger.done()
    assert [e.kind for e in staff.core.ledger.history()] == ["x", "d", "r"]
    # The buttons are gone; a tap on another admin's copy decides nothing again.
    answer, _ = await staff.press(
        ADMIN, to_office.message_id, refuse["callback_data"], forged=True
    )
    assert answer["text"].startswith("这条申请已由小陈于 11-15 09:00 同意")


async def test_a_refusal_keeps_the_due_date_and_tells_the_unit(staff: Harness):
    _, [to_office] = await _request(staff)
    _, sent = await staff.press(ADMIN, to_office.message_id, to_office.callback_data[1])
    [told] = [m.text for m in sent if m.chat_id == ZHANG]
    assert told.startswith("办公室未同意办公室第24项的延期申请")
    assert "请按原截止日期 11月20日（周六） 办理" in told
    assert staff.core.ledger.moved() == {}


async def test_only_admins_decide(staff: Harness):
    _, [to_office] = await _request(staff)
    [own] = staff.api.sent(ZHANG)  # a modified client sends the office's button data
    answer, sent = await staff.press(
        ZHANG, own.message_id, to_office.callback_data[0], forged=True
    )
    assert answer["text"] == OFFICE_ONLY
    assert sent == []
    assert staff.core.ledger.open_request(24, "办公室") is not None


async def test_the_nudge_button_asks_for_one_line(staff: Harness):
    await wake(staff, at(15, 8))
    await wake(staff, at(15, 9))
    [nudge] = staff.api.sent(ZHANG)
    _, sent = await staff.press(ZHANG, nudge.message_id, "s:24:20211120:e", name="张三")
    assert sent[0].text.startswith("申请延期第24项：请用一句话写新的日期和理由")
    assert await staff.ask(ZHANG, "11月30日", "张三") == (
        "请一并写明延期理由，例如：12月20日，上级平台升级暂停发布"
    )
    answer = await staff.ask(ZHANG, "11月30日，上级平台升级", "张三")
    assert answer.startswith("已提交延期申请：办公室 第24项 11月20日（周六） → 11月30日（周二）")
    assert texts_to(staff, ADMIN)[-1].startswith("【延期申请】办公室")


@pytest.mark.parametrize(
    ("who", "text", "when", "refusal"),
    [
        (
            ZHANG,
            "申请延期 第24项 到11月30日，平台升级",
            at(22, 9),
            "第24项的截止日期 2021年11月20日 已过，不能再申请延期。",
        ),
        (ZHANG, "申请延期 第24项 到11月19日，平台升级", NOW, "新日期应晚于现在的截止日期"),
        (LI, "申请延期 第24项 到11月30日，平台升级", NOW, "综合科在第24项中没有任务"),
        (ZHANG, "申请延期 第99项 到11月30日，平台升级", NOW, "通知里没有第99项"),
    ],
)
async def test_requests_that_are_refused_record_nothing(staff, who, text, when, refusal):
    staff.core.clock = lambda: when
    answer = await staff.ask(who, text)
    assert answer.startswith(refusal)
    assert staff.core.ledger.history() == []
    assert texts_to(staff, ADMIN) == []


async def test_one_open_request_at_a_time(staff: Harness):
    await _request(staff)
    answer = await staff.ask(ZHANG, "申请延期 第24项 到12月1日，平台升级")
    assert answer == "办公室第24项已有一条延期申请在等办公室审批，请耐心等待。"


async def test_the_office_sends_a_done_report_back(staff: Harness):
    await staff.ask(ZHANG, "第24项已完成", "张三")
    assert (24, "办公室", OLD) in staff.core.ledger.done()
    sent = await staff.text(ADMIN, "/return 24 办公室 目录缺少执法类信息，请补充", "小陈")
    [confirm] = [m.text for m in sent if m.chat_id == ADMIN]
    assert confirm.startswith("已退回：办公室 第24项的“已完成”报告（11月15日 09:00）")
    [told] = [m.text for m in sent if m.chat_id == ZHANG]
    assert told == (
        "办公室退回了办公室第24项的“已完成”报告（11月15日 09:00），"
        "理由：目录缺少执法类信息，请补充。此项恢复为进行中，提醒将继续；办理后请再报告。"
    )
    assert (24, "办公室", OLD) not in staff.core.ledger.done()
    [row] = build_overview(staff.core.knowledge, staff.core.ledger, NOW.date()).of_task(24)
    assert (row.due, row.standing) == (OLD, Standing.ONGOING)
    assert [e.kind for e in staff.core.ledger.history()] == ["r", "b"]
    again = await admin(staff, "/return 24 办公室 再退一次")
    assert again == ["办公室第24项目前没有“已完成”的报告，无需退回。"]


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/return 24 办公室", "用法：/return 项号 单位 理由"),
        ("/return 99 办公室 理由", "通知里没有第99项（共 34 项）。"),
        ("/return 24 不存在的科 理由", "没有找到单位“不存在的科”"),
    ],
)
async def test_bad_returns_change_nothing(staff: Harness, text: str, reply: str):
    [answer] = await admin(staff, text)
    assert answer.startswith(reply)
    assert staff.core.ledger.history() == []


async def test_only_admins_send_back(staff: Harness):
    await staff.ask(ZHANG, "第24项已完成", "张三")
    assert await staff.ask(LI, "/return 24 办公室 理由", "李四") == OFFICE_ONLY
    assert [e.kind for e in staff.core.ledger.history()] == ["r"]


async def test_after_a_grant_the_nudges_follow_the_new_date(staff: Harness):
    _, [to_office] = await _request(staff)
    await staff.press(ADMIN, to_office.message_id, to_office.callback_data[0])
    before = len(texts_to(staff, ZHANG))
    nudger = await wake(staff, at(15, 8))
    await wake(staff, at(19, 9), nudger)  # the old due date's d1: nothing about 11-20
    assert not [t for t in texts_to(staff, ZHANG)[before:] if "11月20日" in t]
    await wake(staff, at(23, 9), nudger)  # five working days before 11-30
    [nudge] = [t for t in texts_to(staff, ZHANG)[before:] if "第24项" in t]
    assert "截止 11月30日（周二），还有 5 个工作日" in nudge
