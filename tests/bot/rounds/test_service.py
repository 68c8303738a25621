"""One wake-up of the rounds against an in-memory sender: what goes out, once, to whom, and
what the outbox says afterwards (the expected behaviour is the module docstrings')."""

from __future__ import annotations

import pytest

from bot.conversation.actions import Choice
from bot.reminders.outbox import State
from tests.bot.rounds.conftest import ADMIN, LEADER, LI, WANG, ZHANG, Crash, Office, at

NUDGE = "24/办公室/2021-11-20/d5"  # the five-working-days nudge of task 24's 11-20 milestone


def records_of(bot: Office, chat: int):
    return [r for r in bot.core.outbox.records() if r.chat == chat]


async def test_a_due_nudge_goes_once_to_each_person_of_the_unit_with_its_choices(
    office: Office,
):
    await office.wake(at(15, 9))
    for chat in (ZHANG, LI):
        [sent] = office.sender.to(chat)
        assert sent.text.startswith("【工作提醒】办公室：1 项需要关注")
        assert sent.choices == (
            (
                Choice("第24项 已完成", "s:24:20211120:c"),
                Choice("进行中", "s:24:20211120:p"),
                Choice("有困难", "s:24:20211120:h"),
                Choice("延期", "s:24:20211120:e"),
            ),
        )
        [record] = records_of(office, chat)
        assert (record.key, record.state, record.items) == (sent.key, State.SENT, (NUDGE,))
    assert office.sender.to(WANG) == []
    assert office.sender.to(LEADER) == []  # leaders observe only, even bound to a unit
    assert office.sender.to(ADMIN) == []


async def test_a_second_wake_and_a_restart_send_nothing_again(office: Office):
    await office.wake(at(15, 9))
    await office.wake(at(15, 9, 1))
    await office.wake(at(15, 10), restart=True)
    assert [s.chat for s in office.sender.sent] in ([ZHANG, LI], [LI, ZHANG])


async def test_an_unreachable_person_is_marked_and_not_tried_again(office: Office):
    office.sender.outcomes[ZHANG] = State.UNREACHABLE
    await office.wake(at(15, 9))
    assert ZHANG in office.core.unreachable
    [record] = records_of(office, ZHANG)
    assert record.state is State.UNREACHABLE
    assert len(office.sender.to(LI)) == 1
    await office.wake(at(19, 9))  # the next nudge day (d0 of 11-20): not tried
    assert len(office.sender.to(ZHANG)) == 1
    assert len(office.sender.to(LI)) == 2


async def test_an_ambiguous_send_counts_as_handled_and_is_not_sent_again(office: Office):
    office.sender.outcomes[ZHANG] = State.AMBIGUOUS
    await office.wake(at(15, 9))
    await office.wake(at(15, 9, 1))
    await office.wake(at(15, 10), restart=True)
    [record] = records_of(office, ZHANG)
    assert record.state is State.AMBIGUOUS
    assert len(office.sender.to(ZHANG)) == 1
    assert ZHANG not in office.core.unreachable


async def test_a_failed_send_is_tried_at_the_next_wake_the_same_day(office: Office):
    office.sender.outcomes[ZHANG] = State.FAILED
    await office.wake(at(15, 9))
    [record] = records_of(office, ZHANG)
    assert record.state is State.FAILED
    del office.sender.outcomes[ZHANG]
    await office.wake(at(15, 9, 1))
    assert len(office.sender.to(ZHANG)) == 2
    assert office.core.outbox.get(record.key).state is State.SENT
    assert len(office.sender.to(LI)) == 1


async def test_a_send_failing_all_day_is_listed_to_the_office_the_next_day(office: Office):
    office.sender.outcomes[ZHANG] = State.FAILED
    await office.wake(at(15, 9))
    await office.wake(at(15, 17))
    del office.sender.outcomes[ZHANG]
    await office.wake(at(16, 9))
    assert len(office.sender.to(ZHANG)) == 2  # both failed; nothing late on the 16th
    [listing] = office.sender.to(ADMIN)
    assert listing.text.startswith("【未发出的提醒】")
    assert "· 第24项 办公室（截止 11月20日（周六））" in listing.text
    assert listing.choices == ()
    await office.wake(at(16, 10))
    assert len(office.sender.to(ADMIN)) == 1


@pytest.mark.parametrize("victim", [ZHANG, LI])
async def test_a_crash_mid_send_resends_once_marked_late_and_ambiguous(
    office: Office, victim: int
):
    office.sender.crash_on.add(victim)
    with pytest.raises(Crash):
        await office.wake(at(15, 9))
    [begun] = records_of(office, victim)
    assert begun.state is State.SENDING
    await office.wake(at(15, 9, 5), restart=True)
    first, again = office.sender.to(victim)
    assert again.key == first.key == begun.key
    assert "补发" in again.text
    assert "补发" not in first.text
    assert office.core.outbox.get(begun.key).state is State.AMBIGUOUS
    other = LI if victim == ZHANG else ZHANG
    assert len(office.sender.to(other)) == 1
    await office.wake(at(15, 10), restart=True)
    assert len(office.sender.to(victim)) == 2


async def test_a_crash_found_the_next_day_is_stale_and_not_sent_late(office: Office):
    office.sender.crash_on.add(ZHANG)
    with pytest.raises(Crash):
        await office.wake(at(15, 9))
    [begun] = records_of(office, ZHANG)
    await office.wake(at(16, 9), restart=True)
    assert len(office.sender.to(ZHANG)) == 1
    assert office.core.outbox.get(begun.key).state is State.STALE


async def test_nothing_goes_out_after_the_send_hours(office: Office):
    await office.wake(at(15, 18, 30))
    assert office.sender.sent == []
    await office.wake(at(16, 9))
    assert [s.chat for s in office.sender.sent] == [ADMIN]  # the stale list only


async def test_the_daily_digest_goes_to_the_admins_once_after_a_missed_milestone(
    office: Office,
):
    await office.wake(at(22, 9))
    await office.wake(at(22, 9, 1))
    [digest] = [s for s in office.sender.to(ADMIN) if s.text.startswith("【督办汇总】")]
    assert "· 第24项 截止 11月20日（周六），已逾期 1 个工作日：办公室" in digest.text
    assert digest.key == f"digest:2021-11-22@{ADMIN}"
    assert not [s for s in office.sender.to(LEADER) if s.text.startswith("【督办汇总】")]
