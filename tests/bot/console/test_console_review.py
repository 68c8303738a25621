"""复核销号 on the console: a unit reports 已完成, the office (`chat --admin`) finds it in
/pending, returns it with a reason, the unit is nudged again, reports again, and the office
passes it: closed. Piped input, one reply per line.

From the notice: 综合科 leads task 2, due Friday 2021-12-31 like every undated task. On Friday
2021-12-24 (five working days before) the unit's nudge lists its seven tasks due 12-31: 1, 2,
8, 9, 11, 13 and 16; a milestone reported 已完成 (closed or 待复核) is left out.
"""

from __future__ import annotations

from pathlib import Path

from tests.bot.console.test_console_approvals import chat

REPORTED = "2021-12-20T10:00:00+08:00"
NUDGED = "2021-12-24T09:30:00+08:00"
AGAIN = "2021-12-24T10:00:00+08:00"
WAITING = "综合科 第2项（截止 12月31日（周五））（控制台，12月20日 10:00）：已完成"
NO_BINDINGS = "没有待处理的绑定申请。\n没有待审批的延期申请。\n"
NOTHING = NO_BINDINGS + "没有待复核的“已完成”报告。"


def test_the_office_returns_then_passes_a_done_report(tmp_path: Path):
    data = tmp_path / "data"
    [done] = chat(data, "--as", "综合科", now=REPORTED, lines=("第2项已完成",))
    assert done.startswith("已记录：综合科 第2项 已完成（12月20日 10:00）")
    assert done.endswith("待办公室复核，通过后销号。")
    lines = ("/bind 42 综合科", "/pending", "2", "缺少发文文号，请补充", "/pending")
    _, listed, asked, returned, after = chat(data, "--admin", now=REPORTED, lines=lines)
    assert listed == (
        f"{NO_BINDINGS}待复核的“已完成”报告（1 条），点“通过”销号，点“退回”需写一句理由：\n"
        f"{WAITING}\n[1] 通过  [2] 退回"
    )
    assert asked == (
        "退回综合科 第2项（截止 12月31日（周五））：请用一句话写退回理由（单位会收到），"
        "不退回请发“取消”。"
    )
    assert returned == (
        "已退回：综合科 第2项（截止 12月31日（周五））的“已完成”报告，理由：缺少发文文号，请补充。"
        "该单位已收到通知，此项恢复为进行中，提醒继续。\n"
        "→ 发给 综合科：办公室复核退回了综合科 第2项（截止 12月31日（周五））的“已完成”报告"
        "（12月20日 10:00），理由：缺少发文文号，请补充。此项恢复为进行中，提醒将继续；"
        "整改后请再报告。"
    )
    assert after == NOTHING
    # Returned, task 2 is open again: the 12-24 nudge names it among the seven.
    nudge, progress, proposed, again = chat(
        data,
        "--as",
        "综合科",
        now=NUDGED,
        lines=("我科室进展", "第2项：已补充发文文号，已完成", "1"),
    )
    assert proposed.startswith("将记录为：第2项 已完成（已补充发文文号，已完成）")
    assert nudge.startswith("【工作提醒】综合科：7 项需要关注")
    assert "第2项（牵头）" in nudge
    assert "· 第2项（牵头）进行中 12-20：已完成" in progress
    assert again.endswith("待办公室复核，通过后销号。")
    _, passed, after = chat(data, "--admin", now=AGAIN, lines=("/pending", "1", "/pending"))
    assert passed == (
        "已通过：综合科 第2项（截止 12月31日（周五）），已销号，已告知该单位。\n"
        "→ 发给 综合科：办公室已复核通过综合科 第2项（截止 12月31日（周五））的“已完成”报告"
        "（12月24日 09:30），此节点已销号。"
    )
    assert after == NOTHING
    progress = chat(data, "--as", "综合科", now=AGAIN, lines=("我科室进展",))[-1]
    assert "· 第2项（牵头）已完成（已销号） 12-24：已补充发文文号，已完成" in progress


def test_without_review_a_done_report_is_not_listed(tmp_path: Path):
    data = tmp_path / "data"
    config = tmp_path / "config.toml"
    config.write_text(f'[data]\npath = "{data}"\n[review]\nrequired = false\n', encoding="utf-8")
    [done] = chat(data, "--config", str(config), "--as", "综合科", lines=("第2项已完成",))
    assert "复核" not in done
    [listed] = chat(data, "--config", str(config), "--admin", lines=("/pending",))
    assert listed == NO_BINDINGS.rstrip("\n")
