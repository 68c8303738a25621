"""The weekly digest from the real bot process (`--now` just before Friday 16:00), the fake server.

From the notice: task 24 (办公室牵头) was due Saturday 2021-11-20, so on Friday 11-26 it is five
working days late (the 22nd to the 26th); task 2 is led by 综合科 alone and due at the year end.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LEDGER_DIR, LedgerStore
from tests.e2e.conftest import ADMIN, launch
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed, wait_log
from tests.e2e.test_office import command

OFFICE_ONLY = "这是办公室管理员的命令，您没有权限使用。"

ZONE = ZoneInfo("Asia/Shanghai")
LEADER = 9100
ZHANG, LI = 1001, 1002
HEAD = "【每周汇总】"


def weekly(api, chat: int) -> list[str]:
    return [m.text for m in api.sent(chat) if m.text.startswith(HEAD)]


def test_admin_and_leader_each_get_one_digest_and_a_restart_sends_none(api, tmp_path: Path):
    (tmp_path / "config.toml").write_text(
        f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\nleaders = [{LEADER}]\n',
        encoding="utf-8",
    )
    seed(tmp_path, {ZHANG: "办公室", LI: "综合科"})
    with LedgerStore(tmp_path / "data" / LEDGER_DIR) as store:
        Ledger(store).report(
            unit="综合科",
            tasks=(2,),
            status=Status.BLOCKED,
            text="规划文本尚未收到",
            dues={2: date(2021, 12, 31)},
            user=LI,
            name="用户1002",
            chat=LI,
            message=1,
            now=datetime(2021, 11, 23, 10, 0, tzinfo=ZONE),
        )
    running = launch(api, tmp_path, "--now", "2021-11-26T15:59:57+08:00")
    try:
        [to_leader] = api.wait_for_messages_sync(LEADER, 1, timeout=NUDGE_TIMEOUT)
        text = to_leader.text
        assert text.startswith("【每周汇总】2021年11月22日（周一）至11月26日（周五）\n")
        assert "· 1 个单位报告进展 1 条（有困难 1）：综合科 1 条" in text
        assert "· 第24项 截止 11月20日（周六），已逾期 5 个工作日：办公室" in text
        assert "· 第2项 综合科（用户1002，11月23日）：规划文本尚未收到" in text
        assert api.wait_for_sync(lambda: len(weekly(api, ADMIN)) == 1, NUDGE_TIMEOUT)
        assert weekly(api, ADMIN) == [text]
    finally:
        assert running.stop() == 0
    # Restarted later the same afternoon: this week's digest already went to both.
    again = launch(api, tmp_path, "--now", "2021-11-26T16:30:00+08:00")
    try:
        wait_log(again, "提醒检查")
        assert len(api.sent(LEADER)) == 1
        # A leader reads the overview, but may not decide anything.
        overview = command(api, LEADER, "/overview")
        assert overview.startswith("【督办总览】截至 2021年11月26日（周五）")
        assert command(api, LEADER, "/return 24 办公室 理由") == OFFICE_ONLY
        leader_menu = {c["command"] for c in api.commands({"type": "chat", "chat_id": LEADER})}
        assert {"overview", "missing"} <= leader_menu
        assert "return" not in leader_menu
    finally:
        assert again.stop() == 0
    assert len(weekly(api, ADMIN)) == 1
    assert weekly(api, ZHANG) == []
    assert weekly(api, LI) == []
