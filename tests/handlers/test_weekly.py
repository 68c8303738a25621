"""The weekly digest through the real Nudger and outbox, with the clock set by the test.

The digest goes on Fridays at 16:00 (the defaults) to the admin (9001) and a leader (9100).
From the notice: task 24 (办公室牵头) is due Saturday 2021-11-20, so from Monday 11-22 it is
late; every other task is due at the year end. From the 2021 Chinese calendar: National Day is
10-01..10-07 (a Friday to a Thursday; Saturday 10-09 worked), Mid-Autumn 9-19..9-21 (a Sunday to
a Tuesday).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from bot.config import ReminderSettings
from bot.ledger.reports import Status
from bot.office.weekly import WeeklySettings
from bot.reminders.outbox import State
from handlers.nudging import Nudger
from tests.fakebotapi import Fault
from tests.handlers.conftest import ADMIN, ZONE, Build, Harness

LEADER = 9100
ZHANG = 1001
HEAD = "【每周汇总】"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2021, month, day, hour, minute, tzinfo=ZONE)


async def wake(bot: Harness, moment: datetime, nudger: Nudger | None = None) -> Nudger:
    """One wake-up at `moment`; a fresh Nudger is a freshly started bot."""
    bot.core.clock = lambda: moment
    nudger = nudger or Nudger(bot.core, bot.app.bot)
    await nudger.wake()
    return nudger


def digests(bot: Harness, chat: int) -> list[str]:
    return [m.text for m in bot.api.sent(chat) if m.text.startswith(HEAD)]


async def with_leader(build: Build, weekly: WeeklySettings | None = None) -> Harness:
    """The bot with LEADER as an observer, and the weekly digest as given (default Friday 16:00)."""
    reminders = ReminderSettings(weekly=weekly or WeeklySettings())
    bot = await build(reminders=reminders)
    config = bot.core.config
    bot.core.config = replace(
        config, telegram=replace(config.telegram, leaders=frozenset({LEADER}))
    )
    return bot


@pytest.fixture
async def office(build: Build) -> Harness:
    return await with_leader(build)


async def test_sent_at_the_time_to_admins_and_leaders_once(office: Harness):
    nudger = await wake(office, at(11, 19, 15, 59))
    assert digests(office, ADMIN) == []
    assert digests(office, LEADER) == []
    await wake(office, at(11, 19, 16), nudger)
    [to_admin] = digests(office, ADMIN)
    [to_leader] = office.api.sent(LEADER)  # the leader gets this and nothing else
    assert to_leader.text == to_admin
    assert to_admin.startswith("【每周汇总】2021年11月15日（周一）至11月19日（周五）\n")
    assert "【本周变化】11月12日 16:00 以来" in to_admin  # the first: since last Friday's time
    await wake(office, at(11, 19, 16, 1), nudger)  # the heartbeat a minute later
    await wake(office, at(11, 19, 17))  # a restart the same afternoon
    assert len(digests(office, ADMIN)) == 1
    assert len(office.api.sent(LEADER)) == 1
    keys = {r.key for r in office.core.outbox.records() if r.key.startswith("weekly:")}
    assert keys == {f"weekly:2021-11-15@{ADMIN}", f"weekly:2021-11-15@{LEADER}"}


async def test_not_on_other_days_of_the_week(office: Harness):
    for day in (15, 16, 17, 18):
        await wake(office, at(11, day, 16, 30))
    assert office.api.sent(LEADER) == []
    assert digests(office, ADMIN) == []


async def test_a_bot_down_at_the_time_sends_it_later_that_day_within_the_hours(office: Harness):
    await wake(office, at(11, 19, 17, 30))
    assert len(digests(office, LEADER)) == 1
    assert len(digests(office, ADMIN)) == 1


async def test_after_the_send_hours_or_on_a_later_day_that_week_is_skipped(office: Harness):
    await wake(office, at(11, 19, 18, 30))  # send_end is 18:00
    await wake(office, at(11, 22, 9))  # Monday: a new week, whose digest is due on Friday
    assert office.api.sent(LEADER) == []
    assert digests(office, ADMIN) == []


async def test_the_next_digest_counts_the_reports_since_the_last(office: Harness):
    ledger = office.core.ledger
    common = {"user": ZHANG, "name": "张三", "chat": ZHANG}
    ledger.report(
        unit="办公室",
        tasks=(15,),
        status=Status.ONGOING,
        text="每日监测",
        dues={15: date(2021, 12, 31)},
        message=1,
        now=at(11, 18, 10),
        **common,
    )
    await wake(office, at(11, 19, 16))
    [first] = digests(office, LEADER)
    assert "· 1 个单位报告进展 1 条（进行中 1）：办公室 1 条" in first
    ledger.report(
        unit="办公室",
        tasks=(33,),
        status=Status.BLOCKED,
        text="台账模板未定",
        dues={33: date(2021, 12, 31)},
        message=2,
        now=at(11, 23, 10),
        **common,
    )
    await wake(office, at(11, 26, 16, 2))
    [_, second] = digests(office, LEADER)
    assert second.startswith("【每周汇总】2021年11月22日（周一）至11月26日（周五）\n")
    assert "【本周变化】11月19日 16:00 以来" in second
    assert "· 1 个单位报告进展 1 条（有困难 1）：办公室 1 条" in second
    assert "· 第24项 截止 11月20日（周六），已逾期 5 个工作日：办公室" in second
    assert "· 第33项 办公室（张三，11月23日）：台账模板未定" in second


async def test_national_day_moves_it_to_thursday_then_to_the_friday_after(office: Harness):
    nudger = await wake(office, at(9, 30, 16))  # Thursday: Friday 10-01 is a holiday
    [before] = digests(office, LEADER)
    assert before.startswith("【每周汇总】2021年9月27日（周一）至9月30日（周四）\n")
    for day in (1, 4, 5, 6, 7):  # the holiday itself, and Monday to Thursday after it
        await wake(office, at(10, day, 16, 30), nudger)
    assert len(digests(office, LEADER)) == 1
    await wake(office, at(10, 8, 16), nudger)  # Friday 10-08 is worked
    [_, after] = digests(office, LEADER)
    assert "【本周变化】9月30日 16:00 以来" in after
    await wake(office, at(10, 9, 16), nudger)  # the worked Saturday is in the same week
    assert len(digests(office, LEADER)) == 2
    assert len(digests(office, ADMIN)) == 2


async def test_a_monday_digest_moves_past_mid_autumn_to_wednesday(build: Build):
    bot = await with_leader(build, WeeklySettings(1, time(10, 0)))
    for day in (20, 21):  # Monday and Tuesday are the holiday
        await wake(bot, at(9, day, 10, 30))
    assert digests(bot, LEADER) == []
    await wake(bot, at(9, 22, 10))
    [digest] = digests(bot, LEADER)
    assert digest.startswith("【每周汇总】2021年9月20日（周一）至9月22日（周三）\n")
    await wake(bot, at(9, 27, 10))  # the next Monday is a working day again
    assert len(digests(bot, LEADER)) == 2


async def test_a_leader_bound_to_a_unit_is_never_nudged(office: Harness):
    bindings = office.core.bindings
    bindings.bind(ZHANG, "张三", "办公室", at(11, 15, 8))
    bindings.bind(LEADER, "领导", "办公室", at(11, 15, 8))
    nudger = await wake(office, at(11, 15, 8))
    await wake(office, at(11, 15, 9), nudger)  # task 24's five-working-days nudge to 办公室
    assert len(office.api.sent(ZHANG)) == 1
    assert office.api.sent(LEADER) == []
    await wake(office, at(11, 19, 16), nudger)
    assert [m.text[: len(HEAD)] for m in office.api.sent(LEADER)] == [HEAD]


async def test_a_failed_send_to_the_leader_is_retried_and_the_admin_not_sent_twice(
    office: Harness,
):
    rule = office.api.inject("sendMessage", Fault.bad_gateway(), chat_id=LEADER, times=5)
    nudger = await wake(office, at(11, 19, 16))
    assert rule.fired == 5
    assert office.core.outbox.get(f"weekly:2021-11-15@{LEADER}").state is State.FAILED
    assert len(digests(office, ADMIN)) == 1
    await wake(office, at(11, 19, 16, 1), nudger)
    assert len(digests(office, LEADER)) == 1
    assert len(digests(office, ADMIN)) == 1


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(11, 19, 10), at(11, 19, 16)),  # Friday after the nudges: the digest comes first
        (at(11, 19, 16), at(11, 22, 9)),  # after the digest: Monday's nudges
        (at(11, 18, 10), at(11, 19, 9)),  # Thursday: Friday's nudges come first
        (at(9, 30, 10), at(9, 30, 16)),  # the Thursday before National Day has the digest
    ],
)
async def test_the_bot_wakes_for_the_digest_as_for_the_nudges(office: Harness, now, expected):
    assert Nudger(office.core, office.app.bot).next_wake(now) == expected
