"""Importing a notice through the real handlers: the office's answers before 启用.

The notice sent is the shipped one with task 10's requirement reworded by half (a doubtful
match, tests.bot.revisions.test_diff) and a task 35 led by 宣传教育科, which data/units.toml lacks.
The registry the bot writes to is a copy of data/units.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.importing.texts import pending_line
from tests.bot.notice_files.hostile_files import big_text, grid_bomb
from tests.bot.revisions.test_diff import reworded_10
from tests.conftest import NOTICE, UNITS
from tests.handlers.conftest import ADMIN, Harness, user
from tests.handlers.test_office import OFFICE_ONLY

LI = 1002
NO_UNIT = "请先说明您是哪个单位（如“我是综合科”），办公室批准后再发佐证材料。"
TASK_35 = "\t35. 做好生态环境宣传教育信息公开。\t宣传教育科牵头"


@pytest.fixture
def units(tmp_path: Path) -> Path:
    path = tmp_path / "units.toml"
    shutil.copyfile(UNITS, path)
    return path


@pytest.fixture
async def office(build, units: Path) -> Harness:
    return await build(registry=units)


async def send(bot: Harness, plan) -> list:
    lines = NOTICE.read_text(encoding="utf-8").splitlines()
    data = f"{reworded_10(plan, lines)}\n{TASK_35}".encode()
    raw = bot.api.send_document(ADMIN, "修订.txt", data, user=user(ADMIN))
    return await bot.feed(raw)


async def test_each_question_gets_a_message_and_the_panel_comes_last(office: Harness, plan):
    summary, name, doubt, panel = await send(office, plan)
    assert "单位名录中没有的名称（1 个）：" in summary.text
    assert summary.buttons == []
    assert name.text == "单位名录中没有名称“宣传教育科”（第35项）。"
    assert doubt.text.startswith("是否同一项：第10项 ← 原第10项（相似度 ")
    assert panel.text.endswith(pending_line(1, 1))
    assert [b["text"] for row in panel.buttons for b in row] == [
        "启用",
        "取消",
        "改为：作为又一个通知启用",
        "导出为表格修改",
    ]
    for message in (name, doubt, panel):
        assert all(len(data.encode()) <= 64 for data in message.callback_data)


async def test_only_admins_may_answer(office: Harness, units: Path, plan):
    _, name, doubt, panel = await send(office, plan)
    before = units.read_bytes()
    # a staff member's client forges the office's buttons under a message of its own chat
    [own] = await office.feed(office.api.send_document(LI, "修订.txt", b"1. x", user=user(LI)))
    assert own.text == NO_UNIT
    for message in (name, doubt, panel):
        answer, sent = await office.press(
            LI, own.message_id, message.callback_data[0], forged=True
        )
        assert answer["text"] == OFFICE_ONLY
        assert sent == []
    assert units.read_bytes() == before
    assert office.api.message(ADMIN, panel.message_id)["text"] == panel.text


async def test_a_stale_or_forged_press_changes_nothing(office: Harness, units: Path, plan):
    _, name, doubt, panel = await send(office, plan)
    token = panel.callback_data[0].split(":")[1]
    stale = "0" * 8 if token != "0" * 8 else "1" * 8
    before = units.read_bytes()
    for data in (
        name.callback_data[0].replace(token, stale),
        f"iu:{token}:7:0",  # no such name
        f"iu:{token}:0:9",  # no such choice
        f"it:{token}:11:11:y",  # no such doubtful match
        doubt.callback_data[0].replace(token, stale),
    ):
        answer, sent = await office.press(ADMIN, name.message_id, data, forged=True)
        assert answer["text"].startswith("按钮已失效"), data
        assert sent == []
    assert units.read_bytes() == before
    # 取消 decides the import: every button of it is stale afterwards
    await office.press(ADMIN, panel.message_id, panel.callback_data[1])
    assert office.api.message(ADMIN, panel.message_id)["text"] == "已取消，原来的通知照常使用。"
    answer, _ = await office.press(ADMIN, name.message_id, name.callback_data[0])
    assert answer["text"].startswith("按钮已失效")
    assert units.read_bytes() == before


async def test_a_name_left_out_may_still_be_added(office: Harness, units: Path, plan):
    _, name, _, panel = await send(office, plan)
    labels = [row[0]["text"] for row in name.buttons]
    assert labels[-1] == "不加入名录"
    await office.press(ADMIN, name.message_id, name.callback_data[-1])
    left = office.api.message(ADMIN, name.message_id)
    assert left["text"] == "“宣传教育科”不加入单位名录，仍列为名录中没有的名称。启用前可以改选。"
    assert left["reply_markup"] == name.message["reply_markup"]
    assert office.api.message(ADMIN, panel.message_id)["text"].endswith(pending_line(0, 1))
    _, sent = await office.press(ADMIN, name.message_id, name.callback_data[0])
    assert labels[0] == "新增单位：科室"
    assert office.core.knowledge.registry.unit("宣传教育科").kind == "科室"
    reread, new_panel = sent
    assert reread.text.startswith("已按更新后的单位名录重新读入：")
    assert "单位名录中没有的名称" not in reread.text
    assert new_panel.text.endswith(pending_line(0, 1))


async def test_a_registry_that_cannot_be_written_keeps_the_question(build, tmp_path: Path, plan):
    office = await build(registry=tmp_path / "gone" / "units.toml")
    _, name, _, _ = await send(office, plan)
    _, sent = await office.press(ADMIN, name.message_id, name.callback_data[0])
    [failed] = sent
    assert failed.text.startswith("未能加入单位名录：无法读取单位名录")
    assert (
        office.api.message(ADMIN, name.message_id)["reply_markup"] == name.message["reply_markup"]
    )


async def test_enable_waits_for_every_doubtful_match(office: Harness, plan):
    _, _, doubt, panel = await send(office, plan)
    answer, sent = await office.press(ADMIN, panel.message_id, panel.callback_data[0])
    assert answer["text"] == "还有 1 项未确认是否同一项：请先逐项选择“是同一项”或“不是”，再启用。"
    assert answer["show_alert"]
    assert sent == []
    # an answer may change until 启用: 不是, then 是同一项
    yes, no = doubt.callback_data
    await office.press(ADMIN, doubt.message_id, no)
    assert office.api.message(ADMIN, doubt.message_id)["text"].endswith(
        "已选：不是（旧任务结束，新任务重新开始）。启用前可以改选。"
    )
    await office.press(ADMIN, doubt.message_id, yes)
    assert office.api.message(ADMIN, doubt.message_id)["text"].endswith(
        "已选：是同一项（进展随之迁移）。启用前可以改选。"
    )
    assert office.api.message(ADMIN, panel.message_id)["text"].endswith(pending_line(1, 0))
    answer, _ = await office.press(ADMIN, panel.message_id, panel.callback_data[0])
    assert answer.get("text") is None
    enabled = office.api.message(ADMIN, panel.message_id)["text"]
    assert enabled.startswith("已启用：修订.txt（35 项任务）。")
    # 宣传教育科 was left out: task 35 is read with an unknown unit, task 10 continues
    assert office.core.knowledge.plan.task(10).requirement.endswith("并结合本地实际细化落实措施。")
    assert office.core.ledger.history() == []  # every old task kept its number: nothing to move


# --- files that are not read -------------------------------------------------------------------


async def test_a_file_from_anyone_but_an_admin_is_not_downloaded_as_a_notice(office: Harness):
    """Anyone else's file is 佐证材料 for their unit, never read as a notice; with no unit it
    is not even downloaded."""
    raw = office.api.send_document(LI, "全表.xlsx", grid_bomb(), user=user(LI))
    [reply] = await office.feed(raw)
    assert reply.text == NO_UNIT
    assert office.api.calls("getFile") == []


async def test_a_file_too_big_to_be_a_notice_is_not_downloaded(office: Harness):
    raw = office.api.send_document(ADMIN, "大.txt", big_text(), user=user(ADMIN))
    [reply] = await office.feed(raw)
    assert reply.text.startswith("通知文件 大.txt 有误：文件过大（30.0 MB）")
    assert office.api.calls("getFile") == []


async def test_a_refused_file_leaves_nothing_pending(office: Harness):
    raw = office.api.send_document(ADMIN, "全表.xlsx", grid_bomb(), user=user(ADMIN))
    [reply] = await office.feed(raw)
    assert reply.text.startswith("通知文件 全表.xlsx 有误：表格行数超过 5000")
    assert len(office.api.calls("getFile")) == 1
    assert office.app.bot_data.get("pending_imports", {}) == {}
