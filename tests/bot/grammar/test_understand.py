"""Every intent and form of issue 18, read from the line as staff type it (today 2021-11-15)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar.intents import (
    Amend,
    Applies,
    AskBack,
    Chat,
    Confirm,
    Deny,
    Due,
    Duties,
    Extension,
    Help,
    HowTo,
    Malformed,
    Office,
    OfficeAsk,
    Owners,
    Pause,
    Pending,
    Progress,
    Report,
    Resume,
    Role,
    Search,
    SectionTasks,
    SetUnit,
    SmallTalk,
    TaskDetail,
    Topic,
    Unclear,
    Units,
    Unknown,
    Unsure,
    WhichUnit,
    Window,
    Withdraw,
)
from bot.grammar.understand import understand
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import TODAY

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED
WORDING, NEGATION, HEDGE = Unsure.WORDING, Unsure.NEGATION, Unsure.HEDGE
CLAUSES, NUMBER = Unsure.CLAUSES, Unsure.NUMBER
BRANCHES = ("蓬江分局", "江海分局", "新会分局", "台山分局", "开平分局", "鹤山分局", "恩平分局")

CASES = [
    # 1. time
    ("本周要做什么", Due(Window.WEEK)),
    ("下周有什么到期", Due(Window.NEXT_WEEK)),
    ("本月任务", Due(Window.MONTH)),
    ("下个月有哪些任务要完成", Due(Window.NEXT_MONTH)),
    ("有哪些任务快到期了", Due(Window.SOON)),
    ("有没有逾期", Due(Window.OVERDUE)),
    ("我们的截止日期", Due(Window.ALL)),
    ("截止日期", Due(Window.ALL)),
    ("24项啥时候截止", Due(Window.ALL, 24)),
    # 2. task references
    ("24项", TaskDetail(24)),
    ("任务24", TaskDetail(24)),
    ("24号任务", TaskDetail(24)),
    ("第24条", TaskDetail(24)),
    ("第二十四项", TaskDetail(24)),
    ("２４", TaskDetail(24)),
    ("第 24 项", TaskDetail(24)),
    ("第24項", TaskDetail(24)),
    ("第１７项是什么", TaskDetail(17)),
    # 3. how-to
    ("我该怎么报进度", HowTo(Topic.REPORT)),
    ("怎么申请延期", HowTo(Topic.EXTENSION)),
    ("怎么暂停提醒", HowTo(Topic.PAUSE)),
    ("怎么撤回", HowTo(Topic.WITHDRAW)),
    ("报错了怎么修改", HowTo(Topic.AMEND)),
    # 5. several units or a vague one
    ("执法一科和执法二科的任务", Duties(("执法一科", "执法二科"))),
    ("分局的任务", WhichUnit("分局", BRANCHES, "各市（区）分局")),
    ("执法科", WhichUnit("执法科", ("执法一科", "执法二科"))),
    ("审计科负责什么", Duties(("财务与审计科",))),
    ("执法2科的任务", Duties(("执法二科",))),
    ("信息中心", Duties(("市环境信息中心",))),
    ("综合科负责什么", Duties(("综合科",))),
    ("我科室负责什么", Duties()),
    ("我们要做什么", Duties()),
    ("本单位有哪些任务", Duties()),
    # 6. filters and yes/no
    ("我们科室有哪些牵头任务", Duties((), Role.LEAD)),
    ("我们配合哪些任务", Duties((), Role.COOPERATE)),
    ("第3项我们要不要做", Applies(3)),
    # 7. the office's questions
    ("哪些单位还没报", Office(OfficeAsk.MISSING)),
    ("总体进展", Office(OfficeAsk.OVERVIEW)),
    ("导出台账", Office(OfficeAsk.EXPORT)),
    ("第17项谁还没报", Office(OfficeAsk.MISSING, 17)),
    # 8. search
    ("预算公开谁负责", Search(("预算公开",))),
    ("谁牵头政策解读", Search(("政策解读",), lead_only=True)),
    ("哪个科室负责舆情回应", Search(("舆情回应",))),
    ("搜索 预算、决算", Search(("预算", "决算"))),
    ("关于：信息处理费", Search(("信息处理费",))),
    ("舆情", Search(("舆情",))),
    # 9. small talk
    ("你好", SmallTalk(Chat.GREETING)),
    ("谢谢！", SmallTalk(Chat.THANKS)),
    ("在吗？", SmallTalk(Chat.PRESENCE)),
    # the existing questions and actions
    ("第17项谁负责", Owners(17)),
    ("第3项的责任单位", Owners(3)),
    ("第十二部分有哪些任务", SectionTasks(12)),
    ("第五部分", SectionTasks(5)),
    ("十二、", SectionTasks(12)),
    ("各单位任务总览", Units()),
    ("待明确", Pending()),
    ("我是综合科的", SetUnit("综合科")),
    ("我在蓬江分局", SetUnit("蓬江分局")),
    ("是的", Confirm()),
    ("不是", Deny()),
    ("帮助", Help()),
    ("", Help()),
    ("撤回", Withdraw()),
    ("修改：第2项 进展：已联系市政府办公室", Amend(2, ONGOING, "已联系市政府办公室")),
    ("修改：缺少上级统计数据", Amend(None, None, "缺少上级统计数据")),  # the status stays
    ("第24项进展", Progress(24)),
    ("我科室进展", Progress()),
    ("暂停提醒到12月30日", Pause(date(2021, 12, 30))),
    ("暂停提醒", Pause(None)),
    ("恢复提醒", Resume()),
    (
        "申请延期 第2项 到2022年1月20日，理由：等待上级批复",
        Extension(2, date(2022, 1, 20), "等待上级批复"),
    ),
    ("今天天气怎么样", Unknown("今天天气怎么样")),
]


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_one_intent(vocabulary, line, expected):
    assert understand(line, vocabulary, today=TODAY) == (expected,)


REPORTS = [
    # a status word anywhere, and done statements
    ("第1项 已完成规划公开", [Report(1, DONE, "已完成规划公开")]),
    ("第19项：已完成法规库比对", [Report(19, DONE, "已完成法规库比对")]),
    ("第5项：已在网站公布年度预算", [Report(5, DONE, "已在网站公布年度预算", WORDING)]),
    ("第8项已完成", [Report(8, DONE, "已完成")]),
    # negations and partial completion are never done
    ("第8项还没完成", [Report(8, ONGOING, "还没完成", NEGATION)]),
    ("第8项未完成", [Report(8, ONGOING, "未完成", NEGATION)]),
    ("第8项尚未完成", [Report(8, ONGOING, "尚未完成", NEGATION)]),
    ("第8项完成了一半", [Report(8, ONGOING, "完成了一半", HEDGE)]),
    ("第8项基本完成", [Report(8, ONGOING, "基本完成", HEDGE)]),
    ("第8项快完成了", [Report(8, ONGOING, "快完成了", HEDGE)]),
    ("第1项：已完成规划公开，待审核", [Report(1, ONGOING, "已完成规划公开，待审核", CLAUSES)]),
    ("第17项：已办结留言128条", [Report(17, ONGOING, "已办结留言128条", NUMBER)]),
    ("第24项有困难：缺少经费", [Report(24, BLOCKED, "有困难：缺少经费")]),
    # several tasks in one line
    ("第8项已完成，第10项进行中", [Report(8, DONE, "已完成"), Report(10, ONGOING, "进行中")]),
    ("第8、10项已完成", [Report(8, DONE, "已完成"), Report(10, DONE, "已完成")]),
    ("8、10项已完成", [Report(8, DONE, "已完成"), Report(10, DONE, "已完成")]),
    (
        "第8项已完成，第10项的材料还在整理",
        [
            Report(8, DONE, "已完成", WORDING),
            Report(10, ONGOING, "的材料还在整理", WORDING),
        ],
    ),
    # not sure: ask, record nothing
    ("已完成", [Report(None, DONE, "已完成")]),
    ("第8项 好了", [AskBack(Unclear.STATUS, (8,), "好了")]),
    ("第8项 差不多了", [AskBack(Unclear.STATUS, (8,), "差不多了")]),
    # a task outside the notice
    (
        "第35项：已完成",
        [
            Malformed(
                "通知里没有第35项，任务编号是1到34。请检查编号，例如：第17项：已办结留言128条"
            )
        ],
    ),
]


@pytest.mark.parametrize(("line", "expected"), REPORTS, ids=[c[0] for c in REPORTS])
def test_reports(vocabulary, line, expected):
    assert list(understand(line, vocabulary, today=TODAY)) == expected


SEVERAL = [
    ("你好，本周要做什么", [Due(Window.WEEK)]),  # a courtesy around a request is dropped
    ("第3项，第5项是什么", [TaskDetail(3), TaskDetail(5)]),
    ("第3项和第5项是什么", [TaskDetail(3), TaskDetail(5)]),
    ("第8项已完成，谢谢", [Report(8, DONE, "已完成")]),
    ("第3项是什么？第3项是什么？", [TaskDetail(3)]),  # the same question twice: one answer
    (".?.?.?.?.?", [Help()]),
]


@pytest.mark.parametrize(("line", "expected"), SEVERAL, ids=[c[0] for c in SEVERAL])
def test_several_intents_in_one_line(vocabulary, line, expected):
    assert list(understand(line, vocabulary, today=TODAY)) == expected


def test_questions_are_never_recorded(vocabulary):
    for line in ("第8项完成了吗", "第24项啥时候截止", "第3项我们要不要做", "第17项是什么"):
        read = understand(line, vocabulary, today=TODAY)
        assert not any(isinstance(i, Report | Amend) for i in read), line
