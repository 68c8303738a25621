"""延期申请 words, and a granted extension moving the reminders and the office's digest.

From the notice: task 24 is 办公室's, due 2021年11月20日 (a Saturday) and 12月10日.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.config import load_config
from bot.extensions.requests import (
    BadExtension,
    ExtensionAsk,
    extension_ask,
    parse_extension_line,
)
from bot.grammar.intents import Extension
from bot.grammar.understand import understand
from bot.grammar.vocabulary import vocabulary_of
from bot.notices.knowledge import load_knowledge
from bot.plan import Plan
from bot.registry.units import Registry
from bot.reminders.nudges import office_digest, plan_nudges

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = date(2021, 11, 15)
OLD, NEW = date(2021, 11, 20), date(2021, 11, 30)


def request(text: str, plan: Plan, registry: Registry) -> ExtensionAsk | BadExtension:
    """A typed 延期申请 as the grammar reads it, checked as the request flow checks it."""
    [intent] = understand(text, vocabulary_of(plan, registry), today=TODAY)
    assert isinstance(intent, Extension)
    return extension_ask(intent.task, intent.until, intent.reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "申请延期 第24项 到12月20日，理由：上级平台升级暂停发布",
            ExtensionAsk(24, date(2021, 12, 20), "上级平台升级暂停发布"),
        ),
        ("延期 第二十四项 12月20日 因平台升级", ExtensionAsk(24, date(2021, 12, 20), "平台升级")),
        (
            "第24项申请延期到2022-01-10前，等待批复",
            ExtensionAsk(24, date(2022, 1, 10), "等待批复"),
        ),
        (
            "延期：第3项 2022年1月10日 等待省厅批复",
            ExtensionAsk(3, date(2022, 1, 10), "等待省厅批复"),
        ),
        # A date without a year is its next occurrence: January is next year's.
        ("申请延期 第3项 到1月10日，等待批复", ExtensionAsk(3, date(2022, 1, 10), "等待批复")),
        # A weekday of next week is a date (the corpus: 申请延期至下周五 → 2021-11-26).
        ("申请延期 第24项 下周五，平台升级", ExtensionAsk(24, date(2021, 11, 26), "平台升级")),
    ],
)
def test_requests_are_read(text: str, expected: ExtensionAsk, plan: Plan, registry: Registry):
    assert request(text, plan, registry) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("申请延期 到12月20日，平台升级", "请写明是哪一项"),
        ("申请延期 第24项 到12月20日", "请一并写明延期理由"),
        ("申请延期 第24项 到2月30日，平台升级", "请写明新日期"),
    ],
)
def test_unreadable_requests_say_why(text: str, reason: str, plan: Plan, registry: Registry):
    result = request(text, plan, registry)
    assert isinstance(result, BadExtension)
    assert result.reason.startswith(reason)


@pytest.mark.parametrize("text", ["延期办理是什么意思", "可以申请延期吗", "第24项进展如何"])
def test_other_messages_are_not_requests(text: str, plan: Plan, registry: Registry):
    read = understand(text, vocabulary_of(plan, registry), today=TODAY)
    assert not any(isinstance(intent, Extension) for intent in read)


def test_the_line_after_the_button():
    assert parse_extension_line("11月30日，上级平台升级", TODAY, 24) == ExtensionAsk(
        24, NEW, "上级平台升级"
    )


def test_a_granted_extension_moves_the_ladder_and_the_digest():
    know = load_knowledge(load_config(None))
    moved = {(24, "办公室", OLD): NEW}

    def steps(**extra) -> list[tuple[date, str, date]]:
        nudges = plan_nudges(
            know.plan,
            know.registry,
            know.deadlines,
            start=TODAY,
            end=NEW,
            zone=ZONE,
            **extra,
        )
        return [(n.at.date(), n.step, n.due) for n in nudges if n.task == 24]

    before, after = steps(), steps(moved=moved)
    assert (TODAY, "d5", OLD) in before
    assert not [s for s in after if s[2] == OLD]
    # Five, one and zero working days before Tuesday 11-30: 11-23, 11-29, 11-30.
    assert [s for s in after if s[2] == NEW] == [
        (date(2021, 11, 23), "d5", NEW),
        (date(2021, 11, 29), "d1", NEW),
        (date(2021, 11, 30), "d0", NEW),
    ]
    on_22 = {"today": date(2021, 11, 22)}
    late = office_digest(know.plan, know.registry, know.deadlines, **on_22)
    assert [(i.task, i.due, i.open_units) for i in late if i.task == 24] == [
        (24, OLD, ("办公室",))
    ]
    # Extended, 办公室 is not late; 11-30 is six working days away on 11-22, five on 11-23.
    moved_digest = office_digest(know.plan, know.registry, know.deadlines, moved=moved, **on_22)
    assert [i for i in moved_digest if i.task == 24] == []
    on_23 = office_digest(
        know.plan, know.registry, know.deadlines, moved=moved, today=date(2021, 11, 23)
    )
    assert [(i.task, i.due, i.level.value) for i in on_23 if i.task == 24] == [(24, NEW, "蓝")]
