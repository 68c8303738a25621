"""Round 3's rules (the third held-out set's misreads), one test per named rule, each on
lines other than the set's own (today 2021-11-15)."""

from __future__ import annotations

import pytest

from bot.grammar import intents as i
from bot.grammar.intents import Role, Window
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import read, records

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("【第5项】预算已在网站公开", [(5, DONE)]),
        ("[第8项] 正在整理材料", [(8, ONGOING)]),
        ("【第8项】已完成；【第10项】还在做", [(8, DONE), (10, ONGOING)]),
        ("【第一十二项】正在起草", [(12, ONGOING)]),
    ],
)
def test_a_bracketed_task_opens_its_report(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("请登记：第8项已完成", [(8, DONE)]),
        ("汇报一下进展，第10项正在推进", [(10, ONGOING)]),
        ("我们第8项已完成", [(8, DONE)]),
        ("我们第8项和第10项都在做", [(8, ONGOING), (10, ONGOING)]),
    ],
)
def test_a_lead_in_before_the_task_is_dropped(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第30项：已召开专题会议部署，本项工作已完成", [(30, DONE)]),
        ("第30项：已开展自查，本年度任务完成。", [(30, DONE)]),
        ("第30项：已开展自查，本项工作尚未完成", [(30, ONGOING)]),
    ],
)
def test_a_closing_verdict_on_the_task(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    "line",
    [
        "第26项：系统上线后数据无法同步",
        "第26项：与市平台接口存在问题",
        "第26项：系统对接有问题",
        "第26项：没法按要求上传",
    ],
)
def test_cannot_or_a_problem_is_difficulty(vocabulary, line):
    assert records(line, vocabulary) == [(26, BLOCKED)]


def test_no_problem_is_no_difficulty(vocabulary):
    assert records("第26项：没有问题，已完成", vocabulary) == [(26, DONE)]


def test_a_deadline_ahead_is_a_plan(vocabulary):
    assert records("第3项：数据补录下周五前完成", vocabulary) == [(3, ONGOING)]


def test_a_retracted_done_is_the_truth_after_it(vocabulary):
    line = "之前报第8项完成了，实际上还在修改"
    assert records(line, vocabulary) == [(8, ONGOING)]


def test_must_it_be_done_before_is_a_due_question(vocabulary):
    assert read("第5项是否要在月底前完成", vocabulary) == (i.Due(Window.ALL, 5),)


@pytest.mark.parametrize("line", ["No.17是什么", "no 17 是什么任务", "NO.17"])
def test_no_dot_is_a_task_number(vocabulary, line):
    assert read(line, vocabulary) == (i.TaskDetail(17),)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("综合科那边负责什么", i.Duties(("综合科",))),
        ("我们在通知里负责什么", i.Duties(())),
        ("蓬江、江门两个分局的任务", None),
        ("蓬江、台山两个分局的任务", i.Duties(("蓬江分局", "台山分局"))),
        ("我们综合科要干啥", i.Duties(())),
        ("我们配合的是哪几项", i.Duties((), Role.COOPERATE)),
        ("我们需要牵头哪些工作", i.Duties((), Role.LEAD)),
    ],
)
def test_duties_in_more_words(vocabulary, line, expected):
    found = read(line, vocabulary)
    if expected is None:
        assert not any(isinstance(x, i.Duties) for x in found), found
    else:
        assert found == (expected,)


def test_each_kind_of_unit_with_its_count_is_the_units(vocabulary):
    assert read("各分局分别有几项", vocabulary) == (i.Units(),)


def test_must_we_carry_it_out_is_yes_or_no(vocabulary):
    assert read("第5项我们要落实吗", vocabulary) == (i.Applies(5),)


@pytest.mark.parametrize(
    ("line", "topic"),
    [("how to 申请延期", i.Topic.EXTENSION), ("How do I 撤回", i.Topic.WITHDRAW)],
)
def test_how_to_in_english(vocabulary, line, topic):
    assert read(line, vocabulary) == (i.HowTo(topic),)


def test_the_units_not_yet_reported_in_words(vocabulary):
    assert read("帮我看看还未反馈的科室", vocabulary) == (i.Office(i.OfficeAsk.MISSING),)


def test_which_section_leads_is_a_search(vocabulary):
    assert read("舆情回应是哪个科负责", vocabulary) == (i.Search(("舆情回应",)),)


def test_that_task_is_filler(vocabulary):
    assert read("政务新媒体那个任务", vocabulary) == (i.Search(("政务新媒体",)),)


@pytest.mark.parametrize("line", ["撤回刚才那条", "撤销上一条", "删掉最后一条记录"])
def test_withdraw_with_what_after_the_verb(vocabulary, line):
    assert read(line, vocabulary) == (i.Withdraw(),)


@pytest.mark.parametrize("line", ["你能干嘛？", "你会什么?"])
def test_what_can_you_do_is_the_help(vocabulary, line):
    assert read(line, vocabulary) == (i.Help(),)


@pytest.mark.parametrize("line", ["今天中午吃什么", "记得交材料", "后天上午开会"])
def test_a_note_about_the_day_is_no_topic(vocabulary, line):
    assert not any(isinstance(x, i.Search) for x in read(line, vocabulary))


@pytest.mark.parametrize(
    "line",
    [
        "第20项：无法登录的问题已解决",  # trouble told, then settled
        "第8项：部分内容待补充，本项工作已完成",  # a verdict after something pending
        "第20项：已对照检查，整改存在问题",  # 存在问题 as the object of 整改
    ],
)
def test_trouble_settled_or_a_verdict_in_doubt_is_asked(vocabulary, line):
    [asked] = read(line, vocabulary)
    assert isinstance(asked, i.AskBack)


def test_problems_as_an_object_are_no_difficulty(vocabulary):
    assert records("第20项：已完成存在问题的整改", vocabulary) == [(20, DONE)]


def test_one_as_an_article_is_no_count(vocabulary):
    assert records("第5项：已建成一个平台", vocabulary) == [(5, DONE)]
