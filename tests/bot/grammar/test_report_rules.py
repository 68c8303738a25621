"""The report rules of issue 18, one test each, written from the rule's wording.

A wrong record is worse than a question: where two readings are possible the grammar asks.
"""

from __future__ import annotations

import pytest

from bot.grammar.intents import Amend, AskBack, Progress, Report, Unclear, Withdraw
from bot.grammar.understand import understand
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import TODAY

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED


def statuses(line: str, vocabulary) -> list[tuple[int | None, Status]]:
    read = understand(line, vocabulary, today=TODAY)
    assert all(isinstance(i, Report) for i in read), read
    return [(i.task, i.status) for i in read]


def asked(line: str, vocabulary) -> Unclear:
    (only,) = understand(line, vocabulary, today=TODAY)
    assert isinstance(only, AskBack), only
    return only.about


@pytest.mark.parametrize("line", ["第3项己完成", "第3项以完成", "第3项 己经完成", "第3项已完城"])
def test_typos_of_done_are_read_as_meant(vocabulary, line):
    assert statuses(line, vocabulary) == [(3, DONE)]


def test_a_typo_rule_never_turns_a_negation_into_done(vocabulary):
    assert statuses("第3项还没完城", vocabulary) == [(3, ONGOING)]


@pytest.mark.parametrize("line", ["已完成第12项", "完成了第12项", "已经完成第12项。"])
def test_a_status_before_the_task(vocabulary, line):
    assert statuses(line, vocabulary) == [(12, DONE)]


def test_a_topic_marker_before_the_task(vocabulary):
    assert statuses("关于第6项，已经完成了", vocabulary) == [(6, DONE)]
    assert statuses("至于第6项，还在做", vocabulary) == [(6, ONGOING)]


@pytest.mark.parametrize(
    "line",
    ["第2项搞定了", "第2项 搞掂", "第2项ok了", "第2项已经做好了", "第2项完成啦", "第2项完毕"],
)
def test_colloquial_done_words(vocabulary, line):
    assert statuses(line, vocabulary) == [(2, DONE)]


@pytest.mark.parametrize("line", ["第2项还没搞定", "第2项快弄好了", "第2项差不多完成了"])
def test_colloquial_done_words_negated_or_not_yet_are_never_done(vocabulary, line):
    read = understand(line, vocabulary, today=TODAY)
    assert not any(isinstance(i, Report) and i.status is DONE for i in read), read


@pytest.mark.parametrize(
    "line", ["第2项已于10月8日完成", "第2项：台账已整理完毕", "第2项已按时完成年度检查"]
)
def test_already_then_a_done_word(vocabulary, line):
    assert statuses(line, vocabulary) == [(2, DONE)]


@pytest.mark.parametrize(
    "line",
    ["第6项在弄", "第6项跟进中", "第6项一直在推进呢", "第6项离完成还远", "第6项还没有完成呢"],
)
def test_ongoing_words(vocabulary, line):
    assert statuses(line, vocabulary) == [(6, ONGOING)]


@pytest.mark.parametrize(
    "line",
    [
        "第6项卡壳了",
        "第6项做不了，没经费",
        "第6项难度比较大",
        "第6项数据对接不上",
        "第6项进展困难",
    ],
)
def test_difficulty_words(vocabulary, line):
    assert statuses(line, vocabulary) == [(6, BLOCKED)]


def test_a_difficulty_word_negated_is_no_difficulty(vocabulary):
    assert statuses("第6项难度不大，已完成", vocabulary) == [(6, DONE)]


def test_a_count_of_items_is_progress_on_ongoing_work(vocabulary):
    assert statuses("第4项：已公开处罚决定3份", vocabulary) == [(4, ONGOING)]
    assert statuses("第4项：已在网站公开处罚决定", vocabulary) == [(4, DONE)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("8、9项都在做", [(8, ONGOING), (9, ONGOING)]),
        ("2项完成 5项在弄", [(2, DONE), (5, ONGOING)]),
        ("第2项已完成 第5项还没完成", [(2, DONE), (5, ONGOING)]),
        ("第2项和第5项都搞定了", [(2, DONE), (5, DONE)]),
    ],
)
def test_bare_task_lists_and_a_task_after_a_status(vocabulary, line, expected):
    assert statuses(line, vocabulary) == expected


def test_a_task_named_inside_a_report_is_no_second_report(vocabulary):
    for line in ("第1项：已完成第3项相关工作", "第1项已完成第3项的配合"):
        assert [task for task, _ in statuses(line, vocabulary)] == [1], line


@pytest.mark.parametrize(
    "line",
    [
        "第3项 应该算完成了吧",
        "第3项 可能完成了",
        "第3项 进行中/完成",
        "第3项 已完成？还是进行中",
        "第3项 说不好",
        "第3项 还行",
        "第3项还没启动",
        "第3项暂停了",
        "第3项：正在整理，不过人手不够",
    ],
)
def test_hedged_contradictory_or_other_states_are_asked(vocabulary, line):
    assert asked(line, vocabulary) is Unclear.STATUS


@pytest.mark.parametrize("line", ["第3项完成了没有", "第3项完成没", "第3项有没有完成"])
def test_a_yes_no_question_on_a_status_records_nothing(vocabulary, line):
    assert understand(line, vocabulary, today=TODAY) == (Progress(3),)


@pytest.mark.parametrize("line", ["进行中", "这项已经完成了", "该项卡住了", "材料已收集，待审核"])
def test_a_status_without_a_task_asks_the_task(vocabulary, line):
    (only,) = understand(line, vocabulary, today=TODAY)
    assert isinstance(only, Report)
    assert only.task is None  # the flow asks which task


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("刚才报错了，第5项应该是已完成", Amend(5, DONE, "已完成")),
        ("改一下，第5项应为进行中", Amend(5, ONGOING, "进行中")),
        ("说错了，第5项其实是有困难", Amend(5, BLOCKED, "有困难")),
    ],
)
def test_a_correction_in_words_amends(vocabulary, line, expected):
    assert understand(line, vocabulary, today=TODAY) == (expected,)


def test_an_apology_before_a_command_is_dropped(vocabulary):
    assert understand("不好意思，撤回", vocabulary, today=TODAY) == (Withdraw(),)


def test_a_correction_with_a_hedge_is_asked(vocabulary):
    assert asked("刚才报错了，第5项应该是完成了吧", vocabulary) is Unclear.STATUS


@pytest.mark.parametrize(
    "line",
    ["第5项最迟几号完成", "第5项什么时候能完成", "第5项要多久才完成", "第5项是否已完成"],
)
def test_a_line_that_asks_is_never_a_report(vocabulary, line):
    read = understand(line, vocabulary, today=TODAY)
    assert not any(isinstance(i, Report | Amend | AskBack) for i in read), read


@pytest.mark.parametrize(
    "line",
    [
        "第5项本局预算决算已在网站公开",
        "第5项 文本已全部更新到本部门频道",
        "第5项 工作汇报已经听取了 done",
    ],
)
def test_a_finished_deed_is_done(vocabulary, line):
    assert statuses(line, vocabulary) == [(5, DONE)]


@pytest.mark.parametrize(
    "line",
    [
        "第5项：已联系市发展改革局",  # a contact / start verb: begun, not ended
        "第5项 专项检查已开展",
        "第5项：已办结留言128条",  # a count of items done so far
        "第5项 第一批目录已经发布了 第二批还在编",  # 还: work goes on
        "第5项 年报里已写入落实情况 准备公开",  # something pending
    ],
)
def test_a_completion_marker_settled_as_ongoing(vocabulary, line):
    assert statuses(line, vocabulary) == [(5, ONGOING)]


@pytest.mark.parametrize("line", ["第5项：材料已交", "第5项：资料全部交齐"])
def test_a_completion_marker_nothing_settles_is_asked(vocabulary, line):
    assert asked(line, vocabulary) is Unclear.STATUS


def test_a_report_with_no_completion_marker_stays_ongoing(vocabulary):
    assert statuses("第5项：正常推进", vocabulary) == [(5, ONGOING)]
    assert statuses("第5项：资料收集整理中", vocabulary) == [(5, ONGOING)]


def test_submitted_for_review_is_pending_not_done(vocabulary):
    assert statuses("第5项已提交审核", vocabulary) == [(5, ONGOING)]


def test_done_in_english(vocabulary):
    assert statuses("第5项 done", vocabulary) == [(5, DONE)]
