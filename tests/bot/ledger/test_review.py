"""复核销号 in the 台账: a 已完成 report waits for the office, which passes (通过) or returns it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.ledger.history import VERIFY, Entry, Ledger, LedgerError
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)  # a Monday
LATER = NOW + timedelta(hours=2)
NEXT_DAY = NOW + timedelta(days=1)
CHAT, OFFICE_CHAT = -100, 500
ALICE, ADMIN = 1001, 9
DUE = date(2021, 11, 20)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "ledger"


@pytest.fixture
def ledger(directory: Path) -> Iterator[Ledger]:
    with LedgerStore(directory) as store:
        yield Ledger(store, review=True)


def report(ledger: Ledger, message: int, **changes: Any) -> Entry:
    """办公室 reports task 17 (due DUE) 已完成."""
    fields: dict[str, Any] = {
        "unit": "办公室",
        "tasks": (17,),
        "status": Status.DONE,
        "text": "已完成",
        "dues": {17: DUE},
        "user": ALICE,
        "name": "张三",
        "chat": CHAT,
        "message": message,
        "now": NOW,
    }
    entry = ledger.report(**(fields | changes))
    assert entry is not None
    return entry


def verify(ledger: Ledger, report_id: int, message: int, now: datetime = LATER) -> Entry | None:
    return ledger.review_report(
        report_id,
        reason=None,
        user=ADMIN,
        name="王主任",
        chat=OFFICE_CHAT,
        message=message,
        now=now,
    )


def send_back(ledger: Ledger, report_id: int, message: int, reason: str = "缺少发文") -> Any:
    return ledger.review_report(
        report_id,
        reason=reason,
        user=ADMIN,
        name="王主任",
        chat=OFFICE_CHAT,
        message=message,
        now=LATER,
    )


def test_a_done_report_waits_for_review_and_is_not_closed(ledger: Ledger) -> None:
    done = report(ledger, 1)
    report(ledger, 2, status=Status.ONGOING, tasks=(5,), dues={5: DUE}, text="正在办理")
    assert ledger.awaiting_review() == [done]
    assert ledger.closed_at(17, "办公室", DUE) is None
    # The unit did its part: the milestone counts as reported, so nudges stop.
    assert (17, "办公室", DUE) in ledger.done()


def test_passing_closes_the_milestone_at_the_moment_of_the_pass(
    ledger: Ledger, directory: Path
) -> None:
    done = report(ledger, 1)
    assert verify(ledger, done.id, 50) == done
    assert ledger.awaiting_review() == []
    assert ledger.closed_at(17, "办公室", DUE) == LATER
    assert ledger.closed_at(17, "财务科", DUE) is None
    assert ledger.closed_at(17, "办公室", date(2021, 12, 10)) is None
    passed = ledger.verification(done.id)
    assert passed is not None
    assert (passed.kind, passed.ref, passed.name, passed.at) == (VERIFY, done.id, "王主任", LATER)
    # Kept as history: a restart reads the same.
    again = Ledger(LedgerStore(directory), review=True)
    assert again.closed_at(17, "办公室", DUE) == LATER
    assert again.awaiting_review() == []


def test_passing_twice_is_refused_and_names_who_passed(ledger: Ledger) -> None:
    done = report(ledger, 1)
    verify(ledger, done.id, 50)
    with pytest.raises(LedgerError, match="王主任于 11-15 11:00 通过复核"):
        verify(ledger, done.id, 51, now=NEXT_DAY)
    assert ledger.closed_at(17, "办公室", DUE) == LATER
    assert len(ledger.history()) == 2


def test_the_same_press_delivered_again_writes_nothing(ledger: Ledger) -> None:
    done = report(ledger, 1)
    verify(ledger, done.id, 50)
    assert verify(ledger, done.id, 50, now=NEXT_DAY) is None
    assert send_back(ledger, done.id, 50) is None
    assert len(ledger.history()) == 2
    assert ledger.closed_at(17, "办公室", DUE) == LATER


def test_returning_reopens_the_milestone_and_the_unit_reports_again(ledger: Ledger) -> None:
    done = report(ledger, 1)
    returned = send_back(ledger, done.id, 50)
    assert returned == done
    now = ledger.latest(17, "办公室")
    assert now is not None
    assert (now.status, now.returned) == (Status.ONGOING, "缺少发文")
    assert ledger.awaiting_review() == []
    assert (17, "办公室", DUE) not in ledger.done()  # the nudges resume
    with pytest.raises(LedgerError, match="已退回（理由：缺少发文）"):
        verify(ledger, done.id, 51)
    again = report(ledger, 2, text="已补发文，已完成", now=NEXT_DAY)
    assert ledger.awaiting_review() == [again]
    verify(ledger, again.id, 52, now=NEXT_DAY + timedelta(hours=1))
    assert ledger.closed_at(17, "办公室", DUE) == NEXT_DAY + timedelta(hours=1)


def test_a_passed_report_cannot_be_returned(ledger: Ledger) -> None:
    done = report(ledger, 1)
    verify(ledger, done.id, 50)
    with pytest.raises(LedgerError, match="已销号"):
        send_back(ledger, done.id, 51)
    with pytest.raises(LedgerError, match="已销号"):
        ledger.return_report(
            17,
            "办公室",
            reason="再看看",
            user=ADMIN,
            name="王主任",
            chat=OFFICE_CHAT,
            message=52,
            now=LATER,
        )


def test_a_withdrawn_or_unfinished_report_is_not_reviewed(ledger: Ledger) -> None:
    going = report(ledger, 1, status=Status.ONGOING, text="正在办理")
    with pytest.raises(LedgerError, match="未完成"):
        verify(ledger, going.id, 50)
    done = report(ledger, 2)
    ledger.withdraw(
        user=ALICE, name="张三", chat=CHAT, message=3, now=NOW, window=timedelta(minutes=10)
    )
    with pytest.raises(LedgerError, match="找不到这条报告"):
        verify(ledger, done.id, 51)
    assert ledger.awaiting_review() == []


def test_without_review_a_done_report_closes_at_once(directory: Path) -> None:
    with LedgerStore(directory) as store:
        ledger = Ledger(store)
        report(ledger, 1)
        assert ledger.awaiting_review() == []
        assert ledger.closed_at(17, "办公室", DUE) == NOW
