"""Milestones reported done: recorded once, durably, and read from memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.completions import Completions
from bot.store import FileOps, Store

NOW = datetime(2021, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LATER = NOW + timedelta(hours=1)
ALICE, BOB = 1001, 1002
# Task 24 (办公室 leads) is due 20 November and 10 December 2021.
FIRST, SECOND = date(2021, 11, 20), date(2021, 12, 10)


class CountingOps(FileOps):
    """Counts durable writes: each one ends with exactly one rename onto the data file."""

    def __init__(self) -> None:
        self.replaces = 0

    def replace(self, src: str, dst: str) -> None:
        self.replaces += 1
        super().replace(src, dst)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "completions.json"


@pytest.fixture
def ops() -> CountingOps:
    return CountingOps()


@pytest.fixture
def store(path: Path, ops: CountingOps) -> Iterator[Store]:
    with Store(path, file_ops=ops) as store:
        yield store


@pytest.fixture
def completions(store: Store) -> Completions:
    return Completions(store)


def test_nothing_is_done_at_first(completions: Completions) -> None:
    assert completions.done() == frozenset()
    assert not completions.is_done(24, "办公室", FIRST)


def test_mark_records_once(completions: Completions, path: Path, ops: CountingOps) -> None:
    assert completions.mark(24, "办公室", FIRST, user_id=ALICE, now=NOW) is True
    assert ops.replaces == 1
    before = path.read_bytes()
    # A second report of the same milestone, even by someone else, changes nothing.
    assert completions.mark(24, "办公室", FIRST, user_id=BOB, now=LATER) is False
    assert ops.replaces == 1
    assert path.read_bytes() == before
    assert completions.done() == frozenset({(24, "办公室", FIRST)})


def test_is_done_is_per_task_unit_and_due(completions: Completions) -> None:
    completions.mark(24, "办公室", FIRST, user_id=ALICE, now=NOW)
    assert completions.is_done(24, "办公室", FIRST)
    assert not completions.is_done(24, "办公室", SECOND)
    assert not completions.is_done(24, "综合科", FIRST)
    assert not completions.is_done(27, "办公室", FIRST)
    completions.mark(24, "办公室", SECOND, user_id=ALICE, now=LATER)
    completions.mark(27, "财务与审计科", date(2021, 12, 31), user_id=BOB, now=LATER)
    assert completions.done() == frozenset(
        {(24, "办公室", FIRST), (24, "办公室", SECOND), (27, "财务与审计科", date(2021, 12, 31))}
    )


def test_report_keeps_who_and_when(completions: Completions, path: Path) -> None:
    completions.mark(24, "办公室", FIRST, user_id=ALICE, now=NOW)
    stored = json.loads(path.read_text(encoding="utf-8"))["completions"]
    assert list(stored.values()) == [
        {"task": 24, "unit": "办公室", "due": "2021-11-20", "user": ALICE, "at": NOW.isoformat()}
    ]


def test_reports_survive_a_new_store(path: Path) -> None:
    with Store(path) as store:
        completions = Completions(store)
        completions.mark(24, "办公室", FIRST, user_id=ALICE, now=NOW)
        completions.mark(27, "财务与审计科", date(2021, 12, 31), user_id=BOB, now=LATER)
    with Store(path) as store:
        again = Completions(store)
        assert again.done() == frozenset(
            {(24, "办公室", FIRST), (27, "财务与审计科", date(2021, 12, 31))}
        )
        assert again.is_done(24, "办公室", FIRST)
        assert again.mark(24, "办公室", FIRST, user_id=BOB, now=LATER) is False


def test_naive_time_is_refused(completions: Completions, ops: CountingOps) -> None:
    with pytest.raises(ValueError, match="时区"):
        completions.mark(24, "办公室", FIRST, user_id=ALICE, now=datetime(2021, 11, 16, 10))  # noqa: DTZ001
    assert completions.done() == frozenset()
    assert ops.replaces == 0


def test_done_is_a_snapshot(completions: Completions) -> None:
    snapshot = completions.done()
    completions.mark(24, "办公室", FIRST, user_id=ALICE, now=NOW)
    assert snapshot == frozenset()
    assert completions.done() == frozenset({(24, "办公室", FIRST)})
