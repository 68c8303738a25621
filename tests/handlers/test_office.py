"""The office's commands through the real handlers: refusals, bind / unbind, lists, reload."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import UNITS
from tests.handlers.conftest import ADMIN, NOW, Build, Harness, user

LI = 2002
WANG = 3003
OFFICE_ONLY = "这是办公室管理员的命令，您没有权限使用。"


async def admin(bot: Harness, text: str) -> list[str]:
    """The admin sends `text`; returns what the admin got back."""
    sent = await bot.text(ADMIN, text, "办公室小陈")
    return [m.text for m in sent if m.chat_id == ADMIN]


@pytest.mark.parametrize(
    "text",
    [
        "/pending",
        "/users",
        "/bind 2002 综合科",
        "/bind 3003 执法一科",
        "/unbind 2002",
        "/unbind 3003",
        "/reload",
        "/bind",
        "/unbind x",
    ],
)
async def test_non_admins_are_refused_and_nothing_changes(bot: Harness, text: str):
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    bot.core.bindings.request(WANG, "王五", "办公室", NOW)
    knowledge = bot.core.knowledge
    before = bot.store_bytes()
    sent = await bot.text(LI, text, "李四")
    assert [(m.chat_id, m.text) for m in sent] == [(LI, OFFICE_ONLY)]
    assert bot.store_bytes() == before
    assert bot.core.knowledge is knowledge


async def test_office_commands_in_a_group_are_ignored(bot: Harness):
    bot.api.add_group(-100500, "办公室群")
    raw = bot.api.send_text(-100500, "/bind 2002 综合科", user=user(ADMIN))
    assert await bot.feed(raw) == []
    assert bot.store_bytes() == b""


async def test_bind_list_and_unbind(bot: Harness):
    assert await admin(bot, "/users") == ["还没有用户绑定单位。"]
    sent = await bot.text(ADMIN, "/bind 2002 执法2科")
    assert [(m.chat_id, m.text) for m in sent] == [
        (ADMIN, "已将用户 2002 绑定到“执法二科”。"),
        (LI, "办公室已将您绑定到“执法二科”。"),
    ]
    assert bot.core.bindings.unit_of(LI) == "执法二科"
    assert (await bot.ask(LI, "/my")).startswith("执法二科（科室）")

    assert await admin(bot, "/bind 3003 信息中心") == ["已将用户 3003 绑定到“市环境信息中心”。"]
    assert await admin(bot, "/users") == [
        "已绑定的用户（2 人）：\n· 执法二科：[2002] 2002\n· 市环境信息中心：[3003] 3003"
    ]

    sent = await bot.text(ADMIN, "/unbind 2002")
    assert [(m.chat_id, m.text) for m in sent] == [
        (ADMIN, "已解除用户 2002 与“执法二科”的绑定。"),
        (LI, "办公室已解除您与“执法二科”的绑定。"),
    ]
    assert bot.core.bindings.unit_of(LI) is None
    assert await admin(bot, "/unbind 2002") == ["用户 2002 没有绑定任何单位。"]
    assert await admin(bot, "/users") == ["已绑定的用户（1 人）：\n· 市环境信息中心：[3003] 3003"]


async def test_users_are_listed_in_registry_order(bot: Harness):
    bot.core.bindings.bind(7, "七", "恩平分局", NOW)
    bot.core.bindings.bind(5, "五", "办公室", NOW)
    bot.core.bindings.bind(6, "六", "恩平分局", NOW)
    bot.core.bindings.bind(8, "八", "已撤销科", NOW)  # no longer in the registry
    [listing] = await admin(bot, "/users")
    assert listing.splitlines() == [
        "已绑定的用户（4 人）：",
        "· 办公室：[5] 五",
        "· 恩平分局：[6] 六、[7] 七",
        "· 已撤销科：[8] 八",
    ]


async def test_bind_clears_a_pending_request(bot: Harness):
    bot.core.bindings.request(LI, "李四", "综合科", NOW)
    await admin(bot, "/bind 2002 办公室")
    assert bot.core.bindings.pending_of(LI) is None
    assert bot.core.bindings.unit_of(LI) == "办公室"


@pytest.mark.parametrize(
    ("text", "usage"),
    [
        ("/bind", "用法：/bind 用户ID 单位名称，例如 /bind 1001 综合科"),
        ("/bind 2002", "用法：/bind"),
        ("/bind abc 综合科", "用法：/bind"),
        ("/bind -5 综合科", "用法：/bind"),
        ("/bind 2002 火星科", "用法：/bind"),
        ("/bind 2002 各市（区）分局", "用法：/bind"),
        ("/bind 2002 执法三科", "用法：/bind"),
        ("/unbind", "用法：/unbind 用户ID，例如 /unbind 1001"),
        ("/unbind x", "用法：/unbind"),
        ("/unbind 1 2", "用法：/unbind"),
    ],
)
async def test_bad_office_commands_get_usage(bot: Harness, text: str, usage: str):
    [answer] = await admin(bot, text)
    assert answer.startswith(usage)
    assert bot.store_bytes() == b""


async def test_pending_lists_requests_oldest_first(bot: Harness):
    assert await admin(bot, "/pending") == [
        "没有待处理的绑定申请。\n没有待审批的延期申请。\n没有待复核的“已完成”报告。"
    ]
    await bot.text(LI, "我是综合科", "李四")
    bot.core.bindings.request(WANG, "王五", "蓬江分局", NOW.replace(hour=8, minute=5))
    assert await admin(bot, "/pending") == [
        "待处理的绑定申请（2 条）：",
        "绑定申请 · 用户 ID 3003\n姓名：王五\n申请加入：“蓬江分局”\n申请时间：11-15 08:05",
        "绑定申请 · 用户 ID 2002\n姓名：李四\n申请加入：“综合科”\n申请时间：11-15 09:00",
        "没有待审批的延期申请。\n没有待复核的“已完成”报告。",
    ]


async def test_a_request_approved_from_pending_updates_the_first_message_too(bot: Harness):
    [first] = [m for m in await bot.text(LI, "我是综合科", "李四") if m.chat_id == ADMIN]
    listed = [m for m in await bot.text(ADMIN, "/pending", "办公室小陈") if m.chat_id == ADMIN]
    item = listed[1]
    assert item.callback_data == [f"ok:{LI}:1", f"no:{LI}:1"]
    _, sent = await bot.press(ADMIN, item.message_id, f"ok:{LI}:1", name="小陈")
    assert [m.text for m in sent if m.chat_id == LI] == [
        "办公室已批准：您属于“综合科”。现在可以问“我科室负责什么”，或发 /my。"
    ]
    decided = "绑定申请 · 用户 ID 2002\n姓名：李四\n申请加入：“综合科”\n—— 已批准（小陈）"
    assert bot.api.message(ADMIN, item.message_id)["text"] == decided
    assert bot.api.message(ADMIN, first.message_id)["text"] == decided
    assert bot.core.bindings.unit_of(LI) == "综合科"


async def test_reload_reads_the_shipped_data_again(bot: Harness):
    old = bot.core.knowledge
    assert await admin(bot, "/reload") == ["已重新读入：34 项任务，17 个单位，4 处待处理问题。"]
    assert bot.core.knowledge is not old
    assert bot.core.knowledge.plan == old.plan
    assert (await bot.ask(LI, "综合科负责什么")).startswith("综合科（科室）：共 10 项")


async def test_reload_picks_up_a_new_unit(build: Build, tmp_path: Path):
    units = tmp_path / "units.toml"
    units.write_text(UNITS.read_text(encoding="utf-8"), encoding="utf-8")
    bot = await build(registry=units)
    with units.open("a", encoding="utf-8") as extra:
        extra.write('\n[[units]]\nname = "人事科"\nkind = "科室"\n')
    assert await admin(bot, "/reload") == ["已重新读入：34 项任务，18 个单位，4 处待处理问题。"]
    assert (await bot.ask(LI, "人事科负责什么")).startswith("人事科（科室）：共 7 项")


def broken_files(tmp_path: Path) -> dict[str, dict[str, Path]]:
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("[[units]\nname = 综合科\n", encoding="utf-8")
    duplicate = tmp_path / "duplicate.toml"
    duplicate.write_text(
        UNITS.read_text(encoding="utf-8") + '\n[[units]]\nname = "综合科"\nkind = "科室"\n',
        encoding="utf-8",
    )
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(UNITS.read_text(encoding="utf-8").encode("gbk"))
    empty_notice = tmp_path / "empty.txt"
    empty_notice.write_text("没有任何任务的通知\n", encoding="utf-8")
    return {
        "bad-toml": {"registry": bad_toml},
        "duplicate-name": {"registry": duplicate},
        "registry-missing": {"registry": tmp_path / "missing.toml"},
        "registry-in-gbk": {"registry": gbk},
        "notice-missing": {"notice": tmp_path / "missing.txt"},
        "notice-without-tasks": {"notice": empty_notice},
    }


@pytest.mark.parametrize(
    "case",
    [
        "bad-toml",
        "duplicate-name",
        "registry-missing",
        "registry-in-gbk",
        "notice-missing",
        "notice-without-tasks",
    ],
)
async def test_reload_failure_keeps_the_old_knowledge(build: Build, tmp_path: Path, case: str):
    bot = await build(**broken_files(tmp_path)[case])
    old = bot.core.knowledge
    [answer] = await admin(bot, "/reload")
    assert answer.startswith("重新读入失败，仍使用原来的数据：")
    assert "出错了" not in answer
    assert bot.core.knowledge is old
    assert (await bot.ask(LI, "第1项")).startswith("第1项（一、做好各类规划主动公开）")


async def test_reload_failure_names_the_file(build: Build, tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[units]\n", encoding="utf-8")
    bot = await build(registry=bad)
    [answer] = await admin(bot, "/reload")
    assert answer.startswith(f"重新读入失败，仍使用原来的数据：单位名录 {bad} 有误：TOML 格式错误")
