"""The outbox: every delivery recorded durably before and after its send, and the watermark."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.outbox import Outbox, Record, State
from bot.store.storage import Store
from tests.bot.store.test_storage import CountingOps

ZONE = ZoneInfo("Asia/Shanghai")
# Monday 15 November 2021, the send time, and a few minutes later when the send returned.
AT = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
NOW = AT + timedelta(seconds=5)
LATER = NOW + timedelta(minutes=1)
ALICE, BOB = 1001, 1002
NAIVE = datetime(2021, 11, 15, 9, 0)  # noqa: DTZ001


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "outbox.json"


@pytest.fixture
def ops() -> CountingOps:
    return CountingOps()


@pytest.fixture
def store(path: Path, ops: CountingOps) -> Iterator[Store]:
    with Store(path, file_ops=ops) as store:
        yield store


@pytest.fixture
def outbox(store: Store) -> Outbox:
    return Outbox(store)


def reopen(path: Path) -> Outbox:
    """A fresh Outbox over a fresh Store on the same file, as after a restart."""
    return Outbox(Store(path))


# --- begin and finish ----------------------------------------------------------------------


def test_begin_records_sending_durably(outbox: Outbox, path: Path) -> None:
    record = outbox.begin("k1", ALICE, AT, ("24/办公室/2021-11-20/d5", "x"), now=NOW)
    assert record == Record(
        "k1", ALICE, AT, ("24/办公室/2021-11-20/d5", "x"), State.SENDING, False, NOW
    )
    assert outbox.get("k1") == record
    assert outbox.get("k1") is not None
    assert outbox.in_flight() == [record]

    again = reopen(path)
    assert again.get("k1") == record
    assert again.in_flight() == [record]
    assert again.handled(ALICE, "24/办公室/2021-11-20/d5")
    assert again.handled(ALICE, "x")
    assert again.state_of(ALICE, "x") is State.SENDING
    # Only the chat it went to has it.
    assert not again.handled(BOB, "x")
    assert again.state_of(BOB, "x") is None
    assert again.get("k2") is None
    assert again.get("k2") is None


def test_begin_keeps_the_late_flag(outbox: Outbox, path: Path) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=LATER, late=True)
    assert reopen(path).get("k1") == Record("k1", ALICE, AT, ("a",), State.SENDING, True, LATER)


def test_finish_changes_the_state_and_the_index(outbox: Outbox, path: Path) -> None:
    outbox.begin("k1", ALICE, AT, ("a", "b"), now=NOW)
    finished = outbox.finish("k1", State.SENT, now=LATER)
    assert finished == Record("k1", ALICE, AT, ("a", "b"), State.SENT, False, LATER)
    assert outbox.get("k1") == finished
    assert outbox.in_flight() == []
    assert outbox.state_of(ALICE, "a") is State.SENT
    assert outbox.state_of(ALICE, "b") is State.SENT
    assert outbox.handled(ALICE, "a")

    again = reopen(path)
    assert again.get("k1") == finished
    assert again.in_flight() == []
    assert again.state_of(ALICE, "b") is State.SENT


@pytest.mark.parametrize("state", [State.UNREACHABLE, State.AMBIGUOUS])
def test_an_unreachable_or_ambiguous_attempt_counts_as_handled(
    outbox: Outbox, state: State
) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    outbox.finish("k1", state, now=LATER)
    assert outbox.handled(ALICE, "a")
    assert outbox.state_of(ALICE, "a") is state


def test_a_failed_send_may_be_tried_again_under_the_same_key(
    outbox: Outbox, path: Path, ops: CountingOps
) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    outbox.finish("k1", State.FAILED, now=NOW)
    assert not outbox.handled(ALICE, "a")
    writes = ops.replaces
    again = outbox.begin("k1", ALICE, AT, ("a",), now=LATER)
    assert ops.replaces == writes + 1
    assert again.state is State.SENDING
    assert again.updated == LATER
    assert outbox.handled(ALICE, "a")
    assert [r.key for r in reopen(path).in_flight()] == ["k1"]


def test_begin_with_a_known_key_returns_it_and_writes_nothing(
    outbox: Outbox, path: Path, ops: CountingOps
) -> None:
    first = outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    before, writes = path.read_bytes(), ops.replaces
    again = outbox.begin("k1", BOB, AT + timedelta(days=1), ("b",), now=LATER, late=True)
    assert again == first
    assert path.read_bytes() == before
    assert ops.replaces == writes
    # The second call's chat and items were not indexed.
    assert not outbox.handled(BOB, "b")
    assert outbox.records() == [first]


def test_finished_key_is_not_begun_again(outbox: Outbox, ops: CountingOps) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    sent = outbox.finish("k1", State.SENT, now=LATER)
    writes = ops.replaces
    assert outbox.begin("k1", ALICE, AT, ("a",), now=LATER) == sent
    assert ops.replaces == writes
    assert outbox.in_flight() == []


def test_records_keep_the_recording_order(outbox: Outbox, path: Path) -> None:
    outbox.begin("z", ALICE, AT + timedelta(days=1), ("a",), now=NOW)
    outbox.begin("a", BOB, AT, ("b",), now=NOW)
    outbox.begin("m", ALICE, AT, ("c",), now=NOW)
    assert [r.key for r in outbox.records()] == ["z", "a", "m"]
    assert [r.key for r in reopen(path).records()] == ["z", "a", "m"]


# --- stale records -------------------------------------------------------------------------


def test_stale_record_marks_its_items_stale(outbox: Outbox, path: Path) -> None:
    record = outbox.begin("stale:1", None, AT, ("a", "b"), now=LATER, state=State.STALE)
    assert record == Record("stale:1", None, AT, ("a", "b"), State.STALE, False, LATER)
    assert outbox.is_stale("a")
    assert outbox.is_stale("b")
    assert not outbox.is_stale("c")
    # A stale record reached nobody: no chat has the items, and nothing is in flight.
    assert not outbox.handled(ALICE, "a")
    assert outbox.in_flight() == []

    again = reopen(path)
    assert again.is_stale("a")
    assert again.is_stale("b")
    assert not again.is_stale("c")
    assert again.get("stale:1") == record


def test_a_delivered_item_is_not_stale(outbox: Outbox) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    outbox.finish("k1", State.SENT, now=LATER)
    assert not outbox.is_stale("a")


# --- since and the watermark ---------------------------------------------------------------


def test_fresh_outbox_has_no_since_nor_watermark(outbox: Outbox) -> None:
    assert outbox.since is None
    assert outbox.watermark is None


def test_begin_at_sets_since_once(outbox: Outbox, path: Path, ops: CountingOps) -> None:
    assert outbox.begin_at(NOW) == NOW
    assert outbox.since == NOW
    assert outbox.watermark == NOW
    before, writes = path.read_bytes(), ops.replaces
    assert outbox.begin_at(LATER) == NOW
    assert outbox.since == NOW
    assert path.read_bytes() == before
    assert ops.replaces == writes

    again = reopen(path)
    assert again.since == NOW
    assert again.watermark == NOW
    assert again.begin_at(LATER + timedelta(days=3)) == NOW


def test_advance_before_begin_at_raises_and_writes_nothing(
    outbox: Outbox, ops: CountingOps
) -> None:
    with pytest.raises(ValueError, match="begin_at"):
        outbox.advance(LATER)
    assert ops.replaces == 0
    assert outbox.since is None
    assert outbox.watermark is None


def test_advance_moves_forward_only(outbox: Outbox, path: Path, ops: CountingOps) -> None:
    outbox.begin_at(NOW)
    outbox.advance(LATER)
    assert outbox.watermark == LATER
    before, writes = path.read_bytes(), ops.replaces
    outbox.advance(NOW)  # back: ignored
    outbox.advance(LATER)  # the same instant: nothing to do
    assert outbox.watermark == LATER
    assert ops.replaces == writes
    assert path.read_bytes() == before

    again = reopen(path)
    assert again.since == NOW
    assert again.watermark == LATER
    again.advance(LATER + timedelta(hours=1))
    assert again.watermark == LATER + timedelta(hours=1)
    assert again.since == NOW


# --- prune ---------------------------------------------------------------------------------


def test_prune_forgets_finished_records_last_changed_before_an_instant(
    outbox: Outbox, path: Path, ops: CountingOps
) -> None:
    day1, day3 = AT, AT + timedelta(days=2)
    outbox.begin("sent", ALICE, day1, ("a",), now=day1)
    outbox.finish("sent", State.SENT, now=day1)
    outbox.begin("crashed", BOB, day1, ("b",), now=day1)  # still sending
    outbox.begin("stale", None, day1, ("c",), now=day1, state=State.STALE)
    outbox.begin("new", ALICE, day1, ("d",), now=day1)  # planned early, finished later
    outbox.finish("new", State.SENT, now=day3)
    writes = ops.replaces

    assert outbox.prune(day1 + timedelta(days=1)) == 2
    assert ops.replaces == writes + 1
    assert [r.key for r in outbox.records()] == ["crashed", "new"]
    assert outbox.get("sent") is None
    assert outbox.get("stale") is None
    assert not outbox.handled(ALICE, "a")
    assert not outbox.is_stale("c")
    assert outbox.handled(BOB, "b")
    assert outbox.handled(ALICE, "d")
    assert [r.key for r in outbox.in_flight()] == ["crashed"]

    again = reopen(path)
    assert [r.key for r in again.records()] == ["crashed", "new"]
    assert not again.handled(ALICE, "a")
    assert not again.is_stale("c")
    assert again.handled(BOB, "b")


def test_prune_keeps_a_record_changed_exactly_at_the_instant(outbox: Outbox) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    outbox.finish("k1", State.SENT, now=NOW)
    assert outbox.prune(NOW) == 0
    assert outbox.get("k1") is not None


def test_prune_with_nothing_to_forget_writes_nothing(
    outbox: Outbox, path: Path, ops: CountingOps
) -> None:
    outbox.begin("crashed", ALICE, AT, ("a",), now=NOW)
    before, writes = path.read_bytes(), ops.replaces
    assert outbox.prune(AT + timedelta(days=30)) == 0
    assert ops.replaces == writes
    assert path.read_bytes() == before
    assert outbox.prune(AT - timedelta(days=30)) == 0


# --- naive times ---------------------------------------------------------------------------


def test_naive_times_are_refused(outbox: Outbox, path: Path, ops: CountingOps) -> None:
    with pytest.raises(ValueError, match="时区"):
        outbox.begin("k1", ALICE, NAIVE, ("a",), now=NOW)
    with pytest.raises(ValueError, match="时区"):
        outbox.begin("k1", ALICE, AT, ("a",), now=NAIVE)
    assert outbox.get("k1") is None
    assert not outbox.handled(ALICE, "a")
    assert ops.replaces == 0

    outbox.begin("k2", ALICE, AT, ("b",), now=NOW)
    writes = ops.replaces
    with pytest.raises(ValueError, match="时区"):
        outbox.finish("k2", State.SENT, now=NAIVE)
    assert outbox.get("k2") == Record("k2", ALICE, AT, ("b",), State.SENDING, False, NOW)
    assert ops.replaces == writes

    with pytest.raises(ValueError, match="时区"):
        outbox.begin_at(NAIVE)
    assert outbox.since is None
    assert ops.replaces == writes
    assert reopen(path).records() == [outbox.get("k2")]


def test_naive_watermark_is_refused_with_value_error(outbox: Outbox) -> None:
    outbox.begin_at(NOW)
    with pytest.raises(ValueError, match="时区"):
        outbox.advance(NAIVE + timedelta(days=1))


def test_naive_watermark_is_refused_and_nothing_changes(outbox: Outbox, ops: CountingOps) -> None:
    outbox.begin_at(NOW)
    writes = ops.replaces
    with pytest.raises((TypeError, ValueError)):
        outbox.advance(NAIVE + timedelta(days=1))
    assert outbox.watermark == NOW
    assert ops.replaces == writes


# --- durable writes ------------------------------------------------------------------------


def test_begin_finish_and_advance_are_one_durable_write_each(
    outbox: Outbox, ops: CountingOps
) -> None:
    outbox.begin("k1", ALICE, AT, ("a",), now=NOW)
    assert ops.replaces == 1
    outbox.finish("k1", State.SENT, now=LATER)
    assert ops.replaces == 2
    outbox.begin("stale:1", None, AT, ("b",), now=LATER, state=State.STALE)
    assert ops.replaces == 3
    outbox.begin_at(NOW)
    writes = ops.replaces
    outbox.advance(LATER)
    assert ops.replaces == writes + 1
    outbox.advance(LATER + timedelta(hours=1))
    assert ops.replaces == writes + 2
    # Reads never touch the file.
    outbox.handled(ALICE, "a")
    outbox.is_stale("b")
    outbox.in_flight()
    outbox.records()
    outbox.get("k1")
    assert ops.replaces == writes + 2


def test_first_begin_at_is_one_durable_write(outbox: Outbox, ops: CountingOps) -> None:
    outbox.begin_at(NOW)
    assert ops.replaces == 1


def test_stale_items_lists_every_stale_nudge_id(outbox: Outbox) -> None:
    outbox.begin("stale:1", None, AT, ("a", "b"), now=LATER, state=State.STALE)
    outbox.begin("k1", ALICE, AT, ("c",), now=NOW)
    assert outbox.stale_items() == {"a", "b"}
