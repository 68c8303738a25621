"""The 台账's 佐证材料, 复核 and 领导批示 columns, and the 统计 sheet (issue 20).

The office reviews (复核). On the shipped notice: 办公室 reports task 33 已完成 on 11-15 09:00 and
the office (王主任) passes it at 11-16 10:00; 办公室 reports task 34 已完成 on 11-15 09:30, which is
returned at 11-16 10:30 for 缺少文号, then reported 已完成 again at 11-17 09:00 (waiting); 办公室
attaches 台账.pdf to the first report and the 文号 江环〔2021〕12号 to task 34; 张局长 writes a
批示 on task 33 at 11-16 11:00. Today is 2021-11-22.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.answers.model import Knowledge
from bot.ledger.history import Attachment, Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.export import export_workbook
from bot.office.overview import build_overview

ZONE = ZoneInfo("Asia/Shanghai")
YEAR_END = date(2021, 12, 31)
HEADERS = ["序号", "佐证材料", "复核", "领导批示"]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2021, 11, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def reviewed(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store, review=True)


def fill(ledger: Ledger) -> None:
    def report(task: int, message: int, now: datetime, text: str = "已完成"):
        return ledger.report(
            unit="办公室", tasks=(task,), status=Status.DONE, text=text,
            dues={task: YEAR_END}, user=1001, name="张三", chat=1001, message=message, now=now,
        )  # fmt: skip

    first = report(33, 1, at(15, 9), "台账已建立")
    late = report(34, 2, at(15, 9, 30))
    office = {"user": 9001, "name": "王主任", "chat": 9001}
    ledger.review_report(first.id, reason=None, message=1, now=at(16, 10), **office)
    ledger.review_report(late.id, reason="缺少文号", message=2, now=at(16, 10, 30), **office)
    report(34, 3, at(17, 9))
    pdf = Attachment("ab" * 32, "台账.pdf", 2048)
    ledger.attach(
        unit="办公室", task=33, report=first.id, files=(pdf,), text="",
        user=1001, name="张三", chat=1001, message=4, now=at(15, 9, 1),
    )  # fmt: skip
    ledger.attach(
        unit="办公室", task=34, report=None, files=(), text="江环〔2021〕12号",
        user=1001, name="张三", chat=1001, message=5, now=at(17, 9, 1),
    )  # fmt: skip
    ledger.instruct(
        33, text="请总结经验", user=8001, name="张局长", chat=8001, message=1, now=at(16, 11)
    )


def sheets(know: Knowledge, ledger: Ledger):
    overview = build_overview(know, ledger, date(2021, 11, 22))
    return load_workbook(io.BytesIO(export_workbook(know, ledger, overview, ZONE)))


def test_the_trail_columns_say_what_happened_per_task(know: Knowledge, reviewed: Ledger):
    fill(reviewed)
    ws = sheets(know, reviewed)["台账"]
    header = [c.value for c in ws[3]]
    index = [header.index(h) for h in HEADERS]
    cells = {r[index[0]]: [r[i] for i in index[1:]] for r in ws.iter_rows(4, values_only=True)}
    assert cells[33] == [
        "办公室：台账.pdf",
        "办公室：通过（王主任，11月16日 10:00）",
        "领导批示：请总结经验（张局长，11月16日）",
    ]
    assert cells[34] == [
        "办公室：江环〔2021〕12号",
        "办公室：退回（王主任，11月16日 10:30）：缺少文号\n办公室：待复核（报于11月17日 09:00）",
        None,
    ]
    assert cells[1] == [None, None, None]


def test_the_history_sheet_names_every_new_kind(know: Knowledge, reviewed: Ledger):
    fill(reviewed)
    ws = sheets(know, reviewed)["历史"]
    kinds = {row[4]: row[7] for row in ws.iter_rows(2, values_only=True)}
    assert kinds["复核通过"] == "通过（销号）"
    assert kinds["退回"] == "缺少文号"
    assert kinds["领导批示"] == "请总结经验"
    assert "佐证材料" in kinds


def test_the_statistics_sheet_lists_the_notice_first_in_per_cent(
    know: Knowledge, reviewed: Ledger
):
    fill(reviewed)
    ws = sheets(know, reviewed)["统计"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["范围", "名称", "节点数"]
    assert header[7] == "按期完成率（%）"
    notice = [c.value for c in ws[2]]
    # Every milestone is due 12-31 but task 24's (11-20 and 12-10, held by 办公室 alone: its
    # 配合 phrase is undefined). 33 and 34 were finished by 办公室 before 12-31 (34's returned
    # report does not count, its second does): on time. 24's 11-20 milestone is overdue: 2 / 3.
    assert notice[:2] == ["全文", know.plan.title]
    assert notice[3:6] == [2, 0, 1]
    assert notice[7] == 66.7
