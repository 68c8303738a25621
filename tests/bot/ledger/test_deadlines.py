"""Due dates: from the office's file, from the notice's words, yearly phrases, or the default."""

import errno
import json
import os
from datetime import date
from pathlib import Path

import pytest

from bot.answers.texts import due_line
from bot.config import parse_config
from bot.errors import ConfigError
from bot.ledger.deadlines import (
    DEFAULT_HEADER,
    DeadlineCommand,
    DeadlineError,
    Milestone,
    Source,
    deadline_file_header,
    load_office_deadlines,
    notice_year_end,
    parse_deadline_command,
    parse_office_deadlines,
    plan_deadlines,
    plan_year,
    render_office_deadlines,
    save_office_deadlines,
    task_milestones,
    written_date,
)
from bot.plan import Party, PartyKind, Plan, Role, Task
from tests.bot.console.test_chat import run_bot

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


# ---- The office's /deadline command and rewriting the clerk's file ----

CLERK_FILE = Path(__file__).resolve().parents[3] / "data" / "deadlines.toml"
HEADER = "# 办公室设定的截止日期。\n# 格式：任务编号 = [年-月-日, …]\n"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2021-11-20", (2021, 11, 20)),
        ("2021/11/20", (2021, 11, 20)),
        ("2021.11.20", (2021, 11, 20)),
        ("2021-1-5", (2021, 1, 5)),
        ("20211120", (2021, 11, 20)),
        ("2021年11月20日", (2021, 11, 20)),
        ("2021年11月20号", (2021, 11, 20)),
        ("二〇二一年十一月二十日", (2021, 11, 20)),
        ("２０２１－１１－２０", (2021, 11, 20)),
        ("11月20日", (None, 11, 20)),
        ("十一月二十日", (None, 11, 20)),
        ("11-20", (None, 11, 20)),
        ("11/20", (None, 11, 20)),
        ("2月30日", (None, 2, 30)),
    ],
)
def test_written_dates(text, parts):
    assert written_date(text) == parts


@pytest.mark.parametrize("text", ["", "明天", "11月", "1120", "2021-11/20", "2021年", "第5项"])
def test_texts_that_are_not_dates(text):
    assert written_date(text) is None


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (
            ["24", "2021-11-20", "2021-12-10"],
            DeadlineCommand(24, (date(2021, 11, 20), date(2021, 12, 10))),
        ),
        (["5", "2021年12月15日"], DeadlineCommand(5, (date(2021, 12, 15),))),
        (["第24项", "2021/11/20"], DeadlineCommand(24, (date(2021, 11, 20),))),
        (["第二十四项", "20211120"], DeadlineCommand(24, (date(2021, 11, 20),))),
        # Sorted, and the same day written twice is one milestone.
        (
            ["24", "2021-12-10", "2021年11月20日", "20211210"],
            DeadlineCommand(24, (date(2021, 11, 20), date(2021, 12, 10))),
        ),
        (
            ["24", "2021-11-20，2021-12-10"],
            DeadlineCommand(24, (date(2021, 11, 20), date(2021, 12, 10))),
        ),
        (["5", "清除"], DeadlineCommand(5, ())),
        (["第5项", "删除"], DeadlineCommand(5, ())),
    ],
)
def test_deadline_commands(args, command):
    assert parse_deadline_command(args) == command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "用法：/deadline"),
        (["2021-11-20"], "不是任务编号"),
        (["x", "2021-11-20"], "“x”不是任务编号"),
        (["0", "2021-11-20"], "不是任务编号"),
        (["24"], "请在任务编号后写日期"),
        (["24", "明天"], "“明天”不是日期"),
        (["24", "11月20日"], "没有写年份"),
        (["24", "2021-02-30"], "没有“2021-02-30”这一天"),
        (["24", "清除", "2021-11-20"], "“清除”不能和日期写在一起"),
        (["24", "2021-11-20", "清除"], "不能和日期写在一起"),
    ],
)
def test_bad_deadline_commands_explain_in_chinese(args, message):
    with pytest.raises(ValueError, match=message):
        parse_deadline_command(args)


def test_render_writes_tasks_in_order_after_the_header():
    office = {24: (date(2021, 11, 20), date(2021, 12, 10)), 5: (date(2021, 12, 15),), 7: ()}
    assert render_office_deadlines(office, HEADER) == (
        "# 办公室设定的截止日期。\n"
        "# 格式：任务编号 = [年-月-日, …]\n"
        "\n"
        "[tasks]\n"
        "5 = [2021-12-15]\n"
        "24 = [2021-11-20, 2021-12-10]\n"
    )


def test_render_round_trips_through_the_parser():
    office = {
        33: (date(2021, 12, 15),),
        24: (date(2021, 11, 20), date(2021, 12, 10)),
        1: (date(2022, 1, 31),),
        9: (),
    }
    text = render_office_deadlines(office, HEADER)
    assert parse_office_deadlines(text) == {
        1: (date(2022, 1, 31),),
        24: (date(2021, 11, 20), date(2021, 12, 10)),
        33: (date(2021, 12, 15),),
    }
    assert deadline_file_header(text) == HEADER + "\n"
    assert render_office_deadlines({}, "") == "[tasks]\n"
    assert parse_office_deadlines(render_office_deadlines({}, HEADER)) == {}


def test_render_refuses_a_header_that_is_not_comments():
    with pytest.raises(ValueError, match="注释"):
        render_office_deadlines({}, "# 说明\n[other]\n")


def test_the_header_is_the_leading_comments():
    text = "\ufeff# 第一行\n\n#第二行\n\n[tasks]\n# 24 暂不设\n5 = [2021-12-15]\n"
    assert deadline_file_header(text) == "# 第一行\n\n#第二行\n\n"
    assert deadline_file_header("[tasks]\n") == ""
    assert deadline_file_header("") == ""


def test_the_default_header_is_the_shipped_clerk_file():
    shipped = CLERK_FILE.read_text(encoding="utf-8")
    assert deadline_file_header(shipped) == DEFAULT_HEADER + "\n"


def test_save_then_load_gives_the_same_dates(tmp_path):
    path = tmp_path / "deadlines.toml"
    path.write_text(CLERK_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    office = {24: (date(2021, 11, 20), date(2021, 12, 10)), 33: (date(2021, 12, 15),)}
    save_office_deadlines(path, office)
    assert load_office_deadlines(path) == office
    text = path.read_text(encoding="utf-8")
    assert text.startswith(DEFAULT_HEADER)
    assert text.endswith("[tasks]\n24 = [2021-11-20, 2021-12-10]\n33 = [2021-12-15]\n")

    # Clearing task 24 and saving again keeps the header and task 33.
    save_office_deadlines(path, {24: (), 33: (date(2021, 12, 15),)})
    assert load_office_deadlines(path) == {33: (date(2021, 12, 15),)}
    assert path.read_text(encoding="utf-8") == DEFAULT_HEADER + "\n[tasks]\n33 = [2021-12-15]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deadlines.toml"]


def test_save_keeps_the_clerk_own_header_and_file_mode(tmp_path):
    path = tmp_path / "deadlines.toml"
    path.write_text("# 王科长维护，改前先问\n[tasks]\n5 = [2021-12-01]\n", encoding="utf-8")
    path.chmod(0o664)
    save_office_deadlines(path, {5: (date(2021, 12, 2),)})
    assert (
        path.read_text(encoding="utf-8") == "# 王科长维护，改前先问\n\n[tasks]\n5 = [2021-12-02]\n"
    )
    assert path.stat().st_mode & 0o777 == 0o664


def test_save_creates_a_missing_file_with_the_instructions(tmp_path):
    path = tmp_path / "deadlines.toml"
    save_office_deadlines(path, {5: (date(2021, 12, 2),)})
    assert path.read_text(encoding="utf-8") == DEFAULT_HEADER + "\n[tasks]\n5 = [2021-12-02]\n"
    assert load_office_deadlines(path) == {5: (date(2021, 12, 2),)}


def test_save_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("[tasks]\n", encoding="utf-8")
    link = tmp_path / "deadlines.toml"
    link.symlink_to(real)
    save_office_deadlines(link, {5: (date(2021, 12, 2),)})
    assert link.is_symlink()
    assert load_office_deadlines(real) == {5: (date(2021, 12, 2),)}


def test_a_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "deadlines.toml"
    old = "# 说明\n\n[tasks]\n5 = [2021-12-01]\n"
    path.write_text(old, encoding="utf-8")

    def refuse(src, dst):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(
        DeadlineError, match="截止日期文件.*写入失败（Permission denied）.*原文件不变"
    ):
        save_office_deadlines(path, {5: (date(2021, 12, 2),)})
    assert path.read_text(encoding="utf-8") == old
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.toml"]


def test_a_full_disk_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "deadlines.toml"
    old = "[tasks]\n5 = [2021-12-01]\n"
    path.write_text(old, encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DeadlineError, match="No space left on device"):
        save_office_deadlines(path, {5: (date(2021, 12, 2),)})
    assert path.read_text(encoding="utf-8") == old
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.toml"]


# ---- Dates the way notices write them (issue 16): the cell, recurring, continuous, no year ----


def _task(requirement, time_text=None):
    party = Party("办公室", PartyKind.UNIT, Role.LEAD)
    return Task(1, 1, requirement, "办公室", (party,), 5, time_text=time_text)


@pytest.mark.parametrize(
    ("requirement", "time_text", "dues"),
    [
        ("做好政策解读。", "6月底前", [date(2021, 6, 30)]),
        ("做好政策解读。", "8月前", [date(2021, 7, 31)]),
        (
            "做好政策解读。",
            "2021年11月20日前和12月10日前",
            [date(2021, 11, 20), date(2021, 12, 10)],
        ),
        ("6月底前完成初稿。", "年底前印发", [date(2021, 6, 30), date(2021, 12, 31)]),
        ("做好政策解读。", "2022年3月底前", [date(2022, 3, 31)]),
        ("做好政策解读，第三季度完成。", None, [date(2021, 9, 30)]),
    ],
)
def test_one_off_dates_come_from_the_requirement_and_the_time_limit_cell(
    requirement, time_text, dues
):
    milestones = task_milestones(_task(requirement, time_text), office=(), year_end=YEAR_END)
    assert milestones == tuple(Milestone(d, Source.NOTICE) for d in dues)


@pytest.mark.parametrize("time_text", ["长期坚持", "持续推进", "常态化", "长期"])
def test_a_continuous_task_has_no_due_date(time_text):
    assert task_milestones(_task("做好舆情回应。", time_text), office=(), year_end=YEAR_END) == ()
    # A clause of its own in the prose counts too.
    assert (
        task_milestones(_task(f"做好舆情回应，{time_text}。"), office=(), year_end=YEAR_END) == ()
    )


def test_recurring_tasks_are_due_each_period_from_the_signing_to_the_year_end():
    issued = date(2021, 10, 28)
    quarterly = task_milestones(
        _task("报送进展。", "每季度"), office=(), year_end=YEAR_END, start=issued
    )
    assert quarterly == (Milestone(date(2021, 12, 31), Source.NOTICE, "每季度"),)
    monthly = task_milestones(
        _task("报送进展。", "每月10日前"), office=(), year_end=YEAR_END, start=issued
    )
    assert [m.due for m in monthly] == [date(2021, 11, 10), date(2021, 12, 10)]
    whole_year = task_milestones(_task("报送进展。", "每半年"), office=(), year_end=YEAR_END)
    assert [m.due for m in whole_year] == [date(2021, 6, 30), date(2021, 12, 31)]
    # A plain yearly one is due by the office's configured year end.
    early = date(2021, 12, 20)
    yearly = task_milestones(_task("听取汇报。", "每年"), office=(), year_end=early)
    assert yearly == (Milestone(early, Source.NOTICE, "每年"),)
    # Nothing left in the year: due by the year end.
    late = task_milestones(
        _task("报送进展。", "每月10日前"), office=(), year_end=YEAR_END, start=date(2021, 12, 20)
    )
    assert late == (Milestone(YEAR_END, Source.NOTICE, "每月10日前"),)


def test_next_year_counts_from_the_signing():
    # A 2023 plan signed in December 2022: 明年7月 is July 2023.
    task = _task("明年7月份完成改造。")
    signed = date(2022, 12, 27)
    assert task_milestones(task, office=(), year_end=date(2023, 12, 31), start=signed) == (
        Milestone(date(2023, 7, 31), Source.NOTICE),
    )


def test_a_stated_date_wins_over_recurring_and_continuous_words():
    task = _task("每季度报送进展，长期坚持。", "2021年6月底前建成")
    assert task_milestones(task, office=(), year_end=YEAR_END) == (
        Milestone(date(2021, 6, 30), Source.NOTICE),
    )
    office = (date(2021, 8, 1),)
    assert task_milestones(task, office=office, year_end=YEAR_END) == (
        Milestone(date(2021, 8, 1), Source.OFFICE),
    )


def test_without_the_notice_year_only_dates_written_with_a_year_are_due():
    # Before issue 16 the current year's year end stood in; now nothing is invented.
    assert task_milestones(_task("做好政策解读。", "6月底前"), office=(), year_end=None) == ()
    assert task_milestones(_task("做好政策解读。"), office=(), year_end=None) == ()
    assert task_milestones(_task("报送。", "每季度"), office=(), year_end=None) == ()
    assert task_milestones(_task("做好解读。", "2021年6月30日"), office=(), year_end=None) == (
        Milestone(date(2021, 6, 30), Source.NOTICE),
    )


def test_the_notice_year_from_the_stage_the_signing_or_the_title():
    def plan(title, issued=None, year=None):
        return Plan(title=title, issued=issued, sections=(), tasks=(), year=year)

    assert plan_year(plan("工作要点", year=2020, issued=date(2021, 1, 5))) == 2020
    assert plan_year(plan("工作要点", issued=date(2021, 10, 28))) == 2021
    assert plan_year(plan("某局2022年工作要点")) == 2022
    assert plan_year(plan("工作要点")) is None
    assert notice_year_end(plan("某局2022年工作要点"), (12, 20)) == date(2022, 12, 20)
    assert notice_year_end(plan("工作要点"), (12, 31)) is None
