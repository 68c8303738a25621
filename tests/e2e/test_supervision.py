"""The office supervises from the real bot: /overview, one task's units, /missing.

From the notice: task 24 is 办公室's, due 11月20日 (a Saturday), so on Monday 11-22 it is one
working day late; task 17 is led by 办公室, 信息中心 and 执法二科 with 各科室（单位）配合.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import seed
from tests.e2e.test_office import command
from tests.e2e.test_progress import say

LI = 2001


def test_the_office_sees_a_difficulty_and_a_late_task(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-22T10:00:00+08:00")
    try:
        # 11-22 is task 24's first overdue day: the daily digest goes out at start.
        [digest] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert digest.text.startswith("【督办汇总】")
        assert say(api, LI, "第17项有困难：缺少经费").startswith("已记录：综合科 第17项 有困难")
        overview = command(api, ADMIN, "/overview").splitlines()
        assert "全部 34 项：已完成 0，进行中 0，有困难 1，未反馈 32，逾期 1" in overview
        assert "【红】第24项 办公室 逾期，截止 11月20日（周六），已逾期 1 个工作日" in overview
        detail = command(api, ADMIN, "/overview 17").splitlines()
        assert detail[0] == "第17项：有困难（10 个单位，当前节点已反馈 1）"
        assert "· 综合科（配合，来自各科室（单位））有困难；最近 11-22 有困难：缺少经费" in detail
        missing = command(api, ADMIN, "/missing")
        assert "· 第24项，截止 11月20日（周六）（已逾期）：办公室" in missing.splitlines()
        assert command(api, LI, "/overview") == "这是办公室管理员的命令，您没有权限使用。"
    finally:
        assert running.stop() == 0


def test_the_office_gets_the_ledger_as_excel_and_as_a_picture(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        assert say(api, LI, "第2项已完成").startswith("已记录：综合科 第2项 已完成")
        before = len(api.sent(ADMIN))
        api.send_text(ADMIN, "/export", user=user(ADMIN))
        [excel] = api.wait_for_messages_sync(ADMIN, before + 1, timeout=REPLY_TIMEOUT)[before:]
        assert excel.upload.filename == "台账-2021-11-16.xlsx"
        book = load_workbook(io.BytesIO(excel.upload.content))
        ledger = book["台账"]
        # Task 2 (序号 in column A, 状态 in column E, from row 4): 综合科牵头, 各有关科室（单位）
        # 配合, a phrase the registry leaves undefined: not done while its members are unknown.
        [row] = [r for r in ledger.iter_rows(min_row=4, values_only=True) if r[0] == 2]
        assert row[4] == "待明确"
        assert row[5] == "综合科：已完成。"  # 完成情况
        assert book["历史"].max_row == 2  # the header and the one report
        api.send_text(ADMIN, "/chart", user=user(ADMIN))
        [picture] = api.wait_for_messages_sync(ADMIN, before + 2, timeout=REPLY_TIMEOUT)[
            before + 1 :
        ]
        assert picture.upload.filename == "台账图-2021-11-16.png"
        assert picture.upload.content.startswith(b"\x89PNG")
    finally:
        assert running.stop() == 0
