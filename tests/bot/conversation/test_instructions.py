"""领导批示 in the conversation: a leader or admin writes it (typed, /instruct, a reply to the
weekly digest, after 写批示), it is recorded before the reply, staff are refused, and the task's
answer shows it to those who may read its progress.

张三 (1001) is bound to 综合科, which leads task 2; 9001 is the office's admin, 7001 a leader who
observes; the time is 2021-11-15 09:00.
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.actions import Asked, Recorded, Refused, Reply, Toast
from bot.conversation.events import Place, Text
from bot.instructions.column import instruction_cells
from bot.ledger.history import INSTRUCTION
from bot.notices.catalog import add_notice
from tests.bot.conversation.conftest import (
    ADMIN,
    CONSOLE_PERSON,
    STRANGER,
    ZHANG,
    Build,
    Talk,
    replies,
    telegram,
)
from tests.conftest import ROOT
from tests.handlers.conftest import NOW

LEADER = 7001
DIGEST = ("iw",)  # the 写批示 choice under the weekly digest


async def with_leader(build: Build) -> Talk:
    talk = await build("telegram")
    settings = talk.core.config
    leaders = frozenset({LEADER})
    talk.core.config = replace(settings, telegram=replace(settings.telegram, leaders=leaders))
    return talk


def recorded_on(talk: Talk) -> list[tuple[tuple[int, ...], str, str]]:
    return [(e.tasks, e.text, e.name) for e in talk.core.ledger.instructions()]


async def test_a_leader_s_typed_instruction_is_recorded_then_acknowledged(build: Build):
    talk = await with_leader(build)
    result = await talk.say("批示 第2项：请抓紧推进，12月底前完成。", telegram(LEADER, "张局长"))
    assert isinstance(result.outcome, Recorded)
    assert result.outcome.entry.kind == INSTRUCTION
    assert recorded_on(talk) == [((2,), "请抓紧推进，12月底前完成。", "张局长")]
    assert replies(result) == [
        "已记录领导批示：第2项：请抓紧推进，12月底前完成。\n"
        "将发给：综合科。在发送时段内发出，每人一次；各单位可直接回复批示消息报告进展。"
    ]
    assert talk.core.rounds_wanted.is_set()  # the rounds send it now, not in a minute


async def test_staff_are_refused_and_nothing_is_recorded(build: Build):
    talk = await with_leader(build)
    result = await talk.say("批示 第2项：请抓紧推进", telegram(ZHANG))
    assert isinstance(result.outcome, Refused)
    assert replies(result)[0].startswith("批示由领导或办公室管理员填写，未记录。")
    command = await talk.command("/instruct 2 请抓紧推进", telegram(ZHANG))
    assert isinstance(command.outcome, Refused)
    replied = await talk.say("第2项：请抓紧", telegram(ZHANG), replied=DIGEST)
    assert not isinstance(replied.outcome, Recorded)
    assert recorded_on(talk) == []
    assert not talk.core.rounds_wanted.is_set()


async def test_an_admin_s_instruct_command_is_recorded_and_the_units_without_people_named(
    build: Build,
):
    talk = await build("telegram")
    result = await talk.command("/instruct 24 请抓紧推进", telegram(ADMIN, "李主任"))
    assert isinstance(result.outcome, Recorded)
    assert recorded_on(talk) == [((24,), "请抓紧推进", "李主任")]
    assert "将发给：办公室（尚无人绑定，暂时无人收到）。" in replies(result)[0]
    usage = await talk.command("/instruct 请抓紧", telegram(ADMIN))
    assert replies(usage) == [
        "用法：/instruct 项号 批示内容，例如 /instruct 24 请抓紧推进，11月底前完成。"
    ]


async def test_a_missing_task_or_words_is_asked_and_a_redelivery_recorded_once(build: Build):
    talk = await with_leader(build)
    leader = telegram(LEADER, "张局长")
    no_task = await talk.say("批示：请抓紧", leader)
    assert isinstance(no_task.outcome, Asked)
    assert replies(no_task)[0].startswith("请写明批示哪一项")
    no_words = await talk.say("批示 第2项", leader)
    assert replies(no_words) == ["请写明对第2项的批示内容，例如：批示 第2项：请抓紧推进。"]
    unknown = await talk.say("批示 第99项：请抓紧", leader)
    assert replies(unknown) == ["通知里没有第99项（共 34 项）。"]
    again = Text(leader, Place(LEADER, group=False), "批示 第2项：请抓紧推进", talk.next_id())
    first = await talk.conversation.handle(again)
    repeated = await talk.conversation.handle(again)  # delivered again after a crash
    assert isinstance(first.outcome, Recorded)
    assert replies(repeated) == ["这条消息已经记录过了。"]
    assert len(recorded_on(talk)) == 1


async def test_a_reply_to_the_digest_and_the_line_after_its_choice_are_instructions(
    build: Build,
):
    talk = await with_leader(build)
    leader = telegram(LEADER, "张局长")
    replied = await talk.say("第2项：请抓紧推进", leader, replied=DIGEST)
    assert isinstance(replied.outcome, Recorded)
    pressed = await talk.press("iw", leader)
    assert isinstance(pressed.outcome, Asked)
    assert pressed.actions[0] == Toast()
    assert isinstance(pressed.actions[1], Reply)
    no_task = await talk.say("请抓紧", leader)
    assert replies(no_task)[0].startswith("请写明批示哪一项")
    after = await talk.say("24项 目录编制要覆盖各科室", leader)
    assert isinstance(after.outcome, Recorded)
    assert recorded_on(talk) == [
        ((2,), "请抓紧推进", "张局长"),
        ((24,), "目录编制要覆盖各科室", "张局长"),
    ]
    question = await talk.say("第2项什么时候截止？", leader, replied=DIGEST)
    assert not isinstance(question.outcome, Recorded)  # a question is answered as one
    await talk.press("iw", leader)
    cancelled = await talk.say("取消", leader)
    assert replies(cancelled) == ["已取消，未记录批示。"]
    staff = await talk.press("iw", telegram(ZHANG))
    assert isinstance(staff.outcome, Refused)


async def test_the_task_s_answer_shows_its_instructions_to_those_who_read_its_progress(
    build: Build,
):
    talk = await with_leader(build)
    await talk.say("批示 第2项：请抓紧推进", telegram(LEADER, "张局长"))
    shown = "领导批示：请抓紧推进（张局长，11月15日）"
    assert shown in replies(await talk.say("第2项", telegram(ZHANG)))[0]
    assert shown in replies(await talk.command("/task 2", telegram(ADMIN)))[0]
    assert shown in replies(await talk.say("第2项进展", telegram(ZHANG)))[0]
    assert shown not in replies(await talk.say("第2项", telegram(STRANGER)))[0]
    assert shown not in replies(await talk.say("第3项", telegram(ZHANG)))[0]


async def test_the_console_office_writes_one_and_the_export_column_has_it(build: Build):
    talk = await build("console")
    talk.core.console_admin = True
    result = await talk.say("第24项批示：请抓紧推进", CONSOLE_PERSON)
    assert isinstance(result.outcome, Recorded)
    assert instruction_cells(talk.core.ledger) == {24: "领导批示：请抓紧推进（控制台，11月15日）"}


async def test_with_two_notices_the_instruction_names_its_notice(build: Build):
    talk = await build("telegram")
    law = ROOT / "tests" / "data" / "jiangmen-law-2021.txt"
    add_notice(talk.core.config.data_dir, law.name, law.read_bytes(), "", at=NOW)
    await talk.core.reload_knowledge()
    first, second = talk.core.active_desks()
    asked = await talk.command("/instruct 2 请抓紧推进", telegram(ADMIN, "李主任"))
    assert isinstance(asked.outcome, Refused)
    assert replies(asked)[0].startswith(f"第2项在{first.label}、{second.label}中都有")
    named = await talk.command(f"/instruct {second.name} 2 请抓紧推进", telegram(ADMIN, "李主任"))
    assert isinstance(named.outcome, Recorded)
    assert replies(named)[0].startswith(f"{second.label}\n已记录领导批示：第2项")
    assert [e.text for e in second.ledger.instructions()] == ["请抓紧推进"]
    assert first.ledger.instructions() == []
    beyond = await talk.command(f"/instruct {second.name} 9 请抓紧", telegram(ADMIN))
    assert replies(beyond) == ["通知里没有第9项（共 5 项）。"]
