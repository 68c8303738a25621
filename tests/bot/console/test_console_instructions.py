"""领导批示 on the console: the office writes one (`--admin`), and the lead unit's console
(`--as 办公室 --now …`) opens with it as it would arrive, its choices numbered, so typing a
number reports on its task. From the notice: task 24 is led by 办公室, first due 2021-11-20."""

from __future__ import annotations

from pathlib import Path

from tests.bot.importing.test_import_cli import run_bot

NOW = "2021-11-16T10:00:00+08:00"  # a Tuesday: no nudge is due to 办公室 that day


def chat(data: Path, who: tuple[str, ...], now: str, *lines: str) -> list[str]:
    typed = "".join(f"{line}\n" for line in lines)
    result = run_bot("chat", *who, "--data", str(data), "--now", now, answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n").split("\n\n")


def test_a_console_instruction_reaches_the_lead_unit_s_console(tmp_path: Path):
    data = tmp_path / "data"
    [recorded] = chat(data, ("--admin",), NOW, "批示 第24项：请抓紧推进，11月底前完成。")
    assert recorded.startswith("已记录领导批示：第24项：请抓紧推进，11月底前完成。")
    arrived, done = chat(data, ("--as", "办公室"), "2021-11-16T10:30:00+08:00", "1")
    assert arrived.startswith("【领导批示】办公室 第24项：要分别于2021年11月20日前")
    assert "控制台批示：请抓紧推进，11月底前完成。" in arrived
    assert arrived.endswith("[1] 第24项 已完成  [2] 进行中  [3] 有困难  [4] 延期")
    assert done.startswith("已记录：办公室 第24项（截止 11月20日（周六））已完成")
    [quiet] = chat(data, ("--as", "综合科"), "2021-11-16T10:30:00+08:00", "第24项")
    assert not quiet.startswith("【领导批示】")  # 综合科 does not lead task 24
    [staff] = chat(data, ("--as", "综合科"), NOW, "批示 第24项：我也批一个")
    assert staff.startswith("批示由领导或办公室管理员填写，未记录。")
