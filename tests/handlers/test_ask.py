"""Questions in a private chat, through the real handlers: what the user sees, message by message.

Expected texts are read off data/notice-2021.txt and data/units.toml, not off the code.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.answers.model import Knowledge
from bot.reading.loader import parse_plan
from bot.registry.units import Registry
from handlers.context import reply
from tests.handlers.conftest import NOW, Harness

ZHANG = 1001
LIMIT = 4096


@pytest.mark.parametrize(
    ("question", "starts_with", "contains"),
    [
        ("综合科负责什么", "综合科（科室）：共 10 项，牵头 1 项、负责 6 项、配合 3 项", "· 第2项"),
        (
            "执法2科的任务",
            "执法二科（科室）：共 10 项，牵头 1 项、负责 7 项、配合 2 项",
            "· 第28项",
        ),
        ("信息中心", "市环境信息中心（直属事业单位）", "· 第7项"),
        ("各市（区）分局负责什么", "各市（区）分局（统称）", "· 第6项"),
        (
            "第17项是什么",
            "第17项（八、切实增强回应关切效果）",
            "牵头：办公室、市环境信息中心、执法二科",
        ),
        ("第17项谁负责", "第17项", "配合：各科室（单位）（办公室、综合科"),
        # By hand: 政策解读 in the text or section title of 1, 12, 13, 14, 31; in pieces
        # (政策…解读) in 10, 11 (六、…重大政策发布解读) and 16 (政策发布…的解读回应): 8 tasks.
        ("谁牵头政策解读", "和“政策解读”有关的任务：共 8 项", "  牵头：办公室"),
        ("第十二部分有哪些任务", "十二、提高依申请公开工作质量：共 3 项", "· 第27项"),
        ("各单位任务总览", "全部 17 个单位的任务数", "· 办公室 23 项"),
        ("待明确", "以下统称的范围待办公室明确：", "· 各相关科室（单位）：第15、24、25、26、29项"),
        ("第99项", "通知里没有第99项（共34项，第1项至第34项）。", "第99项"),
        ("第二十部分有哪些任务", "通知里没有第20部分（共15部分）。", "部分"),
    ],
)
async def test_question_forms(bot: Harness, question: str, starts_with: str, contains: str):
    sent = await bot.text(ZHANG, question)
    assert [m.chat_id for m in sent] == [ZHANG]
    assert sent[0].text.startswith(starts_with)
    assert contains in sent[0].text


async def test_task_detail_joins_the_requirement_across_the_page_break(bot: Harness):
    answer = await bot.ask(ZHANG, "第17项是什么")
    lines = answer.splitlines()
    assert lines[1] == (
        "认真做好政务舆情（政务新媒体后台留言）和“省长留言信箱”“12345”政府热线等各类留言"
        "信息的办理工作，以解决问题的具体举措实质性回应社会关切。"
    )
    assert "配合：各科室（单位）（10 个单位）" in lines


async def test_owners_expand_a_group_to_at_most_eight_names(bot: Harness):
    answer = await bot.ask(ZHANG, "第17项谁负责")
    line = next(x for x in answer.splitlines() if x.startswith("配合："))
    shown = "办公室、综合科、法规与标准科、财务与审计科、环境影响评价与排放管理科、固体废物与核（辐射）安全管理科、执法一科、执法二科"
    assert line == f"配合：各科室（单位）（{shown}等 10 个）"


async def test_who_leads_names_the_lead_or_else_who_is_responsible(bot: Harness):
    answer = await bot.ask(ZHANG, "谁牵头政策解读")
    lines = answer.splitlines()
    numbers = [x.split()[1] for x in lines if x.startswith("· ")]
    assert numbers == [
        "第1项",
        "第12项",
        "第13项",
        "第14项",
        "第31项",
        "第10项",
        "第11项",
        "第16项",
    ]
    first = lines.index(next(x for x in lines if x.startswith("· 第1项")))
    assert lines[first + 1].startswith("  未设牵头，负责：综合科")


async def test_unit_answer_offers_a_button_per_task(bot: Harness):
    [listing] = await bot.text(ZHANG, "综合科负责什么")
    assert listing.callback_data == [f"t:{n}" for n in (1, 2, 8, 9, 10, 11, 12, 13, 16, 17)]
    assert [len(row) for row in listing.buttons] == [5, 5]
    assert [b["text"] for b in listing.buttons[0]] == [
        "第1项",
        "第2项",
        "第8项",
        "第9项",
        "第10项",
    ]


async def test_answers_without_tasks_have_no_buttons(bot: Harness):
    for question in ("第17项是什么", "各单位任务总览", "待明确", "帮助"):
        [answer] = await bot.text(ZHANG, question)
        assert answer.buttons == [], question


async def test_pressing_a_task_button_sends_that_task(bot: Harness):
    [listing] = await bot.text(ZHANG, "综合科负责什么")
    answer, sent = await bot.press(ZHANG, listing.message_id, "t:2")
    assert answer is not None
    assert answer["text"] is None
    assert [m.chat_id for m in sent] == [ZHANG]
    assert sent[0].text.startswith("第2项（一、做好各类规划主动公开）\n配合市政府办公室")
    assert "牵头：综合科" in sent[0].text.splitlines()
    # The listing itself is left as it was.
    assert bot.api.message(ZHANG, listing.message_id)["text"] == listing.text


async def test_a_forged_task_button_for_a_missing_task_says_so(bot: Harness):
    [listing] = await bot.text(ZHANG, "综合科负责什么")
    answer, sent = await bot.press(ZHANG, listing.message_id, "t:99", forged=True)
    assert answer is not None
    assert [m.text for m in sent] == ["通知里没有第99项（共34项，第1项至第34项）。"]


@pytest.mark.parametrize("data", ["t:", "t:12345", "t:-1", "t:1x", "t:1:2"])
async def test_garbled_task_buttons_expire(bot: Harness, data: str):
    [listing] = await bot.text(ZHANG, "综合科负责什么")
    answer, sent = await bot.press(ZHANG, listing.message_id, data, forged=True)
    assert answer is not None
    assert answer["text"] == "按钮已失效，请重新发送 /start。"
    assert sent == []


async def test_task_command(bot: Harness):
    assert (await bot.ask(ZHANG, "/task 24")).startswith(
        "第24项（十一、推进基层政务公开标准化规范化）"
    )
    assert (await bot.ask(ZHANG, "/task 99")).startswith("通知里没有第99项")


@pytest.mark.parametrize("text", ["/task", "/task 第几", "/task 1 2", "/task -3", "/task 1.5"])
async def test_task_command_usage(bot: Harness, text: str):
    assert [m.text for m in await bot.text(ZHANG, text)] == ["用法：/task 17（查看第17项）。"]


async def test_units_command(bot: Harness):
    answer = await bot.ask(ZHANG, "/units")
    assert answer.startswith("全部 17 个单位的任务数（含统称分到的）：")
    assert len([x for x in answer.splitlines() if x.startswith("· ")]) == 17


async def test_my_before_binding_asks_who_i_am(bot: Harness):
    assert await bot.ask(ZHANG, "/my") == (
        "还不知道您是哪个单位。请先说“我是综合科”这样的话，再问“我科室负责什么”。"
    )


async def test_my_after_binding_lists_the_units_tasks(bot: Harness):
    bot.core.bindings.bind(ZHANG, "张三", "综合科", NOW)
    answer = await bot.ask(ZHANG, "/my")
    assert answer.startswith("综合科（科室）：共 10 项")
    assert await bot.ask(ZHANG, "我科室负责什么") == answer


async def test_suggestion_then_confirm(bot: Harness):
    assert "您是说“执法" in await bot.ask(ZHANG, "执法三科负责什么")
    assert (await bot.ask(ZHANG, "是")).startswith("执法")
    # The suggestion is used up.
    assert (await bot.ask(ZHANG, "是")).startswith("好的。需要查什么")


async def test_suggestions_are_remembered_per_user(bot: Harness):
    assert "您是说" in await bot.ask(ZHANG, "执法三科负责什么")
    assert (await bot.ask(2002, "是")).startswith("好的。需要查什么")
    assert (await bot.ask(ZHANG, "是")).startswith("执法")


async def test_over_long_input_gets_the_too_long_text(bot: Harness):
    sent = await bot.text(ZHANG, "综" * 5000)
    assert [m.text for m in sent] == [
        "问题太长了（5000 字），请用一句话问，例如“综合科负责什么”。"
    ]


async def test_two_hundred_characters_are_still_a_question(bot: Harness):
    assert "问题太长了" not in await bot.ask(ZHANG, "综合科" + "啊" * 197)
    assert "问题太长了（201 字）" in await bot.ask(ZHANG, "综合科" + "啊" * 198)


@pytest.mark.parametrize("text", ["😀🎉", "<b>综合科</b>", "   ", "第0项", "/start@other_bot"])
async def test_odd_text_gets_a_short_reply(bot: Harness, text: str):
    sent = await bot.text(ZHANG, text)
    assert sent
    assert all(texts.utf16_length(m.text) < 1000 for m in sent)


async def test_unknown_command_and_non_text(bot: Harness):
    assert await bot.ask(ZHANG, "/frobnicate") == "没有这个命令。发 /help 查看可用命令和示例。"
    sent = await bot.feed(bot.api.send_sticker(ZHANG))
    assert [m.text for m in sent] == ["我只能读文字消息，请直接打字提问，例如“综合科负责什么”。"]


async def test_help_lists_the_question_forms(bot: Harness):
    # examples from the shipped notice: its units, a task number and its last section
    text = await bot.ask(ZHANG, "/help")
    assert text.startswith("可以这样问我：\n· 我是办公室（先说您是哪个单位）\n")
    assert "· 第18项是什么 / 第18项谁负责" in text
    assert "· 第十五部分有哪些任务" in text


async def test_group_chats_are_ignored(bot: Harness):
    bot.api.add_group(-100123, "工作群")
    raw = bot.api.send_text(
        -100123, "综合科负责什么", user={"id": ZHANG, "first_name": "张三", "is_bot": False}
    )
    assert await bot.feed(raw) == []
    raw = bot.api.send_text(
        -100123, "/my", user={"id": ZHANG, "first_name": "张三", "is_bot": False}
    )
    assert await bot.feed(raw) == []


# ---------------------------------------------------------------- long replies


def long_knowledge(registry: Registry) -> Knowledge:
    """200 tasks for 综合科, and one task whose requirement is 2500 astral emoji."""
    rows = ["工作任务\t具体要求\t责任单位"]
    for n in range(1, 201):
        section = "一、做好长任务。" if n == 1 else ""
        rows.append(f"{section}\t{n}. 做好第{n}项长长的工作要求，确保落实到位并按时报送。\t综合科")
    rows.append(f"二、表情。\t201. {'😀' * 2500}\t办公室")
    plan = parse_plan("\n".join(rows), registry)
    assert len(plan.tasks) == 201
    return Knowledge(plan, registry)


@pytest.fixture
async def long_bot(build, registry: Registry) -> Harness:
    return await build(long_knowledge(registry))


async def test_a_long_unit_answer_is_split_with_buttons_on_the_last_part(long_bot: Harness):
    sent = await long_bot.text(ZHANG, "综合科负责什么")
    assert len(sent) >= 2
    assert all(texts.utf16_length(m.text) <= LIMIT for m in sent)
    assert sent[0].text.startswith("综合科（科室）：共 200 项，负责 200 项")
    assert all(m.buttons == [] for m in sent[:-1])
    assert sent[-1].callback_data == [f"t:{n}" for n in range(1, 41)]
    lines = "\n".join(m.text for m in sent).splitlines()
    assert [x.split()[1] for x in lines if x.startswith("· ")] == [
        f"第{n}项" for n in range(1, 201)
    ]


async def test_a_single_line_over_the_limit_is_cut_by_utf16_units(long_bot: Harness):
    sent = await long_bot.text(ZHANG, "第201项")
    assert all(texts.utf16_length(m.text) <= LIMIT for m in sent)
    assert "".join(m.text for m in sent).count("😀") == 2500
    assert sent[0].text == "第201项（二、表情）"


@pytest.mark.parametrize("question", ["第一部分有哪些任务", "搜索 落实", "各单位任务总览"])
async def test_every_long_reply_fits(long_bot: Harness, question: str):
    sent = await long_bot.text(ZHANG, question)
    assert all(0 < texts.utf16_length(m.text) <= LIMIT for m in sent)


async def test_reply_splits_any_text_and_puts_the_keyboard_last(bot: Harness):
    raw = bot.api.send_text(ZHANG, "随便")
    update = Update.de_json(raw, bot.app.bot)
    lines = [f"{i:04d} " + "内容🎉" * 30 for i in range(200)]
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("第1项", callback_data="t:1")]])
    await reply(update, "\n".join(lines), keyboard)
    sent = bot.api.sent(ZHANG)
    assert len(sent) >= 2
    assert all(texts.utf16_length(m.text) <= LIMIT for m in sent)
    assert "\n".join(m.text for m in sent) == "\n".join(lines)
    assert [m.callback_data for m in sent] == [[]] * (len(sent) - 1) + [["t:1"]]


def test_the_fixed_clock_is_shanghai_morning():
    assert datetime.fromisoformat("2021-11-15T09:00:00+08:00") == NOW
