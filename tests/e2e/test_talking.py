"""Issue 18 over Telegram: staff and the office talk to ONE real bot process as they would.

The table is one conversation, in order (a press answers the message before it, from the same
person). 办公室 and 综合科 have several members who take turns, as colleagues would: the bot
sends a person at most one message a second (Telegram's limit), so one person typing every line
would make the conversation wait on that limit. The bot's clock starts on Monday 2021-11-15 at
08:00, before the send hours, so no nudge interleaves.
Expected facts, read from data/notice-2021.txt and data/units.toml:

* 办公室 leads task 24, due 2021-11-20 (a Saturday, 4 working days after Monday the 15th) and
  2021-12-10 (19 working days); nothing of its falls due the week of 22 November;
* 综合科 leads task 2 only; it holds tasks 1 and 9 itself, 8, 10, 11 through 各科室（单位）
  and cooperates on 17; its next date is the default year end, Friday 31 December
  (34 working days from the 15th); task 1 it shares only with an undefined group;
* task 3 is 具有审批职能的各相关科室 (undefined) and 各市（区）分局: 蓬江分局 must do it,
  for 综合科 it is not certain;
* 分局 fits the seven 分局 and the group 各市（区）分局;
* task 5 is 预算、决算及相关报表公开, led by 财务与审计科; no task speaks of 年报数据核查,
  task 29 (年报基础性数据) is the nearest;
* the help's examples come from this notice: 办公室 leads task 12; the last section is 十五.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, RunningBot, launch, user
from tests.e2e.test_nudges import seed
from tests.fakebotapi import FakeBotApi

BGS = (1001, 1002, 1003)  # members of 办公室
ZH = (2001, 2002, 2003, 2004, 2005, 2006)  # members of 综合科
PJ = 3001  # a member of 蓬江分局
NOW = "2021-11-15T08:00:00+08:00"


@dataclass(frozen=True)
class Press:
    """Press the button labelled `label` under the last message the bot sent."""

    label: str


@dataclass
class Talk:
    """The fake Bot API and the one bot process of this module."""

    api: FakeBotApi
    bot: RunningBot
    workdir: Path


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Talk]:
    workdir = tmp_path_factory.mktemp("talking")
    seed(workdir, {**dict.fromkeys(BGS, "办公室"), **dict.fromkeys(ZH, "综合科"), PJ: "蓬江分局"})
    with FakeBotApi() as api:
        running = launch(api, workdir, "--now", NOW)
        try:
            yield Talk(api, running, workdir)
        finally:
            assert running.stop() == 0


def exchange(talk: Talk, who: int, said: str | Press, count: int) -> list:
    """Type a line (or press a button) as `who`; the `count` messages the bot sends back."""
    api = talk.api
    before = len(api.sent(who))
    if isinstance(said, Press):
        shown = api.sent(who)[-1]
        data = next(
            b["callback_data"] for row in shown.buttons for b in row if b["text"] == said.label
        )
        api.press_button(who, shown.message_id, data, user=user(who))
    else:
        api.send_text(who, said, user=user(who))
    api.wait_for_messages_sync(who, before + count, timeout=REPLY_TIMEOUT)
    return api.sent(who)[before : before + count]


# (who, what they type or press, the words each reply holds: one tuple per reply), in order.
LINES: tuple[tuple[int, str | Press, tuple[tuple[str, ...], ...]], ...] = (
    # 1. time
    (
        BGS[0],
        "本周要做什么",
        (
            (
                "办公室本周（11月15日至11月21日）到期",
                "第24项",
                "11月20日（周六）",
                "还有 4 个工作日",
            ),
        ),
    ),
    (BGS[1], "下周有什么到期", (("办公室下周（11月22日至11月28日）到期的任务：没有",),)),
    (BGS[2], "有没有逾期", (("办公室没有逾期的任务",),)),
    (
        BGS[0],
        "24项啥时候截止",
        (("第24项", "11月20日（周六），还有 4 个工作日", "12月10日（周五），还有 19 个工作日"),),
    ),
    (
        ZH[0],
        "本周要做什么",
        (
            (
                "综合科本周（11月15日至11月21日）到期的任务：没有",
                "12月31日（周五），还有 34 个工作日",
            ),
        ),
    ),
    # 2. task references
    (ZH[1], "任务24", (("第24项（十一、推进基层政务公开标准化规范化）", "牵头：办公室"),)),
    (ZH[2], "第二十四项", (("第24项（十一、推进基层政务公开标准化规范化）",),)),
    (ZH[3], "２４", (("第24项（十一、推进基层政务公开标准化规范化）",),)),
    (ZH[4], "第 24 项", (("第24项（十一、推进基层政务公开标准化规范化）",),)),
    (ZH[5], "24号任务", (("第24项（十一、推进基层政务公开标准化规范化）",),)),
    (ZH[0], "第24条", (("第24项（十一、推进基层政务公开标准化规范化）",),)),
    # 3. how-to and help
    (ZH[1], "怎么申请延期", (("申请延期 第1项 到", "理由"),)),
    (ZH[2], "帮助", (("以办公室为例", "第12项：已完成", "第十五部分有哪些任务"),)),
    # 4. reports
    (ZH[3], "第1项 已完成规划公开", (("已记录：综合科 第1项 已完成", "已完成规划公开"),)),
    (ZH[4], "第9项还没完成", (("将记录为：第9项 进行中（还没完成）", "点选前不记录"),)),
    (ZH[4], Press("确认"), (("已记录：综合科 第9项 进行中",),)),
    (
        ZH[5],
        "第8项已完成，第10项进行中",
        (("已记录：综合科 第8项 已完成",), ("已记录：综合科 第10项 进行中",)),
    ),
    (ZH[0], "第11项己完成", (("已记录：综合科 第11项 已完成", "己完成"),)),
    (ZH[1], "第2项 差不多了", (("第2项“差不多了”是已完成，还是仍在办理？", "点选前不记录"),)),
    (ZH[1], Press("第2项 已完成"), (("已记录：综合科 第2项（截止 12月31日（周五））已完成",),)),
    # 5. several units, a vague one
    (ZH[2], "执法一科和执法二科的任务", (("执法一科（科室）", "执法二科（科室）"),)),
    (ZH[3], "分局的任务", (("“分局”指哪个单位？", "蓬江分局", "恩平分局", "各市（区）分局"),)),
    (ZH[3], Press("蓬江分局"), (("蓬江分局（分局）",),)),
    # 6. filters and yes/no
    (ZH[4], "我们科室有哪些牵头任务", (("综合科牵头的任务：共 1 项", "第2项"),)),
    (ZH[5], "我们配合哪些任务", (("综合科配合的任务", "第17项"),)),
    (ZH[0], "第3项我们要不要做", (("暂不确定", "具有审批职能的各相关科室"),)),
    (PJ, "第3项我们要不要做", (("要", "各市（区）分局"),)),
    # 7. the office's questions in words
    (ZH[1], "哪些单位还没报", (("办公室查看各单位进展用的",),)),
    (ADMIN, "哪些单位还没报", (("【未反馈】", "· 第24项，截止 11月20日（周六）：办公室"),)),
    (ADMIN, "导出台账", (("",),)),
    # 8. search and a miss
    (ZH[2], "预算公开谁负责", (("第5项", "牵头：财务与审计科"),)),
    (
        ZH[4],
        "谁负责年报数据核查",
        (("没有找到和“年报数据核查”有关的任务", "最接近的任务", "第29项"),),
    ),
    # 9. small talk
    (ZH[5], "你好", (("您好",),)),
    (ZH[0], "谢谢", (("不客气",),)),
)


@pytest.mark.parametrize(
    ("who", "said", "expected"), LINES, ids=[f"{i:02d}" for i in range(len(LINES))]
)
def test_each_line_as_a_user_sees_it(talk: Talk, who, said, expected):
    got = exchange(talk, who, said, len(expected))
    for message, words in zip(got, expected, strict=True):
        for word in words:
            assert word in message.text, f"{said!r}: {word!r} not in {message.text!r}"


def test_no_reply_too_many(talk: Talk):
    """Every line had exactly the replies expected (one per intent), none late."""
    for who in (*ZH, *BGS, PJ, ADMIN):
        expected = sum(len(replies) for person, _, replies in LINES if person == who)
        assert len(talk.api.sent(who)) == expected, [m.text[:30] for m in talk.api.sent(who)]


def test_what_the_office_is_refused_and_shown(talk: Talk):
    """导出台账 from an admin is a workbook; 综合科's reports left tasks 1 and 2 (its own and
    an undefined group's) off the list of who has not reported."""
    sent = talk.api.sent(ADMIN)
    missing = next(m.text for m in sent if m.text.startswith("【未反馈】"))
    assert "· 第1项，" not in missing
    assert "· 第2项，" not in missing
    [export] = [m for m in sent if m.method == "sendDocument"]
    assert export.upload is not None
    assert export.upload.filename.startswith("台账")
    cells = {
        str(c.value)
        for ws in load_workbook(BytesIO(export.upload.content))
        for row in ws.iter_rows()
        for c in row
    }
    assert {"己完成", "已完成规划公开", "还没完成"} <= cells


def test_the_ledger_holds_what_was_meant_in_the_words_typed(talk: Talk):
    """Each report once, at the status meant, in the words typed; the unclear one only after
    the press, and nothing for questions."""
    records = []
    for shard in sorted((talk.workdir / "data" / "ledger").glob("ledger-*.json")):
        records += json.loads(shard.read_text(encoding="utf-8"))["ledger"].values()
    assert [(r["u"], r["t"], r["s"], r["x"]) for r in records] == [
        ("综合科", [1], "已完成", "已完成规划公开"),
        ("综合科", [9], "进行中", "还没完成"),
        ("综合科", [8], "已完成", "已完成"),
        ("综合科", [10], "进行中", "进行中"),
        ("综合科", [11], "已完成", "己完成"),
        ("综合科", [2], "已完成", "差不多了"),
    ]
