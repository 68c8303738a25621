"""The ledger's evidence as the 台账 shows it: 佐证 cells and the zip's layout."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.evidence.listing import (
    by_report,
    by_task,
    cells,
    described,
    write_zip,
    zip_entries,
)
from bot.evidence.store import EvidenceStore
from bot.ledger.history import Attachment, Ledger
from bot.ledger.store import LedgerStore
from tests.bot.evidence import samples

NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def attach(ledger: Ledger, message: int, unit: str, task: int, *files: Attachment, text=""):
    ledger.attach(
        unit=unit,
        task=task,
        report=None,
        files=files,
        text=text,
        user=message,
        name="李四",
        chat=message,
        message=message,
        now=NOW + timedelta(days=message),
    )


def test_cells_and_layout(ledger: Ledger, tmp_path: Path):
    store = EvidenceStore(tmp_path)
    photo, plan = samples.png(), samples.pdf()
    one, two = store.put(photo), store.put(plan)
    attach(ledger, 1, "综合科", 24, Attachment(one, "照片.png", len(photo)))
    attach(ledger, 2, "综合科", 24, Attachment(two, "方案.pdf", len(plan)))
    attach(ledger, 3, "综合科", 24, Attachment(one, "照片.png", len(photo)))  # sent again
    attach(ledger, 4, "综合科", 24, text="江环〔2021〕12号")
    attach(ledger, 5, "办公室", 17, Attachment(two, "照片.png", len(plan)), text="https://a.cn/x")
    assert cells(ledger) == {
        (24, "综合科"): "照片.png；方案.pdf；江环〔2021〕12号",
        (17, "办公室"): "照片.png；https://a.cn/x",
    }
    attach(ledger, 6, "办公室", 24, text="https://a.cn/24")
    assert by_task(ledger) == {
        24: "综合科：照片.png；方案.pdf；江环〔2021〕12号\n办公室：https://a.cn/24",
        17: "办公室：照片.png；https://a.cn/x",
    }
    files, notes = zip_entries([("工作要点", ledger)])
    assert files == [
        ("佐证材料/第24项/综合科/2021-11-16_照片.png", one),
        ("佐证材料/第24项/综合科/2021-11-17_方案.pdf", two),
        ("佐证材料/第17项/办公室/2021-11-20_照片.png", two),
    ]
    assert notes == {
        "佐证材料/第24项/综合科/链接与文号.txt": "2021-11-19 李四：文号 江环〔2021〕12号\n",
        "佐证材料/第17项/办公室/链接与文号.txt": "2021-11-20 李四：链接 https://a.cn/x\n",
        "佐证材料/第24项/办公室/链接与文号.txt": "2021-11-21 李四：链接 https://a.cn/24\n",
    }
    archive = zipfile.ZipFile(
        io.BytesIO(write_zip(b"xlsx", "台账.xlsx", [("要点", ledger)], store))
    )
    assert archive.read("台账.xlsx") == b"xlsx"
    assert archive.read("佐证材料/第24项/综合科/2021-11-17_方案.pdf") == plan
    assert len(archive.namelist()) == 7  # the workbook, 3 files, 3 lists of links


def test_same_names_of_different_files_are_told_apart(ledger: Ledger):
    attach(ledger, 1, "综合科", 24, Attachment("a" * 64, "照片.jpg", 1))
    attach(ledger, 2, "综合科", 24, Attachment("b" * 64, "照片.jpg", 1))
    files, _ = zip_entries([("甲", ledger), ("乙", ledger)])
    assert [path for path, _ in files][:2] == [
        "佐证材料/甲/第24项/综合科/2021-11-16_照片.jpg",
        "佐证材料/甲/第24项/综合科/2021-11-17_照片.jpg",
    ]


def test_the_evidence_of_a_report(ledger: Ledger):
    for message, report in ((1, 7), (2, None), (3, 7)):
        ledger.attach(
            unit="综合科",
            task=24,
            report=report,
            files=(),
            text=f"https://a.cn/{message}",
            user=1,
            name="李四",
            chat=1,
            message=message,
            now=NOW,
        )
    assert list(by_report(ledger).get(7, ())) == ["https://a.cn/1", "https://a.cn/3"]
    assert list(by_report(ledger).get(8, ())) == []


def test_a_record_described_for_the_reply_and_the_history_sheet(ledger: Ledger):
    attach(ledger, 1, "综合科", 24, Attachment("a" * 64, "现场.png", 3 * 1024 * 1024))
    attach(ledger, 2, "综合科", 24, Attachment("b" * 64, "表.xlsx", 2048), text="江环〔2021〕12号")
    attach(ledger, 3, "综合科", 24, text="https://a.cn/3")
    assert [described(e) for e in ledger.evidence()] == [
        "“现场.png”（3 MB）",
        "“表.xlsx”（2 KB）、文号 江环〔2021〕12号",
        "链接 https://a.cn/3",
    ]
