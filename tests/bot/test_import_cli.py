"""`python -m bot import`, run as the office would from a terminal, then `plan` to check it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from bot.instance_lock import InstanceLock
from tests.conftest import NOTICE, ROOT

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


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    document = docx.Document()
    for line in NOTICE_TEXT:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "upload" / "2024年分工方案.docx"
    path.parent.mkdir()
    path.write_bytes(out.getvalue())
    return path


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
    result = run_bot("import", str(notice), "--config", str(config), answer="y\n")
    assert result.returncode == 0, result.stderr
    assert "确认启用这份通知吗？(y/N) 已启用：2024年分工方案.docx" in result.stdout
    assert plan_summary_line(config) == "1 个部分，2 项任务"


def test_a_bad_file_is_refused_and_nothing_changes(config: Path, tmp_path: Path):
    pdf = tmp_path / "分工方案.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    result = run_bot("import", str(pdf), "--config", str(config), "--yes")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("通知文件 分工方案.pdf 有误：PDF 文件无法可靠读取表格")
    assert not (config.parent / "data" / "notice.toml").exists()


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
