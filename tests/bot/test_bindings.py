"""Binding users to units: requests, the office's decisions, direct edits, persistence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.bindings import Binding, Bindings, Request
from bot.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LATER = NOW + timedelta(minutes=5)
ALICE, BOB = 1001, 1002


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
    assert bindings.request(ALICE, "张三", "办公室", NOW) == Request(ALICE, "张三", "办公室", NOW)
    assert bindings.pending() == [Request(ALICE, "张三", "办公室", NOW)]
    assert bindings.unit_of(ALICE) is None

    assert bindings.approve(ALICE, LATER) == Binding(ALICE, "张三", "办公室", LATER)
    assert bindings.unit_of(ALICE) == "办公室"
    assert bindings.pending() == []
    assert bindings.users_of("办公室") == [Binding(ALICE, "张三", "办公室", LATER)]


def test_reject_drops_the_request(bindings: Bindings) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    assert bindings.reject(ALICE) == Request(ALICE, "张三", "办公室", NOW)
    assert bindings.pending() == []
    assert bindings.unit_of(ALICE) is None
    assert bindings.reject(ALICE) is None
    assert bindings.approve(ALICE, LATER) is None


def test_second_approve_changes_nothing(bindings: Bindings, path: Path) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    bindings.approve(ALICE, LATER)
    before = path.read_bytes()
    assert bindings.approve(ALICE, LATER + timedelta(hours=1)) is None
    assert path.read_bytes() == before
    assert bindings.binding_of(ALICE) == Binding(ALICE, "张三", "办公室", LATER)


def test_new_request_replaces_the_pending_one(bindings: Bindings) -> None:
    bindings.request(ALICE, "张三", "办公室", NOW)
    bindings.request(ALICE, "张三", "法规科", LATER)
    assert bindings.pending() == [Request(ALICE, "张三", "法规科", LATER)]


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
    assert bindings.pending_of(ALICE) == Request(ALICE, "张三", "法规科", LATER)
    # Asking for the current unit again withdraws the move.
    assert isinstance(bindings.request(ALICE, "张三", "办公室", LATER), Binding)
    assert bindings.pending_of(ALICE) is None
    bindings.request(ALICE, "张三", "法规科", LATER)
    bindings.approve(ALICE, LATER)
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
        bindings.approve(ALICE, LATER)
        bindings.request(BOB, "李四", "法规科", NOW)
    with Store(path) as store:
        again = Bindings(store)
        assert again.binding_of(ALICE) == Binding(ALICE, "张三", "办公室", LATER)
        assert again.pending() == [Request(BOB, "李四", "法规科", NOW)]


async def test_decisions_run_through_the_store_thread(store: Store, bindings: Bindings) -> None:
    await store.run(bindings.request, ALICE, "张三", "办公室", NOW)
    assert await store.run(bindings.approve, ALICE, LATER) == Binding(
        ALICE, "张三", "办公室", LATER
    )
