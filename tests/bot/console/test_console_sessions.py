"""Every user and office action through `python -m bot chat` with piped input, over a
temporary data directory. Expected facts come from the notice: 综合科 holds 10 tasks (lead of
task 2; responsible for 1 and 9; through 各科室（单位） 8, 11, 13, 16; cooperating on 10, 12,
17); task 24 is 办公室's, due 2021-11-20; undated tasks are due Friday 2021-12-31."""

from __future__ import annotations

from pathlib import Path

from tests.bot.importing.test_import_cli import run_bot
from tests.conftest import ROOT

NOW = "2021-11-15T09:30:00+08:00"


def session(tmp_path: Path, *args: str, lines: tuple[str, ...], now: str = NOW) -> str:
    typed = "".join(f"{line}\n" for line in lines)
    data = str(tmp_path / "data")
    result = run_bot("chat", "--data", data, "--now", now, *args, answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout


def blocks(out: str) -> list[str]:
    """A session's printed blocks: a --now nudge, if any, then one reply per line."""
    return out.rstrip("\n").split("\n\n")


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
    assert "好的，2021年12月30日（含）之前不再给您发提醒，2021年12月31日起恢复。" in out
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


def test_a_pause_holds_back_the_console_s_nudges_until_resumed(tmp_path: Path):
    """综合科's nudge of Friday 12-24 (seven tasks due 12-31) is not shown while the console's
    person has paused through 12-30; after 恢复提醒 it is."""
    paused = session(tmp_path, "--as", "综合科", lines=("暂停提醒到12月30日",))
    assert paused.startswith(
        "好的，2021年12月30日（含）之前不再给您发提醒，2021年12月31日起恢复。"
    )
    [listed] = blocks(session(tmp_path, "--admin", lines=("/paused",)))
    assert listed == "暂停提醒的用户（1 人）：\n· 控制台（未绑定，ID 0）至 12月30日"
    nudged = "2021-12-24T09:30:00+08:00"
    [resumed] = blocks(session(tmp_path, "--as", "综合科", now=nudged, lines=("恢复提醒",)))
    assert resumed == "好的，已恢复给您发提醒。"
    nudge, _ = blocks(session(tmp_path, "--as", "综合科", now=nudged, lines=("/my",)))
    assert nudge.startswith("【工作提醒】综合科：7 项需要关注")


def test_the_office_sets_a_due_date_reloads_and_lists_users_and_pauses(tmp_path: Path):
    """Task 24 is 办公室's, due 2021-11-20 (a Saturday) and 2021-12-10 by the notice; the office
    moves it to Thursday 11-25, then clears that. The deadline file is a copy, named in the
    config, so the shipped one stays as it is."""
    shipped = ROOT / "data" / "deadlines.toml"
    before = shipped.read_bytes()
    (tmp_path / "deadlines.toml").write_bytes(before)
    config = tmp_path / "config.toml"
    config.write_text('[data]\npath = "data"\n[deadlines]\npath = "deadlines.toml"\n', "utf-8")
    lines = (
        "/deadline 24 2021-11-25",
        "/overview 24",
        "/deadline 24 清除",
        "/overview 24",
        "/reload",
        "/users",
        "/bind 42 综合科",
        "/users",
        "/paused",
    )
    out = blocks(session(tmp_path, "--admin", "--config", str(config), lines=lines))
    assert out[0] == "已设定第24项的截止日期（办公室设定）：2021年11月25日。"
    assert "当前节点：11月25日（周四）" in out[1]
    assert out[2] == (
        "已清除第24项的办公室设定，恢复按通知原文或默认日期：2021年11月20日、2021年12月10日。"
    )
    assert "当前节点：11月20日（周六）" in out[3]
    assert out[4] == "已重新读入：34 项任务，17 个单位，4 处待处理问题。"
    assert out[5] == "还没有用户绑定单位。"
    assert out[7] == "已绑定的用户（1 人）：\n· 综合科：[42] 42"
    assert out[8] == "目前没有人暂停提醒。"
    assert shipped.read_bytes() == before
    assert "24 = [2021-11-25]" not in (tmp_path / "deadlines.toml").read_text("utf-8")


def test_the_office_sends_a_done_report_back_and_unbinds(tmp_path: Path):
    session(tmp_path, "--as", "综合科", lines=("第2项已完成",))
    lines = ("/bind 42 综合科", "/return 2 综合科 材料不全", "/unbind 42")
    _, returned, unbound = blocks(session(tmp_path, "--admin", lines=lines))
    assert returned == (
        "已退回：综合科 第2项的“已完成”报告（11月15日 09:30），理由：材料不全。"
        "该单位已收到通知，此项恢复为进行中，提醒继续。\n"
        "→ 发给 综合科：办公室退回了综合科第2项的“已完成”报告（11月15日 09:30），"
        "理由：材料不全。此项恢复为进行中，提醒将继续；办理后请再报告。"
    )
    assert (
        unbound == "已解除用户 42 与“综合科”的绑定。\n→ 发给 42：办公室已解除您与“综合科”的绑定。"
    )
