"""Wake-ups through the real application and outbox, with the clock set by the test.

Expected nudges come from the notice: task 24 (led by 办公室) is due 2021年11月20日 (a Saturday)
and 2021年12月10日. Five working days before 11-20 is Monday 11-15; the day after the missed
11-20 milestone is Monday 11-22. No other task has a milestone near those days (the rest are due
at the year end), so on 11-15 only 办公室 is nudged.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.reminders.outbox import Outbox, State
from bot.store.storage import Store
from handlers.nudging import Nudger
from tests.fakebotapi import Fault
from tests.handlers.conftest import ADMIN, ZONE, Harness

ZHANG, LI, WANG = 1001, 1002, 2001


def at(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2021) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def set_clock(bot: Harness, moment: datetime) -> None:
    bot.core.clock = lambda: moment


async def wake(bot: Harness, moment: datetime, nudger: Nudger | None = None) -> Nudger:
    """Run one wake-up at `moment` (a fresh Nudger is a freshly started bot)."""
    set_clock(bot, moment)
    nudger = nudger or Nudger(bot.core, bot.app.bot)
    await nudger.wake()
    return nudger


def texts_to(bot: Harness, chat: int) -> list[str]:
    return [m.text for m in bot.api.sent(chat)]


@pytest.fixture
async def office(bot: Harness) -> Harness:
    """Two users of 办公室, one of 综合科; reminders first started at 08:00 on 2021-11-15."""
    bindings = bot.core.bindings
    bindings.bind(ZHANG, "张三", "办公室", at(15, 8))
    bindings.bind(LI, "李四", "办公室", at(15, 8))
    bindings.bind(WANG, "王五", "综合科", at(15, 8))
    await wake(bot, at(15, 8))
    return bot


async def test_the_lead_unit_is_nudged_five_working_days_ahead(office: Harness):
    await wake(office, at(15, 9))
    for chat in (ZHANG, LI):
        [text] = texts_to(office, chat)
        assert text.startswith("【工作提醒】办公室：1 项需要关注")
        assert "第24项（牵头）" in text
        # Working days after Monday 11-15 up to Saturday 11-20: 16th to 19th.
        assert "截止 11月20日（周六），还有 4 个工作日" in text
        [message] = office.api.sent(chat)
        assert message.callback_data == [
            "s:24:20211120:c",
            "s:24:20211120:p",
            "s:24:20211120:h",
            "s:24:20211120:e",
        ]
    assert texts_to(office, WANG) == []
    assert texts_to(office, ADMIN) == []


async def test_a_second_wake_and_a_restart_send_nothing_again(office: Harness):
    nudger = await wake(office, at(15, 9))
    await wake(office, at(15, 9, 1), nudger)
    await wake(office, at(15, 10))  # a new Nudger: the bot was restarted
    assert len(texts_to(office, ZHANG)) == 1
    assert len(texts_to(office, LI)) == 1


async def test_a_restart_the_same_day_catches_up_marked_as_late(office: Harness):
    await wake(office, at(15, 11, 30))
    [text] = texts_to(office, ZHANG)
    assert "（补发：原定 11月15日 09:00 发送，机器人当时未运行）" in text


async def test_nudges_missed_on_an_earlier_day_are_listed_to_the_office_once(office: Harness):
    await wake(office, at(16, 10))
    assert texts_to(office, ZHANG) == []
    [listing] = texts_to(office, ADMIN)
    assert listing.startswith(
        "【未发出的提醒】机器人停机期间有 1 条提醒已过当天补发时限，"
        "不再逐条补发（最早原定 11月15日 09:00）："
    )
    assert "· 第24项 办公室（截止 11月20日（周六））" in listing
    await wake(office, at(16, 11))
    assert len(texts_to(office, ADMIN)) == 1


async def test_after_the_send_hours_nothing_goes_out_until_the_next_working_day(
    office: Harness,
):
    await wake(office, at(15, 18, 30))
    assert texts_to(office, ZHANG) == []
    assert texts_to(office, ADMIN) == []
    await wake(office, at(16, 9))
    assert texts_to(office, ZHANG) == []
    [listing] = texts_to(office, ADMIN)
    assert "· 第24项 办公室（截止 11月20日（周六））" in listing


async def test_a_paused_user_is_skipped_and_the_unit_still_nudged(office: Harness):
    office.core.pauses.pause(ZHANG, "张三", at(19, 0).date(), at(15, 8))
    await wake(office, at(15, 9))
    assert texts_to(office, ZHANG) == []
    assert len(texts_to(office, LI)) == 1


async def test_a_blocked_user_is_marked_unreachable_and_not_retried(office: Harness):
    rule = office.api.inject("sendMessage", Fault.blocked(), chat_id=ZHANG)
    await wake(office, at(15, 9))
    assert rule.fired == 1
    assert ZHANG in office.core.unreachable
    assert len(texts_to(office, LI)) == 1
    [record] = [r for r in office.core.outbox.records() if r.chat == ZHANG]
    assert record.state is State.UNREACHABLE
    await wake(office, at(19, 9))  # the next nudge day (d0 for 11-20): still not tried
    assert rule.fired == 1
    office.api.clear_faults()  # they unblock the bot and write again: reachable again
    await office.text(ZHANG, "我科室负责什么", "张三")
    assert ZHANG not in office.core.unreachable


async def test_done_stops_the_nudges_for_that_milestone_only(office: Harness):
    await wake(office, at(15, 9))
    [nudge] = office.api.sent(ZHANG)
    answer, sent = await office.press(ZHANG, nudge.message_id, "s:24:20211120:c", name="张三")
    recorded = (
        "已记录：办公室 第24项（截止 11月20日（周六））已完成，此节点不再提醒。"
        "待办公室复核，通过后销号。"
    )
    assert answer["text"] == recorded
    assert [m.text for m in sent] == [recorded]
    assert (24, "办公室", at(20, 0).date()) in office.core.ledger.done()
    await wake(office, at(19, 9))  # d0 of 11-20 would be today
    assert len(texts_to(office, LI)) == 1  # 李四 got only the 11-15 nudge
    await wake(office, at(3, 9, month=12))  # 5 working days before 12-10
    [later] = [t for t in texts_to(office, LI)[1:]]
    assert "截止 12月10日（周五），还有 5 个工作日" in later


async def test_done_by_a_unit_without_the_task_records_nothing(office: Harness):
    await wake(office, at(15, 9))
    [nudge] = office.api.sent(ZHANG)
    office.core.bindings.bind(ZHANG, "张三", "综合科", at(15, 9))
    answer, sent = await office.press(ZHANG, nudge.message_id, "s:24:20211120:c", name="张三")
    refused = "综合科在第24项中没有任务，未记录。请检查项号。"
    assert answer["text"] == refused
    assert [m.text for m in sent] == [refused]
    assert office.core.ledger.history() == []


async def test_the_office_gets_a_graded_digest_the_day_after_a_missed_milestone(office: Harness):
    await wake(office, at(22, 9))
    [digest] = [t for t in texts_to(office, ADMIN) if t.startswith("【督办汇总】")]
    assert "【红】已逾期" in digest
    assert "· 第24项 截止 11月20日（周六），已逾期 1 个工作日：办公室" in digest
    overdue = [t for t in texts_to(office, ZHANG) if "已逾期" in t]
    assert len(overdue) == 1


async def test_a_crash_mid_send_resends_once_and_records_it_as_ambiguous(office: Harness):
    """A delivery left as `sending` (the process died during the send) goes again on restart."""
    key = "1001:crashed"
    nudge_id = "24/办公室/2021-11-20/d5"
    office.core.outbox.begin(key, ZHANG, at(15, 9), (nudge_id,), now=at(15, 9))
    await wake(office, at(15, 9, 5))
    zhang = texts_to(office, ZHANG)
    assert len(zhang) == 1
    assert "补发" in zhang[0]
    assert office.core.outbox.get(key).state is State.AMBIGUOUS
    assert len(texts_to(office, LI)) == 1


async def test_the_office_is_told_once_that_the_calendar_is_missing(bot: Harness):
    await wake(bot, datetime(2026, 12, 1, 9, 0, tzinfo=ZONE))
    await wake(bot, datetime(2026, 12, 2, 9, 0, tzinfo=ZONE))
    told = [t for t in texts_to(bot, ADMIN) if t.startswith("【日历提醒】")]
    assert len(told) == 1
    assert "2027 年" in told[0]


async def test_the_outbox_survives_reopening(office: Harness):
    await wake(office, at(15, 9))
    with Store(office.core.outbox_store.path) as again:
        reopened = Outbox(again)
        assert reopened.handled(ZHANG, "24/办公室/2021-11-20/d5")
        assert reopened.since == at(15, 8)


async def test_a_restart_forgets_deliveries_two_weeks_behind(office: Harness):
    await wake(office, at(15, 9))
    nudge_id = "24/办公室/2021-11-20/d5"
    assert office.core.outbox.handled(ZHANG, nudge_id)
    await wake(office, at(6, 9, month=12))  # the watermark moves to 12-06
    await wake(office, at(6, 10, month=12))  # a restart: 11-15's deliveries are over 14 days old
    assert not office.core.outbox.handled(ZHANG, nudge_id)
    assert (
        sum(
            "第24项" in t and "11月20日" in t and "还有 4 个工作日" in t
            for t in texts_to(office, ZHANG)
        )
        == 1
    )


async def test_a_failed_send_is_tried_again_at_the_next_wake(office: Harness):
    rule = office.api.inject("sendMessage", Fault.bad_gateway(), chat_id=ZHANG, times=5)
    await wake(office, at(15, 9))
    assert rule.fired == 5
    [record] = [r for r in office.core.outbox.records() if r.chat == ZHANG]
    assert record.state is State.FAILED
    assert len(texts_to(office, LI)) == 1
    await wake(office, at(15, 9, 1))  # the heartbeat a minute later
    assert len(texts_to(office, ZHANG)) == 1
    assert office.core.outbox.get(record.key).state is State.SENT
    assert len(texts_to(office, LI)) == 1


async def test_a_send_failing_all_day_is_listed_to_the_office_next_day(office: Harness):
    office.api.inject("sendMessage", Fault.bad_gateway(), chat_id=ZHANG, times=10)
    await wake(office, at(15, 9))
    await wake(office, at(15, 9, 1))
    office.api.clear_faults()
    await wake(office, at(16, 9))
    assert texts_to(office, ZHANG) == []
    [listing] = texts_to(office, ADMIN)
    assert "· 第24项 办公室（截止 11月20日（周六））" in listing


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(15, 8), at(15, 9)),  # before 09:00 on a working day: today
        (at(15, 9, 1), at(16, 9)),  # after it: the next working day
        (at(19, 10), at(22, 9)),  # Friday: Monday
        (at(30, 10, month=9), at(8, 9, month=10)),  # National Day: Friday 10-08 is worked
    ],
)
async def test_the_next_send_time_skips_holidays_and_weekends(bot: Harness, now, expected):
    nudger = Nudger(bot.core, bot.app.bot)
    assert nudger.next_send_time(now) == expected
    assert expected.astimezone(UTC).hour == 1  # 09:00 in Shanghai is 01:00Z
