"""Several notices with the real bot: answers, reports, nudges and exports say which notice.

The second notice is tests/data/jiangmen-law-2021.txt (法治政府建设工作要点). Read from it:
综合科 leads task 4 and cooperates on task 1, which is due 2021年12月15日 (a Wednesday). A
cooperating unit is nudged 5 + 2 working days before a due date (config.example.toml), so
综合科's nudge for it falls on Monday 6 December 2021. In the seed notice 综合科 holds task 1
too, but nothing in task 4.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.notices.catalog import add_notice
from tests.conftest import ROOT
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed
from tests.e2e.test_office import command
from tests.e2e.test_progress import say

LI = 1002
LAW = ROOT / "tests" / "data" / "jiangmen-law-2021.txt"
SEED_LABEL, LAW_LABEL = "《政务公开工作要点》", "《法治政府建设工作要点》"
ADDED = datetime(2021, 11, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def second_notice(workdir: Path) -> None:
    """The office added the law notice before the bot started."""
    add_notice(workdir / "data", LAW.name, LAW.read_bytes(), "", at=ADDED)


def test_answers_and_reports_name_their_notice_and_archiving_hides_one(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    second_notice(tmp_path)
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        duties = say(api, LI, "我科室负责什么")
        assert duties.startswith(SEED_LABEL + "\n综合科（科室）：")
        assert f"\n\n{LAW_LABEL}\n综合科（科室）：共 2 项，牵头 1 项、配合 1 项" in duties

        recorded = say(api, LI, "第4项 正在开展宪法宣传周活动")
        assert recorded.startswith(LAW_LABEL + "\n已记录：综合科 第4项 进行中")

        before = len(api.sent(LI))
        api.send_text(LI, "第1项已完成", user=user(LI))
        [asked] = api.wait_for_messages_sync(LI, before + 1, timeout=REPLY_TIMEOUT)[before:]
        assert asked.text.startswith(f"第1项在{SEED_LABEL}、{LAW_LABEL}中都是综合科的任务")
        assert asked.callback_data == ["r:1", "r:1:2"]
        api.press_button(LI, asked.message_id, "r:1:2", user=user(LI))
        [chosen] = api.wait_for_messages_sync(LI, before + 2, timeout=REPLY_TIMEOUT)[before + 1 :]
        assert chosen.text.startswith(LAW_LABEL + "\n已记录：综合科 第1项 已完成")

        overview = command(api, ADMIN, "/overview 法治政府建设 1")
        assert overview.startswith(LAW_LABEL + "\n")
        assert "· 综合科（配合）已完成" in overview
        listing = command(api, ADMIN, "/notices")
        assert "· 《政务公开工作要点》34 项任务，在用" in listing
        assert "· 《法治政府建设工作要点》5 项任务，在用" in listing

        archived = command(api, ADMIN, "/archive 法治政府建设")
        assert archived.startswith("已归档《法治政府建设工作要点》")
        after = say(api, LI, "我科室负责什么")
        assert after.startswith("综合科（科室）：")  # one notice in use: no heading
        assert LAW_LABEL not in after
        assert command(api, ADMIN, "/unarchive 法治政府建设工作要点").startswith("已恢复")
        assert LAW_LABEL in say(api, LI, "我科室负责什么")
    finally:
        assert running.stop() == 0


def test_each_notice_is_exported_to_its_own_file(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    second_notice(tmp_path)
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        assert LAW_LABEL in say(api, LI, "第4项 正在开展宪法宣传周活动")
        before = len(api.sent(ADMIN))
        api.send_text(ADMIN, "/export", user=user(ADMIN))
        files = api.wait_for_messages_sync(ADMIN, before + 2, timeout=REPLY_TIMEOUT)[before:]
        names = [f.upload.filename for f in files]
        assert names == [
            "政务公开工作要点-台账-2021-11-16.xlsx",
            "法治政府建设工作要点-台账-2021-11-16.xlsx",
        ]
        assert files[1].text.startswith(LAW_LABEL)
        law = load_workbook(io.BytesIO(files[1].upload.content))
        assert "法治政府建设工作要点" in law["台账"]["A1"].value
        [row] = [r for r in law["台账"].iter_rows(min_row=4, values_only=True) if r[0] == 4]
        assert row[4] == "进行中"
        seed_book = load_workbook(io.BytesIO(files[0].upload.content))
        assert seed_book["历史"].max_row == 1  # the report went to the law notice only
    finally:
        assert running.stop() == 0


def test_a_nudge_names_its_notice_and_its_button_records_there(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    second_notice(tmp_path)
    running = launch(api, tmp_path, "--now", "2021-12-06T08:59:56+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(LI, 1, timeout=NUDGE_TIMEOUT)
        assert nudge.text.startswith("【工作提醒】综合科：1 项需要关注")
        assert f"1. {LAW_LABEL}第1项（配合）编制本局重大行政决策事项目录" in nudge.text
        done = "s:1:20211215:c:2"
        assert done in nudge.callback_data
        api.press_button(LI, nudge.message_id, done, user=user(LI))
        [reply] = api.wait_for_messages_sync(LI, 2, timeout=REPLY_TIMEOUT)[1:]
        assert reply.text == (
            LAW_LABEL + "\n已记录：综合科 第1项（截止 12月15日（周三））已完成，此节点不再提醒。"
            "待办公室复核，通过后销号。"
        )
        # A status said in a simple form under the nudge is recorded in its notice at once.
        answer = say(api, LI, "正在办理", reply_to_message_id=nudge.message_id)
        assert answer.startswith(LAW_LABEL + "\n已记录：综合科 第1项")
    finally:
        assert running.stop() == 0


def test_an_extension_and_a_deadline_in_the_second_notice(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    second_notice(tmp_path)
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        asked = say(api, LI, "申请延期 第1项 到12月20日，理由：等待法制审核")
        assert asked.startswith(f"第1项在{SEED_LABEL}、{LAW_LABEL}中都是贵单位的任务")
        submitted = say(api, LI, "申请延期 法治政府建设第1项 到12月20日，理由：等待法制审核")
        assert submitted.startswith(
            LAW_LABEL + "\n已提交延期申请：综合科 第1项 12月15日（周三） → 12月20日（周一）"
        )
        [request] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert request.text.startswith(LAW_LABEL + "\n【延期申请】综合科")
        assert request.callback_data[0].endswith(":2")
        told = len(api.sent(LI))
        api.press_button(ADMIN, request.message_id, request.callback_data[0], user=user(ADMIN))
        granted = api.wait_for_messages_sync(LI, told + 1, timeout=REPLY_TIMEOUT)[told]
        assert granted.text.startswith(LAW_LABEL + "\n办公室已同意延期：综合科 第1项")
        overview = command(api, ADMIN, "/overview 法治政府建设 1")
        assert "综合科（配合）未反馈" in overview

        which = command(api, ADMIN, "/deadline 2 2021-12-10")
        assert which.startswith("现在有几个通知在用（政务公开工作要点、法治政府建设工作要点）")
        set_date = command(api, ADMIN, "/deadline 法治政府建设 2 2021-12-10")
        assert set_date == LAW_LABEL + "\n已设定第2项的截止日期（办公室设定）：2021年12月10日。"
        law_task = command(api, ADMIN, "/overview 法治政府建设 2")
        assert "当前节点：12月10日（周五）" in law_task
        seed_task = command(api, ADMIN, "/overview 政务公开 2")
        assert "当前节点：12月31日（周五）" in seed_task
        assert (tmp_path / "data" / "deadlines-2.toml").exists()
    finally:
        assert running.stop() == 0


def test_the_weekly_digest_covers_each_notice_under_its_name(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    second_notice(tmp_path)
    running = launch(api, tmp_path, "--now", "2021-11-19T15:59:56+08:00")  # a Friday
    try:
        assert LAW_LABEL in say(api, LI, "第4项 正在开展宪法宣传周活动")
        digest = api.wait_for_messages_sync(ADMIN, 1, timeout=NUDGE_TIMEOUT)
        text = "\n".join(m.text for m in digest)
        assert text.startswith(SEED_LABEL + "\n")
        seed_part, law_part = text.split("\n\n" + LAW_LABEL + "\n")
        assert "全部 34 项任务：已完成 0 项，进行中 0 项" in seed_part
        assert "全部 5 项任务：已完成 0 项，进行中 1 项" in law_part
        assert "综合科 1 条" in law_part
        # Paused and unreachable people are about the bot, not a notice: listed once, at the end.
        assert "【暂停提醒】" not in seed_part
        assert law_part.endswith("【暂停提醒】无\n【无法送达】无")
    finally:
        assert running.stop() == 0


def test_the_office_sends_a_second_notice_and_enables_it_beside_the_first(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        assert say(api, LI, "我科室负责什么").startswith("综合科（科室）：")  # one notice
        api.send_document(ADMIN, LAW.name, LAW.read_bytes(), user=user(ADMIN), caption="法治建设")
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert "共 3 个部分，5 项任务" in shown.text
        # Nothing of the seed's 34 tasks continues: it is taken for a notice of its own.
        assert "启用后：作为又一个通知（简称：法治建设），与在用的通知并行" in shown.text
        assert shown.callback_data[2].endswith(":s")
        api.press_button(ADMIN, shown.message_id, shown.callback_data[2], user=user(ADMIN))
        api.wait_for_sync(
            lambda: (
                "作为《政务公开工作要点》的修订" in api.message(ADMIN, shown.message_id)["text"]
            ),
            REPLY_TIMEOUT,
        )
        api.press_button(ADMIN, shown.message_id, shown.callback_data[2], user=user(ADMIN))
        api.wait_for_sync(
            lambda: "作为又一个通知" in api.message(ADMIN, shown.message_id)["text"],
            REPLY_TIMEOUT,
        )
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用"),
            REPLY_TIMEOUT,
        )
        # 法规与标准科、综合科、办公室、执法一科、执法二科、机关党委 and the seven branches.
        assert api.message(ADMIN, shown.message_id)["text"] == (
            "已启用新通知《法治建设》（5 项任务），已告知在其中有任务的 13 个单位。"
        )
        [told] = api.wait_for_messages_sync(LI, 2, timeout=REPLY_TIMEOUT)[1:]
        assert told.text == (
            "办公室启用了新通知《法治建设》，综合科在其中有 2 项任务。发“我科室负责什么”查看。"
        )
        duties = say(api, LI, "我科室负责什么")
        assert duties.startswith(SEED_LABEL + "\n")
        assert "\n\n《法治建设》\n综合科（科室）：共 2 项，牵头 1 项、配合 1 项" in duties
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        assert "《法治建设》\n第4项（二、规范行政执法行为）" in say(api, LI, "法治建设第4项")
    finally:
        assert again.stop() == 0
