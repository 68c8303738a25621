"""Progress reports as staff make them, against the real bot process; the 台账 survives restarts."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, confirmed, launch, user
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed

ZHANG, LI = 1001, 2001


def say(api, chat: int, text: str, **extra) -> str:
    before = len(api.sent(chat))
    api.send_text(chat, text, user=user(chat), **extra)
    return api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)[before].text


def test_report_correct_and_see_it_after_a_restart(api, tmp_path):
    """A report not of a simple form (a count) is proposed with its choices and recorded only
    on 确认; one cancelled is never recorded; what was confirmed is kept across a restart."""
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-15T10:00:00+08:00")
    try:
        before = len(api.sent(LI))
        api.send_text(LI, "第17项：已办结留言128条", user=user(LI))
        proposed = api.wait_for_messages_sync(LI, before + 1, timeout=REPLY_TIMEOUT)[before]
        assert (
            proposed.text
            == "将记录为：第17项 进行中（已办结留言128条）\n请点“确认”，点选前不记录。"
        )
        assert [[b["text"] for b in row] for row in proposed.buttons] == [
            ["确认", "改为已完成", "改为有困难"],
            ["取消"],
        ]
        assert say(api, LI, "我科室进展").startswith("综合科进展：共 10 项，已报告 0 项")
        api.press_button(LI, proposed.message_id, proposed.callback_data[0], user=user(LI))
        recorded = api.wait_for_messages_sync(LI, before + 3, timeout=REPLY_TIMEOUT)[-1].text
        assert recorded.startswith("已记录：综合科 第17项 进行中（11月15日 10:00")
        cancelled = confirmed(api, LI, "第13项还没完成", "李四", label="取消")
        assert cancelled == "已取消，未记录。"
        assert say(api, LI, "修改：已办结留言130条").startswith("已修改")
        assert (
            say(api, LI, "第24项：目录已编制") == "综合科在第24项中没有任务，未记录。请检查项号。"
        )
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        mine = say(api, LI, "我科室进展")
        assert mine.startswith("综合科进展：共 10 项，已报告 1 项")  # 17, never 13
        assert "· 第17项（配合）进行中 11-15：已办结留言130条" in mine
        assert say(api, LI, "撤回").startswith("上一条进展（11-15 10:00）已超过 30 分钟")
    finally:
        assert again.stop() == 0


def test_reply_to_a_nudge_and_its_buttons(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-15T08:59:56+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        answer = say(api, ZHANG, "第24项：目录正在编制", reply_to_message_id=nudge.message_id)
        assert answer.startswith("已记录：办公室 第24项 进行中")
        api.press_button(ZHANG, nudge.message_id, "s:24:20211120:h", user=user(ZHANG))
        [*_, asked] = api.wait_for_messages_sync(ZHANG, 3, timeout=REPLY_TIMEOUT)
        assert asked.text.startswith("第24项遇到了什么困难？")
        assert say(api, ZHANG, "缺少平台账号").startswith("已记录：办公室 第24项 有困难")
    finally:
        assert running.stop() == 0


def console(workdir, *lines: str) -> subprocess.CompletedProcess:
    """The console chat as 综合科 on the same config and data directory as the bot."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "chat",
            "--as",
            "综合科",
            "--config",
            str(workdir / "config.toml"),
        ],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )


def test_a_console_report_is_seen_by_the_bot(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    (tmp_path / "config.toml").write_text(
        f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n', encoding="utf-8"
    )
    # a report not of a simple form: proposed, then [1] 确认; another, then [4] 取消
    done = console(tmp_path, "第2项 进展：已联系市发展改革局", "1", "第9项还没完成", "4")
    proposed, recorded, _, cancelled = done.stdout.strip().split("\n\n")
    assert proposed.startswith("将记录为：第2项 进行中（已联系市发展改革局）")
    assert proposed.endswith("[1] 确认  [2] 改为已完成  [3] 改为有困难  [4] 取消")
    assert recorded.startswith("已记录：综合科 第2项 进行中")
    assert cancelled == "已取消，未记录。"
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        assert "· 第2项（牵头）进行中" in say(api, LI, "我科室进展")
        busy = console(tmp_path, "第9项：已完成")
        assert "机器人正在使用这个数据目录" in busy.stderr + busy.stdout
    finally:
        assert running.stop() == 0
    again = console(tmp_path, "我科室进展")
    assert "· 第9项（负责）未报告" in again.stdout
