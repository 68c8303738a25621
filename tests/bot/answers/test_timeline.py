"""Time windows and the open items in them, with expectations read from the notice by hand.

办公室 leads task 24 (due 2021-11-20, a Saturday, and 2021-12-10, a Friday). 执法一科 is
named in 4 and 28 and holds 8, 10, 11, 12, 13, 16, 17 through 各科室（单位）, all due
12-31.
Working days in Nov–Dec 2021 are plain Monday to Friday (no holiday falls there).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.timeline import next_due, task_due_answer, window_answer, window_range
from bot.grammar.intents import Window
from tests.bot.answers.conftest import report_done

MONDAY = date(2021, 11, 15)


@pytest.mark.parametrize(
    ("window", "today", "expected"),
    [
        (Window.WEEK, MONDAY, (date(2021, 11, 15), date(2021, 11, 21))),
        (Window.WEEK, date(2021, 11, 21), (date(2021, 11, 15), date(2021, 11, 21))),
        (Window.NEXT_WEEK, date(2021, 11, 21), (date(2021, 11, 22), date(2021, 11, 28))),
        (Window.MONTH, date(2021, 12, 15), (date(2021, 12, 1), date(2021, 12, 31))),
        (Window.NEXT_MONTH, date(2021, 12, 15), (date(2022, 1, 1), date(2022, 1, 31))),
        (Window.NEXT_MONTH, date(2021, 1, 31), (date(2021, 2, 1), date(2021, 2, 28))),
        # 2021 National Day: Oct 1–7 off, Sat Oct 9 a makeup working day.
        (Window.SOON, date(2021, 9, 28), (date(2021, 9, 28), date(2021, 10, 18))),
        (Window.OVERDUE, MONDAY, (None, date(2021, 11, 14))),
        (Window.ALL, MONDAY, (None, None)),
    ],
    ids=[
        "this-week",
        "this-week-on-sunday",
        "next-week",
        "this-month",
        "next-month-new-year",
        "next-month-february",
        "soon-over-national-day",
        "overdue",
        "all",
    ],
)
def test_window_range(window, today, expected):
    assert window_range(window, today) == expected


def lines_of(answer):
    return answer.text.splitlines()


def test_this_week_lists_the_units_item_with_its_date_and_days_left(dated, ledger, registry):
    answer = window_answer([registry.unit("办公室")], Window.WEEK, dated, ledger, MONDAY)
    lines = lines_of(answer)
    assert lines[0] == "办公室本周（11月15日至11月21日）到期的任务：共 1 项"
    assert lines[1].startswith("· 第24项 要分别于")
    # Tue 16 – Fri 19 are the working days before Saturday the 20th.
    assert lines[1].endswith("：11月20日（周六），还有 4 个工作日")
    assert answer.tasks == (24,)


def test_an_empty_window_names_the_next_due_item(dated, ledger, registry):
    answer = window_answer([registry.unit("办公室")], Window.NEXT_WEEK, dated, ledger, MONDAY)
    lines = lines_of(answer)
    assert lines[0] == "办公室下周（11月22日至11月28日）到期的任务：没有。"
    assert lines[1].startswith("下一个到期：第24项 ")
    assert lines[1].endswith("：11月20日（周六），还有 4 个工作日")
    assert answer.tasks == ()


def test_a_milestone_reported_done_is_not_open(dated, ledger, registry):
    report_done(ledger, "办公室", 24, date(2021, 11, 20))
    answer = window_answer([registry.unit("办公室")], Window.WEEK, dated, ledger, MONDAY)
    lines = lines_of(answer)
    assert lines[0] == "办公室本周（11月15日至11月21日）到期的任务：没有。"
    # From Mon 15 Nov to Fri 10 Dec: 4 + 5 + 5 + 5 working days.
    assert lines[1].endswith("：12月10日（周五），还有 19 个工作日")


def test_overdue_items_are_marked_with_the_working_days_past(dated, ledger, registry):
    today = date(2021, 12, 13)
    answer = window_answer([registry.unit("办公室")], Window.OVERDUE, dated, ledger, today)
    lines = lines_of(answer)
    assert lines[0] == "办公室已逾期未完成的任务：共 2 项"
    # After Sat 20 Nov up to Mon 13 Dec: 5 + 5 + 5 + 1 working days; after Fri 10 Dec: 1.
    assert lines[1].endswith("：11月20日（周六），已逾期 16 个工作日")
    assert lines[2].endswith("：12月10日（周五），已逾期 1 个工作日")


def test_nothing_overdue(dated, ledger, registry):
    answer = window_answer([registry.unit("综合科")], Window.OVERDUE, dated, ledger, MONDAY)
    lines = lines_of(answer)
    assert lines[0] == "综合科没有逾期的任务。"
    assert lines[1].startswith("下一个到期：第1项 ")
    assert lines[1].endswith("：12月31日（周五），还有 34 个工作日")


def test_all_open_items_by_due_date_then_number(dated, ledger, registry):
    answer = window_answer([registry.unit("执法一科")], Window.ALL, dated, ledger, MONDAY)
    lines = lines_of(answer)
    assert lines[0] == "执法一科未完成的任务（按截止日期）：共 9 项"
    assert answer.tasks == (4, 8, 10, 11, 12, 13, 16, 17, 28)
    assert all(line.endswith("：12月31日（周五），还有 34 个工作日") for line in lines[1:])


def test_soon_and_several_units(dated, ledger, registry):
    units = [registry.unit("办公室"), registry.unit("执法一科")]
    answer = window_answer(units, Window.SOON, dated, ledger, MONDAY)
    lines = lines_of(answer)
    # Ten working days after Mon 15 Nov end on Mon 29 Nov: only 办公室's 11-20 falls in.
    assert lines[0] == "办公室近期（至11月29日）到期的任务：共 1 项"
    assert lines[2] == "执法一科近期（至11月29日）到期的任务：没有。"
    assert answer.tasks == (24,)


def test_a_tasks_dates_for_the_unit_holding_it(dated, ledger, registry):
    report_done(ledger, "办公室", 24, date(2021, 11, 20))
    answer = task_due_answer(registry.unit("办公室"), 24, dated, ledger, MONDAY)
    assert lines_of(answer)[1:] == [
        "办公室的截止日期（2 个节点）：",
        "· 11月20日（周六），已完成",
        "· 12月10日（周五），还有 19 个工作日",
    ]


def test_a_tasks_single_date(dated, ledger, registry):
    answer = task_due_answer(registry.unit("办公室"), 33, dated, ledger, MONDAY)
    assert lines_of(answer)[1] == "办公室的截止日期：12月31日（周五），还有 34 个工作日"


def test_a_task_the_unit_does_not_hold_shows_the_notices_dates(dated, ledger, registry):
    # 24 is 办公室's with 各相关科室（单位）, which the office has not defined yet.
    answer = task_due_answer(registry.unit("综合科"), 24, dated, ledger, MONDAY)
    assert lines_of(answer)[1:] == [
        "综合科不承担此项，以下是通知的截止日期。",
        "截止日期（2 个节点）：",
        "· 11月20日（周六），还有 4 个工作日",
        "· 12月10日（周五），还有 19 个工作日",
    ]


def test_no_such_task(dated, ledger, registry):
    answer = task_due_answer(None, 40, dated, ledger, MONDAY)
    assert answer.text == "通知里没有第40项（共34项，第1项至第34项）。"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (None, date(2021, 11, 20)),
        (date(2021, 11, 20), date(2021, 11, 20)),
        (date(2021, 11, 25), date(2021, 12, 10)),
        (date(2021, 12, 20), date(2021, 12, 10)),
    ],
    ids=["no-today", "on-the-day", "between", "all-past"],
)
def test_next_due(today, expected):
    assert next_due((date(2021, 11, 20), date(2021, 12, 10)), today) == expected


def test_an_empty_window_with_everything_past_says_how_many_are_overdue(dated, ledger, registry):
    # 综合科 holds 10 tasks, all due Fri 2021-12-31; by 2022-01-10 every one is overdue.
    today = date(2022, 1, 10)
    answer = window_answer([registry.unit("综合科")], Window.WEEK, dated, ledger, today)
    assert answer.text == (
        "综合科本周（1月10日至1月16日）到期的任务：没有。"
        "综合科没有将到期的任务，另有 10 项已逾期：发“有没有逾期”查看。"
    )
