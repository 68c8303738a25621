"""What 延期申请 and 退回 say to staff and to the office."""

from __future__ import annotations

from bot.ledger.history import Entry
from bot.reminders.texts import moment_label
from bot.texts import day_label

ASK_LINE = (
    "申请延期第{task}项：请用一句话写新的日期和理由，"
    "例如：12月20日，上级平台升级暂停发布。不申请了可发“取消”。"
)
CANCELLED = "好的，未提交延期申请。"
RETURN_USAGE = "用法：/return 项号 单位 理由，例如：/return 24 办公室 目录缺少执法类信息，请补充"
RETURN_UNKNOWN_UNIT = "没有找到单位“{unit}”，请写单位全称或常用简称。"
GRANT, REFUSE = "同意", "驳回"
NO_OPEN_REQUESTS = "没有待审批的延期申请。"
OPEN_REQUESTS_HEAD = "待审批的延期申请（{count} 条）："


def _when(entry: Entry) -> str:
    [task] = entry.tasks
    return f"第{task}项 {day_label(entry.due(task))} → {day_label(entry.until)}"


def submitted(entry: Entry) -> str:
    """To the requester, once the request is on disk."""
    return (
        f"已提交延期申请：{entry.unit} {_when(entry)}，理由：{entry.text}。办公室审批后会通知您。"
    )


def for_office(entry: Entry) -> str:
    """The request as the office's admins see it, above 同意 / 驳回."""
    return (
        f"【延期申请】{entry.unit}（{entry.name}，{moment_label(entry.at)}）\n"
        f"{_when(entry)}\n理由：{entry.text}"
    )


def decided_for_office(request_text: str, granted: bool, admin: str) -> str:
    """The office's message after an admin decided."""
    return f"{request_text}\n——已{GRANT if granted else REFUSE}（{admin}）"


def decided_for_unit(entry: Entry, granted: bool) -> str:
    """What the unit's users are told."""
    [task] = entry.tasks
    if granted:
        return (
            f"办公室已同意延期：{entry.unit} 第{task}项截止日期由 {day_label(entry.due(task))}"
            f" 改为 {day_label(entry.until)}，提醒按新日期发送。"
        )
    return (
        f"办公室未同意{entry.unit}第{task}项的延期申请（原申请延至 {day_label(entry.until)}），"
        f"请按原截止日期 {day_label(entry.due(task))} 办理；有困难请联系办公室。"
    )


def returned_for_office(report: Entry, task: int, reason: str) -> str:
    """The admin's confirmation of a return."""
    return (
        f"已退回：{report.unit} 第{task}项的“已完成”报告（{moment_label(report.at)}），"
        f"理由：{reason}。该单位已收到通知，此项恢复为进行中，提醒继续。"
    )


def returned_for_unit(report: Entry, task: int, reason: str) -> str:
    """What the unit's users are told when the office sends a report back."""
    return (
        f"办公室退回了{report.unit}第{task}项的“已完成”报告（{moment_label(report.at)}），"
        f"理由：{reason}。此项恢复为进行中，提醒将继续；办理后请再报告。"
    )


WHICH_NOTICE = (
    "第{task}项在{labels}中都是贵单位的任务。请在前面写上通知名再申请，"
    "例如：申请延期 {example}第{task}项 到12月20日，理由：……"
)
RETURN_WHICH_NOTICE = (
    "现在有几个通知在用（{names}），请写明是哪个通知，例如：/return {example} 24 办公室 材料不全"
)
