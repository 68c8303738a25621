"""Several notices at once: the catalog, answers and reports that say which notice.

The second notice is tests/data/jiangmen-law-2021.txt (法治政府建设工作要点, five tasks). Read
from it: 综合科 leads task 4 and cooperates on task 1 (due 2021年12月15日); 法规与标准科 leads 1
and is responsible for 2. In the seed notice 综合科 is responsible for task 1 and leads task 2,
and holds no part of task 4 (法规与标准科、执法一科、执法二科 and the branches do).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.model import ChatState, Knowledge
from bot.errors import NoticeError
from bot.grammar.understand import understand
from bot.grammar.vocabulary import vocabulary_of
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import parse_report
from bot.ledger.store import LedgerStore
from bot.notice_files.importers import load_notice
from bot.notices.across import answer_all, answer_in, record_across, split_named
from bot.notices.catalog import (
    CATALOG,
    NoticeEntry,
    add_notice,
    read_catalog,
    set_archived,
    short_name,
)
from bot.notices.desks import Desk, Notice, handles, named_in
from bot.notices.visibility import NOBODY, OFFICE, Viewer
from bot.plan import Plan
from bot.progress.recording import Sender
from bot.progress.texts import PROGRESS_AFTER_BINDING, PROGRESS_NOT_A_PARTY
from bot.registry.units import Registry
from bot.reminders.nudges import LadderSettings, NoticeNudges, Nudge, plan_notices, plan_nudges
from tests.conftest import ROOT

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 16, 10, 0, tzinfo=ZONE)
LAW = ROOT / "tests" / "data" / "jiangmen-law-2021.txt"
SEED_LABEL, LAW_LABEL = "《政务公开工作要点》", "《法治政府建设工作要点》"
WINDOW = timedelta(minutes=30)


def test_short_names_drop_the_issuer_the_year_and_the_allocation_words(plan: Plan):
    assert short_name(plan.title) == "政务公开工作要点"
    assert (
        short_name("江门市生态环境局2021年法治政府建设工作要点分工方案") == "法治政府建设工作要点"
    )
    assert short_name("分工方案") == "分工方案"  # nothing left to shorten to


def test_a_notice_may_be_typed_without_its_last_words():
    assert handles("政务公开工作要点") == ("政务公开工作要点", "政务公开")
    assert handles("河长制工作方案") == ("河长制工作方案", "河长制")


def test_the_catalog_starts_with_the_first_notice_and_grows(tmp_path: Path):
    assert read_catalog(tmp_path) == (NoticeEntry("1"),)
    added = add_notice(tmp_path, "法治/要点.txt", LAW.read_bytes(), "法治", at=NOW)
    assert added == NoticeEntry("2", "法治", "2-要点.txt")
    assert (tmp_path / "notices" / "2-要点.txt").read_bytes() == LAW.read_bytes()
    set_archived(tmp_path, "1", True, at=NOW)
    assert read_catalog(tmp_path) == (NoticeEntry("1", archived=True), added)
    third = add_notice(tmp_path, "x.txt", b"x", "", at=NOW)
    assert third.key == "3"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[[notice]]\nkey = 2\n", "key 应是"),
        ('[[notice]]\nkey = "2"\nfile = "../x.txt"\n', "notices 目录中的文件名"),
        ('[[notice]]\nkey = "1"\nfile = "x.txt"\n', "这里不写 file"),
        ('[[notice]]\nkey = "2"\nfile = "a"\n[[notice]]\nkey = "2"\nfile = "b"\n', "重复"),
        ('[[notice]]\nkey = "2"\nfile = "a"\narchived = "yes"\n', "true 或 false"),
        ("[notice\n", "格式错误"),
    ],
)
def test_a_damaged_catalog_is_refused_with_the_reason(tmp_path: Path, text: str, why: str):
    (tmp_path / CATALOG).write_text(text, encoding="utf-8")
    with pytest.raises(NoticeError, match=why):
        read_catalog(tmp_path)


@pytest.fixture
def law(registry: Registry) -> Knowledge:
    plan = load_notice(LAW, registry)
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2021, 12, 31)))


@pytest.fixture
def seed(plan: Plan, registry: Registry) -> Knowledge:
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2021, 12, 31)))


@pytest.fixture
def desks(tmp_path: Path, seed: Knowledge, law: Knowledge) -> Iterator[list[Desk]]:
    with ExitStack() as stack:
        opened = []
        for key, know in (("1", seed), ("2", law)):
            store = stack.enter_context(LedgerStore(tmp_path / f"ledger-{key}"))
            opened.append(Desk(NoticeEntry(key), know, Ledger(store)))
        yield opened


def ask(desks: list[Notice], line: str) -> str:
    """综合科 asks `line`, read by the grammar: from the notice it names, else from all."""
    named, text = split_named(desks, line)
    know = desks[0].knowledge
    vocabulary = replace(vocabulary_of(know.plan, know.registry), task_count=34)
    [intent] = understand(text, vocabulary, today=NOW.date())
    state = ChatState(unit="综合科")
    if named is not None:
        return answer_in(state, intent, named, today=NOW.date())[1].text
    return answer_all(state, intent, desks, today=NOW.date())[1].text


def test_my_duties_cover_every_notice_in_use(desks: list[Desk]):
    text = ask(desks, "我科室负责什么")
    seed_part, law_part = text.split("\n\n" + LAW_LABEL + "\n")
    assert seed_part.startswith(SEED_LABEL + "\n综合科（科室）：")
    assert "· 第2项 配合市政府办公室" in seed_part  # 综合科牵头
    assert law_part.startswith("综合科（科室）：共 2 项，牵头 1 项、配合 1 项")
    assert "【牵头 1 项】\n· 第4项 组织开展“美好生活·民法典相伴”" in law_part


def test_a_task_number_in_both_notices_shows_both_and_a_name_picks_one(desks: list[Desk]):
    both = ask(desks, "第4项")
    assert both.startswith(
        SEED_LABEL + "\n第4项（二、做好监管执法信息公开）\n加强行政执法信息公开。"
    )
    assert LAW_LABEL + "\n第4项（二、规范行政执法行为）" in both
    one = ask(desks, "法治政府建设第4项")
    assert one.startswith(LAW_LABEL + "\n第4项（二、规范行政执法行为）")
    assert SEED_LABEL not in one
    fifth = ask(desks, "第5项是什么")  # both notices have a task 5
    assert fifth.startswith(SEED_LABEL + "\n第5项")
    assert f"\n\n{LAW_LABEL}\n第5项" in fifth
    assert ask(desks, "第30项").startswith(SEED_LABEL + "\n第30项")  # the law notice has five


def test_one_notice_answers_exactly_as_before(desks: list[Desk]):
    [first] = desks[:1]
    text = ask([first], "第4项")
    assert text.startswith("第4项（二、做好监管执法信息公开）")


def sender(message: int) -> Sender:
    return Sender("综合科", 1001, "李四", 1001, message)


def report(desks: list[Desk], text: str, message: int, notice: str | None = None) -> str:
    parsed = parse_report(text, task_count=34)
    named = named_in(desks, text)
    if named is not None:
        parsed = parse_report(text.replace("法治政府建设", ""), task_count=5)
        notice = named.key
    return record_across(parsed, sender(message), desks, NOW, WINDOW, notice=notice).text


def test_a_report_goes_to_the_notice_where_the_unit_holds_the_task(desks: list[Desk]):
    seed_desk, law_desk = desks
    text = report(desks, "第4项：已开展宪法宣传周活动", 1)
    assert text.startswith(LAW_LABEL + "\n已记录：综合科 第4项 进行中")
    assert law_desk.ledger.latest(4, "综合科").text == "已开展宪法宣传周活动"
    assert seed_desk.ledger.latest(4, "综合科") is None
    assert report(desks, "第2项进展顺利", 2).startswith(SEED_LABEL + "\n已记录：综合科 第2项")
    assert law_desk.ledger.latest(2, "综合科") is None


def test_a_task_held_in_both_notices_is_asked_about(desks: list[Desk]):
    reply = record_across(
        parse_report("第1项已完成", task_count=34), sender(3), desks, NOW, WINDOW
    )
    assert reply.text.startswith(f"第1项在{SEED_LABEL}、{LAW_LABEL}中都是综合科的任务。")
    assert reply.choices == (("1", 1), ("2", 1))
    assert all(d.ledger.latest(1, "综合科") is None for d in desks)
    named = report(desks, "法治政府建设第1项：目录已报送", 4)
    assert named.startswith(LAW_LABEL + "\n已记录：综合科 第1项 进行中")


def test_a_message_recorded_in_one_notice_is_answered_again_not_recorded_twice(
    desks: list[Desk],
):
    first = report(desks, "第4项：已开展宪法宣传周活动", 5)
    again = report(desks, "第4项：已开展宪法宣传周活动", 5)
    assert again == first
    assert len(desks[1].ledger.history()) == 1


def test_withdraw_takes_back_the_latest_report_whichever_notice(desks: list[Desk]):
    report(desks, "第2项进展顺利", 6)
    report(desks, "第4项：已开展宪法宣传周活动", 7)
    parsed = parse_report("撤回", task_count=34)
    later = NOW + timedelta(minutes=1)
    text = record_across(parsed, sender(8), desks, later, WINDOW).text
    assert text.startswith(LAW_LABEL + "\n已撤回")
    assert desks[1].ledger.latest(4, "综合科") is None
    assert desks[0].ledger.latest(2, "综合科") is not None


def test_a_progress_question_shows_each_notice_only_to_those_on_its_task(desks: list[Desk]):
    """Task 4: the seed notice's is not 综合科's; the law notice's is (综合科 leads it)."""
    rules = Sender("法规与标准科", 1002, "王五", 1002, 1)
    record_across(parse_report("第4项：执法信息已公开", task_count=34), rules, desks, NOW, WINDOW)
    report(desks, "法治政府建设第4项：已开展宪法宣传周活动", 2)
    asked = parse_report("第4项进展", task_count=34)

    def answer(viewer: Viewer) -> str:
        return record_across(asked, sender(3), desks, NOW, WINDOW, viewer=viewer).text

    staff = answer(Viewer("综合科"))
    seed_part, law_part = staff.split("\n\n" + LAW_LABEL + "\n")
    assert "执法信息已公开" not in seed_part
    assert seed_part.endswith(PROGRESS_NOT_A_PARTY.format(unit="综合科", task=4))
    assert "已开展宪法宣传周活动" in law_part
    stranger = answer(NOBODY)
    assert "执法信息已公开" not in stranger
    assert "已开展宪法宣传周活动" not in stranger
    assert stranger.count(PROGRESS_AFTER_BINDING) == 2
    office = answer(OFFICE)
    assert "执法信息已公开" in office
    assert "已开展宪法宣传周活动" in office


def nudge_days(nudges: list[Nudge], unit: str, week: tuple[date, date]) -> list[date]:
    return sorted(
        {n.at.date() for n in nudges if n.unit == unit and week[0] <= n.at.date() <= week[1]}
    )


def test_a_units_weekly_cap_counts_every_notice(seed: Knowledge, law: Knowledge):
    """办公室 cooperates on the law notice's tasks 1 and 5 and holds most of the seed's: in the
    week of 20 December 2021 the two notices give it more nudge-days than the cap of 3."""
    window = {"start": date(2021, 11, 1), "end": date(2021, 12, 31), "zone": ZONE}
    week = (date(2021, 12, 20), date(2021, 12, 26))
    apart = [
        *plan_nudges(seed.plan, seed.registry, seed.deadlines, **window),
        *plan_nudges(law.plan, law.registry, law.deadlines, **window),
    ]
    together = plan_notices(
        [NoticeNudges("1", seed.plan, seed.deadlines), NoticeNudges("2", law.plan, law.deadlines)],
        seed.registry,
        **window,
    )
    assert len(nudge_days(apart, "办公室", week)) == 4
    kept = nudge_days(together, "办公室", week)
    assert len(kept) == LadderSettings().weekly_cap
    assert {n.notice for n in together if n.unit == "办公室"} == {"1", "2"}
    assert all(n.id.startswith("2:") for n in together if n.notice == "2")
