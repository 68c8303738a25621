"""Binding users to units: requests, the office's decisions, direct edits, persistence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tinydb.table import Document

from bot.people.bindings import NAME_LIMIT, Binding, Bindings, Decision, Request, clean_name
from bot.store.storage import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LATER = NOW + timedelta(minutes=5)
ALICE, BOB = 1001, 1002
UNITS = frozenset({"办公室", "法规科"})


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "bindings.json"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with Store(path) as store:
        yield store


@pytest.fixture
def bindings(store: Store) -> Bindings:
    return Bindings(store)


def test_request_then_approve_binds_the_user(bindings: Bindings) -> None:
    request = Request(ALICE, "张三", "办公室", NOW, 1)
    assert bindings.request(ALICE, "张三", "办公室", NOW) == request
    assert bindings.pending() == [request]
    assert bindings.unit_of(ALICE) is None

    assert bindings.approve(ALICE, 1, LATER, UNITS) == Decision(request, None)
    assert bindings.unit_of(ALICE) == "办公室"
    assert bindings.pending() == []
    assert bindings.users_of("办公室") == [Binding(ALICE, "张三", "办公室", LATER)]


def test_reject_drops_the_request(bindings: Bindings) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    assert bindings.reject(ALICE, 1) == Decision(Request(ALICE, "张三", "办公室", NOW, 1), None)
    assert bindings.pending() == []
    assert bindings.unit_of(ALICE) is None
    assert bindings.reject(ALICE, 1) == Decision(None, None)
    assert bindings.approve(ALICE, 1, LATER, UNITS) == Decision(None, None)


def test_second_approve_changes_nothing(bindings: Bindings, path: Path) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    bindings.approve(ALICE, 1, LATER, UNITS)
    before = path.read_bytes()
    assert bindings.approve(ALICE, 1, LATER + timedelta(hours=1), UNITS) == Decision(None, None)
    assert path.read_bytes() == before
    assert bindings.binding_of(ALICE) == Binding(ALICE, "张三", "办公室", LATER)


def test_new_request_replaces_the_pending_one(bindings: Bindings) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    bindings.request(ALICE, "张三", "法规科", LATER)
    assert bindings.pending() == [Request(ALICE, "张三", "法规科", LATER, 2)]


def test_request_for_own_unit_reports_the_binding(bindings: Bindings, path: Path) -> None:
    bindings.bind(ALICE, "张三", "办公室", NOW)
    before = path.read_bytes()
    assert bindings.request(ALICE, "张三", "办公室", LATER) == Binding(
        ALICE, "张三", "办公室", NOW
    )
    assert bindings.pending() == []
    assert path.read_bytes() == before


def test_request_to_move_keeps_the_binding_until_approved(bindings: Bindings) -> None:
    bindings.bind(ALICE, "张三", "办公室", NOW)
    bindings.request(ALICE, "张三", "法规科", LATER)
    assert bindings.unit_of(ALICE) == "办公室"
    assert bindings.pending_of(ALICE) == Request(ALICE, "张三", "法规科", LATER, 1)
    # Asking for the current unit again withdraws the move.
    assert isinstance(bindings.request(ALICE, "张三", "办公室", LATER), Binding)
    assert bindings.pending_of(ALICE) is None
    bindings.request(ALICE, "张三", "法规科", LATER)
    bindings.approve(ALICE, 2, LATER, UNITS)
    assert bindings.unit_of(ALICE) == "法规科"
    assert bindings.users_of("办公室") == []


def test_admin_bind_and_unbind(bindings: Bindings) -> None:
    bindings.request(BOB, "李四", "办公室", NOW)
    assert bindings.bind(BOB, "李四", "法规科", LATER) == Binding(BOB, "李四", "法规科", LATER)
    assert bindings.pending() == []  # a direct bind settles the request
    bindings.bind(ALICE, "张三", "法规科", NOW)
    assert [b.user_id for b in bindings.users_of("法规科")] == [ALICE, BOB]
    assert bindings.unbind(BOB) == Binding(BOB, "李四", "法规科", LATER)
    assert bindings.unbind(BOB) is None
    assert bindings.unit_of(BOB) is None
    assert bindings.all_bindings() == [Binding(ALICE, "张三", "法规科", NOW)]


def test_rebinding_the_same_unit_keeps_the_original_date(bindings: Bindings) -> None:
    bindings.bind(ALICE, "张三", "办公室", NOW)
    assert bindings.bind(ALICE, "张三", "办公室", LATER).since == NOW


def test_naive_time_is_refused(bindings: Bindings) -> None:
    with pytest.raises(ValueError, match="时区"):
        bindings.request(ALICE, "张三", "办公室", datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001
    assert bindings.pending() == []


def test_state_survives_a_new_store(path: Path) -> None:
    with Store(path) as store:
        bindings = Bindings(store)
        bindings.request(ALICE, "张三", "办公室", NOW)
        bindings.approve(ALICE, 1, LATER, UNITS)
        bindings.request(BOB, "李四", "法规科", NOW)
        assert bindings.remember(BOB, 1, ((9001, 7), (9002, 3)))
    with Store(path) as store:
        again = Bindings(store)
        assert again.binding_of(ALICE) == Binding(ALICE, "张三", "办公室", LATER)
        shown = ((9001, 7), (9002, 3))
        assert again.pending() == [Request(BOB, "李四", "法规科", NOW, 1, shown)]
        assert again.request(ALICE, "张三", "法规科", LATER).number == 2


async def test_decisions_run_through_the_store_thread(store: Store, bindings: Bindings) -> None:
    await store.run(bindings.request, ALICE, "张三", "办公室", NOW)
    decision = await store.run(bindings.approve, ALICE, 1, LATER, UNITS)
    assert decision.decided == Request(ALICE, "张三", "办公室", NOW, 1)
    assert bindings.binding_of(ALICE) == Binding(ALICE, "张三", "办公室", LATER)


def test_a_replaced_request_is_neither_approved_nor_rejected(
    bindings: Bindings, path: Path
) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    replacing = bindings.request(ALICE, "张三", "法规科", LATER)
    before = path.read_bytes()
    assert bindings.approve(ALICE, 1, LATER, UNITS) == Decision(None, replacing)
    assert bindings.reject(ALICE, 1) == Decision(None, replacing)
    assert path.read_bytes() == before
    assert bindings.approve(ALICE, 2, LATER, UNITS) == Decision(replacing, None)
    assert bindings.unit_of(ALICE) == "法规科"


def test_request_numbers_are_never_used_twice(bindings: Bindings) -> None:
    assert bindings.request(ALICE, "张三", "办公室", NOW).number == 1
    bindings.reject(ALICE, 1)
    assert bindings.request(ALICE, "张三", "办公室", NOW).number == 2
    bindings.approve(ALICE, 2, LATER, UNITS)
    bindings.unbind(ALICE)
    assert bindings.request(ALICE, "张三", "法规科", NOW).number == 3
    bindings.bind(ALICE, "张三", "办公室", NOW)
    assert bindings.request(ALICE, "张三", "法规科", NOW).number == 4
    assert bindings.request(BOB, "李四", "法规科", NOW).number == 1


def test_asking_again_for_the_pending_unit_keeps_the_request(
    bindings: Bindings, path: Path
) -> None:
    first = bindings.request(ALICE, "张三", "办公室", NOW)
    bindings.remember(ALICE, 1, ((9001, 5),))
    before = path.read_bytes()
    again = bindings.request(ALICE, "张三", "办公室", LATER)
    assert again == Request(ALICE, "张三", "办公室", NOW, first.number, ((9001, 5),))
    assert path.read_bytes() == before
    renamed = bindings.request(ALICE, "张小三", "办公室", LATER)
    assert (renamed.name, renamed.number, renamed.at) == ("张小三", 1, NOW)


def test_a_new_request_inherits_the_offices_messages(bindings: Bindings, path: Path) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    assert bindings.remember(ALICE, 1, ((9001, 5), (9002, 8)))
    replacing = bindings.request(ALICE, "张三", "法规科", LATER)
    assert (replacing.number, replacing.shown) == (2, ((9001, 5), (9002, 8)))
    before = path.read_bytes()
    assert not bindings.remember(ALICE, 1, ((9001, 6),))  # no longer pending
    assert not bindings.remember(BOB, 1, ((9001, 6),))
    assert path.read_bytes() == before


def test_a_unit_not_allowed_is_not_approved(bindings: Bindings, path: Path) -> None:
    request = bindings.request(ALICE, "张三", "已撤销科", NOW)
    before = path.read_bytes()
    assert bindings.approve(ALICE, 1, LATER, UNITS) == Decision(None, request)
    assert path.read_bytes() == before
    assert bindings.reject(ALICE, 1) == Decision(request, None)


def test_a_request_stored_before_numbering_is_number_zero(store: Store) -> None:
    old = {"binding": None, "pending": {"name": "张三", "unit": "办公室", "at": NOW.isoformat()}}
    store.table("bindings").insert(Document(old, doc_id=ALICE))
    bindings = Bindings(store)
    assert bindings.pending_of(ALICE) == Request(ALICE, "张三", "办公室", NOW, 0)
    assert bindings.approve(ALICE, 0, LATER, UNITS).decided is not None
    assert bindings.request(ALICE, "张三", "法规科", LATER).number == 1


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("李四", "李四"),
        ("  李  四 ", "李 四"),
        ("李四\u202e（ID 9001）", "李四（ID 9001）"),
        ("\u200f\u2066李四\u2069\u200e\u061c", "李四"),
        ("李四\n申请加入：“办公室”\r\u2028x", "李四 申请加入：“办公室” x"),
        ("a\x00b\x0bc\tD", "a b c D"),
        ("王" * NAME_LIMIT, "王" * NAME_LIMIT),
        ("王" * (NAME_LIMIT + 1), "王" * (NAME_LIMIT - 1) + "…"),
        ("张\u200b三\u200d", "张三"),
        ("\u202e\n", ""),
    ],
)
def test_clean_name(name: str, shown: str) -> None:
    assert clean_name(name) == shown


def test_a_request_stores_the_cleaned_name(bindings: Bindings) -> None:
    assert bindings.request(ALICE, "张三\u202e\n", "办公室", NOW).name == "张三"
    assert bindings.request(BOB, "\u2066\u2069", "办公室", NOW).name == str(BOB)
