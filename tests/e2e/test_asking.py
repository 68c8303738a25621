"""Staff ask from their phones: every question form over real HTTP through PTB."""

import pytest

from tests.e2e.conftest import REPLY_TIMEOUT, launch, user

ZHANG = 1001


def ask(api, text, chat=ZHANG):
    before = len(api.texts(chat))
    api.send_text(chat, text, user=user(chat))
    api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)
    return api.texts(chat)[before]


def test_start_greets_in_three_lines_and_offers_the_units(api, bot):
    api.send_command(ZHANG, "start", user=user(ZHANG))
    greeting, picker = api.wait_for_messages_sync(ZHANG, 2, timeout=REPLY_TIMEOUT)
    assert picker.text == "请选择您所在单位的类别："
    assert [b["text"] for row in picker.buttons for b in row] == [
        "科室",
        "党组织",
        "直属事业单位",
        "分局",
    ]
    lines = greeting.text.splitlines()
    assert lines[0] == "您好，我是分工助手。"
    assert len(lines) == 4
    assert all(line.startswith("· ") for line in lines[1:])


def test_command_menu_is_set(api, bot):
    api.wait_for_calls_sync("setMyCommands", 1, timeout=REPLY_TIMEOUT)
    names = [c["command"] for c in api.commands()]
    assert names[:5] == ["start", "help", "my", "task", "units"]


@pytest.mark.parametrize(
    ("question", "starts_with", "contains"),
    [
        ("综合科负责什么", "综合科（科室）：共 10 项，牵头 1 项、负责 6 项、配合 3 项", "· 第2项"),
        ("执法2科的任务", "执法二科（科室）", "· 第28项"),
        ("信息中心", "市环境信息中心（直属事业单位）", "· 第7项"),
        (
            "第17项是什么",
            "第17项（八、切实增强回应关切效果）",
            "牵头：办公室、市环境信息中心、执法二科",
        ),
        ("第17项谁负责", "第17项", "配合：各科室（单位）（办公室、综合科"),
        # 政策 and 解读 in any order: tasks 1, 10, 11, 12, 16, 31 and section 七's 13, 14
        ("谁牵头政策解读", "和“政策解读”有关的任务：共 8 项", "  牵头：办公室"),
        ("第十二部分有哪些任务", "十二、提高依申请公开工作质量：共 3 项", "· 第27项"),
        ("各单位任务总览", "全部 17 个单位", "· 办公室 23 项"),
        ("待明确", "以下统称的范围待办公室明确", "各相关科室（单位）：第15、24、25、26、29项"),
    ],
    ids=[
        "unit",
        "digit-unit",
        "alias",
        "task",
        "task-owners",
        "who-leads",
        "section",
        "overview",
        "pending",
    ],
)
def test_question_forms(api, bot, question, starts_with, contains):
    answer = ask(api, question)
    assert answer.startswith(starts_with)
    assert contains in answer


def test_suggestion_then_confirm(api, bot):
    assert "您是说“执法" in ask(api, "执法三科负责什么")
    assert ask(api, "是").startswith("执法")


def test_commands_task_and_units(api, bot):
    task_24 = ask(api, "/task 24")
    assert task_24.startswith("第24项（十一、推进基层政务公开标准化规范化）")
    assert "截止：2021-12-10（通知原文），已超过" in task_24  # the bot's clock is today
    assert ask(api, "/task").startswith("用法：/task 17")
    assert ask(api, "/task 第几").startswith("用法")
    assert ask(api, "/units").startswith("全部 17 个单位")


def test_my_unit_before_binding_asks_who_i_am(api, bot):
    assert "我是综合科" in ask(api, "/my")


@pytest.mark.parametrize(
    ("send", "starts_with"),
    [
        ("sticker", "我只能读文字消息"),
        # A photo is 佐证材料 (issue 20): someone not yet bound is told to bind first.
        ("photo", "请先说明您是哪个单位（如“我是综合科”），办公室批准后再发佐证材料"),
        ("voice", "我只能读文字消息"),
    ],
)
def test_non_text_gets_a_short_chinese_reply(api, bot, send, starts_with):
    getattr(api, f"send_{send}")(ZHANG, user=user(ZHANG))
    [reply] = api.wait_for_messages_sync(ZHANG, 1, timeout=REPLY_TIMEOUT)
    assert reply.text.startswith(starts_with)


def test_task_list_offers_buttons_that_open_each_task(api, bot):
    ask(api, "综合科负责什么")
    listing = api.sent(ZHANG)[-1]
    assert listing.callback_data == [f"t:{n}" for n in (1, 2, 8, 9, 10, 11, 12, 13, 16, 17)]
    api.press_button(ZHANG, listing.message_id, "t:2", user=user(ZHANG))
    api.wait_for_messages_sync(ZHANG, 2, timeout=REPLY_TIMEOUT)
    assert api.texts(ZHANG)[1].startswith("第2项（一、做好各类规划主动公开）")


def test_unknown_command(api, bot):
    assert ask(api, "/frobnicate").startswith("没有这个命令")


@pytest.mark.parametrize(
    "text", ["😀🎉", "x" * 4000, "<b>综合科</b>"], ids=["emoji", "very-long", "markup"]
)
def test_odd_text_never_crashes(api, bot, text):
    answer = ask(api, text)
    assert "出错了" not in answer
    assert len(answer) < 1000


def test_group_chat_is_ignored_unless_addressed(api, bot):
    group = -100123
    api.add_group(group, "综合科工作群")
    api.send_text(group, "综合科负责什么", user=user(ZHANG))
    api.send_text(ZHANG, "第1项", user=user(ZHANG))
    api.wait_for_messages_sync(ZHANG, 1, timeout=REPLY_TIMEOUT)
    assert api.texts(group) == []


def test_token_never_in_logs_and_graceful_stop(api, bot):
    ask(api, "综合科负责什么")
    assert bot.stop() == 0
    log = bot.log_text()
    assert "分工助手启动" in log
    assert api.token not in log
    assert api.token.split(":")[1] not in log


def test_bot_with_a_demo_clock(api, tmp_path):
    demo = launch(api, tmp_path, "--now", "2021-11-15T08:59:50+08:00")
    try:
        assert "还有 4 个工作日" in ask(api, "/task 24")
    finally:
        assert demo.stop() == 0
