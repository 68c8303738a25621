"""A unit's work group chat through the real handlers.

From the notice: task 24 is 办公室's (due 2021年11月20日, a Saturday, so its five-working-days
nudge is on Monday 11-15, the harness's day); 综合科 holds task 17 but not 24.
"""

from __future__ import annotations

import pytest

from tests.handlers.conftest import ADMIN, NOW, Harness, user
from tests.handlers.test_nudging import at, texts_to, wake

ZHANG, WANG, LI = 1001, 1003, 1002
GROUP = -100777
BOT = "@fengong_test_bot"


@pytest.fixture
async def staff(bot: Harness) -> Harness:
    bot.core.bindings.bind(ZHANG, "张三", "办公室", NOW)
    bot.core.bindings.bind(WANG, "王五", "办公室", NOW)
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    bot.api.add_group(GROUP, "办公室工作群")
    return bot


async def in_group(bot: Harness, who: int, text: str, **extra) -> list[str]:
    """`who` writes `text` in the group; returns what the bot said in the group."""
    raw = bot.api.send_text(GROUP, text, user=user(who, "张三"), **extra)
    return [m.text for m in await bot.feed(raw) if m.chat_id == GROUP]


async def test_a_unit_member_registers_the_group_and_nudges_go_there(staff: Harness):
    [answer] = await in_group(staff, ZHANG, "/group 办公室")
    assert answer.startswith("已将本群登记为办公室的工作群")
    await wake(staff, at(15, 8))
    await wake(staff, at(15, 9))
    [nudge] = texts_to(staff, GROUP)[1:]
    assert "第24项" in nudge
    assert texts_to(staff, ZHANG) == []  # not person by person any more
    assert texts_to(staff, WANG) == []


async def test_replies_and_mentions_in_the_group_count_for_the_unit(staff: Harness):
    await in_group(staff, ZHANG, "/group 办公室")
    await wake(staff, at(15, 8))
    await wake(staff, at(15, 9))
    nudge = staff.api.sent(GROUP)[-1]
    # 王五 replies to the nudge; the report is 办公室's, made by 王五.
    [answer] = await in_group(staff, WANG, "目录编制进行中", reply_to_message_id=nudge.message_id)
    assert answer.startswith("已记录：办公室 第24项 进行中")
    latest = staff.core.ledger.latest(24, "办公室")
    assert (latest.user, latest.text) == (WANG, "目录编制进行中")
    # 李四 of 综合科 writes in 办公室's group: it counts for 办公室 there.
    # (a simple form, recorded at once: one task, one status word)
    [answer] = await in_group(staff, LI, f"{BOT} 第33项：台账正在跟进")
    assert answer.startswith("已记录：办公室 第33项 进行中")
    # A button under the group's nudge.
    answer, _ = await staff.press(GROUP, nudge.message_id, "s:24:20211120:c", WANG)
    assert staff.core.ledger.latest(24, "办公室").status.value == "已完成"


async def test_the_bot_keeps_quiet_unless_addressed(staff: Harness):
    await in_group(staff, ZHANG, "/group 办公室")
    assert await in_group(staff, ZHANG, "第24项：目录已编制") == []
    assert await in_group(staff, ZHANG, "大家好") == []
    assert staff.core.ledger.history() == []
    [answer] = await in_group(staff, ZHANG, f"{BOT} 第24项谁负责")
    assert "办公室" in answer


async def test_only_the_units_people_or_an_admin_register_and_remove(staff: Harness):
    [refused] = await in_group(staff, LI, "/group 办公室")
    assert refused == "只有办公室已绑定的同事或办公室管理员可以为办公室登记工作群。"
    assert staff.core.groups.unit_of(GROUP) is None
    [done] = await in_group(staff, ADMIN, "/group 办公室")
    assert done.startswith("已将本群登记为办公室的工作群")
    assert await in_group(staff, LI, "/ungroup") == [
        "只有办公室已绑定的同事或办公室管理员可以为办公室登记工作群。"
    ]
    assert await in_group(staff, WANG, "/ungroup") == [
        "已取消本群作为办公室工作群的登记，办公室的提醒恢复逐人私聊发送。"
    ]
    assert staff.core.groups.unit_of(GROUP) is None


async def test_registering_elsewhere_moves_the_units_group(staff: Harness):
    await in_group(staff, ZHANG, "/group 办公室")
    staff.api.add_group(-100888, "办公室新群")
    raw = staff.api.send_text(-100888, "/group 办公室", user=user(ZHANG))
    [answer] = [m.text for m in await staff.feed(raw) if m.chat_id == -100888]
    assert answer.endswith("（办公室原先登记的工作群“办公室工作群”已取消。）")
    assert staff.core.groups.group_of("办公室").chat_id == -100888
    assert staff.core.groups.unit_of(GROUP) is None


async def test_group_command_in_a_private_chat_and_bad_units(staff: Harness):
    assert await staff.ask(ZHANG, "/group 办公室") == "这个命令要在单位的工作群里使用。"
    assert await in_group(staff, ZHANG, "/group") == [
        "在单位工作群里发“/group 单位名称”，例如 /group 综合科，把本群登记为该单位的工作群。"
    ]
    assert await in_group(staff, ZHANG, "/group 不存在科") == [
        "没有找到单位“不存在科”，请写单位全称或常用简称。"
    ]
