"""The wording of 领导批示: the leader's acknowledgement, refusals, the message the units get,
and a 批示 as a task's answer and the 台账 show it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.ledger.history import Entry

EXAMPLE = "例如：批示 第24项：请抓紧推进，11月底前完成。"
STAFF_REFUSED = (
    "批示由领导或办公室管理员填写，未记录。如需报告进展，请直接写，例如：第24项 已完成目录编制。"
)
ASK_TASK = "请写明批示哪一项，" + EXAMPLE
ASK_WORDS = "请写明对第{task}项的批示内容，例如：批示 第{task}项：请抓紧推进。"
USAGE = "用法：/instruct 项号 批示内容，例如 /instruct 24 请抓紧推进，11月底前完成。"
WHICH_NOTICE = "第{task}项在{labels}中都有，请在前面写上通知名，例如：批示 {example}第{task}项：……"
DIGEST_CHOICE = "写批示"
PROMPT = "请写批示：项号和内容，例如“第24项：请抓紧推进”（也可直接回复周报）。发“取消”则不写。"
CANCELLED = "已取消，未记录批示。"
NOBODY_BOUND = "（尚无人绑定，暂时无人收到）"


def recorded(entry: Entry, units: Sequence[str], nobody: Sequence[str]) -> str:
    """The leader's acknowledgement, once the 批示 is on disk: whom it goes to."""
    named = "、".join(f"{u}{NOBODY_BOUND if u in nobody else ''}" for u in units) or "（无）"
    [task] = entry.tasks
    return (
        f"已记录领导批示：第{task}项：{entry.text}\n"
        f"将发给：{named}。在发送时段内发出，每人一次；各单位可直接回复批示消息报告进展。"
    )


def for_unit(entry: Entry, task: int, requirement: str, unit: str) -> str:
    """The 批示 as the unit's people get it, above the task's status choices."""
    return (
        f"【领导批示】{unit} 第{task}项：{requirement}\n"
        f"{entry.name}批示：{entry.text}\n"
        f"（{entry.at.month}月{entry.at.day}日 {entry.at:%H:%M}）\n"
        "请按批示办理；进展可直接回复本消息，或点下方按钮。"
    )


def line(entry: Entry) -> str:
    """``领导批示：请抓紧推进（张局长，11月16日）``: one 批示 in a task's answer or cell."""
    return f"领导批示：{entry.text}（{entry.name}，{entry.at.month}月{entry.at.day}日）"


def lines(entries: Sequence[Entry]) -> str:
    """Every 批示 on a task, oldest first, one a line (empty when none)."""
    return "\n".join(line(e) for e in entries)
