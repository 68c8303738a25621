"""When a milestone was closed: `Ledger.closed`, the one place a close is dated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
DUE = date(2021, 11, 20)
LATER_DUE = date(2021, 12, 10)
WINDOW = timedelta(minutes=10)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def report(ledger: Ledger, message: int, now: datetime, **changes: Any) -> None:
    """办公室 reports task 24 已完成 about DUE at `now`, with `changes` applied."""
    fields: dict[str, Any] = {
        "unit": "办公室",
        "tasks": (24,),
        "status": Status.DONE,
        "text": "已完成",
        "dues": {24: DUE},
        "user": 1,
        "name": "张三",
        "chat": 1,
        "message": message,
        "now": now,
    }
    ledger.report(**(fields | changes))


def test_the_first_done_report_dates_the_close(ledger: Ledger):
    report(ledger, 1, NOW, status=Status.ONGOING, text="正在办理")
    assert ledger.closed() == {}
    report(ledger, 2, NOW + timedelta(days=1))
    report(ledger, 3, NOW + timedelta(days=2), text="已完成，补充材料")
    report(ledger, 4, NOW + timedelta(days=3), dues={24: LATER_DUE})
    assert ledger.closed() == {
        (24, "办公室", DUE): NOW + timedelta(days=1),
        (24, "办公室", LATER_DUE): NOW + timedelta(days=3),
    }


def test_a_withdrawn_report_closes_nothing(ledger: Ledger):
    report(ledger, 1, NOW)
    ledger.withdraw(user=1, name="张三", chat=1, message=2, now=NOW, window=WINDOW)
    assert ledger.closed() == {}
    report(ledger, 3, NOW + timedelta(days=4))
    assert ledger.closed() == {(24, "办公室", DUE): NOW + timedelta(days=4)}


def test_a_returned_report_closes_nothing_and_the_next_one_does(ledger: Ledger):
    report(ledger, 1, NOW)
    ledger.return_report(
        24, "办公室", reason="缺少材料", user=9, name="办公室小陈", chat=9, message=2, now=NOW
    )
    assert ledger.closed() == {}
    report(ledger, 3, NOW + timedelta(days=6))
    assert ledger.closed() == {(24, "办公室", DUE): NOW + timedelta(days=6)}
