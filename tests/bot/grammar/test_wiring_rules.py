"""Rules found when the grammar was wired into the conversation, one test per named rule
(today 2021-11-15): commands' dates and reasons, unit names holding 与, unit claims."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar import intents as i
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import read


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("申请延期 第24项 到11月30日，平台升级", "平台升级"),
        ("第24项申请延期到2022-01-10前，等待批复", "等待批复"),
        ("延期：第3项 2022年1月10日 等待省厅批复", "等待省厅批复"),
        ("申请延期 第24项 到11月30日，理由：平台升级", "平台升级"),
        ("申请延期 第24项 到11月30日", ""),
    ],
)
def test_the_extension_reason_is_what_follows_the_date(vocabulary, line, reason):
    [extension] = read(line, vocabulary)
    assert isinstance(extension, i.Extension)
    assert extension.reason == reason


def test_extension_then_a_comma_before_the_task(vocabulary):
    assert read("延期 第二十四项 12月20日 因平台升级", vocabulary) == (
        i.Extension(24, date(2021, 12, 20), "平台升级"),
    )


@pytest.mark.parametrize("line", ["休假到月底", "出差到明天", "休假到周五", "请假到下个月"])
def test_away_to_a_word_of_time_asks_the_date(vocabulary, line):
    assert read(line, vocabulary) == (i.Pause(None),)


@pytest.mark.parametrize("line", ["出差到北京", "出差到周口"])
def test_away_to_a_place_is_no_pause(vocabulary, line):
    assert not any(isinstance(x, i.Pause) for x in read(line, vocabulary))


@pytest.mark.parametrize("line", ["暂停提醒到12月1日吗", "暂停提醒到12月1日？", "暂停到12月1日?"])
def test_a_pause_that_asks_is_no_command(vocabulary, line):
    assert not any(isinstance(x, i.Pause | i.Report | i.AskBack) for x in read(line, vocabulary))


def test_a_spaced_pause_is_one_command(vocabulary):
    assert read("  暂停 提醒\u3000到 12 月 1 日!", vocabulary) == (i.Pause(date(2021, 12, 1)),)


@pytest.mark.parametrize(
    ("line", "units"),
    [
        ("财务与审计科负责什么", ("财务与审计科",)),
        ("法规与标准科和综合科的任务", ("法规与标准科", "综合科")),
        ("固体废物与核（辐射）安全管理科的任务", ("固体废物与核（辐射）安全管理科",)),
    ],
)
def test_a_unit_name_holding_yu_is_one_name(vocabulary, line, units):
    assert read(line, vocabulary) == (i.Duties(units),)


def test_claiming_a_unit_whose_name_holds_brackets(vocabulary):
    assert read("我是固体废物与核（辐射）安全管理科", vocabulary) == (
        i.SetUnit("固体废物与核（辐射）安全管理科"),
    )


@pytest.mark.parametrize("line", ["我是执法3科室", "我是执法三科"])
def test_claiming_a_mistyped_unit_is_checked_by_the_flow(vocabulary, line):
    """The flow offers the closest unit (您是说…吗) and sets it once confirmed."""
    assert read(line, vocabulary) == (i.SetUnit(line.removeprefix("我是")),)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("第24项：目录已编制\n待发布", "目录已编制\n待发布"),
        ("第24项：目录\u202e已编制\x0b待发布\x01", "目录\u202e已编制\x0b待发布\x01"),
        ("第 8 项：已完成 规划公开", "已完成 规划公开"),
    ],
)
def test_a_reports_words_are_kept_as_typed(vocabulary, line, text):
    [report] = read(line, vocabulary)
    assert isinstance(report, i.Report)
    assert report.text == text


@pytest.mark.parametrize(
    "line",
    [
        "第17项：稿件已报送两篇",
        "第17项：已办结留言三十余条",
        "第17项：已公开决定书12份",
        "第17项：已上报几批",
    ],
)
def test_a_count_of_items_in_any_numerals_is_ongoing(vocabulary, line):
    assert [(r.task, r.status) for r in read(line, vocabulary)] == [(17, Status.ONGOING)]


def test_a_count_without_a_task_is_ongoing_work_whose_task_is_asked(vocabulary):
    [report] = read("进展：稿件已报送两篇", vocabulary)
    assert (report.task, report.status) == (None, Status.ONGOING)
