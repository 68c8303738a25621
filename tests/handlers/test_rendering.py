"""User text is stored as received and shown cleaned: no control or bidi characters reach a
message, to the sender or to the office (issue 14, item 3)."""

from __future__ import annotations

import re

import pytest

from tests.handlers.conftest import ADMIN, NOW, Harness

ZHANG = 1001
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
async def staff(bot: Harness) -> Harness:
    bot.core.bindings.bind(ZHANG, "张三", "办公室", NOW)
    return bot


async def test_a_report_is_acknowledged_without_its_hidden_characters(staff: Harness):
    [proposed] = await staff.text(ZHANG, "第24项：目录\u202e已编制\x0b待发布\x01")
    assert proposed.text.startswith("将记录为：第24项")
    assert not HIDDEN.search(proposed.text)
    _, [answer] = await staff.press(ZHANG, proposed.message_id, proposed.callback_data[0])
    assert answer.text.startswith("已记录：办公室 第24项")
    assert "目录已编制\n待发布" in answer.text
    assert not HIDDEN.search(answer.text)
    [entry] = staff.core.ledger.history()
    assert entry.text == "目录\u202e已编制\x0b待发布\x01"  # stored as received


async def test_an_extension_reason_reaches_the_office_cleaned(staff: Harness):
    line = "申请延期 第24项 到11月30日，理由：平台\u202e升级\u2066暂停\x07发布"
    sent = await staff.text(ZHANG, line)
    [to_office] = [m for m in sent if m.chat_id == ADMIN]
    assert "理由：平台升级暂停发布" in to_office.text
    assert not any(HIDDEN.search(m.text) for m in sent)
