"""Round 5's reading rules, each on lines of its own (never the held-out set's): a status
stated first, a dated done deed, list markers inside a line, not A but B, a spaced number
before a status word, Cantonese 搞唔掂 / 呢个 / 多谢晒, work told is no office question, still
doing after a done statement, a month's end said relative to today, 重新开始提醒."""

from __future__ import annotations

from datetime import date

import pytest

from bot.grammar import intents as i
from bot.ledger.reports import Status
from tests.bot.grammar.conftest import read, records

DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED

REPORTS = [
    # a status stated first, as a clause of its own: the details' counts do not change it
    ("第12项：已完成。本月共发布解读稿4篇，均已上网", [(12, DONE)]),
    ("第12项：已完成。还有2篇待发布", [(12, ONGOING)]),
    # a done deed with its date between 已 and the verb
    ("第14项 公开指南已于11月5日完成修订", [(14, DONE)]),
    # a circled number inside a line ends the point before it
    ("①第3项已完成②第9项正在推进", [(3, DONE), (9, ONGOING)]),
    # not A but B
    ("第16项 不是已完成，是进行中", [(16, ONGOING)]),
    # one number opening the line, spaced apart before a status word
    ("16 已完成", [(16, DONE)]),
    # Cantonese: 搞唔掂 cannot get it done; 搞掂咗 is done
    ("第三项搞唔掂", [(3, BLOCKED)]),
    ("十六项搞掂咗", [(16, DONE)]),
    # work told on a task, asking nothing, is a report, whatever office words it holds
    ("第17项已办结45条，还有3条未反馈", [(17, ONGOING)]),
    # still doing after a done statement leaves it pending
    ("第2项：已完成规划归集，解读还在写", [(2, ONGOING)]),
]


@pytest.mark.parametrize(("line", "said"), REPORTS, ids=[c[0] for c in REPORTS])
def test_reports(vocabulary, line, said):
    assert records(line, vocabulary) == said


def test_a_count_of_weeks_before_a_status_is_no_task(vocabulary):
    assert not any(
        isinstance(r, i.Report) and r.task == 10 for r in read("10 月底前完成", vocabulary)
    )


OTHERS = [
    ("19项延期到下个月底", i.Extension(19, date(2021, 12, 31))),
    ("暂停提醒到本月底", i.Pause(date(2021, 11, 30))),
    ("可以重新开始提醒了", i.Resume()),
    ("呢个礼拜要交什么", i.Due(i.Window.WEEK)),
    ("多谢晒", i.SmallTalk(i.Chat.THANKS)),
    ("第17项还有谁没报", i.Office(i.OfficeAsk.MISSING, 17)),  # asks: still the office's
]


@pytest.mark.parametrize(("line", "meant"), OTHERS, ids=[c[0] for c in OTHERS])
def test_other_forms(vocabulary, line, meant):
    assert read(line, vocabulary) == (meant,)
