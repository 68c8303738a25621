"""A leader's 批示 in the 台账: who, when, which task, the words; each kept, durable, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.ledger.history import INSTRUCTION, Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from tests.bot.ledger.test_history import ALICE, CHAT, DUE, NOW, SOON, reopen, report

LEADER = 7001


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store)


def instruct(ledger: Ledger, message: int, task: int = 24, text: str = "请抓紧推进", **more):
    fields = {"user": LEADER, "name": "张局长", "chat": LEADER, "message": message, "now": NOW}
    return ledger.instruct(task, text=text, **(fields | more))


def test_an_instruction_is_recorded_with_who_when_task_and_words(ledger: Ledger, tmp_path: Path):
    entry = instruct(ledger, 1)
    assert (entry.kind, entry.tasks, entry.text) == (INSTRUCTION, (24,), "请抓紧推进")
    assert (entry.user, entry.name, entry.at) == (LEADER, "张局长", NOW)
    assert ledger.instructions() == [entry]
    assert reopen(tmp_path / "ledger").instructions() == [entry]  # on disk before it returned


def test_a_later_instruction_is_added_never_replacing_the_first(ledger: Ledger):
    first = instruct(ledger, 1)
    second = instruct(ledger, 2, text="11月底前务必完成", now=SOON)
    assert ledger.instructions() == [first, second]
    assert [e.text for e in ledger.history()] == ["请抓紧推进", "11月底前务必完成"]


def test_the_same_message_is_recorded_once(ledger: Ledger):
    assert instruct(ledger, 1) is not None
    assert instruct(ledger, 1) is None
    assert len(ledger.instructions()) == 1


def test_an_instruction_changes_no_report_or_standing(ledger: Ledger):
    done = report(ledger, 1, tasks=(24,), dues={24: DUE})
    instruct(ledger, 2, now=NOW + timedelta(minutes=5))
    assert ledger.latest(24, "办公室") == done
    assert ledger.latest(24, "办公室").status is Status.DONE
    assert (24, "办公室", DUE) in ledger.done()


def test_a_renumbering_carries_instructions_to_the_new_number(ledger: Ledger, tmp_path: Path):
    instruct(ledger, 1, task=24)
    instruct(ledger, 2, task=20, text="此项取消")
    numbers = {n: n for n in range(1, 35) if n != 20} | {24: 25, 25: 24}
    ledger.renumber(numbers, "digest-1", user=ALICE, name="张三", chat=CHAT, message=3, now=SOON)
    assert [(e.tasks, e.text) for e in ledger.instructions()] == [((25,), "请抓紧推进")]
    assert [e.tasks for e in ledger.history()][:2] == [(24,), (20,)]  # as written
    assert [e.tasks for e in reopen(tmp_path / "ledger").instructions()] == [(25,)]


def test_instructions_survive_a_restart_in_order(tmp_path: Path):
    with LedgerStore(tmp_path / "ledger") as store:
        ledger = Ledger(store)
        instruct(ledger, 1)
        instruct(ledger, 2, task=2, text="请综合科牵头汇总", now=SOON)
    assert [(e.tasks, e.name) for e in reopen(tmp_path / "ledger").instructions()] == [
        ((24,), "张局长"),
        ((2,), "张局长"),
    ]
