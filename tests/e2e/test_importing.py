"""The office sends a revised notice to the bot, checks what it read, and enables it.

The revision edits the shipped text as an office would: task 34 (办公室) dropped, a task 35
added (办公室牵头，综合科配合), and task 19's 信息中心 moved from 配合 to 牵头. Another adds a
task 35 naming 环境信息中心 (left out of the registry's aliases here) and a new 宣传教育科;
another swaps tasks 33 and 34 and rewords the moved 33, a match the office must confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bot.revisions.test_diff import TASK_35, moved_and_reworded, swapped
from tests.conftest import NOTICE, UNITS
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import say

ZHANG, LI, WANG, ZHAO = 1001, 2001, 3001, 4001


def revised_notice() -> bytes:
    lines = [
        line.replace("法规与标准科牵头，信息中心配合", "法规与标准科、信息中心牵头")
        for line in NOTICE.read_text(encoding="utf-8").splitlines()
        if "34. 将本要点落实情况" not in line
    ]
    return "\n".join([*lines, TASK_35]).encode()


def test_a_revised_notice_is_shown_enabled_and_kept(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        api.send_document(LI, "revised.txt", revised_notice(), user=user(LI))
        [refused] = api.wait_for_messages_sync(LI, 1, timeout=REPLY_TIMEOUT)
        # staff's file is evidence, never a notice: a .txt is neither
        assert refused.text.startswith("“revised.txt”不是可作佐证的文件类型，未保存。")
        api.send_document(ADMIN, "2021年修订.txt", revised_notice(), user=user(ADMIN))
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert "共 15 个部分，34 项任务" in shown.text
        assert "【修订对比】新增 1 项，删除 1 项，修改 1 项，未变 32 项" in shown.text
        assert "修改：第19项：市环境信息中心：配合 → 牵头" in shown.text
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用"),
            REPLY_TIMEOUT,
        )
        assert api.message(ADMIN, shown.message_id)["text"] == (
            "已启用：2021年修订.txt（34 项任务）。已通知任务有变化的 2 个单位。"
        )
        [told] = api.wait_for_messages_sync(LI, 2, timeout=REPLY_TIMEOUT)[1:]
        assert told.text.startswith("【通知已更新】办公室启用了新的分工方案：综合科新增第35项。")
        [told] = api.wait_for_messages_sync(ZHANG, 1, timeout=REPLY_TIMEOUT)
        assert "办公室新增第35项，不再承担原第34项" in told.text
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        assert "联络员制度" in say(api, LI, "第35项是什么")
    finally:
        assert again.stop() == 0


def report_33_then_send(api, revise: Callable[[list[str]], str]) -> None:
    """办公室 reports on task 33; then the admin sends the shipped notice as `revise` makes it."""
    assert say(api, ZHANG, "第33项：台账正在跟进").startswith("已记录：办公室 第33项")
    text = revise(NOTICE.read_text(encoding="utf-8").splitlines())
    api.send_document(ADMIN, "修订.txt", text.encode(), user=user(ADMIN))


def test_reports_follow_their_tasks_into_a_renumbered_notice(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        report_33_then_send(api, swapped)
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert "修改：第33项（原第34项）" in shown.text
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用"),
            REPLY_TIMEOUT,
        )
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        mine = say(api, ZHANG, "我科室进展")
        assert "第34项" in mine
        assert "台账正在跟进" in mine
        line_33 = next(line for line in mine.splitlines() if "第33项" in line)
        assert "台账正在跟进" not in line_33
    finally:
        assert again.stop() == 0


# --- names the registry lacks ---------------------------------------------------------------------

SHIPPED_ALIASES = 'aliases = ["信息中心", "环境信息中心", "江门市环境信息中心"]'
TASK_35_NEW_UNITS = (
    "\t35. 开设环境质量信息专栏，按月发布空气和水环境质量状况。\t环境信息中心牵头，宣传教育科配合"
)


def own_registry(workdir: Path) -> Path:
    """The shipped registry without the alias 环境信息中心, named by the bot's config."""
    units = workdir / "units.toml"
    text = UNITS.read_text(encoding="utf-8")
    assert SHIPPED_ALIASES in text
    units.write_text(text.replace(SHIPPED_ALIASES, 'aliases = ["信息中心"]'), encoding="utf-8")
    (workdir / "config.toml").write_text(
        f'[data]\npath = "data"\n[registry]\npath = "units.toml"\n[telegram]\nadmins = [{ADMIN}]\n',
        encoding="utf-8",
    )
    return units


def press(api, message, label: str) -> None:
    """The admin presses the button labelled `label` under `message`."""
    [data] = [b["callback_data"] for row in message.buttons for b in row if b["text"] == label]
    api.press_button(ADMIN, message.message_id, data, user=user(ADMIN))


def edited(api, message, fragment: str) -> str:
    """The text of `message` once the bot has edited it to hold `fragment`."""
    assert api.wait_for_sync(
        lambda: fragment in api.message(ADMIN, message.message_id)["text"], REPLY_TIMEOUT
    ), api.message(ADMIN, message.message_id)["text"]
    return api.message(ADMIN, message.message_id)["text"]


def answered(api, before: int) -> dict:
    """The answer to the next button press after `before` answers."""
    assert api.wait_for_sync(lambda: len(api.callback_answers()) > before, REPLY_TIMEOUT)
    return api.callback_answers()[before]


def test_unknown_names_are_added_and_their_units_see_the_task(api, tmp_path):
    units = own_registry(tmp_path)
    before = units.read_bytes()
    seed(tmp_path, {WANG: "市环境信息中心"})
    notice = "\n".join([NOTICE.read_text(encoding="utf-8"), TASK_35_NEW_UNITS]).encode()
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        api.send_document(ADMIN, "2021年增补.txt", notice, user=user(ADMIN))
        summary, centre, new_unit, panel = api.wait_for_messages_sync(
            ADMIN, 4, timeout=REPLY_TIMEOUT
        )
        assert "单位名录中没有的名称（2 个）：" in summary.text
        assert "【修订对比】新增 1 项，删除 0 项，修改 0 项，未变 34 项" in summary.text
        assert (
            centre.text
            == "单位名录中没有名称“环境信息中心”（第35项），最接近的是“市环境信息中心”。"
        )
        assert new_unit.text == "单位名录中没有名称“宣传教育科”（第35项）。"
        # the kinds units.toml uses, the one the name suggests first, a group, leaving it out
        assert [row[0]["text"] for row in new_unit.buttons] == [
            "新增单位：科室",
            "新增单位：党组织",
            "新增单位：直属事业单位",
            "新增单位：分局",
            "新增统称（范围待办公室明确）",
            "不加入名录",
        ]
        assert panel.text.endswith("待处理：名录中没有的名称 2 个未处理（不处理即不加入名录）。")
        assert all(
            len(data.encode()) <= 64 for m in (centre, new_unit, panel) for data in m.callback_data
        )

        press(api, centre, "作为“市环境信息中心”的别名")
        assert edited(api, centre, "已加入") == (
            "已加入单位名录：“环境信息中心”是“市环境信息中心”的别名。取消导入也会保留。"
        )
        reread, second_panel = api.wait_for_messages_sync(ADMIN, 6, timeout=REPLY_TIMEOUT)[4:]
        assert reread.text.startswith("已按更新后的单位名录重新读入：\n读入文件：2021年增补.txt")
        assert "单位名录中没有的名称（1 个）：" in reread.text
        assert second_panel.callback_data == panel.callback_data
        assert api.wait_for_sync(
            lambda: "reply_markup" not in api.message(ADMIN, panel.message_id), REPLY_TIMEOUT
        )

        press(api, new_unit, "新增单位：科室")
        assert edited(api, new_unit, "已加入") == (
            "已加入单位名录：新单位“宣传教育科”（科室，计入各科室（单位））。取消导入也会保留。"
        )
        reread, last_panel = api.wait_for_messages_sync(ADMIN, 8, timeout=REPLY_TIMEOUT)[6:]
        assert "单位名录中没有的名称" not in reread.text
        assert (
            "新增：第35项 开设环境质量信息专栏，按月发布空气和水环境质量状…（环境信息中心牵头，宣传教育科配合）"
            in reread.text
        )
        assert "· 市环境信息中心：新增第35项" in reread.text
        assert "· 宣传教育科：新增第35项" in reread.text
        assert last_panel.text.endswith("各项均已处理。")

        press(api, last_panel, "启用")
        assert edited(api, last_panel, "已启用") == (
            "已启用：2021年增补.txt（35 项任务）。已通知任务有变化的 2 个单位。"
        )
        [told] = api.wait_for_messages_sync(WANG, 1, timeout=REPLY_TIMEOUT)
        assert told.text.startswith(
            "【通知已更新】办公室启用了新的分工方案：市环境信息中心新增第35项。"
        )
        assert "第35项" in say(api, WANG, "我科室负责什么")

        assert (
            say(api, ADMIN, f"/bind {ZHAO} 宣传教育科") == f"已将用户 {ZHAO} 绑定到“宣传教育科”。"
        )
        api.wait_for_messages_sync(ZHAO, 1, timeout=REPLY_TIMEOUT)
        assert "第35项" in say(api, ZHAO, "我科室负责什么")

        # the import is decided: its buttons are stale now
        answers = len(api.callback_answers())
        api.press_button(
            ADMIN, new_unit.message_id, new_unit.callback_data[-1], user=user(ADMIN), forged=True
        )
        assert answered(api, answers)["text"].startswith("按钮已失效")
    finally:
        assert running.stop() == 0
    text = units.read_bytes()
    assert text.startswith(before)  # the clerk's file, comments and all, then the additions
    assert text[len(before) :].decode("utf-8").count("由分工助手添加") == 2


# --- doubtful matches ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "same"),
    [("是同一项（进展随之迁移）", True), ("不是（旧任务结束，新任务重新开始）", False)],
    ids=["same", "not-same"],
)
def test_a_doubtful_match_waits_for_the_office(api, tmp_path, label: str, same: bool):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        report_33_then_send(api, moved_and_reworded)
        summary, doubt, panel = api.wait_for_messages_sync(ADMIN, 3, timeout=REPLY_TIMEOUT)
        assert "· 第34项 ← 原第33项（相似度 " in summary.text
        assert doubt.text.startswith("是否同一项：第34项 ← 原第33项（相似度 ")
        assert panel.text.endswith("待处理：是否同一项 1 项未确认（确认后才能启用）。")

        answers = len(api.callback_answers())
        press(api, panel, "启用")
        refused = answered(api, answers)
        assert (
            refused["text"]
            == "还有 1 项未确认是否同一项：请先逐项选择“是同一项”或“不是”，再启用。"
        )
        assert refused["show_alert"]
        assert api.message(ADMIN, panel.message_id)["text"] == panel.text

        press(api, doubt, label)
        assert edited(api, doubt, "已选").endswith(f"已选：{label}。启用前可以改选。")
        assert edited(api, panel, "各项均已处理").endswith("各项均已处理。")
        press(api, panel, "启用")
        assert edited(api, panel, "已启用").startswith("已启用：修订.txt（34 项任务）。")
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        mine = say(api, ZHANG, "我科室进展")
        line_34 = next(line for line in mine.splitlines() if "第34项" in line)
        if same:  # the report follows its task to number 34
            assert "台账正在跟进" in line_34
        else:  # the old task ended and a new one began: the report counts nowhere
            assert "台账正在跟进" not in mine
    finally:
        assert again.stop() == 0
