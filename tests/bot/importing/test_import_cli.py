"""`python -m bot import`, run as the office would from a terminal, then `plan` to check it.

Names the registry lacks are added from prompts or flags to a copy of the shipped registry;
doubtful matches come from the shipped notice with tasks 33 and 34 swapped and the moved task 33
(建立本部门…台账, 办公室) given a new closing clause (tests.bot.revisions.test_diff).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from bot.importing.texts import BOT_MUST_IMPORT
from bot.store.instance_lock import InstanceLock
from tests.bot.notice_files.hostile_files import grid_bomb
from tests.bot.revisions.test_diff import moved_and_reworded
from tests.conftest import NOTICE, ROOT, UNITS

NOTICE_TEXT = [
    "某局2024年政务公开工作要点分工方案",
    "2024年3月1日",
    "一、做好规划公开",
    "1. 公开专项规划。（牵头单位：办公室；配合单位：综合科）",
    "2. 公开规划解读。（牵头单位：综合科室）",
]


def run_bot(*args: str, answer: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=answer,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config whose data directory is `tmp_path/data`; everything else is the shipped data."""
    path = tmp_path / "config.toml"
    path.write_text('[data]\npath = "data"\n', encoding="utf-8")
    return path


def write_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "upload" / "2024年分工方案.docx", NOTICE_TEXT)


def plan_summary_line(config: Path, *extra: str) -> str:
    result = run_bot("plan", "--config", str(config), *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[1]


def test_import_with_yes_makes_the_notice_active(config: Path, notice: Path):
    result = run_bot("import", str(notice), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "读入文件：2024年分工方案.docx"
    assert out[1] == "标题：某局2024年政务公开工作要点分工方案（2024年3月1日）"
    assert "共 1 个部分，2 项任务：" in out
    assert "涉及单位（2 个）：办公室、综合科" in out
    assert any(line.startswith("  · 综合科室（第2项）—— 最接近的是“综合科”") for line in out)
    stored = config.parent / "data" / "notices" / "2024年分工方案.docx"
    assert f"已启用：2024年分工方案.docx，已存入 {stored}。" in out
    assert stored.read_bytes() == notice.read_bytes()
    plan = run_bot("plan", "--config", str(config))
    assert plan.returncode == 0, plan.stderr
    lines = plan.stdout.splitlines()
    assert lines[0] == "某局2024年政务公开工作要点分工方案（2024-03-01）"
    assert lines[1] == "1 个部分，2 项任务"
    # a notice named on the command line still wins over the imported one
    assert plan_summary_line(config, "--notice", str(NOTICE)) == "15 个部分，34 项任务"


@pytest.mark.parametrize("answer", ["n\n", "", "随便\n"], ids=["no", "no-answer", "other"])
def test_without_confirmation_nothing_changes(config: Path, notice: Path, answer: str):
    result = run_bot("import", str(notice), "--config", str(config), answer=answer)
    assert result.returncode == 1, result.stderr
    assert result.stdout.endswith("确认启用这份通知吗？(y/N) 未启用，原来的通知照常使用。\n")
    data = config.parent / "data"
    assert not (data / "notice.toml").exists()
    assert not (data / "notices").exists()
    assert plan_summary_line(config) == "15 个部分，34 项任务"


def test_yes_typed_at_the_prompt(config: Path, notice: Path):
    # Enter leaves 综合科室 out of the registry; then y
    result = run_bot("import", str(notice), "--config", str(config), answer="\ny\n")
    assert result.returncode == 0, result.stderr
    assert "确认启用这份通知吗？(y/N) 已启用：2024年分工方案.docx" in result.stdout
    assert plan_summary_line(config) == "1 个部分，2 项任务"


def test_a_bad_file_is_refused_and_nothing_changes(config: Path, tmp_path: Path):
    pdf = tmp_path / "分工方案.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    result = run_bot("import", str(pdf), "--config", str(config), "--yes")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("通知文件 分工方案.pdf 有误：不是有效的 PDF 文件")
    assert not (config.parent / "data" / "notice.toml").exists()


def test_a_grid_bomb_is_refused_by_the_bounded_reader(config: Path, tmp_path: Path):
    bomb = tmp_path / "全表.xlsx"
    bomb.write_bytes(grid_bomb())
    result = run_bot("import", str(bomb), "--config", str(config), "--yes")
    assert result.returncode == 2
    assert result.stderr.startswith("通知文件 全表.xlsx 有误：表格行数超过 5000")
    assert not (config.parent / "data").exists()


def test_a_missing_file_is_named(config: Path, tmp_path: Path):
    missing = tmp_path / "没有这个文件.docx"
    result = run_bot("import", str(missing), "--config", str(config), "--yes")
    assert result.returncode == 2
    assert result.stderr.startswith(f"通知文件 {missing} 有误：无法打开")


def test_import_while_the_bot_runs_takes_effect_on_reload(config: Path, notice: Path):
    data = config.parent / "data"
    data.mkdir()
    with InstanceLock(data):  # stands in for the running bot
        result = run_bot("import", str(notice), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "机器人正在运行：新通知在办公室管理员发送 /reload 或重启机器人后生效。"
    )
    assert plan_summary_line(config) == "1 个部分，2 项任务"


def test_importing_the_text_export_again(config: Path):
    result = run_bot("import", str(NOTICE), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    assert "共 15 个部分，34 项任务：" in result.stdout.splitlines()
    assert plan_summary_line(config) == "15 个部分，34 项任务"


# --- names the registry lacks ---------------------------------------------------------------------

NEW_UNITS_TEXT = [
    "某局2024年政务公开工作要点分工方案",
    "一、做好规划公开",
    "1. 公开专项规划。（牵头单位：办公室；配合单位：综合科）",
    "2. 公开规划解读。（牵头单位：综合科室；配合单位：宣传教育科）",
]


@pytest.fixture
def units(config: Path) -> Path:
    """A copy of the shipped registry next to the config, which names it."""
    path = config.parent / "units.toml"
    shutil.copyfile(UNITS, path)
    with config.open("a", encoding="utf-8") as file:
        file.write('[registry]\npath = "units.toml"\n')
    return path


@pytest.fixture
def new_units(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "upload" / "新单位.docx", NEW_UNITS_TEXT)


def chat(config: Path, unit: str, *lines: str) -> str:
    result = run_bot(
        "chat",
        "--config",
        str(config),
        "--as",
        unit,
        answer="".join(f"{line}\n" for line in lines),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_flags_add_an_alias_and_a_unit(config: Path, units: Path, new_units: Path):
    before = units.read_bytes()
    result = run_bot(
        "import",
        str(new_units),
        "--config",
        str(config),
        "--yes",
        "--alias",
        "综合科室=综合科",
        "--add-unit",
        "宣传教育科",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert "单位名录中没有的名称（2 个）：" in out
    assert "已加入单位名录：“综合科室”是“综合科”的别名。" in out
    assert "已加入单位名录：新单位“宣传教育科”（科室，计入各科室（单位））。" in out
    reread = out[out.index("已按更新后的单位名录重新读入：") :]
    assert "涉及单位（3 个）：办公室、综合科、宣传教育科" in reread
    assert not any(line.startswith("单位名录中没有的名称") for line in reread)
    text = units.read_bytes()
    assert text.startswith(before)
    assert '[[aliases]]\nname = "综合科室"\nof = "综合科"\n' in text.decode("utf-8")
    assert '[[units]]\nname = "宣传教育科"\nkind = "科室"\n' in text.decode("utf-8")
    # task 2: 综合科室 (now 综合科) leads, 宣传教育科 cooperates
    assert "第2项" in chat(config, "宣传教育科", "我科室负责什么")
    assert "第2项" in chat(config, "综合科", "我科室负责什么")


def test_a_prompt_per_name(config: Path, units: Path, new_units: Path):
    # 综合科室: 1 = alias of 综合科 (it is written inside); 宣传教育科: 1 = a 科室 (its ending)
    result = run_bot("import", str(new_units), "--config", str(config), answer="1\n1\ny\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "单位名录中没有名称“综合科室”（第2项），最接近的是“综合科”。\n  1. 作为“综合科”的别名\n"
        in out
    )
    assert "单位名录中没有名称“宣传教育科”（第2项）。\n  1. 新增单位：科室\n" in out
    assert "  0. 不加入名录\n请选择（直接回车即不加入）：" in out
    assert "已加入单位名录：“综合科室”是“综合科”的别名。" in out
    assert "已加入单位名录：新单位“宣传教育科”（科室，计入各科室（单位））。" in out
    assert out.endswith("此后机器人（下次启动时）、plan 和 chat 都使用这份通知。\n")
    assert "第2项" in chat(config, "宣传教育科", "我科室负责什么")


def test_names_left_out_leave_the_registry_alone(config: Path, units: Path, new_units: Path):
    before = units.read_bytes()
    result = run_bot("import", str(new_units), "--config", str(config), answer="\n0\ny\n")
    assert result.returncode == 0, result.stderr
    assert "已加入单位名录" not in result.stdout
    assert "已按更新后的单位名录重新读入：" not in result.stdout
    assert units.read_bytes() == before


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--alias", "环保科=综合科"],
            "--alias 环保科：通知里没有名录外的名称“环保科”（有：综合科室、宣传教育科）",
        ),
        (["--alias", "综合科室=某某科"], "单位名录中没有“某某科”，无法为它添加别名“综合科室”"),
        (["--add-unit", '宣传教育科=科"室'], '单位“宣传教育科”的类别“科"室”不能使用'),
        (["--same", "2"], "--same 2：第2项不是需确认的匹配（需确认的：无）"),
    ],
    ids=["alias-of-a-name-not-in-the-notice", "alias-of-nothing", "bad-kind", "no-such-doubt"],
)
def test_bad_flags_are_refused_and_nothing_changes(
    config: Path, units: Path, new_units: Path, flags: list[str], message: str
):
    before = units.read_bytes()
    result = run_bot("import", str(new_units), "--config", str(config), "--yes", *flags)
    assert result.returncode == 2
    assert result.stderr == f"{message}\n"
    assert units.read_bytes() == before
    assert not (config.parent / "data" / "notice.toml").exists()


def test_a_bad_flag_value_is_a_usage_error(config: Path, new_units: Path):
    result = run_bot("import", str(new_units), "--config", str(config), "--alias", "综合科室")
    assert result.returncode == 2
    assert "应写成 名称=值：综合科室" in result.stderr


# --- doubtful matches ----------------------------------------------------------------------------


@pytest.fixture
def revision(tmp_path: Path) -> Path:
    """The shipped notice with 33 and 34 swapped and the moved 33 reworded."""
    path = tmp_path / "upload" / "修订.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        moved_and_reworded(NOTICE.read_text(encoding="utf-8").splitlines()), encoding="utf-8"
    )
    return path


@pytest.fixture
def reported(config: Path) -> Path:
    """办公室 has reported on task 33 (建立本部门…台账) under the shipped notice."""
    out = chat(config, "办公室", "第33项：台账正在跟进")
    assert out.startswith("已记录：办公室 第33项")
    return config


def line_of(progress: str, task: int) -> str:
    return next(line for line in progress.splitlines() if f"第{task}项" in line)


def test_yes_alone_refuses_an_unanswered_doubtful_match(reported: Path, revision: Path):
    result = run_bot("import", str(revision), "--config", str(reported), "--yes")
    assert result.returncode == 2
    assert result.stderr.startswith("第34项 ← 原第33项（相似度 ")
    assert result.stderr.endswith(
        "是否同一项未确认：请加 --same 34 或 --different 34。通知未启用。\n"
    )
    assert not (reported.parent / "data" / "notice.toml").exists()


@pytest.mark.parametrize(("flag", "same"), [("--same", True), ("--different", False)])
def test_flags_answer_a_doubtful_match(reported: Path, revision: Path, flag: str, same: bool):
    result = run_bot("import", str(revision), "--config", str(reported), "--yes", flag, "34")
    assert result.returncode == 0, result.stderr
    progress = chat(reported, "办公室", "我科室进展")
    assert "台账正在跟进" not in line_of(progress, 33)
    if same:  # the report follows its task to number 34
        assert "台账正在跟进" in line_of(progress, 34)
    else:  # the old task ended: its report counts nowhere
        assert "台账正在跟进" not in progress


def test_a_prompt_per_doubtful_match(reported: Path, revision: Path):
    result = run_bot("import", str(revision), "--config", str(reported), answer="好吧\n是\ny\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "是否同一项：第34项 ← 原第33项（相似度 " in out
    assert (
        "\n原：建立本部门2021年政务公开工作重点任务台账，明确具体分工、实时跟进推动，确保落实到位。\n"
        in out
    )
    assert (
        "\n新：建立本部门2021年政务公开工作重点任务台账，明确具体分工、每月调度一次进展。\n" in out
    )
    asked = "是同一项吗？是：进展随之迁移；否：旧任务结束，新任务重新开始 (是/否) "
    assert f"{asked}请回答 是 或 否。\n{asked}确认启用这份通知吗？(y/N) 已启用" in out
    assert "台账正在跟进" in line_of(chat(reported, "办公室", "我科室进展"), 34)


def test_no_answer_to_a_doubtful_match_enables_nothing(reported: Path, revision: Path):
    result = run_bot("import", str(revision), "--config", str(reported), answer="")
    assert result.returncode == 1
    assert result.stdout.endswith("(是/否) \n未启用，原来的通知照常使用。\n")
    assert not (reported.parent / "data" / "notice.toml").exists()


def test_a_running_bot_must_import_a_revision_that_moves_reports(reported: Path, revision: Path):
    with InstanceLock(reported.parent / "data"):  # stands in for the running bot
        result = run_bot(
            "import", str(revision), "--config", str(reported), "--yes", "--same", "34"
        )
    assert result.returncode == 2
    assert result.stderr == f"{BOT_MUST_IMPORT}\n"
    assert not (reported.parent / "data" / "notice.toml").exists()


LAW = ROOT / "tests" / "data" / "jiangmen-law-2021.txt"


def test_new_adds_a_further_notice_beside_the_first(config: Path):
    result = run_bot("import", str(LAW), "--config", str(config), "--new", "--yes")
    assert result.returncode == 0, result.stderr
    stored = config.parent / "data" / "notices" / "2-jiangmen-law-2021.txt"
    assert f"已作为又一个通知启用：jiangmen-law-2021.txt，已存入 {stored}（编号 2）。" in (
        result.stdout.splitlines()
    )
    plan = run_bot("plan", "--config", str(config))
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.startswith(
        "《政务公开工作要点》\n江门市生态环境局2021年政务公开工作要点分工方案"
    )
    assert "\n《法治政府建设工作要点》\n江门市生态环境局2021年法治政府建设工作要点分工方案" in (
        plan.stdout
    )
    assert plan_summary_line(config, "--of", "法治政府建设") == "3 个部分，5 项任务"
    assert plan_summary_line(config, "--of", "政务公开") == "15 个部分，34 项任务"


def test_of_revises_the_named_notice_and_leaves_the_first(config: Path, tmp_path: Path):
    assert run_bot("import", str(LAW), "--config", str(config), "--new", "--yes").returncode == 0
    revised = tmp_path / "law-revised.txt"
    extra = "\n（6）建立行政执法案卷评查制度。（责任单位：法规与标准科）\n"
    revised.write_text(LAW.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = run_bot(
        "import", str(revised), "--config", str(config), "--of", "法治政府建设", "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert plan_summary_line(config, "--of", "法治政府建设") == "3 个部分，6 项任务"
    assert plan_summary_line(config, "--of", "政务公开") == "15 个部分，34 项任务"
    unknown = run_bot("import", str(revised), "--config", str(config), "--of", "河长制", "--yes")
    assert unknown.returncode == 2
    assert "没有简称为“河长制”的通知" in unknown.stderr


def test_without_flags_a_file_revises_the_notice_it_resembles(config: Path, tmp_path: Path):
    """The bot's rule: compared with every notice in use, a revision of the closest."""
    assert run_bot("import", str(LAW), "--config", str(config), "--new", "--yes").returncode == 0
    revised = tmp_path / "law-revised.txt"
    extra = "\n（6）建立行政执法案卷评查制度。（责任单位：法规与标准科）\n"
    revised.write_text(LAW.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = run_bot("import", str(revised), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    assert plan_summary_line(config, "--of", "法治政府建设") == "3 个部分，6 项任务"
    assert plan_summary_line(config, "--of", "政务公开") == "15 个部分，34 项任务"


def test_without_flags_a_file_like_none_in_use_is_a_further_notice(tmp_path: Path, notice: Path):
    """With the office's own notice in force, a file that continues none of its tasks joins it."""
    config = tmp_path / "config.toml"
    config.write_text(f'[data]\npath = "data"\n[notice]\npath = "{LAW}"\n', encoding="utf-8")
    result = run_bot("import", str(notice), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    assert "已作为又一个通知启用：2024年分工方案.docx" in result.stdout
    assert plan_summary_line(config, "--of", "法治政府建设") == "3 个部分，5 项任务"
    assert plan_summary_line(config, "--of", "政务公开") == "1 个部分，2 项任务"
