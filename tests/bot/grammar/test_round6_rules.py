"""Round 6's reading rules, each on lines of its own (never held-out set 6's): traditional
characters and slips of the pen, formal numerals, reasons, conditions, put-off work and denied
negations in reports, a task named by the notice's words, 快到截止, how-to forms, 台账…导,
thanks after an acknowledgement, a correction naming the report it corrects, N条 opening a
question, my unit's done items."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar import intents as i
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import read, records

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED

REPORTS = [
    # traditional characters read as simplified
    ("第九項已經完成", [(9, DONE)]),
    ("第三十項遇到困難", [(30, BLOCKED)]),
    # slips of the pen: 笫 for 第, 像 for 项, 形 for 行, 城 for 成
    ("笫7项已完成", [(7, DONE)]),
    ("第12像进形中", [(12, ONGOING)]),
    ("第5项完城了", [(5, DONE)]),
    # formal numerals in a task reference
    ("第贰拾叁项已完成", [(23, DONE)]),
    ("第拾捌项正在推进", [(18, ONGOING)]),
    # a reason (因为…所以…) is context: the status follows from it, or was said before it
    ("第9项因为供稿单位还没回复，所以我们仍在催收材料", [(9, ONGOING)]),
    ("第2项由于人员调整所以一直推不动", [(2, BLOCKED)]),
    ("第30项我们已经办结，因为材料上周都齐了，所以不用再催了", [(30, DONE)]),
    # 完不成 and 卡在 are difficulty
    ("第12项这个月底前完不成", [(12, BLOCKED)]),
    ("第17项现在卡在审批环节", [(17, BLOCKED)]),
    # only part of it done; finishing still a condition ahead
    ("第6项目前只挂了预算", [(6, ONGOING)]),
    ("第22项要是月底能完成就最好了", [(22, ONGOING)]),
    # a denied negation, a late report
    ("第25项并不是没有进展，一直在推进", [(25, ONGOING)]),
    ("第26项早就办结了，只是忘了报", [(26, DONE)]),
    # the whole rate, a verdict on this item
    ("第9项信息公开完成率100%", [(9, DONE)]),
    ("第17项 留言均已按时答复 本项完成", [(17, DONE)]),
    # an expected finish is no hedge; something still missing is ongoing
    ("第9项宣传稿还在写估计下周能写完", [(9, ONGOING)]),
    ("第2项规划归集还差两份", [(2, ONGOING)]),
    # references said one after another are one list
    ("第七项第九项都在推进", [(7, ONGOING), (9, ONGOING)]),
    # 公开 in what a task is about is no status word of its own
    ("第5、6项预决算公开这两项都在推进", [(5, ONGOING), (6, ONGOING)]),
    # every task listed but the one set apart; a lead-in counting the reports
    ("第3、5、7项，除了第5项都已完成", [(3, DONE), (7, DONE)]),
    ("报两项：第13、14项，除了第14项都办结了，14项还在做", [(13, DONE), (14, ONGOING)]),
    # another's work (heard of, or helped with), then ours: only ours is reported
    ("听说蓬江他们第3项已经报了，我们分局的第3项还在梳理", [(3, ONGOING)]),
    ("协助办公室整理了第29项的数据，我们的第27项正在核对", [(27, ONGOING)]),
    # dictated with no stops: a task saying a status of its own starts a new report after
    # any word; a lead-in ending in a report verb is context; a finish expected is not yet
    (
        "几项一起汇报一下第2项归集还在编第7项数据集已更新完成第9项稿件下周能定稿",
        [(2, ONGOING), (7, DONE), (9, ONGOING)],
    ),
    # a filler opening a dictated line before the task number
    ("那个十九项正在推进", [(19, ONGOING)]),
]


@pytest.mark.parametrize(("line", "said"), REPORTS, ids=[c[0] for c in REPORTS])
def test_reports(vocabulary, line, said):
    assert records(line, vocabulary) == said


READ_THROUGH = [
    "第九項已經完成",
    "笫7项已完成",
    "第12像进形中",
    "第贰拾叁项已完成",
    "第七项第九项都在推进",
]


@pytest.mark.parametrize("line", READ_THROUGH)
def test_a_line_read_through_a_slip_or_script_is_proposed(vocabulary, line):
    found = read(line, vocabulary)
    assert found
    assert all(r.unsure is i.Unsure.SPELLING for r in found), found


def test_a_task_written_with_the_traditional_item_sign_is_recorded_as_before(vocabulary):
    assert read("第14項已完成", vocabulary) == (i.Report(14, DONE, "已完成"),)


OTHERS = [
    ("第貳拾項講的什麼", i.TaskDetail(20)),
    ("我們牽頭的有哪些", i.Duties((), i.Role.LEAD)),
    ("暫停提醒到12月20日", i.Pause(date(2021, 12, 20))),
    ("十九条是什么意思", i.TaskDetail(19)),
    ("有哪些任务快到截止时间了", i.Due(i.Window.SOON)),
    ("进展直接发给你就可以吗", i.HowTo(i.Topic.REPORT)),
    ("汇报有没有什么格式上的要求", i.HowTo(i.Topic.REPORT)),
    ("第9项做完了还需要上传什么", i.HowTo(i.Topic.REPORT)),
    ("台账可以导给我看看吗", i.Office(i.OfficeAsk.EXPORT)),
    ("行，辛苦了，多谢", i.SmallTalk(i.Chat.THANKS)),
    ("已完成的任务能查一下吗", i.Progress()),
]


@pytest.mark.parametrize(("line", "meant"), OTHERS, ids=[c[0] for c in OTHERS])
def test_other_forms(vocabulary, line, meant):
    assert read(line, vocabulary) == (meant,)


ASKED = [
    "第11项的检查推迟到下个月了",  # put off: no state of the work
    "第22项还没到验收的阶段，谈不上完成",
    "第9项要是把宣传稿也算进去，就算完成了",  # done only if
    "因为系统升级，所以第16项的评估挪到12月了",  # a reason before the task is context
    "第31项今年还没开展培训",  # not begun
    "第7项数据集还在整理开放目录这周完成了",  # two statuses in one breath
    # a statement on a task that no report rule reads is asked back, never answered with
    # the task's text
    "第21项涉及的账号我们逐个排查了一遍，相关的平台也完成对接",
]


@pytest.mark.parametrize("line", ASKED)
def test_asked_back(vocabulary, line):
    assert [type(x) for x in read(line, vocabulary)] == [i.AskBack]


def test_all_but_one_with_no_list_asks_which_tasks(vocabulary):
    assert read("除第7项以外，其余的都已经完成了", vocabulary) == (
        i.AskBack(i.Unclear.TASK, (), "除第7项以外，其余的都已经完成了"),
    )


def test_all_but_one_is_proposed_never_recorded_at_once(vocabulary):
    found = read("第3、5项除了第5项都完成了", vocabulary)
    assert [(r.task, r.status) for r in found] == [(3, DONE)]
    assert all(r.unsure is not None for r in found)


def test_a_correction_may_name_the_report_it_corrects(vocabulary):
    found = read("纠正一下上次报的第6项，应该是有困难不是进行中", vocabulary)
    assert [(a.task, a.status) for a in found if isinstance(a, i.Amend)] == [(6, BLOCKED)]
    assert len(found) == 1


def test_a_bare_count_of_items_is_still_no_task(vocabulary):
    assert read("12条", vocabulary) != (i.TaskDetail(12),)
    assert not any(
        isinstance(r, i.Report) and r.task == 45 for r in read("已办结45条", vocabulary)
    )


WORDED = [
    # a quote of one task's words names it; what follows is its report, always proposed
    ("“建立本部门2021年政务公开工作重点任务台账”已完成", [(33, DONE)]),
    ("「启用新版依申请公开系统」这项还在调试", [(26, ONGOING)]),
    # an unquoted phrase opening the line, most of it word for word in one task
    ("对本部门频道的专栏建设情况开展专项检查 这个正在推进", [(22, ONGOING)]),
]


@pytest.mark.parametrize(("line", "said"), WORDED, ids=[c[0] for c in WORDED])
def test_a_task_named_by_the_notices_words_is_proposed(vocabulary, line, said):
    found = read(line, vocabulary)
    assert all(isinstance(r, i.Report) and r.unsure is not None for r in found), found
    assert [(r.task, r.status) for r in found] == said


def test_the_notices_words_of_several_tasks_or_alone_are_asked_back(vocabulary):
    # 政府信息公开工作年度报告 is in tasks 29 and 34
    assert read("政府信息公开工作年度报告这项正在写", vocabulary) == (
        i.AskBack(i.Unclear.TASK, (29, 34), "正在写"),
    )
    # the notice's own words alone: saying done, which status; else no report at all
    assert [type(x) for x in read("于12月10日前完成主动公开基层目录编制", vocabulary)] == [
        i.AskBack
    ]
    alone = read("及时了解掌握社会公众对政策执行效果的反馈与评价", vocabulary)
    assert not any(isinstance(x, i.Report | i.AskBack) for x in alone)
    # a line that asks is a question, whatever words of the notice open it
    asked = read("“认真做好政务舆情”这项完成了吗", vocabulary)
    assert not any(isinstance(x, i.Report) for x in asked)
