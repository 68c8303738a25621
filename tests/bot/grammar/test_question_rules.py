"""The question rules of issue 18 beyond the first forms, one test each (today 2021-11-15)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar.intents import (
    Applies,
    Chat,
    Deny,
    Due,
    Duties,
    Extension,
    Help,
    HowTo,
    Office,
    OfficeAsk,
    Owners,
    Pause,
    Progress,
    Resume,
    Role,
    Search,
    SetUnit,
    SmallTalk,
    TaskDetail,
    Topic,
    Units,
    Unknown,
    Window,
)
from bot.grammar.timewords import date_in
from bot.grammar.understand import understand
from tests.bot.grammar.conftest import TODAY


def read(line: str, vocabulary) -> tuple:
    return understand(line, vocabulary, today=TODAY)


@pytest.mark.parametrize(
    ("line", "window"),
    [
        ("11月还有什么要做", Window.MONTH),
        ("十一月份有哪些任务", Window.MONTH),
        ("12月有什么到期", Window.NEXT_MONTH),
        ("最近有什么要完成的", Window.SOON),
    ],
)
def test_a_month_by_its_number_and_recently(vocabulary, line, window):
    assert read(line, vocabulary) == (Due(window),)


def test_a_date_is_not_a_month_window(vocabulary):
    assert read("12月20日前要做什么", vocabulary) != (Due(Window.NEXT_MONTH),)


def test_the_as_of_typo_of_deadline(vocabulary):
    assert read("截至时间", vocabulary) == (Due(Window.ALL),)


@pytest.mark.parametrize("line", ["序号12", "编号 12", "#12", "＃12"])
def test_serial_numbers_name_a_task(vocabulary, line):
    assert read(line, vocabulary) == (TaskDetail(12),)


def test_which_office_holds_a_task(vocabulary):
    assert read("第12项归哪个科室", vocabulary) == (Owners(12),)


def test_a_later_question_asks_about_the_same_task(vocabulary):
    assert read("第12项是什么，什么时候截止", vocabulary) == (TaskDetail(12), Due(Window.ALL, 12))


def test_who_has_done_a_task_is_progress(vocabulary):
    assert read("第12项谁完成了", vocabulary) == (Progress(12),)


@pytest.mark.parametrize(
    "line", ["已完成的是哪些", "我们已经报了哪些", "我科还有哪几项没报", "我们的进展怎么样了"]
)
def test_my_units_progress_in_words(vocabulary, line):
    assert read(line, vocabulary) == (Progress(),)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("俺们负责啥", Duties()),
        ("我们那些任务", Duties()),
        ("本中心的任务列表", Duties()),
        ("综合科和办公室各自负责什么", Duties(("综合科", "办公室"))),
        ("我们作为牵头单位的任务", Duties((), Role.LEAD)),
        ("需要我们协助的有哪些", Duties((), Role.COOPERATE)),
        ("综合科牵头了几项", Duties(("综合科",), Role.LEAD)),
    ],
)
def test_duties_in_more_words(vocabulary, line, expected):
    assert read(line, vocabulary) == (expected,)


def test_each_units_count(vocabulary):
    assert read("各个单位都有几项", vocabulary) == (Units(),)


@pytest.mark.parametrize(
    "line",
    [
        "第12项我们要参与吗",
        "第12项有没有我们的份",
        "我们科是不是要做第12项",
        "我们在第12项是配合还是牵头",
    ],
)
def test_yes_no_for_my_unit(vocabulary, line):
    assert read(line, vocabulary) == (Applies(12),)


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        ("进展咋填", Topic.REPORT),
        ("做完了要报给谁", Topic.REPORT),
        ("遇到问题怎么反映", Topic.REPORT),
        ("截止日期可以往后推吗", Topic.EXTENSION),
        ("怎么把提醒关掉", Topic.PAUSE),
        ("提醒怎么重新打开", Topic.PAUSE),
        ("填错了怎么办", Topic.AMEND),
    ],
)
def test_how_to_in_more_words(vocabulary, line, topic):
    assert read(line, vocabulary) == (HowTo(topic),)


def test_what_can_you_do_is_the_help(vocabulary):
    assert read("你能干啥", vocabulary) == (Help(),)


def test_the_office_overall_situation(vocabulary):
    assert read("总体情况如何", vocabulary) == (Office(OfficeAsk.OVERVIEW),)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("信息公开的任务有哪些", Search(("信息公开",))),
        ("政策解读是哪几项", Search(("政策解读",))),
        ("有没有关于舆情的任务", Search(("舆情",))),
        ("舆情回应是哪个任务", Search(("舆情回应",))),
        ("政务热线留言谁办理", Search(("政务热线留言",))),
    ],
)
def test_which_tasks_are_about_a_topic(vocabulary, line, expected):
    assert read(line, vocabulary) == (expected,)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("你好啊😀", SmallTalk(Chat.GREETING)),
        ("谢谢哦👍", SmallTalk(Chat.THANKS)),
        ("嗯嗯，谢谢", SmallTalk(Chat.THANKS)),
        ("不是，不对", Deny()),
    ],
)
def test_small_talk_with_particles_emoji_and_acknowledgements(vocabulary, line, expected):
    assert read(line, vocabulary) == (expected,)


def test_a_request_to_the_bot_or_latin_gibberish_is_no_topic(vocabulary):
    assert read("给我唱首歌", vocabulary) == (Unknown("给我唱首歌"),)
    assert read("qwerty", vocabulary) == (Unknown("qwerty"),)


def test_a_name_after_the_unit(vocabulary):
    assert read("我是综合科的小王", vocabulary) == (SetUnit("综合科"),)


def test_relative_weekdays():
    assert date_in("下周五", TODAY) == date(2021, 11, 26)
    assert date_in("下周一", TODAY) == date(2021, 11, 22)
    assert date_in("本周三", TODAY) == date(2021, 11, 17)
    assert date_in("下下周一", TODAY) == date(2021, 11, 29)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第12项申请延期到下周三", Extension(12, date(2021, 11, 24))),
        ("申请把第12项推迟到12月3日", Extension(12, date(2021, 12, 3))),
        ("我在外地，提醒先停到下周一", Pause(date(2021, 11, 22))),
        ("出差回来了，恢复提醒吧", Resume()),
        ("重新打开提醒", Resume()),
    ],
)
def test_extension_pause_and_resume_in_more_words(vocabulary, line, expected):
    assert read(line, vocabulary) == (expected,)
