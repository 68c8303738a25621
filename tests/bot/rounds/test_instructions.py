"""领导批示 sent by the rounds: once to each person of the task's lead unit, never again after a
restart or a crash mid-send, only in the send hours, and a reply to it reports on its task.

From the notice: task 24 is led by 办公室 (张三, 李四), 各相关科室（单位）配合; its first
milestone is 2021-11-20. 综合科 (王五) does not lead it. The leader (9002) is bound to 办公室
but observes only.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.conversation.actions import Choice, Recorded, Reply
from bot.conversation.events import TELEGRAM, Person, Place, Press, Text
from bot.conversation.router import Conversation
from bot.ledger.history import Entry
from bot.reminders.outbox import State
from tests.bot.rounds.conftest import LEADER, LI, WANG, ZHANG, Crash, Office, at

STATUS_24 = (
    (
        Choice("第24项 已完成", "s:24:20211120:c"),
        Choice("进行中", "s:24:20211120:p"),
        Choice("有困难", "s:24:20211120:h"),
        Choice("延期", "s:24:20211120:e"),
    ),
)


def instruct(office: Office, moment: datetime, message: int = 1) -> Entry:
    return office.core.ledger.instruct(
        24,
        text="请抓紧推进，11月底前完成",
        user=LEADER,
        name="张局长",
        chat=LEADER,
        message=message,
        now=moment,
    )


def instructions_to(office: Office, chat: int):
    return [s for s in office.sender.to(chat) if s.text.startswith("【领导批示】")]


async def test_an_instruction_goes_once_to_each_person_of_the_lead_unit(office: Office):
    instruct(office, at(15, 10))
    await office.wake(at(15, 10, 1))
    for chat in (ZHANG, LI):
        [sent] = instructions_to(office, chat)
        assert sent.text.startswith("【领导批示】办公室 第24项：要分别于2021年11月20日前")
        assert "张局长批示：请抓紧推进，11月底前完成" in sent.text
        assert sent.choices == STATUS_24
        assert office.core.outbox.get(sent.key).state is State.SENT
    assert instructions_to(office, WANG) == []  # 综合科 does not lead task 24
    assert instructions_to(office, LEADER) == []  # leaders observe only
    await office.wake(at(15, 10, 2))
    await office.wake(at(15, 11), restart=True)
    assert [len(instructions_to(office, c)) for c in (ZHANG, LI)] == [1, 1]


async def test_a_crash_mid_send_never_sends_it_twice(office: Office):
    await office.wake(at(15, 9))  # the day's nudges are out first
    instruct(office, at(15, 10))
    office.sender.crash_on.add(ZHANG)
    with pytest.raises(Crash):
        await office.wake(at(15, 10, 1))
    [caught] = instructions_to(office, ZHANG)
    assert office.core.outbox.get(caught.key).state is State.SENDING
    await office.wake(at(15, 10, 5), restart=True)
    assert len(instructions_to(office, ZHANG)) == 1  # may have arrived: not sent again
    assert office.core.outbox.get(caught.key).state is State.STALE
    assert len(instructions_to(office, LI)) == 1


async def test_outside_the_send_hours_it_waits_for_them(office: Office):
    instruct(office, at(15, 19))
    await office.wake(at(15, 19, 1))
    assert instructions_to(office, ZHANG) == []
    await office.wake(at(16, 9))
    assert len(instructions_to(office, ZHANG)) == 1


async def test_a_person_bound_after_the_instruction_does_not_get_it(office: Office):
    instruct(office, at(15, 10))
    office.core.bindings.bind(3001, "赵六", "办公室", at(15, 10, 30))
    await office.wake(at(15, 11))
    assert instructions_to(office, 3001) == []
    assert len(instructions_to(office, ZHANG)) == 1


async def test_a_failed_send_is_tried_again_the_same_day_only(office: Office):
    instruct(office, at(15, 10))
    office.sender.outcomes[ZHANG] = State.FAILED
    await office.wake(at(15, 10, 1))
    await office.wake(at(15, 10, 2))
    assert len(instructions_to(office, ZHANG)) == 2
    await office.wake(at(16, 9))
    assert len(instructions_to(office, ZHANG)) == 2


async def test_a_reply_to_the_instruction_naming_no_task_reports_on_its_task(office: Office):
    instruct(office, at(15, 10))
    await office.wake(at(15, 10, 1))
    [sent] = instructions_to(office, ZHANG)
    replied = tuple(c.data for row in sent.choices for c in row)
    zhang = Person(TELEGRAM, ZHANG, "张三")
    conversation = Conversation(office.core)
    line = Text(zhang, Place(ZHANG, group=False), "目录已编制完成，已在平台发布", 77, replied)
    proposed = await conversation.handle(line)  # not a simple form: one press to confirm
    [reply] = [a for a in proposed.actions if isinstance(a, Reply)]
    assert reply.text.startswith("将记录为：第24项 ")
    done = next(c.data for row in reply.rows for c in row if c.label == "改为已完成")
    result = await conversation.handle(Press(zhang, Place(ZHANG, group=False), done, 1))
    assert isinstance(result.outcome, Recorded)
    assert (result.outcome.entry.unit, result.outcome.entry.tasks) == ("办公室", (24,))


async def test_the_weekly_digest_offers_to_write_one(office: Office):
    await office.wake(at(19, 16))  # Friday 16:00: the weekly digest (the default day and time)
    [digest] = [s for s in office.sender.to(LEADER) if not s.text.startswith("【领导批示】")]
    assert digest.choices == ((Choice("写批示", "iw"),),)
