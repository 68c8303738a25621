"""The 督办 loop closed over Telegram, against the real bot process: a unit reports 已完成 with a
photo and a PDF → the office's 待复核 batch shows the report and its evidence → 退回 with a
reason → the unit is told → nudged again → reports again → 通过 → closed; then
``/export 含佐证`` gives a zip whose workbook holds the whole history and whose folders hold
the two files byte for byte.

From the notice: 综合科 leads task 2, due Friday 2021-12-31; its nudges go at 09:00 on Friday
12-24 and Thursday 12-30. The batch goes out at a start's catch-up wake-up. Ledger ids by
hand: 1 the report, 2 the photo, 3 the PDF, 4 the 退回, 5 the second report, 6 its 通过.
"""

from __future__ import annotations

from tests.bot.evidence import samples
from tests.bot.evidence.unzip import unzipped
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import NUDGE_TIMEOUT, seed, tasks_in, wait_log
from tests.e2e.test_progress import say
from tests.e2e.test_review import HEAD, WHAT, passed, returned, wait_batch

LI = 2001  # 综合科
FOLDER = "佐证材料/第2项/综合科"


def replies(api, chat: int, before: int, count: int) -> list[str]:
    sent = api.wait_for_messages_sync(chat, before + count, timeout=REPLY_TIMEOUT)
    return [m.text for m in sent[before:]]


def test_report_with_evidence_returned_reported_passed_and_exported(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    photo, paper = samples.jpeg(), samples.pdf()
    running = launch(api, tmp_path, "--now", "2021-12-24T08:59:56+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(LI, 1, timeout=NUDGE_TIMEOUT)
        assert 2 in tasks_in(nudge.text)
        # Past the 09:00 wake-up's office round, so the batch goes out at the next start, with
        # both files (a batch sent between a report and its files would list none of them).
        wait_log(running, "提醒检查（2021-12-24T09:00")
        api.send_photo(LI, user=user(LI), caption="第2项已完成", content=photo)
        recorded, attached = replies(api, LI, 1, 2)
        assert recorded.startswith("已记录：综合科 第2项 已完成（12月24日 09:00）")
        assert recorded.endswith("待办公室复核，通过后销号。")
        assert attached.startswith("已附佐证：综合科 第2项 “照片.jpg”（")
        assert attached.endswith("（随 12月24日 09:00 的进展）。")
        acknowledged = api.sent(LI)[1]
        api.send_document(
            LI, "方案.pdf", paper, user=user(LI), reply_to_message_id=acknowledged.message_id
        )
        [attached] = replies(api, LI, 3, 1)
        assert attached.startswith("已附佐证：综合科 第2项 “方案.pdf”（")
        assert attached.endswith("（随 12月24日 09:00 的进展）。")
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-24T10:00:00+08:00")
    try:
        batch = wait_batch(api, 1)
        assert batch.text.split("\n") == [
            HEAD,
            f"1. {WHAT}（张三，12月24日 09:00）：已完成",
            "  佐证：照片.jpg",
            "  佐证：方案.pdf",
        ]
        reply = returned(api, batch, 1, "照片看不清，请补充发文文号")
        assert reply.startswith(f"已退回：{WHAT}的“已完成”报告，理由：照片看不清")
        [told] = replies(api, LI, 4, 1)
        assert told == (
            f"办公室复核退回了{WHAT}的“已完成”报告（12月24日 09:00），理由：照片看不清，"
            "请补充发文文号。此项恢复为进行中，提醒将继续；整改后请再报告。"
        )
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-30T08:59:56+08:00")
    try:
        [again] = api.wait_for_messages_sync(LI, 6, timeout=NUDGE_TIMEOUT)[5:]
        assert again.text.startswith("【工作提醒】综合科")
        assert 2 in tasks_in(again.text)  # returned: nudged again
        assert say(api, LI, "第2项已完成").endswith("待办公室复核，通过后销号。")
    finally:
        assert running.stop() == 0

    running = launch(api, tmp_path, "--now", "2021-12-30T10:00:00+08:00")
    try:
        batch = wait_batch(api, 2)
        assert batch.text == f"{HEAD}\n1. {WHAT}（张三，12月30日 09:00）：已完成"
        assert passed(api, batch, 5) == f"已通过：{WHAT}，已销号，已告知该单位。"
        [told] = replies(api, LI, 7, 1)
        assert told == f"办公室已复核通过{WHAT}的“已完成”报告（12月30日 09:00），此节点已销号。"
        assert "· 第2项（牵头）已完成（已销号）" in say(api, LI, "我科室进展")
        before = len(api.sent(ADMIN))
        api.send_text(ADMIN, "/export 含佐证", user=user(ADMIN))
        [sent] = api.wait_for_messages_sync(ADMIN, before + 1, timeout=REPLY_TIMEOUT)[before:]
    finally:
        assert running.stop() == 0

    assert sent.upload.filename == "台账-2021-12-30.zip"
    history, files = unzipped(sent.upload.content, "台账-2021-12-30.xlsx")
    assert files == {
        f"{FOLDER}/2021-12-24_照片.jpg": photo,
        f"{FOLDER}/2021-12-24_方案.pdf": paper,
    }
    assert history == [
        (1, "综合科", "报告", "已完成", None),
        (2, "综合科", "佐证材料", "“照片.jpg”（1 KB）", 1),
        (3, "综合科", "佐证材料", "“方案.pdf”（1 KB）", 1),
        (4, "综合科", "退回", "照片看不清，请补充发文文号", 1),
        (5, "综合科", "报告", "已完成", None),
        (6, "综合科", "复核通过", "通过（销号）", 5),
    ]
