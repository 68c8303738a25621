"""The office finishes the job in a spreadsheet, in Telegram: it sends its notice, asks the import
review for the workbook of what was read, has a clerk correct it, sends it back and enables it;
the units then see exactly the edit."""

from __future__ import annotations

import io

import openpyxl

from tests.bot.workbook.workbook_edits import clerk_edit
from tests.conftest import NOTICE
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_importing import edited, press
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import say

ZHANG, LI = 1001, 2001


def test_the_reviewed_notice_comes_back_as_a_corrected_workbook(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", LI: "机关党委"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        api.send_document(ADMIN, "分工方案.txt", NOTICE.read_bytes(), user=user(ADMIN))
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        press(api, shown, "导出为表格修改")
        [sent] = api.wait_for_messages_sync(ADMIN, 2, timeout=REPLY_TIMEOUT)[1:]
        assert sent.upload is not None, sent.text
        assert sent.upload.filename == "分工方案-分工表.xlsx"
        assert sent.text == "读到的分工方案（34 项任务）。请在表格中改正后发回给我，我照表格读入。"
        book = openpyxl.load_workbook(io.BytesIO(sent.upload.content))
        assert book.sheetnames == ["分工", "填写说明"]

        corrected = clerk_edit(sent.upload.content)
        api.send_document(ADMIN, "分工方案-分工表.xlsx", corrected, user=user(ADMIN))
        [review] = api.wait_for_messages_sync(ADMIN, 3, timeout=REPLY_TIMEOUT)[2:]
        assert "共 15 个部分，33 项任务" in review.text
        assert "【修订对比】新增 0 项，删除 1 项，修改 3 项，未变 30 项" in review.text
        assert "修改：第19项：市环境信息中心：配合 → 牵头" in review.text
        press(api, review, "启用")
        assert edited(api, review, "已启用") == (
            "已启用：分工方案-分工表.xlsx（33 项任务）。已通知任务有变化的 2 个单位。"
        )
        [told] = api.wait_for_messages_sync(LI, 1, timeout=REPLY_TIMEOUT)
        assert told.text.startswith("【通知已更新】办公室启用了新的分工方案：机关党委新增第2项。")

        task_19 = say(api, LI, "第19项")
        assert "牵头：法规与标准科、市环境信息中心" in task_19
        assert "配合：" not in task_19
        assert "并在门户网站集中展示" in say(api, LI, "第1项")
        assert "截止：2021-11-30（通知原文）" in say(api, LI, "第24项")
        assert "截止：2021-12-15（通知原文）" in say(api, LI, "第5项")
        assert "· 第2项 " in say(api, LI, "我科室负责什么").split("【配合")[1]
        assert "第34项" not in say(api, ZHANG, "我科室负责什么")
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:  # the stored workbook is the notice in force after a restart
        assert "牵头：法规与标准科、市环境信息中心" in say(api, LI, "第19项")
    finally:
        assert again.stop() == 0
