"""`python -m bot chat --admin` imports a file with `/import 路径`, the review's choices
answered by number, over a temporary data directory (piped input: one reply per line)."""

from __future__ import annotations

from pathlib import Path

from tests.bot.importing.test_import_cli import run_bot
from tests.conftest import ROOT

LAW = ROOT / "tests" / "data" / "jiangmen-law-2021.txt"


def chat(data: Path, files: Path, *lines: str) -> list[str]:
    """The replies to `lines`, one block each."""
    typed = "".join(f"{line}\n" for line in lines)
    result = run_bot("chat", "--admin", "--data", str(data), "--files", str(files), answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n").split("\n\n")


def test_an_import_enabled_by_number_replaces_the_sample(tmp_path: Path):
    replies = chat(tmp_path / "data", tmp_path, f"/import {LAW}", "1", "/notices")
    review, enabled, notices = replies[0], replies[-2], replies[-1]
    assert review.startswith("读入文件：jiangmen-law-2021.txt")
    assert "共 3 个部分，5 项任务" in review
    assert "[1] 启用  [2] 取消  [3] 导出为表格修改" in "\n\n".join(replies[:-2])
    assert enabled.startswith("已启用：jiangmen-law-2021.txt（5 项任务）。")
    assert "《法治政府建设工作要点》5 项任务，在用" in notices
    assert (tmp_path / "data" / "notices" / "jiangmen-law-2021.txt").exists()


def test_cancel_and_a_missing_file_change_nothing(tmp_path: Path):
    missing = tmp_path / "没有.txt"
    replies = chat(tmp_path / "data", tmp_path, f"/import {LAW}", "2", f"/import {missing}")
    assert replies[-2] == "已取消，原来的通知照常使用。"
    assert replies[-1] == f"通知文件 {missing} 有误：无法读取：No such file or directory"
    assert not (tmp_path / "data" / "notices").exists()


def test_the_workbook_of_what_was_read_is_written_and_named(tmp_path: Path):
    replies = chat(tmp_path / "data", tmp_path, f"/import {LAW}", "3", "2")
    assert replies[-2].startswith(f"→ 文件已写入 {tmp_path / 'jiangmen-law-2021'}")
    assert any(tmp_path.glob("jiangmen-law-2021*.xlsx"))
    assert replies[-1] == "已取消，原来的通知照常使用。"  # its choices still stand
