"""复核 in the conversation: 通过 / 退回 presses, who may press them, and the reason line.

张三 (1001) is bound to 综合科, which leads task 2 (due 2021-12-31, a Friday); 9001 is the
office's admin; the time is 2021-11-15 09:00.
"""

from __future__ import annotations

from bot.conversation.actions import Asked, Recorded, Refused, Send, Toast
from bot.ledger.reports import Status
from tests.bot.conversation.conftest import ADMIN, ZHANG, Build, Talk, replies, telegram

DONE = "s:2:20211231:c"
WHAT = "综合科 第2项（截止 12月31日（周五））"


async def reported(talk: Talk) -> int:
    result = await talk.press(DONE, telegram(ZHANG))
    assert isinstance(result.outcome, Recorded)
    assert replies(result)[0].endswith("此节点不再提醒。待办公室复核，通过后销号。")
    return result.outcome.entry.id


def sends(result) -> list[tuple[int, str]]:
    return [(a.chat_id, a.text) for a in result.actions if isinstance(a, Send)]


async def test_a_pass_closes_tells_the_unit_and_a_second_press_changes_nothing(build: Build):
    talk = await build("telegram")
    report = await reported(talk)
    staff = await talk.press(f"vp:{report}", telegram(ZHANG))
    assert staff.actions == (Toast("这是办公室管理员的命令，您没有权限使用。", alert=True),)
    assert talk.core.ledger.verification(report) is None
    passed = await talk.press(f"vp:{report}", telegram(ADMIN, "王主任"))
    assert isinstance(passed.outcome, Recorded)
    assert replies(passed) == [f"已通过：{WHAT}，已销号，已告知该单位。"]
    assert sends(passed) == [
        (
            ZHANG,
            f"办公室已复核通过{WHAT}的“已完成”报告（11月15日 09:00），此节点已销号。",
        )
    ]
    refusal = "这条报告已由王主任于 11-15 09:00 通过复核（已销号），无需重复处理。"
    for data in (f"vp:{report}", f"vb:{report}"):
        again = await talk.press(data, telegram(ADMIN, "李副主任"))
        assert again.actions == (Toast(refusal, alert=True),)
        assert isinstance(again.outcome, Refused)
    assert len(talk.core.ledger.history()) == 2


async def test_a_return_asks_for_a_reason_then_reopens_and_tells_the_unit(build: Build):
    talk = await build("telegram")
    report = await reported(talk)
    admin = telegram(ADMIN, "王主任")
    asked = await talk.press(f"vb:{report}", admin)
    assert isinstance(asked.outcome, Asked)
    assert replies(asked) == [
        f"退回{WHAT}：请用一句话写退回理由（单位会收到），不退回请发“取消”。"
    ]
    cancelled = await talk.say("取消", admin)
    assert replies(cancelled) == ["好的，未退回。"]
    assert talk.core.ledger.latest(2, "综合科").status is Status.DONE
    await talk.press(f"vb:{report}", admin)
    empty = await talk.say("。。。", admin)
    assert isinstance(empty.outcome, Refused)
    returned = await talk.say("缺少发文文号", admin)
    assert isinstance(returned.outcome, Recorded)
    assert sends(returned) == [
        (
            ZHANG,
            f"办公室复核退回了{WHAT}的“已完成”报告（11月15日 09:00），理由：缺少发文文号。"
            "此项恢复为进行中，提醒将继续；整改后请再报告。",
        )
    ]
    latest = talk.core.ledger.latest(2, "综合科")
    assert (latest.status, latest.returned) == (Status.ONGOING, "缺少发文文号")
    # The next line is an ordinary one again.
    after = await talk.say("第2项是什么", admin)
    assert not isinstance(after.outcome, Recorded)


async def test_a_stale_or_forged_review_press_changes_nothing(build: Build):
    talk = await build("telegram")
    gone = await talk.press("vp:99", telegram(ADMIN, "王主任"))
    assert gone.actions == (Toast("找不到这条报告（可能已撤回），无需复核。", alert=True),)
    forged = await talk.press("vp:abc", telegram(ADMIN, "王主任"))
    assert isinstance(forged.outcome, Refused)
    assert talk.core.ledger.history() == []
