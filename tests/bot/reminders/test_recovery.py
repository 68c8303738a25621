"""What the first wake-up after a start settles: deliveries a crash caught mid-send are sent
again the same day within the send hours (and recorded as ambiguous), else marked stale; the
outbox forgets what lies two weeks behind the watermark.

Monday 15 November 2021 is a working day; Saturday 20 November is not.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.outbox import Record, State
from bot.reminders.recovery import Recovery, plan_recovery, resent_state
from bot.reminders.wakeup import SendHours

ZONE = ZoneInfo("Asia/Shanghai")
HOURS = SendHours(time(8, 30), time(18, 0))
MON_9 = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)


def sending(key: str, chat: int | None, at: datetime) -> Record:
    return Record(key, chat, at, ("24/办公室/2021-11-20/d5",), State.SENDING, False, at)


TODAYS = sending("101:a", 101, MON_9)
FRIDAYS = sending("101:b", 101, datetime(2021, 11, 12, 9, 0, tzinfo=ZONE))
NOBODYS = sending("stale:x", None, MON_9)


def test_a_delivery_begun_today_is_sent_again_within_the_send_hours():
    now = datetime(2021, 11, 15, 9, 5, tzinfo=ZONE)
    assert plan_recovery(None, [TODAYS], now=now, hours=HOURS) == Recovery(None, (TODAYS,), ())


@pytest.mark.parametrize(
    "now",
    [
        datetime(2021, 11, 15, 18, 0, tzinfo=ZONE),  # today, but the send hours are over
        datetime(2021, 11, 16, 9, 0, tzinfo=ZONE),  # the next day
    ],
)
def test_a_delivery_that_cannot_go_today_is_stale(now: datetime):
    assert plan_recovery(None, [TODAYS], now=now, hours=HOURS) == Recovery(None, (), (TODAYS,))


def test_an_earlier_days_delivery_is_stale_and_todays_resent():
    now = datetime(2021, 11, 15, 9, 5, tzinfo=ZONE)
    recovery = plan_recovery(None, [FRIDAYS, TODAYS], now=now, hours=HOURS)
    assert (recovery.resend, recovery.stale) == ((TODAYS,), (FRIDAYS,))


def test_a_record_that_reached_nobody_is_not_a_send_and_is_left_alone():
    now = datetime(2021, 11, 15, 9, 5, tzinfo=ZONE)
    assert plan_recovery(None, [NOBODYS], now=now, hours=HOURS) == Recovery(None, (), ())


def test_records_two_weeks_behind_the_watermark_are_forgotten():
    watermark = datetime(2021, 11, 15, 0, 0, tzinfo=ZONE)
    recovery = plan_recovery(watermark, [], now=MON_9, hours=HOURS)
    assert recovery.forget_before == datetime(2021, 11, 1, 0, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("state", "recorded"),
    [
        (State.SENT, State.AMBIGUOUS),  # the first attempt may have arrived too
        (State.AMBIGUOUS, State.AMBIGUOUS),
        (State.UNREACHABLE, State.UNREACHABLE),
        (State.FAILED, State.FAILED),
    ],
)
def test_a_resent_delivery_that_went_out_is_recorded_as_ambiguous(state: State, recorded: State):
    assert resent_state(state) is recorded
