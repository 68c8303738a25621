"""Role filters and yes/no, read from the notice by hand.

综合科 leads only 2 and cooperates on 10, 12, 17 (through 各科室（单位）); 蓬江分局 holds 3
through 各市（区）分局; 3 names 具有审批职能的各相关科室 (undefined) and the branches; 5 is
财务与审计科's (牵头) with 各直属事业单位 配合.
"""

from __future__ import annotations

from datetime import date

from bot.answers.roles import must_do_answer, role_answer
from bot.plan import Role

TODAY = date(2021, 11, 15)


def test_only_the_tasks_a_unit_leads(dated, registry):
    answer = role_answer(registry.unit("综合科"), Role.LEAD, dated, TODAY)
    lines = answer.text.splitlines()
    assert lines[0] == "综合科牵头的任务：共 1 项"
    assert lines[1].startswith("· 第2项 配合市政府办公室")
    assert lines[1].endswith("，截止 12月31日（周五）")
    assert lines[2] == "另有其他角色的任务 9 项，发“我科室负责什么”查看全部。"
    assert answer.tasks == (2,)


def test_only_the_tasks_a_unit_cooperates_on(dated, registry):
    answer = role_answer(registry.unit("综合科"), Role.COOPERATE, dated, TODAY)
    assert answer.tasks == (10, 12, 17)
    assert answer.text.splitlines()[0] == "综合科配合的任务：共 3 项"


def test_a_unit_that_leads_nothing(dated, registry):
    answer = role_answer(registry.unit("执法一科"), Role.LEAD, dated, TODAY)
    assert answer.text.splitlines()[0] == "执法一科在本通知中没有牵头的任务。"
    assert answer.tasks == ()


def test_yes_through_a_group(dated, registry):
    answer = must_do_answer(registry.unit("蓬江分局"), 3, dated)
    assert answer.text.splitlines()[0] == (
        "要。蓬江分局在第3项中是责任单位（来自统称“各市（区）分局”）。"
    )


def test_yes_named_as_lead(dated, registry):
    answer = must_do_answer(registry.unit("财务与审计科"), 5, dated)
    assert answer.text.splitlines()[0] == "要。财务与审计科在第5项中是牵头单位。"


def test_no_with_whose_it_is(dated, registry):
    answer = must_do_answer(registry.unit("综合科"), 5, dated)
    lines = answer.text.splitlines()
    assert lines[0] == "不需要。第5项不是综合科的任务，由以下单位负责："
    assert "牵头：财务与审计科" in lines
    assert any(line.startswith("配合：各直属事业单位") for line in lines)


def test_unsure_while_a_group_is_undefined(dated, registry):
    answer = must_do_answer(registry.unit("综合科"), 3, dated)
    assert answer.text.startswith(
        "暂不确定。综合科未被点名，但第3项由“具有审批职能的各相关科室”承担"
    )
