"""Every user and office action through `python -m bot chat` with piped input, over a
temporary data directory. Expected facts come from the notice: 综合科 holds 10 tasks (lead of
task 2; responsible for 1 and 9; through 各科室（单位） 8, 11, 13, 16; cooperating on 10, 12,
17); task 24 is 办公室's, due 2021-11-20; undated tasks are due Friday 2021-12-31."""

from __future__ import annotations

from pathlib import Path

from tests.bot.importing.test_import_cli import run_bot

NOW = "2021-11-15T09:30:00+08:00"


def session(tmp_path: Path, *args: str, lines: tuple[str, ...]) -> str:
    typed = "".join(f"{line}\n" for line in lines)
    data = str(tmp_path / "data")
    result = run_bot("chat", "--data", data, "--now", NOW, *args, answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_unit_s_actions(tmp_path: Path):
    out = session(
        tmp_path,
        "--as",
        "综合科",
        lines=(
            "综合科负责什么",
            "第9项有困难",
            "撤回",
            "申请延期 第2项 到2022年1月20日，理由：等待上级数据",
            "暂停提醒到12月30日",
            "/my",
            "/task 9",
            "/units",
        ),
    )
    assert "综合科（科室）：共 10 项，牵头 1 项、负责 6 项、配合 3 项" in out
    assert "已记录：综合科 第9项 有困难（11月15日 09:30）" in out
    assert "已撤回 11月15日 09:30 的进展（第9项" in out
    assert "已提交延期申请：综合科 第2项 12月31日（周五） → 1月20日（周四）" in out
    assert "控制台不发送提醒，无需暂停" in out
    assert "\n第9项（五、做好常态化疫情防控信息公开）\n" in out
    assert "全部 17 个单位的任务数" in out


def test_a_blocker_after_the_nudge_s_button_and_its_correction(tmp_path: Path):
    typed = "3\n缺少上级数据\n修改：缺少上级统计数据\n"
    data = str(tmp_path / "data")
    now = "2021-12-24T09:30:00+08:00"
    result = run_bot("chat", "--as", "综合科", "--data", data, "--now", now, answer=typed)
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.rstrip("\n").split("\n\n")
    assert blocks[1] == "第1项遇到了什么困难？请用一句话回复，办公室会在督办汇总里看到。"
    assert blocks[2].startswith("已记录：综合科 第1项 有困难（12月24日 09:30）：缺少上级数据。")
    assert blocks[3].startswith("已修改 12月24日 09:30 的进展：")
    assert "缺少上级统计数据" in blocks[3]


def test_the_office_s_actions(tmp_path: Path):
    files = tmp_path / "out"
    out = session(
        tmp_path,
        "--admin",
        "--files",
        str(files),
        lines=(
            "/pending",
            "/bind 42 综合科",
            "/overview",
            "/missing",
            "/notices",
            "/archive 政务公开",
            "/unarchive 政务公开",
            "/return 24 办公室 目录缺少执法类信息",
            "/unbind 42",
            "/export",
            "/chart",
        ),
    )
    assert "没有待处理的绑定申请。" in out
    assert "已将用户 42 绑定到“综合科”。\n→ 发给 42：办公室已将您绑定到“综合科”。" in out
    assert "全部 34 项：已完成 0，进行中 0，有困难 0，未反馈 34，逾期 0" in out
    assert "【蓝】第24项 办公室 未反馈，截止 11月20日（周六）" in out
    assert "· 第2项，截止 12月31日（周五）：综合科" in out
    assert "《政务公开工作要点》34 项任务，在用" in out
    assert "是唯一在用的通知，不能归档" in out
    assert "没有归档，无需恢复" in out
    written = sorted(p.name for p in files.iterdir())
    assert [name.split("-")[0] for name in written] == ["台账", "台账图"]
    assert f"→ 文件已写入 {files / written[0]}" in out
