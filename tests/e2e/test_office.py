"""The office's commands, their scoped menu, and polite refusals for everyone else."""

import pytest

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, user

LI = 2002


def command(api, chat, text):
    before = len(api.texts(chat))
    api.send_text(chat, text, user=user(chat, "办公室小陈" if chat == ADMIN else "李四"))
    api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)
    return api.texts(chat)[before]


def test_office_menu_only_for_admins(api, bot):
    api.wait_for_calls_sync("setMyCommands", 2, timeout=REPLY_TIMEOUT)
    everyone = [c["command"] for c in api.commands()]
    office = [c["command"] for c in api.commands({"type": "chat", "chat_id": ADMIN})]
    assert "pending" not in everyone
    assert {"pending", "users", "bind", "unbind", "reload"} <= set(office)
    assert set(everyone) < set(office)


@pytest.mark.parametrize(
    "text", ["/pending", "/users", "/bind 2002 综合科", "/unbind 2002", "/reload"]
)
def test_non_admins_are_refused(api, bot, text):
    assert command(api, LI, text) == "这是办公室管理员的命令，您没有权限使用。"


def test_bind_list_and_unbind(api, bot):
    assert command(api, ADMIN, "/users") == "还没有用户绑定单位。"
    assert command(api, ADMIN, "/bind 2002 执法2科") == "已将用户 2002 绑定到“执法二科”。"
    api.wait_for_messages_sync(LI, 1, timeout=REPLY_TIMEOUT)
    assert api.texts(LI)[0] == "办公室已将您绑定到“执法二科”。"
    assert "· 执法二科：[2002] 2002" in command(api, ADMIN, "/users")
    assert command(api, LI, "/my").startswith("执法二科（科室）")
    assert command(api, ADMIN, "/unbind 2002") == "已解除用户 2002 与“执法二科”的绑定。"
    assert command(api, ADMIN, "/unbind 2002") == "用户 2002 没有绑定任何单位。"


@pytest.mark.parametrize(
    ("text", "usage"),
    [
        ("/bind", "用法：/bind"),
        ("/bind abc 综合科", "用法：/bind"),
        ("/bind 2002 火星科", "用法：/bind"),
        ("/bind 2002 各市（区）分局", "用法：/bind"),
        ("/unbind", "用法：/unbind"),
        ("/unbind x", "用法：/unbind"),
    ],
)
def test_bad_office_commands_get_usage(api, bot, text, usage):
    assert command(api, ADMIN, text).startswith(usage)


def test_pending_requests_listed(api, bot):
    api.send_text(LI, "我是综合科", user=user(LI, "李四"))
    api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
    before = len(api.texts(ADMIN))
    api.send_text(ADMIN, "/pending", user=user(ADMIN, "办公室小陈"))
    head, item, rest = api.wait_for_messages_sync(ADMIN, before + 3, timeout=REPLY_TIMEOUT)[-3:]
    assert head.text == "待处理的绑定申请（1 条）："
    assert item.text.startswith(f"绑定申请 · 用户 ID {LI}\n姓名：李四\n申请加入：“综合科”")
    assert item.callback_data == [f"ok:{LI}:1", f"no:{LI}:1"]
    assert rest.text == "没有待审批的延期申请。\n没有待复核的“已完成”报告。"


def test_reload(api, bot):
    assert command(api, ADMIN, "/reload") == "已重新读入：34 项任务，17 个单位，4 处待处理问题。"


def test_anyone_can_learn_their_id_for_the_config(api, bot):
    assert command(api, LI, "/id").startswith(f"您的 Telegram 用户 ID 是 {LI}。")
    assert "id" in [c["command"] for c in api.commands()]
    # the admins and leaders also see the notice commands that only read
    assert "notices" in [c["command"] for c in api.commands({"type": "chat", "chat_id": ADMIN})]
