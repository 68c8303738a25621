"""The Chinese text of the office's notice commands: /notices, /archive, /unarchive."""

from __future__ import annotations

from collections.abc import Sequence

from bot.notices.desks import Desk

NOTICES_HEAD = "办公室的通知（{active} 个在用，{archived} 个已归档）："
NOTICE_USAGE = "请写明通知的简称，例如：/{command} {example}。发 /notices 查看各通知的简称。"
UNKNOWN_NOTICE = "没有简称为“{name}”的通知；python -m bot plan 列出在用的通知和简称。"
NOTICE_UNKNOWN = "没有简称为“{name}”的通知。发 /notices 查看各通知的简称。"
ARCHIVED = "已归档{label}：不再提醒，也不再出现在回答、总览和每周汇总里；台账保留，可用 /export {name} 导出。发 /unarchive {name} 可恢复。"
UNARCHIVED = "已恢复{label}：提醒、回答和总览照常。"
ALREADY_ARCHIVED = "{label}已经归档了。"
NOT_ARCHIVED = "{label}没有归档，无需恢复。"
LAST_ACTIVE = "{label}是唯一在用的通知，不能归档。请先导入新通知。"
CATALOG_FAILED = "通知清单未能保存，原状态不变：{error}"


def notices_list(desks: Sequence[Desk]) -> str:
    """Every notice with its short name, task count and state."""
    archived = sum(d.archived for d in desks)
    lines = [NOTICES_HEAD.format(active=len(desks) - archived, archived=archived)]
    for desk in desks:
        plan = desk.knowledge.plan
        state = "已归档" if desk.archived else "在用"
        lines.append(f"· {desk.label}{len(plan.tasks)} 项任务，{state}（{plan.title}）")
    lines.append(f"简称可以写在问题、报告和命令前面，例如“{desks[0].name}第3项”。")
    return "\n".join(lines)
