"""The 台账: reports, withdrawals and amendments kept as history, and the view derived from it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.ledger.history import Entry, Ledger, LedgerError
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore, shard_name

ZONE = ZoneInfo("Asia/Shanghai")
# Monday 15 November 2021, 9:00, and a few moments after it.
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
SOON = NOW + timedelta(minutes=2)
LATER = NOW + timedelta(hours=1)
NAIVE = datetime(2021, 11, 15, 9, 0)  # noqa: DTZ001
WINDOW = timedelta(minutes=10)
CHAT = -100
ALICE, BOB = 1001, 1002
DUE = date(2021, 11, 20)
DUE5 = date(2021, 11, 30)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "ledger"


@pytest.fixture
def store(directory: Path) -> Iterator[LedgerStore]:
    with LedgerStore(directory) as store:
        yield store


@pytest.fixture
def ledger(store: LedgerStore) -> Ledger:
    return Ledger(store)


def reopen(directory: Path) -> Ledger:
    """A fresh Ledger over a fresh LedgerStore on the same directory, as after a restart."""
    return Ledger(LedgerStore(directory))


def report(ledger: Ledger, message: int, **changes: Any) -> Entry | None:
    """A report by Alice of 办公室 on task 17 (已完成, due DUE), with `changes` applied."""
    fields: dict[str, Any] = {
        "unit": "办公室",
        "tasks": (17,),
        "status": Status.DONE,
        "text": "已办结留言128条，已完成",
        "dues": {17: DUE},
        "user": ALICE,
        "name": "张三",
        "chat": CHAT,
        "message": message,
        "now": NOW,
    }
    return ledger.report(**(fields | changes))


def withdraw(ledger: Ledger, message: int, **changes: Any) -> Entry | None:
    fields: dict[str, Any] = {
        "user": ALICE,
        "name": "张三",
        "chat": CHAT,
        "message": message,
        "now": SOON,
        "window": WINDOW,
    }
    return ledger.withdraw(**(fields | changes))


def amend(ledger: Ledger, message: int, **changes: Any) -> Entry | None:
    fields: dict[str, Any] = {
        "user": ALICE,
        "name": "张三",
        "tasks": (),
        "status": Status.ONGOING,
        "text": "已办结留言130条",
        "chat": CHAT,
        "message": message,
        "now": SOON,
        "window": WINDOW,
    }
    return ledger.amend(**(fields | changes))


# --- report ---------------------------------------------------------------------------------


def test_report_returns_an_entry_with_the_given_fields(ledger: Ledger) -> None:
    entry = report(ledger, 1)
    assert entry == Entry(
        id=1,
        kind="r",
        unit="办公室",
        tasks=(17,),
        dues={17: DUE},
        status=Status.DONE,
        text="已办结留言128条，已完成",
        user=ALICE,
        name="张三",
        at=NOW,
    )
    assert entry.ref is None
    assert not entry.amended
    assert entry.due(17) == DUE
    assert entry.due(18) is None
    assert ledger.reports() == {1: entry}
    assert ledger.latest(17, "办公室") == entry
    assert ledger.history() == [entry]


def test_a_report_is_durable(ledger: Ledger, store: LedgerStore, directory: Path) -> None:
    first = report(ledger, 1)
    second = report(
        ledger,
        2,
        unit="财务科",
        tasks=(5,),
        status=Status.ONGOING,
        text="正在核对",
        dues={5: None},
        user=BOB,
        name="李四",
        now=SOON,
    )
    store.close()

    again = reopen(directory)
    assert again.reports() == {1: first, 2: second}
    assert again.reports() == ledger.reports()
    assert again.latest(17, "办公室") == first
    assert again.latest(5, "财务科") == second
    assert again.latest(5, "财务科").due(5) is None
    assert again.latest(5, "财务科").at == SOON
    assert again.history() == ledger.history()
    assert again.done() == frozenset({(17, "办公室", DUE)})


def test_the_same_message_twice_is_recorded_once(ledger: Ledger, directory: Path) -> None:
    first = report(ledger, 1)
    assert report(ledger, 1, text="第二次", now=SOON) is None
    assert ledger.reports() == {1: first}
    assert len(ledger.history()) == 1
    assert len(reopen(directory).history()) == 1
    # The same message id in another chat is another message.
    assert report(ledger, 1, chat=CHAT - 1) is not None
    assert len(ledger.history()) == 2


def test_reports_from_different_units_and_tasks(ledger: Ledger) -> None:
    a = report(ledger, 1)
    b = report(ledger, 2, unit="财务科", user=BOB, name="李四", text="进行中")
    c = report(ledger, 3, tasks=(24,), dues={24: None}, status=Status.ONGOING, text="正在编制")
    assert ledger.reports() == {1: a, 2: b, 3: c}
    assert ledger.latest(17, "办公室") == a
    assert ledger.latest(17, "财务科") == b
    assert ledger.latest(24, "办公室") == c
    assert ledger.latest(24, "财务科") is None
    assert ledger.latest(99, "办公室") is None
    assert ledger.latest(17, "不存在的科室") is None


def test_latest_picks_the_newest_report(ledger: Ledger) -> None:
    report(ledger, 1, status=Status.ONGOING, text="正在办理")
    report(ledger, 2, status=Status.ONGOING, text="已办结一半", now=SOON)
    newest = report(ledger, 3, now=LATER)
    assert ledger.latest(17, "办公室") == newest
    assert ledger.latest(17, "办公室").text == "已办结留言128条，已完成"
    # Another user of the same unit reports later still: that is the unit's latest.
    bobs = report(ledger, 4, user=BOB, name="李四", text="补充材料", now=LATER)
    assert ledger.latest(17, "办公室") == bobs


def test_a_report_on_two_tasks_counts_for_both(ledger: Ledger) -> None:
    entry = report(ledger, 1, tasks=(3, 5), dues={3: DUE, 5: DUE5})
    assert entry.tasks == (3, 5)
    assert ledger.latest(3, "办公室") == entry
    assert ledger.latest(5, "办公室") == entry
    assert ledger.done() == frozenset({(3, "办公室", DUE), (5, "办公室", DUE5)})
    # A later report on task 5 alone leaves task 3 with the first one.
    later = report(ledger, 2, tasks=(5,), dues={5: DUE5}, status=Status.ONGOING, now=SOON)
    assert ledger.latest(3, "办公室") == entry
    assert ledger.latest(5, "办公室") == later


def test_a_report_with_a_naive_time_is_refused(ledger: Ledger, directory: Path) -> None:
    with pytest.raises(ValueError, match="时区"):
        report(ledger, 1, now=NAIVE)
    assert ledger.reports() == {}
    assert ledger.history() == []
    assert reopen(directory).history() == []


# --- done -----------------------------------------------------------------------------------


def test_done_holds_only_done_reports_with_a_due_date(ledger: Ledger) -> None:
    report(ledger, 1)
    report(ledger, 2, unit="财务科", user=BOB, status=Status.ONGOING, text="进行中")
    report(ledger, 3, unit="人事科", user=BOB, status=Status.BLOCKED, text="有困难")
    report(ledger, 4, unit="后勤科", user=BOB, tasks=(24,), dues={24: None})
    report(ledger, 5, unit="信息科", user=BOB, tasks=(24,), dues={})
    assert ledger.done() == frozenset({(17, "办公室", DUE)})
    # Served again, it is the same answer.
    assert ledger.done() == frozenset({(17, "办公室", DUE)})
    # A new DONE report shows up.
    report(ledger, 6, unit="财务科", user=BOB, now=SOON)
    assert ledger.done() == frozenset({(17, "办公室", DUE), (17, "财务科", DUE)})


def test_done_drops_a_withdrawn_report(ledger: Ledger) -> None:
    report(ledger, 1)
    assert ledger.done() == frozenset({(17, "办公室", DUE)})
    withdraw(ledger, 2)
    assert ledger.done() == frozenset()


def test_done_drops_a_report_amended_to_ongoing(ledger: Ledger, directory: Path) -> None:
    report(ledger, 1)
    assert ledger.done() == frozenset({(17, "办公室", DUE)})
    amend(ledger, 2, status=Status.ONGOING)
    assert ledger.done() == frozenset()
    assert reopen(directory).done() == frozenset()


def test_done_gains_a_report_amended_to_done(ledger: Ledger) -> None:
    report(ledger, 1, status=Status.ONGOING, text="正在办理")
    assert ledger.done() == frozenset()
    amend(ledger, 2, status=Status.DONE, text="已完成")
    assert ledger.done() == frozenset({(17, "办公室", DUE)})


# --- amend ----------------------------------------------------------------------------------


def test_amend_keeps_the_history(ledger: Ledger, store: LedgerStore, directory: Path) -> None:
    original = report(ledger, 1)
    amended = amend(ledger, 2, text="已办结留言130条", status=Status.ONGOING)

    assert amended == Entry(
        id=1,
        kind="r",
        unit="办公室",
        tasks=(17,),
        dues={17: DUE},
        status=Status.ONGOING,
        text="已办结留言130条",
        user=ALICE,
        name="张三",
        at=NOW,
        amended=True,
    )
    assert ledger.reports() == {1: amended}
    assert ledger.latest(17, "办公室") == amended

    history = ledger.history()
    assert [e.kind for e in history] == ["r", "a"]
    assert history[0] == original
    assert history[0].text == "已办结留言128条，已完成"
    assert history[1].ref == 1
    assert history[1].id == 2
    assert history[1].text == "已办结留言130条"
    assert history[1].status is Status.ONGOING
    assert history[1].tasks == (17,)
    assert history[1].at == SOON

    store.close()
    again = reopen(directory)
    assert again.reports() == {1: amended}
    assert again.history() == history


def test_amend_with_tasks_replaces_them(ledger: Ledger) -> None:
    report(ledger, 1, tasks=(3, 5), dues={3: DUE, 5: DUE5})
    amended = amend(ledger, 2, tasks=(5,), status=Status.DONE, text="第5项已完成")
    assert amended.tasks == (5,)
    assert amended.dues == {5: DUE5}
    assert ledger.latest(3, "办公室") is None
    assert ledger.latest(5, "办公室") == amended
    assert ledger.done() == frozenset({(5, "办公室", DUE5)})


def test_amend_onto_a_task_without_a_due_date(ledger: Ledger) -> None:
    report(ledger, 1)
    amended = amend(ledger, 2, tasks=(24,), status=Status.DONE, text="第24项已完成")
    assert amended.tasks == (24,)
    assert amended.due(24) is None
    assert ledger.latest(17, "办公室") is None
    assert ledger.latest(24, "办公室") == amended
    assert ledger.done() == frozenset()


def test_amend_with_no_tasks_keeps_them(ledger: Ledger) -> None:
    report(ledger, 1, tasks=(3, 5), dues={3: DUE, 5: DUE5})
    amended = amend(ledger, 2, tasks=(), text="改正后的文字")
    assert amended.tasks == (3, 5)
    assert amended.dues == {3: DUE, 5: DUE5}
    assert amended.text == "改正后的文字"
    assert ledger.history()[1].tasks == (3, 5)


def test_amend_twice_keeps_the_last(ledger: Ledger) -> None:
    report(ledger, 1)
    amend(ledger, 2, text="第一次修改")
    second = amend(ledger, 3, text="第二次修改", status=Status.BLOCKED, now=SOON)
    assert second.text == "第二次修改"
    assert second.status is Status.BLOCKED
    assert ledger.reports() == {1: second}
    assert [e.kind for e in ledger.history()] == ["r", "a", "a"]


def test_amending_with_the_same_message_again_writes_nothing(ledger: Ledger) -> None:
    report(ledger, 1)
    amended = amend(ledger, 2, text="第一次修改")
    assert amend(ledger, 2, text="重复的消息") is None
    assert ledger.reports() == {1: amended}
    assert len(ledger.history()) == 2


def test_amend_changes_only_the_users_last_report(ledger: Ledger) -> None:
    first = report(ledger, 1)
    bobs = report(ledger, 2, user=BOB, name="李四", unit="财务科", text="已完成")
    last = report(ledger, 3, tasks=(24,), dues={24: None}, status=Status.ONGOING, now=SOON)
    amended = amend(ledger, 4, text="改正", now=SOON)
    assert amended.id == last.id
    assert ledger.reports() == {1: first, 2: bobs, 3: amended}


# --- withdraw -------------------------------------------------------------------------------


def test_withdraw_removes_the_report(ledger: Ledger, store: LedgerStore, directory: Path) -> None:
    entry = report(ledger, 1)
    withdrawn = withdraw(ledger, 2)
    assert withdrawn == entry
    assert ledger.reports() == {}
    assert ledger.latest(17, "办公室") is None
    history = ledger.history()
    assert [e.kind for e in history] == ["r", "w"]
    assert history[1].ref == 1
    assert history[1].unit == "办公室"
    assert history[1].at == SOON
    assert history[1].status is None

    store.close()
    again = reopen(directory)
    assert again.reports() == {}
    assert again.latest(17, "办公室") is None
    assert again.history() == history


def test_withdraw_falls_back_to_the_previous_report(ledger: Ledger, directory: Path) -> None:
    earlier = report(ledger, 1, status=Status.ONGOING, text="正在办理")
    other = report(ledger, 2, tasks=(24,), dues={24: None}, text="第24项已完成")
    report(ledger, 3, now=SOON)
    withdraw(ledger, 4, now=SOON)
    assert ledger.latest(17, "办公室") == earlier
    assert ledger.latest(24, "办公室") == other
    assert ledger.reports() == {1: earlier, 2: other}
    assert ledger.done() == frozenset()
    assert reopen(directory).latest(17, "办公室") == earlier


def test_withdraw_falls_back_across_users_of_the_unit(ledger: Ledger) -> None:
    bobs = report(ledger, 1, user=BOB, name="李四", text="进行中", status=Status.ONGOING)
    report(ledger, 2, now=SOON)
    withdraw(ledger, 3)
    assert ledger.latest(17, "办公室") == bobs


def test_withdraw_twice_takes_back_two_reports(ledger: Ledger) -> None:
    report(ledger, 1)
    report(ledger, 2, tasks=(24,), dues={24: None})
    assert withdraw(ledger, 3).id == 2
    assert withdraw(ledger, 4).id == 1
    assert ledger.reports() == {}
    with pytest.raises(LedgerError, match="没有"):
        withdraw(ledger, 5)


def test_withdrawing_with_the_same_message_again_writes_nothing(ledger: Ledger) -> None:
    first = report(ledger, 1)
    report(ledger, 2, tasks=(24,), dues={24: None})
    assert withdraw(ledger, 3) is not None
    assert withdraw(ledger, 3) is None
    assert ledger.reports() == {1: first}
    assert len(ledger.history()) == 3


def test_withdraw_with_no_report_is_refused(ledger: Ledger) -> None:
    with pytest.raises(LedgerError, match="还没有"):
        withdraw(ledger, 1)
    # Someone else's report is not the user's to take back.
    report(ledger, 2, user=BOB, name="李四")
    with pytest.raises(LedgerError, match="还没有"):
        withdraw(ledger, 3)
    with pytest.raises(LedgerError, match="还没有"):
        amend(ledger, 4)
    assert len(ledger.history()) == 1


@pytest.mark.parametrize("correct", [withdraw, amend])
def test_a_correction_outside_the_window_is_refused(
    ledger: Ledger, correct: Any, directory: Path
) -> None:
    entry = report(ledger, 1)
    with pytest.raises(LedgerError, match="分钟") as raised:
        correct(ledger, 2, now=NOW + WINDOW + timedelta(seconds=1))
    assert "10 分钟" in str(raised.value)
    assert "11-15 09:00" in str(raised.value)
    assert ledger.reports() == {1: entry}
    assert len(reopen(directory).history()) == 1
    # Right at the end of the window it is still allowed.
    assert correct(ledger, 3, now=NOW + WINDOW) is not None


@pytest.mark.parametrize("correct", [withdraw, amend])
def test_a_correction_is_a_ledger_error_and_a_value_error(ledger: Ledger, correct: Any) -> None:
    with pytest.raises(ValueError, match="撤回或修改"):
        correct(ledger, 1)


@pytest.mark.parametrize("correct", [withdraw, amend])
def test_a_correction_with_a_naive_time_is_a_value_error(ledger: Ledger, correct: Any) -> None:
    report(ledger, 1)
    with pytest.raises(ValueError, match="时区"):
        correct(ledger, 2, now=NAIVE)


# --- blocked_since --------------------------------------------------------------------------


def test_blocked_since_filters_blocked_reports_by_time(ledger: Ledger) -> None:
    early = report(ledger, 1, status=Status.BLOCKED, text="有困难：缺少经费")
    report(ledger, 2, unit="财务科", user=BOB, status=Status.ONGOING, now=SOON)
    late = report(
        ledger, 3, unit="人事科", user=BOB, status=Status.BLOCKED, text="需要协调", now=LATER
    )
    report(ledger, 4, unit="后勤科", user=BOB, now=LATER)

    assert ledger.blocked_since(None) == [early, late]
    assert ledger.blocked_since(NOW - timedelta(seconds=1)) == [early, late]
    # Strictly after the moment.
    assert ledger.blocked_since(NOW) == [late]
    assert ledger.blocked_since(SOON) == [late]
    assert ledger.blocked_since(LATER) == []


def test_blocked_since_leaves_out_withdrawn_and_amended_reports(ledger: Ledger) -> None:
    report(ledger, 1, status=Status.BLOCKED, text="有困难")
    report(ledger, 2, user=BOB, name="李四", unit="财务科", status=Status.BLOCKED, text="无法完成")
    withdraw(ledger, 3)
    assert [e.unit for e in ledger.blocked_since(None)] == ["财务科"]
    amend(ledger, 4, user=BOB, name="李四", status=Status.ONGOING, text="已协调好")
    assert ledger.blocked_since(None) == []
    report(ledger, 5, status=Status.ONGOING, text="进行中", now=SOON)
    amended = amend(ledger, 6, status=Status.BLOCKED, text="有困难：人手不足", now=SOON)
    assert ledger.blocked_since(None) == [amended]


# --- months and threads ---------------------------------------------------------------------


def test_records_in_two_months_survive_a_reopen_in_order(
    ledger: Ledger, store: LedgerStore, directory: Path
) -> None:
    nov = datetime(2021, 11, 30, 23, 50, tzinfo=ZONE)
    dec = datetime(2021, 12, 1, 0, 5, tzinfo=ZONE)
    report(ledger, 1, now=nov)
    report(ledger, 2, tasks=(24,), dues={24: None}, now=dec)
    report(ledger, 3, unit="财务科", user=BOB, now=nov + timedelta(minutes=1))
    amend(ledger, 4, text="十二月修改", now=dec + timedelta(minutes=1))
    report(ledger, 5, unit="人事科", user=BOB, now=dec + timedelta(days=1))
    before = ledger.history()
    store.close()

    assert (directory / shard_name(nov)).exists()
    assert (directory / shard_name(dec)).exists()
    assert shard_name(nov) != shard_name(dec)
    again = reopen(directory)
    history = again.history()
    assert history == before
    assert [e.id for e in history] == [1, 2, 3, 4, 5]
    assert [e.at for e in history] == [
        nov,
        dec,
        nov + timedelta(minutes=1),
        dec + timedelta(minutes=1),
        dec + timedelta(days=1),
    ]
    assert again.latest(24, "办公室").text == "十二月修改"
    assert again.latest(17, "办公室").id == 1
    assert again.reports() == ledger.reports()
    # New records carry on from the last id.
    assert report(again, 6, now=dec + timedelta(days=2)).id == 6


def test_entries_share_the_values_they_repeat(ledger: Ledger, directory: Path) -> None:
    first = report(ledger, 1)
    second = report(ledger, 2, text="另一条", now=SOON)
    assert second.dues is first.dues
    assert second.at.tzinfo is first.at.tzinfo
    old, new = reopen(directory).history()
    assert (old, new) == (first, second)
    for field in ("unit", "tasks", "dues", "user", "name"):
        assert getattr(new, field) is getattr(old, field), field
    assert new.due(17) is old.due(17)
    assert new.at.tzinfo is old.at.tzinfo


def test_reading_while_a_thread_appends(ledger: Ledger) -> None:
    count = 200
    units = ("办公室", "财务科", "人事科")
    ledger.reports()  # The view is derived before the writer starts.
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for n in range(count):
                report(
                    ledger,
                    n + 1,
                    unit=units[n % 3],
                    tasks=(n % 7 + 1,),
                    dues={n % 7 + 1: DUE},
                    status=Status.DONE if n % 2 else Status.BLOCKED,
                    now=NOW + timedelta(seconds=n),
                )
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    reads = 0
    while writer.is_alive():
        reports = ledger.reports()
        assert all(entry.id == key for key, entry in reports.items())
        for task, unit, _ in ledger.done():
            assert ledger.latest(task, unit) is not None
        for unit in units:
            found = ledger.latest(1, unit)
            assert found is None or found.tasks == (1,)
        ledger.blocked_since(None)
        ledger.last_report(ALICE)
        reads += 1
    writer.join()

    assert errors == []
    assert reads > 0
    assert len(ledger.reports()) == count
    assert len(ledger.history()) == count
    assert len(ledger.done()) == 3 * 7
    assert len(ledger.blocked_since(None)) == count // 2


def test_a_renumbering_carries_reports_to_the_new_numbers(directory: Path, ledger: Ledger):
    report(ledger, 1, tasks=(33,), dues={33: DUE}, text="台账已建立")
    report(ledger, 2, tasks=(34,), dues={34: DUE}, text="已纳入年报", status=Status.ONGOING)
    report(ledger, 3, tasks=(20,), dues={20: DUE}, text="平台已上线")
    # A revision swaps 33 and 34 and drops task 20.
    numbers = {n: n for n in range(1, 35) if n != 20} | {33: 34, 34: 33}
    ledger.renumber(numbers, "digest-1", user=ALICE, name="张三", chat=CHAT, message=4, now=SOON)
    assert ledger.latest(34, "办公室").text == "台账已建立"
    assert ledger.latest(33, "办公室").text == "已纳入年报"
    assert ledger.latest(20, "办公室") is None
    assert (34, "办公室", DUE) in ledger.done()
    assert (33, "办公室", DUE) not in ledger.done()
    assert [e.tasks for e in ledger.history()][:3] == [(33,), (34,), (20,)]  # as written
    assert ledger.renumbered_for("digest-1")
    assert not ledger.renumbered_for("digest-2")
    again = reopen(directory)
    assert again.latest(34, "办公室").text == "台账已建立"
    assert again.done() == ledger.done()
    assert again.renumbered_for("digest-1")
    assert not again.renumbered_for("digest-2")


def test_amend_without_a_status_rewords_and_keeps_the_status(ledger: Ledger) -> None:
    report(ledger, 1, status=Status.BLOCKED, text="缺少上级数据")
    amended = amend(ledger, 2, status=None, text="缺少上级统计数据")
    assert (amended.status, amended.text) == (Status.BLOCKED, "缺少上级统计数据")
