"""When the weekly digest is owed and what it covers, who is paused for it, and the next wake.

Friday 19 November 2021 is the digest's day with the defaults (Fridays, 16:00); 30 September
2021, a Thursday, is the last working day of its week (National Day: 1–7 October off).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.office.schedule import next_wake, paused_users, weekly_owed, weekly_since
from bot.office.weekly import PausedUser, WeeklySettings
from bot.people.bindings import Bindings
from bot.reminders.office_mail import chat_key
from bot.reminders.outbox import Outbox, State
from bot.reminders.pauses import Pauses
from bot.store.storage import Store

ZONE = ZoneInfo("Asia/Shanghai")
SETTINGS = WeeklySettings()
ADMIN, LEADER = 501, 9001
READERS = frozenset({ADMIN, LEADER})
THIS_WEEK, LAST_WEEK = "weekly:2021-11-15", "weekly:2021-11-08"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2021, month, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "office.json") as store:
        yield store


@pytest.fixture
def outbox(store: Store) -> Outbox:
    return Outbox(store)


def send(outbox: Outbox, key: str, chat: int, made: datetime, state: State = State.SENT) -> None:
    outbox.begin(chat_key(key, chat), chat, made, (key,), now=made)
    outbox.finish(chat_key(key, chat), state, now=made)


@pytest.mark.parametrize(
    ("now", "owed"),
    [
        (at(11, 19, 15, 59), None),  # before its time
        (at(11, 19, 16), THIS_WEEK),
        (at(11, 19, 23, 59), THIS_WEEK),  # until the day's end
        (at(11, 20, 9), None),  # a bot down all Friday does not send it on Saturday
        (at(11, 18, 16), None),  # Thursday is not the digest's day
        (at(9, 30, 16), "weekly:2021-09-27"),  # the week's last working day before 1 October
    ],
)
def test_the_weekly_digest_is_owed_on_its_day_from_its_time(outbox: Outbox, now, owed):
    assert weekly_owed(SETTINGS, outbox, now, READERS) == owed


def test_the_weekly_digest_is_owed_until_every_reader_has_it(outbox: Outbox):
    send(outbox, THIS_WEEK, ADMIN, at(11, 19, 16))
    assert weekly_owed(SETTINGS, outbox, at(11, 19, 16, 1), READERS) == THIS_WEEK
    send(outbox, THIS_WEEK, LEADER, at(11, 19, 16))
    assert weekly_owed(SETTINGS, outbox, at(11, 19, 16, 1), READERS) is None


def test_its_changes_start_where_the_last_digest_that_went_out_was_made(outbox: Outbox):
    now = at(11, 19, 16)
    # None went out yet: from the previous week's digest moment.
    assert weekly_since(SETTINGS, outbox, THIS_WEEK, now) == at(11, 12, 16)
    send(outbox, LAST_WEEK, ADMIN, at(11, 12, 16, 5))
    send(outbox, LAST_WEEK, LEADER, at(11, 12, 16, 7))
    assert weekly_since(SETTINGS, outbox, THIS_WEEK, now) == at(11, 12, 16, 5)


def test_a_failed_digest_and_this_weeks_own_do_not_count(outbox: Outbox):
    now = at(11, 19, 16, 30)
    send(outbox, "weekly:2021-11-01", ADMIN, at(11, 5, 16))
    send(outbox, LAST_WEEK, ADMIN, at(11, 12, 16), State.FAILED)
    send(outbox, THIS_WEEK, ADMIN, at(11, 19, 16))
    assert weekly_since(SETTINGS, outbox, THIS_WEEK, now) == at(11, 5, 16)


def test_paused_people_are_listed_with_their_unit_if_bound(store: Store):
    bindings, pauses = Bindings(store), Pauses(store)
    bindings.bind(1001, "张三", "办公室", at(11, 1, 9))
    pauses.pause(1001, "张三", date(2021, 11, 26), at(11, 15, 9))
    pauses.pause(1002, "李四", date(2021, 11, 22), at(11, 15, 9))
    pauses.pause(1003, "王五", date(2021, 11, 16), at(11, 15, 9))  # over by Friday
    assert paused_users(pauses, bindings, date(2021, 11, 19)) == [
        PausedUser("李四", None, date(2021, 11, 22)),
        PausedUser("张三", "办公室", date(2021, 11, 26)),
    ]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(11, 19, 10), at(11, 19, 16)),  # Friday after the nudges: the digest comes first
        (at(11, 19, 16), at(11, 22, 9)),  # after the digest: Monday's nudges
        (at(11, 18, 8), at(11, 18, 9)),  # Thursday morning: its nudges
    ],
)
def test_the_next_wake_is_the_next_nudges_or_digest(now: datetime, expected: datetime):
    assert next_wake(SETTINGS, time(9, 0), now) == expected
