"""The office's supervision commands through the real handlers: /overview and /missing.

From the notice: task 17 is led by 办公室, 信息中心 and 执法二科 with 各科室（单位）配合 (ten units
in all); task 24 is 办公室's, due 11-20 (a Saturday) and 12-10; the harness's day is Monday
2021-11-15.
"""

from __future__ import annotations

from tests.handlers.conftest import NOW, Harness
from tests.handlers.test_office import OFFICE_ONLY, admin

LI = 1002


async def test_the_overview_counts_all_34_tasks_and_warns_of_task_24(bot: Harness):
    [text] = await admin(bot, "/overview")
    lines = text.splitlines()
    assert lines[0] == "【督办总览】截至 2021年11月15日（周一）"
    assert lines[1] == "全部 34 项：已完成 0，进行中 0，有困难 0，未反馈 34，逾期 0"
    assert "十一、推进基层政务公开标准化规范化（2）未反馈 2" in lines
    assert "综合科（10）未反馈 10" in lines
    # 11-16 … 11-19 are the working days left before the Saturday due date.
    assert "【蓝】第24项 办公室 未反馈，截止 11月20日（周六），还有 4 个工作日" in lines


async def test_a_report_moves_the_counts_and_shows_in_the_drill_down(bot: Harness):
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    await bot.report(LI, "第17项：已办结留言128条", "李四")
    [text] = await admin(bot, "/overview")
    assert "全部 34 项：已完成 0，进行中 1，有困难 0，未反馈 33，逾期 0" in text
    assert "综合科（10）进行中 1 · 未反馈 9" in text
    [detail] = await admin(bot, "/overview 第17项")
    lines = detail.splitlines()
    assert lines[0] == "第17项：进行中（10 个单位，当前节点已反馈 1）"
    assert "责任单位：办公室、信息中心、执法二科牵头，各科室（单位）配合" in lines
    assert "· 办公室（牵头）未反馈" in lines
    assert (
        "· 综合科（配合，来自各科室（单位））进行中；最近 11-15 进行中：已办结留言128条" in lines
    )
    assert len([line for line in lines if line.startswith("· ")]) == 10


async def test_missing_lists_units_by_task_without_mentions(bot: Harness):
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    for task in (1, 2, 8, 9, 10, 11, 12, 13, 16, 17):  # every task 综合科 holds
        await bot.ask(LI, f"第{task}项：正在推进", "李四")
    [text] = await admin(bot, "/missing")
    assert "综合科" not in text
    assert "@" not in text
    assert "· 第1项" not in text  # 综合科 alone holds task 1, and it reported
    assert "· 第24项，截止 11月20日（周六）：办公室" in text


async def test_bad_arguments_and_non_admins(bot: Harness):
    assert await admin(bot, "/overview 第99项") == ["通知里没有第99项（共 34 项）。"]
    assert await admin(bot, "/overview abc") == [
        "用法：/overview 看全局；/overview 17 看第17项各单位的进展。"
    ]
    for command in ("/overview", "/missing", "/overview 17"):
        assert await bot.ask(LI, command, "李四") == OFFICE_ONLY
