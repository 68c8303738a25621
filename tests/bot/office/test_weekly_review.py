"""The weekly digest's 复核 line: what waits for the office's review, and for how long.

From the notice: task 2 is led by 综合科 alone, task 15 is 办公室's alone; both are due at
the year end, 2021-12-31 (a Friday). The digest of Friday 11-19 is made at 16:00.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.answers.model import Knowledge
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.office.overview import build_overview
from bot.office.weekly import weekly_digest
from tests.bot.office.test_weekly import at, knowledge, report

__all__ = ["knowledge"]  # the fixture


@pytest.fixture
def reviewed(tmp_path: Path) -> Iterator[Ledger]:
    with LedgerStore(tmp_path / "ledger") as store:
        yield Ledger(store, review=True)


def _digest(knowledge: Knowledge, ledger: Ledger) -> list[str]:
    overview = build_overview(knowledge, ledger, date(2021, 11, 19))
    text = weekly_digest(overview, ledger, since=at(11, 12, 16), paused=[], unreachable=[])
    return text.split("\n")


def test_reports_awaiting_review_are_listed_oldest_first_with_their_days(
    knowledge: Knowledge, reviewed: Ledger
):
    done = {"status": Status.DONE, "text": "已完成", "name": "张三"}
    report(reviewed, 1, unit="办公室", tasks=(15,), now=at(11, 19, 9), **done)
    report(reviewed, 2, unit="综合科", tasks=(2,), now=at(11, 16, 9), **done)
    lines = _digest(knowledge, reviewed)
    assert lines[-3] == (
        "【待复核】2 条“已完成”报告待办公室复核："
        "综合科 第2项（截止 12月31日（周五）） 已等 3 天；"
        "办公室 第15项（截止 12月31日（周五）） 今天报告"
    )
    assert lines[-2:] == ["【暂停提醒】无", "【无法送达】无"]


def test_nothing_waiting_says_so_and_without_review_there_is_no_line(
    knowledge: Knowledge, reviewed: Ledger, tmp_path: Path
):
    assert "【待复核】无" in _digest(knowledge, reviewed)
    with LedgerStore(tmp_path / "plain") as store:
        plain = Ledger(store)
        report(
            plain,
            1,
            unit="综合科",
            tasks=(2,),
            status=Status.DONE,
            text="已完成",
            name="张三",
            now=at(11, 16, 9),
        )
        assert not any(line.startswith("【待复核】") for line in _digest(knowledge, plain))
