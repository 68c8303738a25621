"""A new office follows the README's adoption guide from a terminal, with another office's notice
(tests/data/qingxi-education-2023.txt) and a registry file that is not there yet.

The first import replaces the shipped sample and proposes the registry from the notice; after
it no command needs --units; `deadline` sets a date in the data directory's own deadline file.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.importing.test_import_cli import run_bot
from tests.conftest import ROOT

QINGXI = ROOT / "tests" / "data" / "qingxi-education-2023.txt"
SAMPLE_DEADLINES = ROOT / "data" / "deadlines.toml"


def adopt(tmp_path: Path, answer: str = "\ny\n") -> tuple[Path, str]:
    """Import the notice with a new registry file and the prompts answered by `answer`."""
    units, data = tmp_path / "units.toml", tmp_path / "d"
    result = run_bot(
        "import", str(QINGXI), "--units", str(units), "--data", str(data), answer=answer
    )
    assert result.returncode == 0, result.stderr
    return data, result.stdout


def test_the_first_import_replaces_the_sample_and_takes_the_proposed_registry(tmp_path):
    data, out = adopt(tmp_path)
    assert "【修订对比】" not in out
    assert "是同一项" not in out
    assert "取代随程序附带的示例通知（江门市生态环境局2021年政务公开工作要点分工方案" in out
    assert "  科室：基础教育科、组织人事科、财务科、安全管理科、督导室\n" in out
    assert (
        "统称（包括哪些单位待办公室在名录中写明）：各教育集团、各中小学、各幼儿园、相关学校" in out
    )
    units = (tmp_path / "units.toml").read_text(encoding="utf-8")
    assert "  别名（通知写法→单位）：人事科→组织人事科" in out
    assert units.count("\n[[units]]\n") == 9
    assert units.count("\n[[groups]]\n") == 4
    office = (data / "office.toml").read_text(encoding="utf-8")
    assert str(tmp_path / "units.toml") in office
    assert str(data / "deadlines.toml") in office


def test_no_command_needs_units_after_the_first(tmp_path):
    data, _ = adopt(tmp_path)
    plan = run_bot("plan", "--data", str(data), "--json")
    assert plan.returncode == 0, plan.stderr
    document = json.loads(plan.stdout)
    assert document["title"] == "青溪区教育局2023年教育重点工作分工方案"
    assert not [p for p in document["problems"] if "单位名录中没有" in p["why"]]
    chat = run_bot("chat", "--data", str(data), "--as", "基础教育科", answer="我科室负责什么\n")
    assert chat.returncode == 0, chat.stderr
    assert "基础教育科（科室）：共 2 项" in chat.stdout
    again = run_bot("import", str(QINGXI), "--data", str(data), "--yes")
    assert again.returncode == 0, again.stderr
    assert "单位名录中没有的名称" not in again.stdout


def test_deadline_sets_a_date_in_the_data_directorys_own_file(tmp_path):
    data, _ = adopt(tmp_path)
    before = SAMPLE_DEADLINES.read_bytes()
    result = run_bot("deadline", "8", "2023-06-30", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "已设定第8项的截止日期（办公室设定）：2023年6月30日。\n"
    assert "8 = [2023-06-30]" in (data / "deadlines.toml").read_text(encoding="utf-8")
    assert SAMPLE_DEADLINES.read_bytes() == before
    plan = json.loads(run_bot("plan", "--data", str(data), "--json").stdout)
    [task] = [t for t in plan["tasks"] if t["number"] == 8]
    assert "2023-06-30" in json.dumps(task)


def test_deadline_refuses_a_task_the_notice_lacks_and_a_bad_date(tmp_path):
    data, _ = adopt(tmp_path)
    missing = run_bot("deadline", "7", "2023-06-30", "--data", str(data))
    assert missing.returncode == 2
    assert missing.stderr == "通知里没有第7项（共8项，第1项至第9项）。\n"
    bad = run_bot("deadline", "8", "2023-13-30", "--data", str(data))
    assert bad.returncode == 2
    assert "请检查日期" in bad.stderr
    assert not (data / "deadlines.toml").exists()


def test_a_script_takes_the_proposal_with_propose(tmp_path):
    units, data = tmp_path / "units.toml", tmp_path / "d"
    result = run_bot(
        "import", str(QINGXI), "--units", str(units), "--data", str(data), "--yes", "--propose"
    )
    assert result.returncode == 0, result.stderr
    assert "已加入单位名录：统称“各中小学”" in result.stdout
    declined = run_bot(
        "import",
        str(QINGXI),
        "--units",
        str(tmp_path / "other.toml"),
        "--data",
        str(tmp_path / "e"),
        answer="n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nn\n",
    )
    assert declined.returncode == 1
    assert "请选择（直接回车即不加入）" in declined.stdout
