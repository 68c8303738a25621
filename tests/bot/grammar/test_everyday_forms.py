"""Everyday forms of issue 18's second round, one test per named rule (today 2021-11-15).

Cantonese, voice-input homophones, 廿, spaced task numbers and units, yes/no in V不, the
help and export in other words, withdraw and corrections said otherwise, a month's end.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar import intents as i
from bot.grammar.spoken import mandarin
from bot.grammar.timewords import date_in, month_end
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import TODAY, read, records


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("完成咗", "完成了"),
        ("仲未搞掂", "还未搞定"),
        ("需唔需要", "需不需要"),
        ("地十三项", "第十三项"),
        ("第八项己经完成", "第八项已经完成"),
        ("第廿二项", "第二十二项"),
    ],
)
def test_spoken_forms_are_written_as_mandarin(spoken, written):
    assert mandarin(spoken) == written


def test_di_as_ground_stays_when_no_task_follows():
    assert mandarin("本地3项") == "本地3项"
    assert mandarin("以经济手段") == "以经济手段"


def test_cantonese_reports(vocabulary):
    assert records("第3项完成咗", vocabulary) == [(3, Status.DONE)]
    assert records("3项仲未搞掂", vocabulary) == [(3, Status.ONGOING)]


def test_a_voice_homophone_of_di(vocabulary):
    assert records("地五项进展中", vocabulary) == [(5, Status.ONGOING)]


def test_twenty_as_nian(vocabulary):
    assert read("第廿一项", vocabulary) == (i.TaskDetail(21),)


def test_task_numbers_spaced_apart_opening_a_line(vocabulary):
    assert records("3 5 已完成", vocabulary) == [(3, Status.DONE), (5, Status.DONE)]


def test_a_task_named_after_what_was_done(vocabulary):
    assert records("目录今年已更新，第3项完成", vocabulary) == [(3, Status.DONE)]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("第3项可能无法按时完成", Status.BLOCKED),  # difficulty outranks doubt
        ("第3项有困难，标准不清楚", Status.BLOCKED),
        ("第3项遇到点问题", Status.BLOCKED),
        ("第3项 工作进展顺利", Status.ONGOING),
    ],
)
def test_difficulty_and_smooth_progress_words(vocabulary, line, status):
    assert records(line, vocabulary) == [(3, status)]


def test_this_week_said_as_ganma(vocabulary):
    assert read("这个星期要干嘛", vocabulary) == (i.Due(i.Window.WEEK),)


@pytest.mark.parametrize("line", ["执法一科 执法二科分别负责哪些", "执法一科跟执法二科各管哪几项"])
def test_units_apart_by_a_space_or_gen(vocabulary, line):
    assert read(line, vocabulary) == (i.Duties(("执法一科", "执法二科")),)


def test_a_role_filter_with_yao(vocabulary):
    assert read("我们要牵头哪些", vocabulary) == (i.Duties((), i.Role.LEAD),)


@pytest.mark.parametrize("line", ["第5项要我们搞不", "我们需唔需要做第5项"])
def test_yes_no_as_v_bu(vocabulary, line):
    assert read(line, vocabulary) == (i.Applies(5),)


def test_how_to_report_with_the_verb_last(vocabulary):
    assert read("进展怎么报", vocabulary) == (i.HowTo(i.Topic.REPORT),)


@pytest.mark.parametrize("line", ["这个机器人怎么用", "你有什么功能", "助手有哪些功能"])
def test_how_to_use_the_bot_is_the_help(vocabulary, line):
    assert read(line, vocabulary) == (i.Help(),)


@pytest.mark.parametrize("line", ["导个excel给我", "台账下载一下"])
def test_excel_and_downloading_the_ledger_is_the_export(vocabulary, line):
    assert read(line, vocabulary) == (i.Office(i.OfficeAsk.EXPORT),)


@pytest.mark.parametrize("line", ["刚才那条撤回", "把上一条删掉", "上一条报错了 撤销"])
def test_withdraw_with_the_report_named_first(vocabulary, line):
    assert read(line, vocabulary) == (i.Withdraw(),)


def test_a_correction_without_should_be(vocabulary):
    assert read("改一下：第5项 有困难", vocabulary) == (i.Amend(5, Status.BLOCKED, "有困难"),)


def test_a_task_named_inside_the_apology(vocabulary):
    read_as = read("刚才第5项填错了，应该是进行中", vocabulary)
    assert read_as == (i.Amend(5, Status.ONGOING, "进行中"),)


def test_a_slip_then_a_question_is_the_question(vocabulary):
    assert read("填错了怎么办", vocabulary) == (i.HowTo(i.Topic.AMEND),)


def test_a_months_end():
    assert month_end("明年1月底", TODAY) == date(2022, 1, 31)
    assert month_end("2月底", TODAY) == date(2022, 2, 28)
    assert date_in("到12月底", TODAY) == date(2021, 12, 31)


def test_extension_said_as_yan_dao(vocabulary):
    assert read("第5项想延到明年1月底", vocabulary) == (i.Extension(5, date(2022, 1, 31)),)


def test_resume_said_as_may_remind_again(vocabulary):
    assert read("可以重新提醒我了", vocabulary) == (i.Resume(),)


def test_moved_to_another_unit(vocabulary):
    assert read("我现在调到综合科了", vocabulary) == (i.SetUnit("综合科"),)


def test_an_acknowledgement_and_thanks_apart_by_a_space(vocabulary):
    assert read("好的 多谢了", vocabulary) == (i.SmallTalk(i.Chat.THANKS),)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("新媒体账号归谁", ("新媒体账号",)),
        ("疫情防控信息公开谁弄", ("疫情防控信息公开",)),
        ("公开指南修订是哪个科的活", ("公开指南修订",)),
        ("依申请公开的事谁管", ("依申请公开",)),
    ],
)
def test_who_does_a_topic_in_more_words(vocabulary, line, words):
    assert read(line, vocabulary) == (i.Search(words),)


def test_a_cantonese_question_is_never_a_report(vocabulary):
    assert read("第5项进度点样报", vocabulary) == (i.HowTo(i.Topic.REPORT),)


def test_cantonese_ongoing_with_jan(vocabulary):
    assert records("第5项仲做紧", vocabulary) == [(5, Status.ONGOING)]
