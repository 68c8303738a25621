"""/export and /chart through the real application: files for the office, nothing for others."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.ledger.reports import Status
from tests.handlers.conftest import ADMIN, NOW, Harness

LI = 2002
OFFICE_ONLY = "这是办公室管理员的命令，您没有权限使用。"


@pytest.fixture
def office(bot: Harness) -> Harness:
    """The bot as the office uses it (the name reads better in these tests)."""
    return bot


def report_done(bot: Harness) -> None:
    """办公室 reports task 33 (its own, due at year end) done."""
    bot.core.ledger.report(
        unit="办公室",
        tasks=(33,),
        status=Status.DONE,
        text="台账已建立",
        dues={33: date(2021, 12, 31)},
        user=LI,
        name="李四",
        chat=LI,
        message=1,
        now=NOW,
    )


async def test_office_gets_the_workbook(office: Harness):
    report_done(office)
    sent = await office.text(ADMIN, "/export", "办公室小陈")
    assert [(m.chat_id, m.method) for m in sent] == [(ADMIN, "sendDocument")]
    message = sent[0]
    assert message.upload is not None
    assert message.upload.filename == "台账-2021-11-15.xlsx"
    assert message.text.startswith("台账（截至2021年11月15日）")
    book = load_workbook(io.BytesIO(message.upload.content))
    assert book.sheetnames == ["台账", "统计", "历史"]
    ledger_sheet = book["台账"]
    assert ledger_sheet["A36"].value == 33
    assert ledger_sheet["E36"].value == "已完成"
    assert ledger_sheet["F36"].value == "办公室：台账已建立。"  # 完成情况, one sentence a unit
    assert [c.value for c in book["历史"][2]][2:8] == [
        "办公室",
        "李四",
        "报告",
        "第33项",
        "已完成",
        "台账已建立",
    ]


async def test_office_gets_the_chart(office: Harness):
    sent = await office.text(ADMIN, "/chart", "办公室小陈")
    assert [(m.chat_id, m.method) for m in sent] == [(ADMIN, "sendDocument")]
    upload = sent[0].upload
    assert upload is not None
    assert upload.filename == "台账图-2021-11-15.png"
    assert upload.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(upload.content)).width >= 1000
    assert sent[0].text.startswith("台账图（截至2021年11月15日）")


@pytest.mark.parametrize("command", ["/export", "/chart"])
async def test_others_are_refused_and_get_no_file(office: Harness, command: str):
    office.core.bindings.bind(LI, "李四", "办公室", NOW)
    sent = await office.text(LI, command, "李四")
    assert [(m.chat_id, m.method, m.text) for m in sent] == [(LI, "sendMessage", OFFICE_ONLY)]
    assert not any(m.upload for m in office.api.sent())
