"""The console as a channel of the conversation: choices as numbered options, 延期, the
office's commands with --admin, files written to a folder. Piped, as a script would."""

from __future__ import annotations

import re
from pathlib import Path

from tests.bot.console.test_chat import replies, run_bot


def chat(tmp_path: Path, *args: str, stdin: str) -> list[str]:
    config = tmp_path / "config.toml"
    config.write_text('[data]\npath = "data"\n[telegram]\nadmins = [9001]\n', encoding="utf-8")
    result = run_bot("chat", "--config", str(config), *args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return replies(result.stdout)


def test_a_choice_is_pressed_by_its_number(tmp_path: Path):
    asked, recorded = chat(tmp_path, "--as", "综合科", stdin="已完成\n1\n")
    options = asked.splitlines()[-1]
    first = re.match(r"\[1\] (第\d+项)", options)
    assert first, options
    assert recorded.startswith(f"已记录：综合科 {first.group(1)} 已完成")


def test_an_extension_request_is_made_and_shown_as_sent_to_the_office(tmp_path: Path):
    line = "申请延期 第2项 到2022年1月20日，理由：等待上级数据\n"
    [reply] = chat(tmp_path, "--as", "综合科", "--now", "2021-11-15T09:00:00+08:00", stdin=line)
    mine, *office = reply.split("\n")
    assert mine.startswith("已提交延期申请：综合科 第2项")
    assert office[0].startswith("→ 发给 办公室（管理员）：【延期申请】综合科")


def test_office_commands_need_admin(tmp_path: Path):
    (refused,) = chat(tmp_path, stdin="/pending\n")
    assert refused == "这是办公室管理员的命令，您没有权限使用。"
    (listed,) = chat(tmp_path, "--admin", stdin="/pending\n")
    assert listed == "没有待处理的绑定申请。\n没有待审批的延期申请。\n没有待复核的“已完成”报告。"


def test_an_export_is_written_to_the_folder_and_named(tmp_path: Path):
    [written] = chat(tmp_path, "--admin", "--files", str(tmp_path), stdin="/export\n")
    path = Path(written.splitlines()[0].removeprefix("→ 文件已写入 "))
    assert path.parent == tmp_path
    assert path.name.startswith("台账-")
    assert path.suffix == ".xlsx"
    assert path.read_bytes()[:2] == b"PK"
