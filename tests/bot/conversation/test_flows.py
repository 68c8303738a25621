"""Each flow of the conversation: events in, actions and a typed outcome out, no channel.

张三 (1001) is bound to 综合科, which leads task 2 (due 2021-12-31, a Friday); 9001 is the
office's admin; the time is 2021-11-15 09:00.
"""

from __future__ import annotations

from bot.conversation.actions import (
    Answered,
    Asked,
    Changed,
    Edit,
    Nothing,
    Recorded,
    Refused,
    Reply,
    Send,
    SendFile,
    Toast,
)
from bot.conversation.events import Place
from bot.ledger.reports import Status
from tests.bot.conversation.conftest import ADMIN, STRANGER, ZHANG, Build, replies, telegram

NUDGE = ("s:2:20211231:c", "s:2:20211231:p", "s:2:20211231:h", "s:2:20211231:e")


def datas(result) -> list[str]:
    return [c.data for a in result.actions for row in getattr(a, "rows", ()) for c in row]


async def test_a_report_naming_no_task_asks_which_then_a_choice_records_it(build: Build):
    talk = await build("telegram")
    asked = await talk.say("已完成", telegram(ZHANG))
    assert isinstance(asked.outcome, Asked)
    assert "r:2" in datas(asked)
    chosen = await talk.press("r:2", telegram(ZHANG))
    assert isinstance(chosen.outcome, Recorded)
    assert chosen.outcome.entry.tasks == (2,)
    assert replies(chosen)[0].startswith("已记录：综合科 第2项 已完成")


async def test_a_reply_to_a_nudge_is_about_its_task(build: Build):
    talk = await build("telegram")
    done = await talk.say("已完成", telegram(ZHANG), replied=NUDGE)
    assert isinstance(done.outcome, Recorded)
    assert done.outcome.entry.tasks == (2,)


async def test_a_nudge_reply_the_grammar_did_not_read_is_proposed_not_recorded(build: Build):
    talk = await build("telegram")
    # No report form: its status is guessed from the words alone, so it waits for a press.
    proposed = await talk.say("已联系市发展改革局", telegram(ZHANG), replied=NUDGE)
    assert isinstance(proposed.outcome, Asked)
    assert replies(proposed)[0].startswith("将记录为：第2项 进行中（已联系市发展改革局）")
    assert talk.core.ledger.history() == []
    [reply] = [a for a in proposed.actions if isinstance(a, Reply)]
    confirm = next(c.data for row in reply.rows for c in row if c.label == "确认")
    pressed = await talk.press(confirm, telegram(ZHANG))
    assert isinstance(pressed.outcome, Recorded)
    assert [(e.tasks, e.status) for e in talk.core.ledger.history()] == [((2,), Status.ONGOING)]


async def test_done_under_a_nudge_records_once(build: Build):
    talk = await build("telegram")
    done = await talk.press(NUDGE[0], telegram(ZHANG))
    assert isinstance(done.outcome, Recorded)
    text = "已记录：综合科 第2项（截止 12月31日（周五））已完成，此节点不再提醒。待办公室复核，通过后销号。"
    assert replies(done) == [text]
    again = await talk.press(NUDGE[0], telegram(ZHANG))
    assert isinstance(again.outcome, Refused)
    assert again.actions == (Toast("第2项（截止 12月31日（周五））此前已记录为已完成。"),)


async def test_blocked_asks_what_and_the_next_line_is_the_blocker(build: Build):
    talk = await build("telegram")
    asked = await talk.press(NUDGE[2], telegram(ZHANG))
    assert isinstance(asked.outcome, Asked)
    assert replies(asked) == ["第2项遇到了什么困难？请用一句话回复，办公室会在督办汇总里看到。"]
    told = await talk.say("缺少上级数据", telegram(ZHANG))
    assert isinstance(told.outcome, Recorded)
    assert told.outcome.entry.status is Status.BLOCKED


async def test_extension_after_the_button_goes_to_the_office_and_its_decision_to_the_unit(
    build: Build,
):
    talk = await build("telegram")
    asked = await talk.press(NUDGE[3], telegram(ZHANG))
    assert isinstance(asked.outcome, Asked)
    assert replies(asked)[0].startswith("申请延期第2项：")
    sent = await talk.say("2022年1月20日，等待上级数据", telegram(ZHANG))
    assert isinstance(sent.outcome, Recorded)
    [to_office] = [a for a in sent.actions if isinstance(a, Send)]
    assert to_office.chat_id == ADMIN
    request = sent.outcome.entry.id
    assert [c.data for row in to_office.rows for c in row] == [f"xg:{request}", f"xr:{request}"]

    refused = await talk.press(f"xg:{request}", telegram(ZHANG))
    assert refused.actions == (Toast("这是办公室管理员的命令，您没有权限使用。", alert=True),)
    granted = await talk.press(f"xg:{request}", telegram(ADMIN, "王主任"))
    assert isinstance(granted.outcome, Recorded)
    [edit] = [a for a in granted.actions if isinstance(a, Edit)]
    assert edit.text == f"{to_office.text}\n——已同意（王主任）"  # as shown, then decided
    assert [a.chat_id for a in granted.actions if isinstance(a, Send)] == [ZHANG]
    repeated = await talk.press(f"xg:{request}", telegram(ADMIN, "王主任"))
    assert not isinstance(repeated.outcome, Recorded)


async def test_a_claim_asks_the_office_and_where_it_was_shown_is_remembered(build: Build):
    talk = await build("telegram")
    claimed = await talk.say("我是信息中心", telegram(STRANGER, "李四"))
    [ask] = [a for a in claimed.actions if isinstance(a, Send)]
    assert (ask.chat_id, ask.replaces) == (ADMIN, None)
    await talk.conversation.sent(ask.track, [(ADMIN, 77)])
    pending = talk.core.bindings.pending_of(STRANGER)
    assert pending.shown == ((ADMIN, 77),)
    approve = next(d for d in datas(claimed) if d.startswith("ok:"))
    decided = await talk.press(approve, telegram(ADMIN, "王主任"), message_id=77)
    assert isinstance(decided.outcome, Changed)
    told = [a for a in decided.actions if isinstance(a, Send)]
    assert [(a.chat_id, a.text) for a in told] == [
        (STRANGER, "办公室已批准：您属于“市环境信息中心”。现在可以问“我科室负责什么”，或发 /my。")
    ]
    assert talk.core.bindings.unit_of(STRANGER) == "市环境信息中心"


async def test_a_work_group_reports_for_its_unit(build: Build):
    talk = await build("telegram")
    group = Place(-100777, group=True, title="综合科工作群")
    registered = await talk.command("/group 综合科", telegram(ZHANG), group)
    assert isinstance(registered.outcome, Changed)
    reported = await talk.say("第2项 正在推进", telegram(STRANGER, "李四"), group)
    assert isinstance(reported.outcome, Recorded)
    assert reported.outcome.entry.unit == "综合科"
    private_only = await talk.command("/my", telegram(ZHANG), group)
    assert (private_only.actions, private_only.outcome) == ((), Nothing())


async def test_office_commands_are_the_office_s(build: Build):
    talk = await build("telegram")
    refused = await talk.command("/pending", telegram(ZHANG))
    assert isinstance(refused.outcome, Refused)
    assert replies(refused) == ["这是办公室管理员的命令，您没有权限使用。"]
    listed = await talk.command("/pending", telegram(ADMIN))
    assert isinstance(listed.outcome, Answered)


async def test_export_is_a_file_for_the_office(build: Build):
    talk = await build("telegram")
    result = await talk.command("/export", telegram(ADMIN))
    [file] = result.actions
    assert isinstance(file, SendFile)
    assert file.name.endswith(".xlsx")
    assert file.data[:2] == b"PK"  # an .xlsx is a zip


async def test_a_press_the_bot_did_not_make_changes_nothing(build: Build):
    talk = await build("telegram")
    result = await talk.press("t:abc", telegram(ZHANG))
    assert result.actions == (Toast("按钮已失效，请重新发送 /start。"),)
    assert isinstance(result.outcome, Refused)


async def test_the_ledger_keeps_each_report_as_typed(build: Build):
    """己 for 已 and Cantonese (搞掂咗, 仲未) are read as meant and recorded as written."""
    talk = await build("telegram")
    proposed = await talk.say("第2项搞掂咗😊，第1项仲未完成", telegram(ZHANG))
    [confirm, cancel] = proposed.actions[0].rows  # a negation: confirmed with one press
    result = await talk.press(confirm[0].data, telegram(ZHANG))
    assert isinstance(result.outcome, Recorded)
    entries = (result.outcome.entry, *result.outcome.also)
    assert [(e.tasks, e.status, e.text) for e in entries] == [
        ((2,), Status.DONE, "搞掂咗😊"),
        ((1,), Status.ONGOING, "仲未完成"),
    ]
    fixed = await talk.say("修改：第1项己完成", telegram(ZHANG))
    assert isinstance(fixed.outcome, Recorded)
    assert (fixed.outcome.entry.status, fixed.outcome.entry.text) == (Status.DONE, "己完成")
