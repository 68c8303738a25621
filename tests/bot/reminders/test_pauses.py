"""Staff pausing their reminders: reading the command, storing the pause, persistence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import load_config
from bot.grammar import intents
from bot.grammar.understand import understand
from bot.grammar.vocabulary import vocabulary_of
from bot.notices.knowledge import load_knowledge
from bot.people.bindings import Bindings
from bot.reminders.pauses import (
    BadPause,
    Pause,
    PauseRequest,
    Pauses,
    ResumeRequest,
    pause_request,
)
from bot.store.storage import Store
from tests.bot.store.test_storage import CountingOps

# Monday 15 November 2021.
TODAY = date(2021, 11, 15)
NOW = datetime(2021, 11, 15, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
LATER = NOW + timedelta(hours=2)
ALICE, BOB, CAROL = 1001, 1002, 1003
_KNOW = load_knowledge(load_config(None))
VOCABULARY = vocabulary_of(_KNOW.plan, _KNOW.registry)


def parse_pause(text: str, today: date) -> PauseRequest | ResumeRequest | BadPause | None:
    """A line as the conversation reads it: the grammar's pause or resume, checked."""
    read = understand(text, VOCABULARY, today=today)
    if read == (intents.Resume(),):
        return ResumeRequest()
    if len(read) == 1 and isinstance(read[0], intents.Pause):
        return pause_request(read[0].until, today)
    return None


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("暂停提醒到12月1日", date(2021, 12, 1)),
        ("暂停提醒到12月1号", date(2021, 12, 1)),
        ("暂停提醒至2021年12月1日", date(2021, 12, 1)),
        ("暂停提醒直到2021-12-01", date(2021, 12, 1)),
        ("暂停到12-1", date(2021, 12, 1)),
        ("暂停到12/1", date(2021, 12, 1)),
        ("休假到十二月一日", date(2021, 12, 1)),
        ("请假到十一月三十日", date(2021, 11, 30)),
        ("出差到2021/12/3", date(2021, 12, 3)),
        ("请暂停提醒到二〇二一年十二月三十一日", date(2021, 12, 31)),
        ("我休假到12月1日为止", date(2021, 12, 1)),
        ("暂停提醒到12月1日。", date(2021, 12, 1)),
        ("暂停提醒到12月1日！", date(2021, 12, 1)),
        ("  暂停 提醒\u3000到 12 月 1 日!", date(2021, 12, 1)),
        ("暂停提醒到１２月１日", date(2021, 12, 1)),
        # A weekday of next week is a date (the corpus: 暂停提醒到下周五 → 2021-11-26).
        ("请假到下周五", date(2021, 11, 26)),
        # Today itself: paused for the rest of today.
        ("暂停提醒到11月15日", date(2021, 11, 15)),
        # No year and already past this year: next year's.
        ("暂停提醒到11月14日", date(2022, 11, 14)),
        ("休假到1月3日", date(2022, 1, 3)),
        # 366 days after 2021-11-15 is 2022-11-16, the furthest allowed.
        ("暂停提醒到2022年11月16日", date(2022, 11, 16)),
    ],
)
def test_pause_commands(text: str, until: date) -> None:
    assert parse_pause(text, TODAY) == PauseRequest(until)


def test_a_pause_with_thanks_is_the_pause() -> None:
    """Courtesy after a request adds no intent of its own (issue 18): the pause is read."""
    read = understand("暂停提醒到12月1日，谢谢", VOCABULARY, today=TODAY)
    assert read == (intents.Pause(date(2021, 12, 1)),)


def test_a_date_without_a_year_rolls_over_to_next_year() -> None:
    assert parse_pause("暂停提醒到12月1日", date(2021, 12, 5)) == PauseRequest(date(2022, 12, 1))
    assert parse_pause("暂停提醒到12月31日", date(2021, 12, 31)) == PauseRequest(
        date(2021, 12, 31)
    )
    assert parse_pause("暂停提醒到1月1日", date(2021, 12, 31)) == PauseRequest(date(2022, 1, 1))


def test_29_february_without_a_year_is_the_next_leap_day() -> None:
    assert parse_pause("暂停到2月29日", date(2023, 3, 1)) == PauseRequest(date(2024, 2, 29))
    # From 2021 the next one is 2024, more than a year away.
    assert isinstance(parse_pause("暂停到2月29日", TODAY), BadPause)


@pytest.mark.parametrize(
    "text", ["恢复提醒", "取消暂停", "继续提醒", "取消暂停提醒", "恢复提醒。", "请恢复提醒"]
)
def test_resume_commands(text: str) -> None:
    assert parse_pause(text, TODAY) == ResumeRequest()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("暂停提醒", ["请写明到哪天", "暂停提醒到12月1日"]),
        ("暂停", ["请写明到哪天"]),
        ("暂停提醒到2月30日", ["请写明到哪天"]),
        ("暂停提醒到13月1日", ["请写明到哪天"]),
        ("暂停提醒到2021年2月29日", ["请写明到哪天"]),
        ("暂停提醒到2021年11月14日", ["2021年11月14日已经过去了"]),
        ("暂停提醒到2020-12-01", ["2020年12月1日已经过去了"]),
        ("暂停提醒到2022年11月17日", ["366天", "2022年11月16日"]),
        ("暂停提醒到2023年1月1日", ["366天"]),
        # A word of time with no readable day asks for the date.
        ("休假到月底", ["具体日期"]),
        ("出差到明天", ["具体日期"]),
        ("休假到周五", ["具体日期"]),
        ("请假到下个月", ["具体日期"]),
        ("暂停提醒到过年", ["具体日期"]),
    ],
)
def test_bad_pauses_say_why(text: str, words: list[str]) -> None:
    result = parse_pause(text, TODAY)
    assert isinstance(result, BadPause)
    for word in words:
        assert word in result.reason


@pytest.mark.parametrize(
    "text",
    [
        "第5项暂停了吗",
        "暂停提醒到12月1日吗",
        "暂停提醒到12月1日？",
        "暂停到12月1日?",
        "休假",
        "请假",
        "出差到北京",
        "出差到天津",
        "出差到周口",
        "暂停了",
        "暂停提醒怎么用",
        "法规科负责哪几项",
        "第24项什么时候截止",
        "恢复提醒吗",
        "提醒",
        "",
        "   ",
    ],
)
def test_other_texts_are_not_pause_commands(text: str) -> None:
    assert parse_pause(text, TODAY) is None


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with Store(path) as store:
        yield store


@pytest.fixture
def pauses(store: Store) -> Pauses:
    return Pauses(store)


def test_pause_then_resume(pauses: Pauses) -> None:
    assert pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW) == Pause(
        ALICE, "张三", date(2021, 12, 1), NOW
    )
    assert pauses.paused_until(ALICE, TODAY) == date(2021, 12, 1)
    assert pauses.is_paused(ALICE, TODAY)
    assert not pauses.is_paused(BOB, TODAY)
    assert pauses.paused_until(BOB, TODAY) is None

    assert pauses.resume(ALICE) == Pause(ALICE, "张三", date(2021, 12, 1), NOW)
    assert not pauses.is_paused(ALICE, TODAY)
    assert pauses.active(TODAY) == []


def test_the_last_day_is_paused_and_the_next_is_not(pauses: Pauses) -> None:
    pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
    assert pauses.is_paused(ALICE, date(2021, 12, 1))
    assert pauses.paused_until(ALICE, date(2021, 12, 2)) is None
    assert not pauses.is_paused(ALICE, date(2021, 12, 2))


def test_a_new_pause_replaces_the_old_one(pauses: Pauses) -> None:
    pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
    assert pauses.pause(ALICE, "张三", date(2021, 11, 20), LATER) == Pause(
        ALICE, "张三", date(2021, 11, 20), LATER
    )
    assert pauses.active(TODAY) == [Pause(ALICE, "张三", date(2021, 11, 20), LATER)]


def test_the_same_pause_again_writes_nothing(pauses: Pauses, path: Path) -> None:
    pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
    before = path.read_bytes()
    assert pauses.pause(ALICE, "张三", date(2021, 12, 1), LATER).since == NOW
    assert path.read_bytes() == before


def test_resume_without_a_pause_writes_nothing(pauses: Pauses, path: Path) -> None:
    pauses.pause(BOB, "李四", date(2021, 12, 1), NOW)
    before = path.read_bytes()
    assert pauses.resume(ALICE) is None
    assert path.read_bytes() == before


def test_each_change_is_one_durable_write(path: Path) -> None:
    ops = CountingOps()
    with Store(path, file_ops=ops) as store:
        pauses = Pauses(store)
        pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
        assert ops.replaces == 1
        pauses.pause(ALICE, "张三", date(2021, 12, 3), LATER)  # replaces the pause
        assert ops.replaces == 2
        pauses.resume(ALICE)
        assert ops.replaces == 3
        pauses.is_paused(ALICE, TODAY)
        pauses.active(TODAY)
        assert ops.replaces == 3


def test_active_lists_pauses_in_force_by_end_date(pauses: Pauses) -> None:
    pauses.pause(CAROL, "王五", date(2021, 12, 1), NOW)
    pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
    pauses.pause(BOB, "李四", date(2021, 11, 20), NOW)
    pauses.pause(1004, "赵六", date(2021, 11, 14), NOW)  # already over on the 15th
    assert pauses.active(TODAY) == [
        Pause(BOB, "李四", date(2021, 11, 20), NOW),
        Pause(ALICE, "张三", date(2021, 12, 1), NOW),
        Pause(CAROL, "王五", date(2021, 12, 1), NOW),
    ]
    assert [p.user_id for p in pauses.active(date(2021, 11, 21))] == [ALICE, CAROL]
    assert pauses.active(date(2021, 12, 2)) == []
    assert pauses.paused_until(1004, TODAY) is None
    # An ended pause can still be lifted, and is reported as removed.
    assert pauses.resume(1004) == Pause(1004, "赵六", date(2021, 11, 14), NOW)


def test_naive_time_is_refused(pauses: Pauses, path: Path) -> None:
    with pytest.raises(ValueError, match="时区"):
        pauses.pause(ALICE, "张三", date(2021, 12, 1), datetime(2021, 11, 15, 9, 30))  # noqa: DTZ001
    assert pauses.active(TODAY) == []


def test_pauses_survive_a_new_store(path: Path) -> None:
    with Store(path) as store:
        pauses = Pauses(store)
        pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
        pauses.pause(BOB, "李四", date(2021, 11, 30), LATER)
        pauses.resume(BOB)
    with Store(path) as store:
        again = Pauses(store)
        assert again.active(TODAY) == [Pause(ALICE, "张三", date(2021, 12, 1), NOW)]
        # The offset is kept: 09:30 in Shanghai is 01:30 UTC.
        assert again.active(TODAY)[0].since.utcoffset() == timedelta(hours=8)
        assert again.paused_until(BOB, TODAY) is None


def test_pauses_live_beside_bindings_in_the_same_store(store: Store, pauses: Pauses) -> None:
    bindings = Bindings(store)
    bindings.bind(ALICE, "张三", "办公室", NOW)
    pauses.pause(ALICE, "张三", date(2021, 12, 1), NOW)
    pauses.resume(ALICE)
    assert bindings.unit_of(ALICE) == "办公室"


async def test_commands_run_through_the_store_thread(store: Store, pauses: Pauses) -> None:
    await store.run(pauses.pause, ALICE, "张三", date(2021, 12, 1), NOW)
    assert await store.run(pauses.is_paused, ALICE, TODAY)
    assert await store.run(pauses.resume, ALICE) == Pause(ALICE, "张三", date(2021, 12, 1), NOW)
