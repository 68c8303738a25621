"""Users marked unreachable after a 403, until they write to the bot again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.people.unreachable import Unreachable
from bot.store.storage import Store
from tests.bot.store.test_storage import CountingOps

NOW = datetime(2021, 11, 15, 9, 0, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
LATER = NOW + timedelta(days=1)
ALICE, BOB, CAROL = 1001, 1002, 1003


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "unreachable.json"


@pytest.fixture
def ops() -> CountingOps:
    return CountingOps()


@pytest.fixture
def store(path: Path, ops: CountingOps) -> Iterator[Store]:
    with Store(path, file_ops=ops) as store:
        yield store


@pytest.fixture
def unreachable(store: Store) -> Unreachable:
    return Unreachable(store)


def test_mark_and_clear(unreachable: Unreachable) -> None:
    assert ALICE not in unreachable
    assert unreachable.all() == {}
    unreachable.mark(ALICE, NOW)
    assert ALICE in unreachable
    assert BOB not in unreachable
    assert unreachable.all() == {ALICE: NOW}
    unreachable.mark(BOB, LATER)
    assert unreachable.all() == {ALICE: NOW, BOB: LATER}
    assert unreachable.clear(ALICE) is True
    assert ALICE not in unreachable
    assert unreachable.all() == {BOB: LATER}
    assert unreachable.clear(ALICE) is False


def test_marking_twice_keeps_the_first_time(unreachable: Unreachable, path: Path) -> None:
    unreachable.mark(ALICE, NOW)
    before = path.read_bytes()
    unreachable.mark(ALICE, LATER)
    assert path.read_bytes() == before
    assert unreachable.all() == {ALICE: NOW}


def test_clear_of_an_unmarked_user_writes_nothing(
    unreachable: Unreachable, path: Path, ops: CountingOps
) -> None:
    assert unreachable.clear(CAROL) is False
    assert ops.replaces == 0
    unreachable.mark(ALICE, NOW)
    before, writes = path.read_bytes(), ops.replaces
    assert unreachable.clear(BOB) is False
    assert ops.replaces == writes
    assert path.read_bytes() == before


def test_clear_is_one_durable_write(unreachable: Unreachable, ops: CountingOps) -> None:
    unreachable.mark(ALICE, NOW)
    writes = ops.replaces
    unreachable.clear(ALICE)
    assert ops.replaces == writes + 1


def test_marking_twice_writes_nothing_the_second_time(
    unreachable: Unreachable, ops: CountingOps
) -> None:
    unreachable.mark(ALICE, NOW)
    writes = ops.replaces
    assert writes >= 1
    unreachable.mark(ALICE, LATER)
    assert ops.replaces == writes


def test_mark_is_one_durable_write(unreachable: Unreachable, ops: CountingOps) -> None:
    unreachable.mark(ALICE, NOW)
    assert ops.replaces == 1


def test_marks_survive_a_new_store(path: Path) -> None:
    with Store(path) as store:
        unreachable = Unreachable(store)
        unreachable.mark(ALICE, NOW)
        unreachable.mark(BOB, LATER)
        unreachable.mark(CAROL, LATER)
        unreachable.clear(BOB)
    with Store(path) as store:
        again = Unreachable(store)
        assert again.all() == {ALICE: NOW, CAROL: LATER}
        assert ALICE in again
        assert BOB not in again
        # A user cleared and later blocked again is marked anew.
        again.mark(BOB, LATER + timedelta(days=1))
    with Store(path) as store:
        assert Unreachable(store).all() == {
            ALICE: NOW,
            BOB: LATER + timedelta(days=1),
            CAROL: LATER,
        }


def test_naive_time_is_refused(unreachable: Unreachable, ops: CountingOps) -> None:
    with pytest.raises(ValueError, match="时区"):
        unreachable.mark(ALICE, datetime(2021, 11, 15, 9, 0))  # noqa: DTZ001
    assert ALICE not in unreachable
    assert ops.replaces == 0


def test_membership_wants_the_user_id(unreachable: Unreachable) -> None:
    unreachable.mark(ALICE, NOW)
    assert str(ALICE) not in unreachable
    assert None not in unreachable


def test_all_is_a_copy(unreachable: Unreachable) -> None:
    unreachable.mark(ALICE, NOW)
    unreachable.all().clear()
    assert ALICE in unreachable
