"""Which units a 批示 goes to, read from the shipped notice: the task's 牵头 and 负责 units
(through group phrases too); 配合 and 参照落实 units hear of it from the lead."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.instructions.units import instructed_units
from bot.plan import Party, PartyKind, Plan, Role
from bot.registry.units import Registry


@pytest.mark.parametrize(
    ("task", "units"),
    [
        (24, ("办公室",)),  # 办公室牵头，各相关科室（单位）配合
        (27, ("办公室",)),  # 办公室牵头，财务与审计科配合；各市（区）分局参照落实
        (17, ("办公室", "执法二科", "市环境信息中心")),  # three leads, 信息中心 by its alias
        (22, ("办公室", "市环境信息中心")),  # named with no role word: responsible
    ],
    ids=["lead-only", "not-reference", "three-leads", "responsible"],
)
def test_an_instruction_goes_to_the_lead_and_responsible_units(
    task: int, units: tuple[str, ...], plan: Plan, registry: Registry
):
    assert instructed_units(task, plan, registry) == units


def test_a_group_phrase_responsible_reaches_its_members(plan: Plan, registry: Registry):
    # 第6项: 各市（区）分局 — the seven branches
    assert len(instructed_units(6, plan, registry)) == 7


def test_with_no_lead_nor_responsible_every_holder_gets_it(plan: Plan, registry: Registry):
    task = plan.task(19)  # 法规与标准科牵头，信息中心配合
    cooperating = tuple(replace(p, role=Role.COOPERATE) for p in task.parties)
    changed = replace(plan, tasks=(replace(task, parties=cooperating),))
    assert instructed_units(19, changed, registry) == ("法规与标准科", "市环境信息中心")
    assert Party("法规与标准科", PartyKind.UNIT, Role.LEAD) in task.parties
