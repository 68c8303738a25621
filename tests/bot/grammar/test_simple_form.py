"""The simple-form rule (bot/grammar/simple.py): which reports are recorded at once, and why
the others are confirmed with one press first."""

from __future__ import annotations

import pytest

from bot.grammar import intents as i
from bot.grammar.intents import Unsure
from bot.grammar.simple import unsure
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import read

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED

SIMPLE = [
    ("第8项已完成", [(8, DONE)]),
    ("第 8 项：已经完成了", [(8, DONE)]),
    ("８项搞定了", [(8, DONE)]),
    ("第二十四项已办结", [(24, DONE)]),
    ("第1项 已完成规划公开", [(1, DONE)]),
    ("第27项,已完成.", [(27, DONE)]),
    ("第9项己完成", [(9, DONE)]),
    ("第6项预决算公开已完成", [(6, DONE)]),
    ("第16项正在推进", [(16, ONGOING)]),
    ("第14项 在弄", [(14, ONGOING)]),
    ("第16项在做呢", [(16, ONGOING)]),
    ("第3项有困难", [(3, BLOCKED)]),
    ("第8项已完成，第10项进行中", [(8, DONE), (10, ONGOING)]),
    ("第4项和第19项都已完成", [(4, DONE), (19, DONE)]),
    ("第8、10项已完成", [(8, DONE), (10, DONE)]),
    ("第8项已完成，谢谢", [(8, DONE)]),
]


@pytest.mark.parametrize(("line", "said"), SIMPLE, ids=[c[0] for c in SIMPLE])
def test_a_simple_form_is_recorded_at_once(vocabulary, line, said):
    found = read(line, vocabulary)
    assert [(r.task, r.status) for r in found if isinstance(r, i.Report)] == said
    assert all(isinstance(r, i.Report) and r.unsure is None for r in found), found


UNSURE = [
    ("一、第3项已完成 二、第4项进行中", Unsure.LIST),
    ("①第19项已完成②第4项进行中", Unsure.LIST),
    ("第9项：爱国卫生运动和疫情防控的相关信息都已经在局网站公开了", Unsure.LONG),
    ("第17项：已办结留言128条", Unsure.NUMBER),
    ("第5项完成了80%", Unsure.NUMBER),
    ("第8项还没完成", Unsure.NEGATION),
    ("第18项 不是进行中，是已完成", Unsure.NEGATION),
    ("第4项基本完成", Unsure.HEDGE),
    ("第20项快完成了", Unsure.HEDGE),
    ("第33项方案已完成", Unsure.HEDGE),
    ("第8项已完成，还有两条没反馈", Unsure.CLAUSES),
    ("第13项一直在做，另外想问下第14项什么时候截止", Unsure.CLAUSES),
    ("第5项：已在网站公布年度预算", Unsure.WORDING),
    ("第8项已完成初稿审核", Unsure.HEDGE),
    ("第8项已完成，第10项的材料还在整理", Unsure.WORDING),
    ("第17项执法二科已完成", Unsure.UNIT),
    ("第2项 办公室正在推进", Unsure.UNIT),
]


@pytest.mark.parametrize(("line", "why"), UNSURE, ids=[c[0] for c in UNSURE])
def test_any_other_report_is_confirmed_first(vocabulary, line, why):
    reports = [r for r in read(line, vocabulary) if isinstance(r, i.Report)]
    assert reports, line
    assert {r.unsure for r in reports} == {why}


def test_several_reports_are_confirmed_together_when_one_is_not_simple(vocabulary):
    found = read("第8项已完成，第9项还没完成", vocabulary)
    assert [(r.task, r.status, r.unsure) for r in found if isinstance(r, i.Report)] == [
        (8, DONE, Unsure.NEGATION),
        (9, ONGOING, Unsure.NEGATION),
    ]


def test_a_status_word_saying_another_status_than_read_is_confirmed():
    # the grammar's reading and the clause's status word disagree: never at once
    assert unsure("第8项已完成", "第8项已完成", [i.Report(8, ONGOING, "已完成")]) is Unsure.WORDING
    assert unsure("第8项已完成", "第8项已完成", [i.Report(8, DONE, "已完成")]) is None


def test_a_report_naming_no_task_is_judged_as_if_its_task_opened_the_line(vocabulary):
    # a reply to a nudge names no task: the nudge's is meant
    [plain] = read("正在推进", vocabulary)
    [negated] = read("还没完成", vocabulary)
    assert (plain.task, plain.unsure) == (None, None)
    assert (negated.task, negated.unsure) == (None, Unsure.NEGATION)
