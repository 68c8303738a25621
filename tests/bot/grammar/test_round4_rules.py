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
