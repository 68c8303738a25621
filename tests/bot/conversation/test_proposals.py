"""One press to confirm a report that is not of a simple form: nothing is recorded until
确认 (or 改为…) is pressed, and 取消 records nothing. 综合科 holds tasks 1, 2, 8, 9, 13 and 16;
task 24 is 办公室's."""

from __future__ import annotations

from bot.conversation.actions import Asked, Recorded, Refused, Reply, Result, Toast
from bot.ledger.reports import Status
from tests.bot.conversation.conftest import ZHANG, Build, Talk, replies, telegram

ME = telegram(ZHANG)


def choices(result: Result) -> list[list[str]]:
    [reply] = [a for a in result.actions if isinstance(a, Reply)]
    return [[c.label for c in row] for row in reply.rows]


def data(result: Result, label: str) -> str:
    [reply] = [a for a in result.actions if isinstance(a, Reply)]
    return next(c.data for row in reply.rows for c in row if c.label == label)


def recorded(talk: Talk) -> list[tuple[tuple[int, ...], Status | None, str]]:
    ledger = talk.core.active_desks()[0].ledger
    return [(e.tasks, e.status, e.text) for e in ledger.history()]


async def test_a_report_not_of_a_simple_form_is_proposed_and_recorded_on_the_press(build: Build):
    talk = await build("telegram")
    proposed = await talk.say("第13项还没完成", ME)
    assert isinstance(proposed.outcome, Asked)
    assert replies(proposed) == ["将记录为：第13项 进行中（还没完成）\n请点“确认”，点选前不记录。"]
    assert choices(proposed) == [["确认", "改为已完成", "改为有困难"], ["取消"]]
    assert recorded(talk) == []
    pressed = await talk.press(data(proposed, "确认"), ME)
    assert isinstance(pressed.outcome, Recorded)
    assert replies(pressed)[0].startswith("已记录：综合科 第13项 进行中")
    assert recorded(talk) == [((13,), Status.ONGOING, "还没完成")]
    again = await talk.press(data(proposed, "确认"), ME)  # answered already
    assert (again.actions, recorded(talk)) == (
        (Toast("按钮已失效，请重新发送 /start。"),),
        recorded(talk),
    )


async def test_a_changed_status_is_recorded_as_pressed(build: Build):
    talk = await build("telegram")
    proposed = await talk.say("第9项：已在网站公布", ME)
    assert replies(proposed)[0].startswith("将记录为：第9项 已完成（已在网站公布）")
    pressed = await talk.press(data(proposed, "改为进行中"), ME)
    assert isinstance(pressed.outcome, Recorded)
    assert recorded(talk) == [((9,), Status.ONGOING, "已在网站公布")]


async def test_cancel_records_nothing(build: Build):
    talk = await build("telegram")
    proposed = await talk.say("第16项完成了一半", ME)
    cancelled = await talk.press(data(proposed, "取消"), ME)
    assert isinstance(cancelled.outcome, Refused)
    assert replies(cancelled) == ["已取消，未记录。"]
    assert recorded(talk) == []


async def test_several_reports_are_confirmed_together(build: Build):
    talk = await build("telegram")
    proposed = await talk.say("第8项已完成，第16项还没完成", ME)
    assert replies(proposed) == [
        "将记录为：\n第8项 已完成（已完成）\n第16项 进行中（还没完成）\n请点“确认”，点选前不记录。"
    ]
    assert choices(proposed) == [["全部确认"], ["取消"]]
    pressed = await talk.press(data(proposed, "全部确认"), ME)
    assert isinstance(pressed.outcome, Recorded)
    assert recorded(talk) == [((8,), Status.DONE, "已完成"), ((16,), Status.ONGOING, "还没完成")]


async def test_a_newer_proposal_makes_the_older_choices_stale(build: Build):
    talk = await build("telegram")
    first = await talk.say("第13项还没完成", ME)
    await talk.say("第16项完成了一半", ME)
    stale = await talk.press(data(first, "确认"), ME)
    assert isinstance(stale.outcome, Refused)
    assert recorded(talk) == []


async def test_a_task_the_unit_does_not_hold_is_refused_before_any_proposal(build: Build):
    talk = await build("telegram")
    refused = await talk.say("第24项还没完成", ME)
    assert isinstance(refused.outcome, Refused)
    assert replies(refused) == ["综合科在第24项中没有任务，未记录。请检查项号。"]


async def test_a_simple_form_is_recorded_at_once(build: Build):
    talk = await build("telegram")
    result = await talk.say("第13项 正在推进", ME)
    assert isinstance(result.outcome, Recorded)
    assert recorded(talk) == [((13,), Status.ONGOING, "正在推进")]


async def test_a_reply_to_a_nudge_not_of_a_simple_form_is_proposed_on_the_nudge_s_task(
    build: Build,
):
    talk = await build("telegram")
    nudge = ("s:13:20211231:c", "s:13:20211231:p", "s:13:20211231:h", "s:13:20211231:e")
    proposed = await talk.say("还没完成", ME, replied=nudge)
    assert replies(proposed)[0].startswith("将记录为：第13项 进行中（还没完成）")
    assert recorded(talk) == []
    simple = await talk.say("正在推进", ME, replied=nudge)
    assert isinstance(simple.outcome, Recorded)
    assert recorded(talk) == [((13,), Status.ONGOING, "正在推进")]


async def test_a_report_naming_no_task_is_proposed_once_its_task_is_chosen(build: Build):
    talk = await build("telegram")
    asked = await talk.say("目录已编制，待发布", ME)
    assert replies(asked)[0].startswith("这条进展是哪一项的？")
    proposed = await talk.press("r:13", ME)
    assert replies(proposed)[0].startswith("将记录为：第13项 进行中（目录已编制，待发布）")
    assert recorded(talk) == []
    await talk.press(data(proposed, "确认"), ME)
    assert recorded(talk) == [((13,), Status.ONGOING, "目录已编制，待发布")]
