"""How-to answers and the help's reporting lines take their examples from the notice in use."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.help_text import help_text
from bot.answers.howto import howto_answer
from bot.answers.smalltalk import small_talk_answer, unknown_answer
from bot.grammar.intents import Chat, Topic
from tests.bot.answers.conftest import report_done
from tests.bot.answers.test_help_text import qingxi

MONDAY = date(2021, 11, 15)  # five working days on: Mon 22 Nov


@pytest.mark.parametrize(
    ("topic", "example"),
    [
        (Topic.REPORT, "第24项：已完成"),
        (Topic.EXTENSION, "申请延期 第24项 到11月22日，理由：……"),
        (Topic.PAUSE, "暂停提醒到11月22日"),
        (Topic.WITHDRAW, "修改 第24项：已完成"),
    ],
    ids=["report", "extend", "pause", "withdraw"],
)
def test_howto_names_the_askers_next_open_task(dated, ledger, registry, topic, example):
    # 办公室's earliest open milestone is task 24's, on 11-20.
    answer = howto_answer(topic, registry.unit("办公室"), dated, ledger, MONDAY)
    lines = answer.text.splitlines()
    assert 2 <= len(lines) <= 3
    assert example in lines


def test_howto_moves_on_once_the_task_is_done(dated, ledger, registry):
    # 执法一科's open items all fall on 12-31; the first by number is task 4.
    report_done(ledger, "执法一科", 4, date(2021, 12, 31))
    answer = howto_answer(Topic.REPORT, registry.unit("执法一科"), dated, ledger, MONDAY)
    assert "第8项：已完成" in answer.text.splitlines()


def test_help_teaches_reporting_from_the_seed(dated):
    text = help_text(dated, MONDAY)
    # 办公室 holds the most tasks; the first task naming it is 12.
    assert "· 申请延期 第12项 到11月22日，理由：……" in text.splitlines()
    assert "· 撤回（撤回刚发的进展）/ 修改 第12项：已完成" in text.splitlines()
    assert "· 暂停提醒到11月22日 / 恢复提醒" in text.splitlines()


def test_help_on_another_notice_names_its_own_units_and_tasks():
    know = qingxi()
    lines = help_text(know, date(2023, 3, 1)).splitlines()
    head = next(line for line in lines if line.startswith("报进度和更正（以"))
    unit = head.removeprefix("报进度和更正（以").removesuffix("为例）：")
    assert know.registry.unit(unit) is not None
    report = next(line for line in lines if line.startswith("· 申请延期 第"))
    number = int(report.split("第")[1].split("项")[0])
    assert any(p.name == unit for p in know.plan.task(number).parties)
    # Five working days after Wed 1 Mar 2023: Wed 8 Mar.
    assert report.endswith("到3月8日，理由：……")
    text = "\n".join(lines)
    assert "综合科" not in text
    assert "办公室" not in text


def test_small_talk_is_friendly_with_a_hint(dated, registry):
    answer = small_talk_answer(Chat.GREETING, dated, registry.unit("综合科"))
    assert answer.text.startswith("您好")
    assert "我科室负责什么" in answer.text
    assert "\n\n" not in answer.text


def test_unknown_names_the_closest_intents_with_examples(dated):
    answer = unknown_answer("我想延期", dated)
    lines = answer.text.splitlines()
    assert lines[0] == "没听懂“我想延期”。您是不是想："
    assert lines[1].startswith("· 申请延期：申请延期 第")


def test_unknown_examples_come_from_another_notice():
    know = qingxi()
    answer = unknown_answer("嗯嗯嗯", know)
    assert len(answer.text.splitlines()) == 5
    assert "综合科" not in answer.text
