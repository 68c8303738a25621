"""The office sends its notice as a saved web page or a PDF; a scan or a photo gets a request.

The page is the shipped notice as a city bureau's site shows it (GBK, rowspanned section
cells, breadcrumbs, print and share links around it); the PDF sets the same table with ruled,
spanned cells. Both must come back as the import review of the notice's 34 tasks, and the page,
once enabled, is the notice the bot answers from after a restart. A scanned PDF and a photo
sent as a file get "请提供 Word 或文字版" and change nothing.
"""

from __future__ import annotations

from tests.bot.notice_files.page_files import gov_page, notice_pdf, scanned_pdf
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_hostile_files import snapshot
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import say

ZHANG = 1001
SHIPPED = "共 15 个部分，34 项任务"
CHROME = ("您现在的位置", "浏览次数", "字体", "打印本页", "分享到", "扫一扫", "上一篇")


def test_a_page_and_a_pdf_are_reviewed_and_the_page_enabled(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        api.send_document(ADMIN, "分工方案.pdf", notice_pdf(), user=user(ADMIN))
        [from_pdf] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert SHIPPED in from_pdf.text
        assert "未变 34 项" in from_pdf.text
        api.send_document(ADMIN, "分工方案.html", gov_page(), user=user(ADMIN))
        shown = api.wait_for_messages_sync(ADMIN, 2, timeout=REPLY_TIMEOUT)[1]
        assert SHIPPED in shown.text
        assert "未变 34 项" in shown.text
        assert not [word for word in CHROME if word in shown.text]
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用"),
            REPLY_TIMEOUT,
        )
        assert api.message(ADMIN, shown.message_id)["text"].startswith(
            "已启用：分工方案.html（34 项任务）"
        )
    finally:
        assert running.stop() == 0
    assert (tmp_path / "data" / "notices" / "分工方案.html").read_bytes() == gov_page()
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        assert "台账" in say(api, ZHANG, "第33项是什么")
    finally:
        assert again.stop() == 0


def test_a_scan_and_a_photo_get_a_request_for_word_or_text(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        before = snapshot(tmp_path / "data")
        api.send_document(ADMIN, "扫描件.pdf", scanned_pdf(pages=3), user=user(ADMIN))
        [scan] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert scan.text == (
            "通知文件 扫描件.pdf 有误：这份 PDF 没有文字层（可能是扫描件），请提供 Word 或文字版"
        )
        api.send_document(ADMIN, "通知.jpg", b"\xff\xd8\xff\xe0 a photo", user=user(ADMIN))
        photo = api.wait_for_messages_sync(ADMIN, 2, timeout=REPLY_TIMEOUT)[1]
        assert photo.text == "这是一张图片，无法可靠识别其中的文字，请提供 Word 或文字版"
        assert scan.callback_data == photo.callback_data == []
        assert snapshot(tmp_path / "data") == before
        assert "办公室" in say(api, ZHANG, "第33项是谁负责")
    finally:
        assert running.stop() == 0
