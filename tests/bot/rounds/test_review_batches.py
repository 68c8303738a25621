"""The office's list of reports awaiting 复核: one message per batch to each admin, each
report in one batch only, never sent twice (the outbox's stable key), retried when it failed.

From the notice: 办公室 leads task 24, due 2021-11-20; 张三 (办公室) reports it 已完成.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.config import ReviewSettings
from bot.ledger.history import Entry
from bot.ledger.reports import Status
from bot.reminders.outbox import State
from tests.bot.rounds.conftest import ADMIN, LEADER, WANG, ZHANG, Office, at

DUE = date(2021, 11, 20)


def done(office: Office, message: int, moment: datetime, text: str = "已完成") -> Entry:
    entry = office.core.ledger.report(
        unit="办公室",
        tasks=(24,),
        status=Status.DONE,
        text=text,
        dues={24: DUE},
        user=ZHANG,
        name="张三",
        chat=ZHANG,
        message=message,
        now=moment,
    )
    assert entry is not None
    return entry


def reviews(office: Office, chat: int = ADMIN) -> list:
    return [s for s in office.sender.to(chat) if s.text.startswith("【待复核】")]


async def test_reports_since_the_last_batch_go_to_the_admins_in_one_message(office: Office):
    first = done(office, 1, at(15, 10))
    second = done(office, 2, at(15, 10, 5), "目录已发布，已完成")
    await office.wake(at(15, 10, 6))
    [batch] = reviews(office)
    assert batch.text == (
        "【待复核】2 条“已完成”报告请复核：逐条点“通过”销号，或点“退回”并写一句理由。\n"
        "1. 办公室 第24项（截止 11月20日（周六））（张三，11月15日 10:00）：已完成\n"
        "2. 办公室 第24项（截止 11月20日（周六））（张三，11月15日 10:05）：目录已发布，已完成"
    )
    assert [[(c.label, c.data) for c in row] for row in batch.choices] == [
        [("1 通过", f"vp:{first.id}"), ("1 退回", f"vb:{first.id}")],
        [("2 通过", f"vp:{second.id}"), ("2 退回", f"vb:{second.id}")],
    ]
    assert reviews(office, LEADER) == []  # leaders observe; they do not review
    await office.wake(at(15, 10, 7))
    await office.wake(at(15, 10, 8), restart=True)
    assert len(reviews(office)) == 1
    third = done(office, 3, at(15, 11), "已补充，已完成")
    await office.wake(at(15, 11, 1))
    latest = reviews(office)[-1]
    assert latest.text.startswith("【待复核】1 条")
    assert [c.data for row in latest.choices for c in row] == [f"vp:{third.id}", f"vb:{third.id}"]


async def test_a_failed_batch_is_tried_again_without_what_was_decided_meanwhile(office: Office):
    first = done(office, 1, at(15, 10))
    second = done(office, 2, at(15, 10, 5))
    office.sender.outcomes[ADMIN] = State.FAILED
    await office.wake(at(15, 10, 6))
    tried = reviews(office)
    assert len(tried) == 1
    office.core.ledger.review_report(
        first.id, reason=None, user=ADMIN, name="王主任", chat=ADMIN, message=7, now=at(15, 10, 7)
    )
    del office.sender.outcomes[ADMIN]
    await office.wake(at(15, 10, 8))
    retried = reviews(office)[-1]
    assert retried.key == tried[0].key
    assert retried.text.startswith("【待复核】1 条")
    assert [c.data for row in retried.choices for c in row] == [
        f"vp:{second.id}",
        f"vb:{second.id}",
    ]
    await office.wake(at(15, 10, 9))
    assert len(reviews(office)) == 2


async def test_a_report_after_the_send_hours_goes_the_next_working_morning(office: Office):
    done(office, 1, at(15, 19))
    await office.wake(at(15, 19, 1))
    assert reviews(office) == []
    await office.wake(at(16, 8, 30))
    assert len(reviews(office)) == 1


async def test_the_daily_digest_lists_what_waits_for_review(office: Office):
    done(office, 1, at(15, 10))
    office.core.ledger.report(
        unit="综合科",
        tasks=(2,),
        status=Status.BLOCKED,
        text="有困难：缺少规划文本",
        dues={2: date(2021, 12, 31)},
        user=WANG,
        name="王五",
        chat=WANG,
        message=2,
        now=at(15, 10, 5),
    )
    await office.wake(at(15, 10, 6))
    [digest] = [s for s in office.sender.to(ADMIN) if s.text.startswith("【督办汇总】")]
    assert digest.text.endswith(
        "【待复核】1 条“已完成”报告待办公室复核：办公室 第24项（截止 11月20日（周六）） 今天报告"
    )


async def test_a_long_backlog_goes_in_batches_of_twenty(office: Office):
    for message in range(1, 26):
        done(office, message, at(15, 10))
    await office.wake(at(15, 10, 1))
    await office.wake(at(15, 10, 2))
    first, second = reviews(office)
    assert first.text.startswith("【待复核】20 条")
    assert len(first.choices) == 20
    assert second.text.startswith("【待复核】5 条")
    assert second.text.split("\n")[1].startswith("1. 办公室 第24项")


async def test_a_batch_gathers_the_reports_of_half_an_hour_into_one_message(office: Office):
    office.core.config = replace(
        office.core.config, review=ReviewSettings(gather=timedelta(minutes=30))
    )
    done(office, 1, at(15, 10))
    await office.wake(at(15, 10, 1))
    done(office, 2, at(15, 10, 20), "目录已发布，已完成")
    await office.wake(at(15, 10, 21))
    assert reviews(office) == []  # the first has waited 21 minutes: still gathering
    await office.wake(at(15, 10, 30))
    [batch] = reviews(office)
    assert batch.text.startswith("【待复核】2 条“已完成”报告请复核")
    done(office, 3, at(15, 10, 31), "已补充，已完成")
    await office.wake(at(15, 10, 45))
    assert len(reviews(office)) == 1  # the third gathers a batch of its own
    await office.wake(at(15, 11, 1))
    assert reviews(office)[-1].text.startswith("【待复核】1 条“已完成”报告请复核")
