"""佐证材料 end to end: real files sent to the real bot process through the fake Bot API, kept
in the data directory by content, and what no record names removed at the next start."""

from __future__ import annotations

from bot.evidence.store import EvidenceStore, digest_of
from bot.ledger.history import EVIDENCE, Ledger
from bot.ledger.store import LedgerStore
from tests.bot.evidence import samples
from tests.e2e.conftest import REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import seed

LI = 2001  # 综合科: leads task 2, holds task 17, not task 24
NOW = "2021-11-15T10:00:00+08:00"


def replies(api, chat: int, before: int, count: int = 1) -> list:
    return api.wait_for_messages_sync(chat, before + count, timeout=REPLY_TIMEOUT)[before:]


def send_file(api, name: str, data: bytes, count: int = 1, **extra) -> list[str]:
    before = len(api.sent(LI))
    api.send_document(LI, name, data, user=user(LI), **extra)
    return [m.text for m in replies(api, LI, before, count)]


def test_files_links_and_numbers_attached_over_telegram(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    sent = [samples.png(), samples.pdf(), samples.docx(), samples.jpeg()]
    running = launch(api, tmp_path, "--now", NOW)
    try:
        png = send_file(api, "现场.png", sent[0], caption="第2项佐证")
        assert png == ["已附佐证：综合科 第2项 “现场.png”（1 KB）。"]
        recorded, pdf = send_file(api, "方案.pdf", sent[1], 2, caption="第2项已完成：方案已印发")
        assert recorded.startswith("已记录：综合科 第2项 已完成（11月15日 10:00")
        assert pdf.startswith("已附佐证：综合科 第2项 “方案.pdf”（")
        assert pdf.endswith("（随 11月15日 10:00 的进展）。")
        acknowledged = api.sent(LI)[-2]
        docx = send_file(api, "台账.docx", sent[2], reply_to_message_id=acknowledged.message_id)
        assert docx[0].startswith("已附佐证：综合科 第2项 “台账.docx”（")
        before = len(api.sent(LI))
        api.send_photo(LI, user=user(LI), content=sent[3])
        [asked] = replies(api, LI, before)
        assert asked.text.startswith("“照片.jpg”是哪一项的佐证？")
        api.press_button(LI, asked.message_id, "ev:17", user=user(LI))
        [chosen] = replies(api, LI, before + 1)
        assert chosen.text.startswith("已附佐证：综合科 第17项 “照片.jpg”（")
        before = len(api.sent(LI))
        api.send_text(LI, "第2项佐证 江环〔2021〕12号", user=user(LI))
        assert [m.text for m in replies(api, LI, before)] == [
            "已附佐证：综合科 第2项 文号 江环〔2021〕12号（随 11月15日 10:00 的进展）。"
        ]
        [refused] = send_file(api, "录音.mp3", b"ID3", caption="第2项佐证")
        assert refused.startswith("“录音.mp3”不是可作佐证的文件类型，未保存。")
    finally:
        assert running.stop() == 0
    data = tmp_path / "data"
    store = EvidenceStore(data)
    assert store.stored() == {digest_of(d) for d in sent}
    assert [store.read(digest_of(d)) for d in sent] == sent
    with LedgerStore(data / "ledger") as ledger_store:
        attached = [e for e in Ledger(ledger_store).history() if e.kind == EVIDENCE]
    assert [(e.tasks, [f.name for f in e.files], e.text) for e in attached] == [
        ((2,), ["现场.png"], ""),
        ((2,), ["方案.pdf"], ""),
        ((2,), ["台账.docx"], ""),
        ((17,), ["照片.jpg"], ""),
        ((2,), [], "江环〔2021〕12号"),
    ]
    orphan = store.put(b"%PDF-1.4 left by a crash")  # stored, never recorded
    again = launch(api, tmp_path, "--now", NOW)
    try:
        assert "已删除 1 个没有记录引用的佐证文件" in again.log_text()
    finally:
        assert again.stop() == 0
    assert not store.has(orphan)
    assert store.stored() == {digest_of(d) for d in sent}


def test_a_file_too_big_for_the_bot_api_is_refused_unread(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", NOW)
    try:
        [refused] = send_file(
            api, "录像.pdf", b"%PDF-", caption="第2项佐证", size=25 * 1024 * 1024
        )
        assert (
            refused
            == "“录像.pdf”有 25 MB，超过 20 MB 的上限，未保存。可压缩后再发，或发链接、文号。"
        )
        assert api.calls("getFile") == []
    finally:
        assert running.stop() == 0
    assert EvidenceStore(tmp_path / "data").stored() == set()
