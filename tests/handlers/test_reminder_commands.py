"""Commands around reminders: /deadline, /paused, /users notes, and staff pausing by text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.ledger.deadlines import load_office_deadlines
from tests.conftest import ROOT
from tests.handlers.conftest import ADMIN, NOW, Build, Harness

ZHANG, LI = 1001, 1002
SHIPPED_DEADLINES = ROOT / "data" / "deadlines.toml"


async def admin(bot: Harness, text: str) -> list[str]:
    sent = await bot.text(ADMIN, text, "办公室小陈")
    return [m.text for m in sent if m.chat_id == ADMIN]


@pytest.fixture
async def office(build: Build, tmp_path: Path) -> Harness:
    """The bot with its own copy of the clerk's deadline file."""
    deadlines = tmp_path / "deadlines.toml"
    deadlines.write_text(SHIPPED_DEADLINES.read_text(encoding="utf-8"), encoding="utf-8")
    bot = await build(deadlines=deadlines)
    bot.core.bindings.bind(ZHANG, "张三", "办公室", NOW)
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    return bot


async def test_the_office_sets_and_clears_a_tasks_due_dates(office: Harness):
    answer = await admin(office, "/deadline 5 2021-12-15 2021年11月30日")
    assert answer == ["已设定第5项的截止日期（办公室设定）：2021年11月30日、2021年12月15日。"]
    path = office.core.config.deadlines
    assert load_office_deadlines(path) == {5: (date(2021, 11, 30), date(2021, 12, 15))}
    assert path.read_text(encoding="utf-8").startswith("#")  # the clerk's instructions stay
    detail = await office.ask(LI, "第5项")
    assert "截止：2021-11-30（办公室设定）" in detail
    answer = await admin(office, "/deadline 5 清除")
    assert answer == ["已清除第5项的办公室设定，恢复按通知原文或默认日期：2021年12月31日。"]
    assert load_office_deadlines(path) == {}


@pytest.mark.parametrize("text", ["/deadline", "/deadline 5", "/deadline 5 明天", "/deadline x"])
async def test_bad_deadline_commands_change_nothing(office: Harness, text: str):
    before = office.core.config.deadlines.read_bytes()
    [answer] = await admin(office, text)
    assert "/deadline" in answer or "日期" in answer
    assert office.core.config.deadlines.read_bytes() == before


async def test_a_deadline_for_a_task_the_notice_lacks_is_refused(office: Harness):
    before = office.core.config.deadlines.read_bytes()
    assert await admin(office, "/deadline 99 2021-12-15") == [
        "通知里没有第99项（共34项，第1项至第34项）。"
    ]
    assert office.core.config.deadlines.read_bytes() == before


async def test_staff_pause_and_resume_and_the_office_sees_it(office: Harness):
    reply = await office.ask(ZHANG, "暂停提醒到12月1日", "张三")
    assert reply == (
        "好的，2021年12月1日（含）之前不再给您发提醒，2021年12月2日起恢复。"
        "单位的其他同事照常收到。提前回来可发“恢复提醒”。"
    )
    assert office.core.pauses.paused_until(ZHANG, NOW.date()) == date(2021, 12, 1)
    assert await admin(office, "/paused") == [
        "暂停提醒的用户（1 人）：\n· 张三（办公室，ID 1001）至 12月1日"
    ]
    users = (await admin(office, "/users"))[0]
    assert "[1001] 张三（暂停提醒至12月1日）" in users
    assert await office.ask(ZHANG, "恢复提醒", "张三") == "好的，已恢复给您发提醒。"
    assert await office.ask(ZHANG, "恢复提醒", "张三") == "您的提醒没有暂停，无需恢复。"
    assert await admin(office, "/paused") == ["目前没有人暂停提醒。"]


async def test_a_pause_without_a_date_or_in_the_past_changes_nothing(office: Harness):
    before = office.store_bytes()
    assert "请写明到哪天" in await office.ask(ZHANG, "暂停提醒", "张三")
    assert "已经过去" in await office.ask(ZHANG, "暂停提醒到2020年12月1日", "张三")
    assert office.store_bytes() == before


async def test_an_unbound_user_cannot_pause(office: Harness):
    before = office.store_bytes()
    answer = await office.ask(4004, "休假到12月1日", "赵六")
    assert answer == "您还没有绑定单位，暂时不会收到提醒。发 /start 选择单位。"
    assert office.store_bytes() == before


async def test_a_question_that_mentions_pausing_is_still_answered(office: Harness):
    assert (await office.ask(LI, "综合科负责什么", "李四")).startswith("综合科（科室）")
    before = office.store_bytes()
    assert (await office.ask(LI, "第5项暂停了吗", "李四")).startswith(
        "第5项（三、做好财政信息公开）"
    )
    assert office.store_bytes() == before


async def test_unreachable_users_are_marked_for_the_office(office: Harness):
    office.core.unreachable.mark(LI, NOW)
    users = (await admin(office, "/users"))[0]
    assert "[1002] 李四（无法送达）" in users
