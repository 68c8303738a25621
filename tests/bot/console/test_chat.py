"""The console chat and the command line, run as a user would: piped stdin, a real process."""

import io
import json
import subprocess
import sys

import pytest

from bot.answers.model import ChatState, Knowledge
from bot.console.chat import run_chat
from bot.notices.catalog import NoticeEntry
from bot.notices.desks import Notice
from tests.bot.reading.test_seed_notice import EXPECTED_PARTIES
from tests.conftest import ROOT


def run_bot(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def replies(stdout):
    return stdout.rstrip("\n").split("\n\n")


def test_piped_chat_gives_one_reply_per_line():
    result = run_bot("chat", stdin="综合科负责什么\n第17项谁负责\n哈哈\n")
    assert result.returncode == 0
    answers = replies(result.stdout)
    assert len(answers) == 3
    assert answers[0].startswith("综合科（科室）：共 10 项")
    assert "第2项" in answers[0]
    assert answers[1].startswith("第17项")
    assert answers[2].startswith("没听懂")
    assert result.stderr == ""


def test_chat_as_a_unit():
    result = run_bot("chat", "--as", "综合科", stdin="我科室负责什么\n")
    assert result.returncode == 0
    assert result.stdout.startswith("综合科（科室）：共 10 项")


def test_chat_as_unknown_unit_refuses_with_a_suggestion():
    result = run_bot("chat", "--as", "执法9科")
    assert result.returncode == 2
    assert "找不到“执法9科”" in result.stderr
    assert "您是说“执法" in result.stderr
    assert result.stdout == ""


def test_saying_who_i_am_in_the_chat_carries_over():
    result = run_bot("chat", stdin="我是信息中心\n我们要做什么\n")
    first, second = replies(result.stdout)
    assert "市环境信息中心" in first
    assert second.startswith("市环境信息中心（直属事业单位）")


def test_quit_word_ends_the_chat():
    result = run_bot("chat", stdin="退出\n综合科负责什么\n")
    assert result.stdout == "再见。\n"


def test_interactive_chat_shows_banner_and_prompt(plan, registry):
    out = io.StringIO()
    run_chat(
        [Notice(NoticeEntry("1"), Knowledge(plan, registry))],
        ChatState(unit="综合科"),
        io.StringIO("第1项\n"),
        out,
        interactive=True,
    )
    text = out.getvalue()
    assert "已读入《江门市生态环境局2021年政务公开工作要点分工方案》：15 个部分，34 项任务" in text
    assert "当前身份：综合科" in text
    assert "> 第1项（一、做好各类规划主动公开）" in text


def test_plan_json_matches_the_notice():
    result = run_bot("plan", "--json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert [s["number"] for s in document["sections"]] == list(range(1, 16))
    assert [t["number"] for t in document["tasks"]] == list(range(1, 35))
    for task in document["tasks"]:
        parties = [(p["name"], p["kind"], p["role"]) for p in task["parties"]]
        assert parties == EXPECTED_PARTIES[task["number"]], task["number"]
    assert len(document["problems"]) == 4
    assert all({"line", "text", "why"} <= set(p) for p in document["problems"])


def test_plan_table_lists_tasks_and_problems():
    result = run_bot("plan")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "15 个部分，34 项任务"
    assert "十三、加强配套制度建设" in lines
    assert "      参照落实：各市（区）分局（7 个单位）" in lines
    assert "问题（4 条）：" in lines


def test_other_notice_and_registry_from_the_command_line(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "甲局2021年工作要点\n一、总体要求\n1. 制定年度计划。（牵头单位：甲科；配合单位：乙科）\n",
        encoding="utf-8",
    )
    units = tmp_path / "units.toml"
    units.write_text(
        '[[units]]\nname = "甲科"\nkind = "科室"\n[[units]]\nname = "乙科"\nkind = "科室"\n',
        encoding="utf-8",
    )
    result = run_bot("plan", "--json", "--notice", str(notice), "--units", str(units))
    document = json.loads(result.stdout)
    assert document["tasks"][0]["parties"] == [
        {"name": "甲科", "kind": "unit", "role": "lead"},
        {"name": "乙科", "kind": "unit", "role": "cooperate"},
    ]
    assert document["problems"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--notice", "no-such-file.txt"], "通知文件 no-such-file.txt 有误"),
        (["--units", "no-such-units.toml"], "单位名录 no-such-units.toml 有误"),
        (["--config", "no-such-config.toml"], "配置文件 no-such-config.toml 有误"),
    ],
    ids=["notice", "registry", "config"],
)
def test_missing_files_get_a_chinese_error(args, message):
    result = run_bot("plan", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_notice_without_tasks_is_refused(tmp_path):
    notice = tmp_path / "empty.txt"
    notice.write_text("这不是一份分工方案。\n", encoding="utf-8")
    result = run_bot("plan", "--notice", str(notice))
    assert result.returncode == 2
    assert "没有读到任何编号任务" in result.stderr


def test_config_file_paths_are_relative_to_it(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        f'[notice]\npath = "{ROOT / "data" / "notice-2021.txt"}"\n[registry]\npath = "units.toml"\n',
        encoding="utf-8",
    )
    (tmp_path / "units.toml").write_text(
        (ROOT / "data" / "units.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run_bot("plan", "--json", "--config", str(config))
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["tasks"]) == 34


def test_chat_with_a_demo_clock_counts_working_days_from_then():
    result = run_bot("chat", "--now", "2021-11-15T08:59:50+08:00", stdin="第24项\n")
    assert (
        "截止：2021-11-20（通知原文），还有 4 个工作日；之后 2021-12-10（通知原文）"
        in result.stdout
    )
    bad = run_bot("chat", "--now", "明天")
    assert bad.returncode == 2
    assert "--now 应写成" in bad.stderr
