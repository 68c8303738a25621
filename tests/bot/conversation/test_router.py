"""The console and Telegram route the same lines to the same outcome.

Each line is said, in order, by 张三 (综合科, on Telegram) to one conversation and by the
console (told it is 综合科) to another over an equal data folder; the outcome types were
worked out by hand from the notice (综合科 leads task 2, due 2021-12-31, and holds 1, 8, 9 …; 24 is not its).
"""

from __future__ import annotations

import pytest

from bot.console.chat import event_of
from bot.conversation.actions import Answered, Asked, Changed, Recorded, Refused
from bot.conversation.events import CONSOLE, TELEGRAM, WECOM, Person
from tests.bot.conversation.conftest import CONSOLE_PERSON, ZHANG, Build, replies, telegram

LINES = [
    ("综合科负责什么", Answered),  # a question
    ("第17项谁负责", Answered),
    ("第17项", Answered),
    ("各单位任务总览", Answered),
    ("第99项", Answered),  # no such task: said so
    ("哈哈", Answered),  # not understood: the forms to use
    ("第2项 进展：已联系市发展改革局", Asked),  # a report not of a simple form: confirm first
    ("第2项 正在推进", Recorded),  # a simple report
    ("修改：第2项 进展：已联系市发展改革局和市财政局", Recorded),  # a correction
    ("撤回", Recorded),
    ("第9项：已完成", Recorded),
    ("已完成", Asked),  # which task? 综合科 has several open
    ("第24项：已完成", Refused),  # not 综合科's task: nothing recorded
    ("第24项进展", Answered),  # a progress question
    ("我科室进展", Answered),
    ("申请延期 第24项 到12月20日，理由：等待数据", Refused),  # 延期 on a task not its own
    ("申请延期 第2项 到12月20日，理由：等待上级数据", Refused),  # before its due date 12-31
    ("申请延期 第2项 到2022年1月20日，理由：等待上级数据", Recorded),
    ("暂停提醒到2021年11月1日", Refused),  # already past
    ("恢复提醒", Refused),  # nothing paused
    ("暂停提醒到12月30日", Changed),  # the person's own pause, the console's too
    ("恢复提醒", Changed),
    ("/my", Answered),  # commands
    ("/task 17", Answered),
    ("/overview", Refused),  # the office's
    ("/nosuch", Refused),
]


@pytest.mark.parametrize("channel", [TELEGRAM, CONSOLE])
async def test_each_line_has_the_same_outcome_on_both_channels(build: Build, channel: str):
    """Console lines become events as the console reads them (`event_of`); Telegram's as its
    adapter makes them (a command by name and words, else the text)."""
    talk = await build(channel)
    outcomes = []
    for line, _ in LINES:
        if channel == CONSOLE:
            result = await talk.conversation.handle(event_of(line, [], talk.next_id()))
        elif line.startswith("/"):
            result = await talk.command(line, telegram(ZHANG))
        else:
            result = await talk.say(line, telegram(ZHANG))
        assert replies(result), line
        outcomes.append((line, type(result.outcome)))
    assert outcomes == [(line, outcome) for line, outcome in LINES]


async def test_the_console_takes_a_claim_and_telegram_asks_the_office(build: Build):
    console, bot = await build(CONSOLE), await build(TELEGRAM)
    claimed = await console.say("我是信息中心", CONSOLE_PERSON)
    assert isinstance(claimed.outcome, Changed)
    assert console.conversation.sessions.of(CONSOLE_PERSON).chat.unit == "市环境信息中心"
    asked = await bot.say("我是信息中心", telegram(1002, "李四"))
    assert isinstance(asked.outcome, Asked)
    assert replies(asked) == [
        "已提交申请：绑定到“市环境信息中心”。办公室批准后会通知您；在此之前可以查询通知内容。"
    ]


async def test_id_names_what_each_channel_knows_a_person_by(build: Build):
    """Telegram: the user id for `[telegram]`; WeCom: the userid (账号) for `[wecom]`; the
    console has none, and the office uses it with --admin."""
    console, bot = await build(CONSOLE), await build(TELEGRAM)
    [on_telegram] = replies(await bot.command("/id", telegram(ZHANG)))
    assert on_telegram.startswith(f"您的 Telegram 用户 ID 是 {ZHANG}。")
    assert "[telegram] admins" in on_telegram
    wangwu = Person(WECOM, bot.core.addresses.id_for(WECOM, "wangwu"), "wangwu")
    [on_wecom] = replies(await bot.command("/id", wangwu))
    assert on_wecom.startswith("您的企业微信账号是 wangwu。")
    assert "[wecom] admins" in on_wecom
    [on_console] = replies(await console.command("/id", CONSOLE_PERSON))
    assert "Telegram" not in on_console
    assert "控制台没有用户 ID" in on_console
    assert "--admin" in on_console
