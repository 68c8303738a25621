"""Round 4's rules (the fourth held-out set's misreads), one test per named rule, each on
lines other than the set's own (today 2021-11-15). The safety rules come first: each would
have prevented a wrong record seen on an unseen set."""

from __future__ import annotations

import pytest

from bot.grammar import intents as i
from bot.grammar.taskrefs import canonical
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import read, records

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、第5项预算已在网站公开；二、第8项正在整理", [(5, DONE), (8, ONGOING)]),
        ("1.第3项已完成 2.第10项还在做", [(3, DONE), (10, ONGOING)]),
        ("（1）第12项已完成；（2）第13项在做", [(12, DONE), (13, ONGOING)]),
        ("①第6项已完成；②第7项正在推进", [(6, DONE), (7, ONGOING)]),
        ("进展如下：1、第20项已完成", [(20, DONE)]),
    ],
)
def test_a_list_marker_is_never_a_task(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("8、10项已完成", "第8、10项已完成"),  # numbers before 项: a list of tasks
        ("3、5项在做", "第3、5项在做"),
        ("1.5万元", "1.5万元"),  # a decimal is no marker
        ("二、第3项已完成", "第3项已完成"),
    ],
)
def test_a_marker_followed_by_a_task_number_is_a_list_of_tasks(typed, meant):
    assert canonical(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("弟5项已完成", "第5项已完成"), ("第十二向是什么", "第十二项是什么")],
)
def test_slips_of_di_and_xiang_are_task_references(typed, meant):
    assert canonical(typed) == meant


def test_a_marker_alone_names_no_task(vocabulary):
    assert not any(isinstance(x, i.Report) for x in read("一、已全部发布", vocabulary))


@pytest.mark.parametrize(
    "line",
    [
        "第3、5项分别已完成和进行中",
        "第8项和第10项一个完成了一个在做",
        "第12、13项已完成，正在推进",
        "第6、7项有的完成了，有的还在做",
    ],
)
def test_statuses_that_cannot_be_mapped_one_to_one_are_asked(vocabulary, line):
    found = read(line, vocabulary)
    assert [type(x) for x in found] == [i.AskBack], found
    assert found[0].about is i.Unclear.STATUS


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第8项已完成，另外问一下第10项什么时候截止？", [i.Report, i.Due]),
        ("第8项已完成。第10项是什么", [i.Report, i.TaskDetail]),
        ("第10项还在做；第12项是谁牵头？", [i.Report, i.Owners]),
    ],
)
def test_a_question_stops_only_the_reports_of_its_own_clause(vocabulary, line, expected):
    assert [type(x) for x in read(line, vocabulary)] == expected


@pytest.mark.parametrize(
    "line",
    [
        "第8项已完成，对吗？",  # the question is about the report itself
        "第8项已完成，第8项什么时候截止？",  # it names the reported task
        "第10项是什么",
        "第10项已经弄好了吗",
    ],
)
def test_a_question_about_the_report_stops_every_report(vocabulary, line):
    assert not any(isinstance(x, i.Report | i.Amend) for x in read(line, vocabulary))


@pytest.mark.parametrize(
    "line", ["第12项材料都交了，这样算完成吗？", "第5项公开了预算，算不算完成", "这样能算办结吗"]
)
def test_asking_whether_it_counts_as_done_is_asked_back(vocabulary, line):
    assert [type(x) for x in read(line, vocabulary)] == [i.AskBack]


@pytest.mark.parametrize(
    "line", ["第8项 领导已经审过", "第12项 材料交上去了", "第5项 预算表", "第10项是什么"]
)
def test_nothing_said_of_the_work_is_never_taken_for_ongoing(vocabulary, line):
    """The common cause of the under-claims seen (done work recorded 进行中): 进行中 was the
    default of a text that said neither; now only words saying the work goes on give it."""
    found = read(line, vocabulary)
    assert not any(isinstance(x, i.Report) and x.status is ONGOING for x in found), found


@pytest.mark.parametrize(
    ("line", "expected"),
    [("第21项 排查中", [(21, ONGOING)]), ("第8项 still doing", [(8, ONGOING)])],
)
def test_a_verb_under_way_is_ongoing(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("您好，请问第12项是什么？", [i.TaskDetail(12)]),
        ("你好！本周要做什么，谢谢", [i.Due(i.Window.WEEK)]),
        ("麻烦您看下第3项是谁牵头，辛苦了", [i.Owners(3)]),
        ("打扰一下，请问下周有什么到期", [i.Due(i.Window.NEXT_WEEK)]),
    ],
)
def test_courtesies_around_a_request_are_dropped(vocabulary, line, expected):
    assert list(read(line, vocabulary)) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("您好", i.Chat.GREETING),
        ("辛苦了，谢谢您", i.Chat.THANKS),
        ("麻烦了", i.Chat.THANKS),
        ("喂，在吗", i.Chat.PRESENCE),
    ],
)
def test_courtesy_alone_is_small_talk_answered_once(vocabulary, line, kind):
    assert list(read(line, vocabulary)) == [i.SmallTalk(kind)]


def test_a_courtesy_after_an_apology_is_dropped(vocabulary):
    assert list(read("刚才发错了，请帮我撤回", vocabulary)) == [i.Withdraw()]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("抱歉回复晚了，这周一直在开会。第8项已完成", [(8, DONE)]),
        ("不好意思，前几天出差了，第10项还在做", [(10, ONGOING)]),
        ("最近事情比较多，第12项正在起草", [(12, ONGOING)]),
    ],
)
def test_context_before_the_task_is_dropped(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    "line",
    [
        "已完成，第8项",  # a status before the task keeps the line whole: no record guessed
        "修改：第8项 已完成",  # a command before a colon is no context
    ],
)
def test_status_or_command_before_the_task_is_not_context(vocabulary, line):
    found = read(line, vocabulary)
    assert not any(isinstance(x, i.Report) and x.task is not None for x in found), found


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第8项基本完成了", [(8, ONGOING)]),
        ("第12项完成了大约一半", [(12, ONGOING)]),
        ("第13项大部分已完成", [(13, ONGOING)]),
        ("第20项计划下月初组织培训", [(20, ONGOING)]),
        ("第5项准备下周发布", [(5, ONGOING)]),
    ],
)
def test_partial_completion_and_plans_are_ongoing(vocabulary, line, expected):
    assert records(line, vocabulary) == expected


@pytest.mark.parametrize(
    "line", ["第8项目前没有进展，在等通知", "第20项本单位不涉及", "第6项不适用"]
)
def test_no_progress_or_not_applicable_is_asked(vocabulary, line):
    assert [type(x) for x in read(line, vocabulary)] == [i.AskBack]


def test_a_finished_deed_with_an_adverb_is_done(vocabulary):
    assert records("第30项局长已经专题听取过汇报了", vocabulary) == [(30, DONE)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("请问十二项什么时候截止", [i.Due(i.Window.ALL, 12)]),
        ("我刚调过来，请问我们科负责哪些任务", [i.Duties()]),
        ("法规科和财务科的任务帮我看下", [i.Duties(("法规与标准科", "财务与审计科"))]),
        ("我们主办的有哪些，协办的不用列", [i.Duties((), i.Role.LEAD)]),
        ("我们单位都有哪些需要落实的", [i.Duties()]),
        ("各分局分别多少项任务", [i.Units()]),
        ("我们单位目前的进度怎么样", [i.Progress()]),
    ],
)
def test_first_week_questions(vocabulary, line, expected):
    assert list(read(line, vocabulary)) == expected


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        ("汇报要按什么格式写", i.Topic.REPORT),
        ("申请延期有没有模板", i.Topic.EXTENSION),
        ("下周休假，怎么让它别再提醒我", i.Topic.PAUSE),
    ],
)
def test_how_to_write_it_and_how_to_stop_reminders(vocabulary, line, topic):
    assert list(read(line, vocabulary)) == [i.HowTo(topic)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("催一下，哪些科室现在还没有报？", i.Office(i.OfficeAsk.MISSING)),
        ("全局推进到哪个阶段了，出个汇总", i.Office(i.OfficeAsk.OVERVIEW)),
    ],
)
def test_the_office_s_own_words(vocabulary, line, expected):
    assert list(read(line, vocabulary)) == [expected]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("政策解读谁来写", ("政策解读",)),
        ("信息公开年报那条是第几项", ("信息公开年报",)),
        ("跟舆情有关的任务有哪些", ("舆情",)),
    ],
)
def test_search_words_without_their_frame(vocabulary, line, words):
    assert list(read(line, vocabulary)) == [i.Search(words)]
