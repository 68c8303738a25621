"""What one wake-up does: merged deliveries per chat, stale nudges, the watermark.

Calendar facts used below (State Council notice): National Day 2021 is 1–7 October off, with
Sunday 26 September and Saturday 9 October worked. Monday 15 November 2021 is an ordinary
working day, Saturday 20 November an ordinary weekend day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.plan import Role
from bot.reminders.nudges import Kind, Nudge
from bot.reminders.wakeup import (
    Delivery,
    SendHours,
    Wake,
    delivery_key,
    next_send_time,
    plan_wake,
    stale_key,
)

ZONE = ZoneInfo("Asia/Shanghai")
HOURS = SendHours(time(8, 30), time(18, 0))
MON = date(2021, 11, 15)
TUE = date(2021, 11, 16)
OFFICE_A, OFFICE_B, ZONGHE = 101, 102, 201
RECIPIENTS = {"办公室": [OFFICE_A, OFFICE_B], "综合科": [ZONGHE]}


def at(day: date, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=ZONE)


def nudge(
    day: date,
    unit: str,
    task: int,
    due: date,
    step: str = "d5",
    *,
    role: Role = Role.LEAD,
    hour: int = 9,
) -> Nudge:
    return Nudge(at(day, hour), unit, task, due, step, Kind.AHEAD, role)


# Two nudges for 办公室 and one for 综合科, all planned Monday 15 November 09:00.
N24 = nudge(MON, "办公室", 24, date(2021, 11, 20))
N27 = nudge(MON, "办公室", 27, date(2021, 12, 31), "c7", role=Role.COOPERATE)
N1 = nudge(MON, "综合科", 1, date(2021, 12, 31), "d5", role=Role.RESPONSIBLE)


def nobody_has(chat: int, item: str) -> bool:
    return False


def wake(
    due: Sequence[Nudge],
    now: datetime,
    *,
    recipients: Mapping[str, Sequence[int]] = RECIPIENTS,
    handled=nobody_has,
    stale=frozenset(),
) -> Wake:
    return plan_wake(
        due, now=now, recipients=recipients, handled=handled, stale=stale, hours=HOURS
    )


def by_chat(result: Wake) -> dict[int, tuple[Nudge, ...]]:
    chats = [d.chat for d in result.deliveries]
    assert len(chats) == len(set(chats)), "one delivery per chat"
    return {d.chat: d.nudges for d in result.deliveries}


# --- deliveries ----------------------------------------------------------------------------


def test_todays_nudges_merge_per_chat_of_their_unit() -> None:
    result = wake([N24, N27, N1], at(MON))
    # Each 办公室 member gets both of 办公室's nudges in one message; 综合科 only its own.
    assert by_chat(result) == {
        OFFICE_A: (N24, N27),
        OFFICE_B: (N24, N27),
        ZONGHE: (N1,),
    }
    assert result.stale == ()
    for delivery in result.deliveries:
        assert delivery.key == delivery_key(delivery.chat, [n.id for n in delivery.nudges])
        assert delivery.items == tuple(n.id for n in delivery.nudges)
        assert delivery.at == at(MON)
        assert delivery.late is False


def test_delivery_at_is_the_earliest_merged_instant() -> None:
    early = nudge(MON, "综合科", 2, date(2021, 12, 31), hour=9)
    later = nudge(MON, "综合科", 3, date(2021, 12, 31), hour=10)
    result = wake([later, early], at(MON, 10))
    (delivery,) = result.deliveries
    assert delivery.at == at(MON, 9)
    # The 09:00 nudge is an hour behind, so the merged message is late.
    assert delivery.late is True


def test_handled_chat_is_skipped_for_that_chat_only() -> None:
    def handled(chat: int, item: str) -> bool:
        return (chat, item) == (OFFICE_A, N24.id)

    result = wake([N24, N27, N1], at(MON, 9, 5), handled=handled)
    assert by_chat(result) == {
        OFFICE_A: (N27,),
        OFFICE_B: (N24, N27),
        ZONGHE: (N1,),
    }
    assert result.stale == ()


def test_nudge_everyone_has_produces_nothing() -> None:
    def handled(chat: int, item: str) -> bool:
        return item == N24.id

    result = wake([N24], at(MON, 9, 5), handled=handled)
    assert result.deliveries == ()
    assert result.stale == ()


def test_stale_nudge_is_skipped() -> None:
    result = wake([N24, N27], at(MON), stale={N24.id})
    assert by_chat(result) == {OFFICE_A: (N27,), OFFICE_B: (N27,)}
    assert result.stale == ()


def test_unit_without_recipients_gets_neither_delivery_nor_stale() -> None:
    lonely = nudge(MON, "法规与标准科", 5, date(2021, 12, 31))
    result = wake([lonely, N1], at(MON))
    assert by_chat(result) == {ZONGHE: (N1,)}
    assert result.stale == ()
    # An empty list counts as no recipients too, also for yesterday's nudges.
    result = wake([lonely], at(TUE), recipients={"法规与标准科": []})
    assert result == Wake((), (), datetime.combine(TUE, time(), tzinfo=ZONE))


# --- late ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "late"),
    [
        (at(MON, 9, 0, 0), False),
        (at(MON, 9, 0, 30), False),
        (at(MON, 9, 1, 0), False),  # exactly 60 s: not yet late
        (at(MON, 9, 1, 1), True),
        (at(MON, 14, 0), True),
    ],
    ids=["on time", "30 s", "60 s", "61 s", "afternoon"],
)
def test_late_after_sixty_seconds(now: datetime, late: bool) -> None:
    (delivery,) = wake([N1], now).deliveries
    assert delivery.late is late


# --- stale ---------------------------------------------------------------------------------


def test_earlier_days_nudge_missing_a_recipient_is_stale() -> None:
    def handled(chat: int, item: str) -> bool:
        return chat == OFFICE_A  # B never got Monday's nudges

    result = wake([N24, N27, N1], at(TUE), handled=handled)
    assert result.deliveries == ()
    assert result.stale == (N24, N27, N1)


def test_earlier_days_nudge_everyone_had_is_not_stale() -> None:
    def handled(chat: int, item: str) -> bool:
        return item == N24.id

    result = wake([N24, N1], at(TUE), handled=handled)
    assert result.deliveries == ()
    assert result.stale == (N1,)


def test_earlier_nudge_is_stale_while_todays_go() -> None:
    today = nudge(TUE, "综合科", 2, date(2021, 12, 31))
    result = wake([N1, today], at(TUE, 9, 0, 10))
    assert by_chat(result) == {ZONGHE: (today,)}
    assert result.stale == (N1,)


@pytest.mark.parametrize(
    "now", [at(MON, 18, 30), at(MON, 18, 0)], ids=["18:30", "18:00 end is exclusive"]
)
def test_after_send_hours_todays_unsent_nudges_are_stale(now: datetime) -> None:
    def handled(chat: int, item: str) -> bool:
        return item == N27.id

    result = wake([N24, N27, N1], now, handled=handled)
    assert result.deliveries == ()
    assert result.stale == (N24, N1)
    assert result.watermark == now


@pytest.mark.parametrize(
    "day",
    [date(2021, 10, 1), date(2021, 11, 20)],
    ids=["National Day", "Saturday"],
)
def test_nothing_is_sent_on_a_day_off(day: date) -> None:
    # The planner never puts a nudge on a day off; even if one came in, it would not go.
    same_day = nudge(day, "综合科", 2, date(2021, 12, 31))
    earlier = nudge(day - timedelta(days=1), "综合科", 3, date(2021, 12, 31))
    now = at(day, 10)
    result = wake([earlier, same_day], now)
    assert result.deliveries == ()
    assert result.stale == (earlier, same_day)
    assert result.watermark == now


def test_makeup_saturday_sends() -> None:
    saturday = date(2021, 10, 9)  # 调休: worked
    todays = nudge(saturday, "综合科", 2, date(2021, 12, 31))
    result = wake([todays], at(saturday, 9))
    assert by_chat(result) == {ZONGHE: (todays,)}
    assert result.watermark == datetime.combine(saturday, time(), tzinfo=ZONE)


# --- watermark -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "settled"),
    [
        (at(MON, 7, 0), at(MON, 0)),  # before the send hours
        (at(MON, 9, 0), at(MON, 0)),
        (at(MON, 17, 59, 59), at(MON, 0)),
        (at(MON, 18, 0), at(MON, 18, 0)),  # the send hours are over: all of today is settled
        (at(MON, 23, 0), at(MON, 23, 0)),
        (at(date(2021, 11, 20), 9), at(date(2021, 11, 20), 9)),  # Saturday
        (at(date(2021, 10, 1), 9), at(date(2021, 10, 1), 9)),  # National Day
        (at(date(2021, 10, 9), 9), at(date(2021, 10, 9), 0)),  # makeup Saturday
        (at(date(2021, 9, 26), 12), at(date(2021, 9, 26), 0)),  # makeup Sunday
    ],
)
def test_watermark(now: datetime, settled: datetime) -> None:
    result = wake([], now)
    assert result == Wake((), (), settled)
    assert result.watermark.tzinfo is not None


def test_watermark_does_not_depend_on_the_nudges() -> None:
    assert wake([N24, N1], at(MON, 9)).watermark == at(MON, 0)
    assert wake([N24, N1], at(TUE, 19)).watermark == at(TUE, 19)


# --- keys and send hours -------------------------------------------------------------------


def test_delivery_key_is_stable_and_per_chat() -> None:
    ids = [N24.id, N27.id, N1.id]
    key = delivery_key(OFFICE_A, ids)
    assert delivery_key(OFFICE_A, list(reversed(ids))) == key
    assert delivery_key(OFFICE_A, tuple(ids)) == key
    assert delivery_key(OFFICE_B, ids) != key
    assert delivery_key(OFFICE_A, ids[:2]) != key
    assert key.startswith(f"{OFFICE_A}:")


def test_same_wake_twice_gives_the_same_keys() -> None:
    first = wake([N24, N27, N1], at(MON))
    again = wake([N27, N1, N24], at(MON, 9, 3))
    assert {d.chat: d.key for d in first.deliveries} == {d.chat: d.key for d in again.deliveries}


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (at(MON, 8, 29, 59), False),
        (at(MON, 8, 30), True),
        (at(MON, 17, 59, 59), True),
        (at(MON, 18, 0), False),
        (at(date(2021, 10, 9), 10), True),  # makeup Saturday
        (at(date(2021, 9, 26), 10), True),  # makeup Sunday
        (at(date(2021, 10, 1), 10), False),  # National Day
        (at(date(2021, 10, 7), 10), False),  # last day of the holiday, a Thursday
        (at(date(2021, 10, 8), 10), True),
        (at(date(2021, 11, 20), 10), False),  # ordinary Saturday
    ],
)
def test_send_hours(now: datetime, allowed: bool) -> None:
    assert HOURS.allow(now) is allowed


def test_delivery_properties() -> None:
    delivery = Delivery("k", ZONGHE, (N1, N24), late=False)
    assert delivery.items == (N1.id, N24.id)
    assert delivery.at == at(MON)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(MON, 8, 59), at(MON)),  # before today's send time
        (at(MON, 9), at(TUE)),  # at it: the next working day's
        (at(date(2021, 11, 19), 10), at(date(2021, 11, 22))),  # Friday → Monday
        # Thursday 30 September → Friday 8 October, after National Day (1–7 October).
        (at(date(2021, 9, 30), 10), at(date(2021, 10, 8))),
    ],
)
def test_the_next_send_time_is_the_next_working_days_send_time(now, expected):
    assert next_send_time(now, time(9, 0)) == expected


def test_a_stale_list_is_keyed_by_the_wake_up_that_found_it():
    assert stale_key(at(MON, 9, 5)) == "stale:2021-11-15T09:05:00+08:00"
