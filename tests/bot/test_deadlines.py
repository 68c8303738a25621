"""Due dates: from the office's file, from the notice's words, yearly phrases, or the default."""

import json
from datetime import date
from pathlib import Path

import pytest

from bot.config import parse_config
from bot.deadlines import (
    DeadlineError,
    Milestone,
    Source,
    parse_office_deadlines,
    plan_deadlines,
)
from bot.errors import ConfigError
from bot.texts import due_line
from tests.bot.test_chat import run_bot

YEAR_END = date(2021, 12, 31)


def test_the_notice_own_dates_and_yearly_phrases(plan):
    deadlines = plan_deadlines(plan, office={}, year_end=YEAR_END)
    # Task 24: "要分别于2021年11月20日前和2021年12月10日前完成…" — two milestones.
    assert deadlines[24] == (
        Milestone(date(2021, 11, 20), Source.NOTICE),
        Milestone(date(2021, 12, 10), Source.NOTICE),
    )
    # Task 7: "每年至少更新一次"; task 30: "每年至少听取1次" — once a year, by the year end.
    assert deadlines[7] == (Milestone(YEAR_END, Source.NOTICE, "每年至少更新一次"),)
    assert deadlines[30] == (Milestone(YEAR_END, Source.NOTICE, "每年至少听取1次"),)
    others = [n for n in range(1, 35) if n not in {7, 24, 30}]
    assert all(deadlines[n] == (Milestone(YEAR_END, Source.DEFAULT),) for n in others)


def test_the_office_overrides_everything(plan):
    office = parse_office_deadlines("[tasks]\n24 = [2021-12-01]\n33 = [2021-12-15, 2021-11-30]\n")
    deadlines = plan_deadlines(plan, office=office, year_end=YEAR_END)
    assert deadlines[24] == (Milestone(date(2021, 12, 1), Source.OFFICE),)
    assert [m.due for m in deadlines[33]] == [date(2021, 11, 30), date(2021, 12, 15)]


@pytest.mark.parametrize(
    "text",
    [
        "[tasks]\n24 = ['2021-12-01']\n",
        "[tasks]\nx = [2021-12-01]\n",
        "[tasks]\n24 = []\n",
        "[tasks\n",
    ],
    ids=["string-date", "not-a-number", "empty", "bad-toml"],
)
def test_bad_office_file_gets_a_chinese_error(text):
    with pytest.raises(DeadlineError, match="截止日期文件"):
        parse_office_deadlines(text, "deadlines.toml")


def test_year_end_is_configurable():
    config = parse_config(
        '[deadlines]\nyear_end = "12-20"\n', base=Path("/tmp"), source=Path("c.toml")
    )
    assert config.year_end == (12, 20)
    with pytest.raises(ConfigError, match="year_end"):
        parse_config('[deadlines]\nyear_end = "13-40"\n', base=Path("/tmp"), source=Path("c.toml"))


def test_plan_json_and_chat_show_where_due_dates_come_from():
    document = json.loads(run_bot("plan", "--json").stdout)
    task_24 = document["tasks"][23]
    assert task_24["due"] == [
        {"date": "2021-11-20", "source": "通知原文", "words": ""},
        {"date": "2021-12-10", "source": "通知原文", "words": ""},
    ]
    reply = run_bot("chat", stdin="第7项\n").stdout
    assert "截止：2021-12-31（通知原文：每年至少更新一次）" in reply


def test_due_line_counts_working_days_to_the_next_milestone():
    milestones = (
        Milestone(date(2021, 11, 20), Source.NOTICE),
        Milestone(date(2021, 12, 10), Source.NOTICE),
    )
    # Monday 2021-11-15 → Saturday 2021-11-20: 16, 17, 18 and 19 November are working days.
    assert due_line(milestones, date(2021, 11, 15)) == (
        "截止：2021-11-20（通知原文），还有 4 个工作日；之后 2021-12-10（通知原文）"
    )
    # Monday 2021-12-13, after both: one working day (the 13th) past the last one.
    assert (
        due_line(milestones, date(2021, 12, 13))
        == "截止：2021-12-10（通知原文），已超过 1 个工作日"
    )
    assert due_line(milestones) == "截止：2021-11-20（通知原文）、2021-12-10（通知原文）"


def test_due_line_in_an_unpublished_year_says_it_estimates():
    line = due_line((Milestone(date(2027, 3, 1), Source.OFFICE),), date(2027, 2, 26))
    assert (
        line
        == "截止：2027-03-01（办公室设定），还有 1 个工作日（该年放假安排未公布，按周一至周五估算）"
    )
