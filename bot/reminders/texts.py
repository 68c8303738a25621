"""The Chinese text of the messages the bot sends on its own: nudges and notices to the office."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from bot.ledger.history import Entry
from bot.plan import Plan
from bot.reminders.nudges import DigestItem, DigestSettings, Kind, Level, Nudge
from bot.reminders.outbox import Record
from bot.texts import ROLE_LABELS, day_label, shorten, time_left

LEVEL_HEADS = {
    Level.RED: "【红】已逾期",
    Level.YELLOW: "【黄】{days} 个工作日内到期",
    Level.BLUE: "【蓝】{days} 个工作日内到期",
}
NUDGE_FOOTER = (
    "点下方按钮报告状态，或回复本消息写进展。休假可发“暂停提醒到12月1日”，回来后发“恢复提醒”。"
)
LATE_NOTE = "（补发：原定 {when} 发送，机器人当时未运行）"
DONE_RECORDED = "已记录：{unit} 第{task}项（截止 {due}）已完成，此节点不再提醒。"
DONE_ALREADY = "第{task}项（截止 {due}）此前已记录为已完成。"
PAUSED = "好的，{until}（含）之前不再给您发提醒，{resume}起恢复。单位的其他同事照常收到。提前回来可发“恢复提醒”。"
RESUMED = "好的，已恢复给您发提醒。"
NOT_PAUSED = "您的提醒没有暂停，无需恢复。"
PAUSE_NEEDS_UNIT = "您还没有绑定单位，暂时不会收到提醒。发 /start 选择单位。"
PAUSE_IN_GROUP = "暂停或恢复提醒请私聊我发送，只对您本人有效。"
DEADLINE_SET = "已设定第{task}项的截止日期（办公室设定）：{dates}。"
DEADLINE_CLEARED = "已清除第{task}项的办公室设定，恢复按通知原文或默认日期：{dates}。"
DEADLINE_WHICH_NOTICE = (
    "现在有几个通知在用（{names}），请写明是哪个通知，例如：/deadline {example} 24 2021-12-10"
)
DEADLINE_FAILED = "截止日期未能保存，原设定不变：{error}"
NO_PAUSES = "目前没有人暂停提醒。"
PAUSES_HEAD = "暂停提醒的用户（{count} 人）："
UNREACHABLE_MARK = "（无法送达）"
PAUSED_UNTIL = "（暂停提醒至{month}月{day}日）"


def moment_label(moment: datetime) -> str:
    """``11月15日 09:00``."""
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


def _what_to_do(nudge: Nudge, today: date) -> str:
    due = f"截止 {day_label(nudge.due)}"
    if nudge.kind is Kind.OVERDUE:
        return f"{due}，{time_left(nudge.due, today)}，请尽快办理并报告进展"
    if nudge.kind is Kind.PROGRESS:
        return f"本月请报告工作进展（下一{due}）"
    if nudge.step.startswith("c"):
        return f"{due}，{time_left(nudge.due, today)}；请提前把配合材料交牵头单位"
    if nudge.consolidate:
        return f"{due}，{time_left(nudge.due, today)}；请汇总各配合单位的材料"
    return f"{due}，{time_left(nudge.due, today)}"


def nudge_message(
    unit: str,
    nudges: Sequence[Nudge],
    plan: Plan,
    *,
    today: date,
    late: bool,
    notices: Mapping[str, tuple[str, Plan]] | None = None,
) -> str:
    """One message merging every nudge for `unit` at this wake-up.

    With several notices in use, `notices` maps each key to its label and plan, and every
    item names its notice (《政务公开工作要点》第3项).
    """
    overdue = sum(1 for n in nudges if n.kind is Kind.OVERDUE)
    head = f"【工作提醒】{unit}：{len(nudges)} 项需要关注"
    lines = [head + (f"，其中 {overdue} 项已逾期" if overdue else "")]
    if late:
        lines.append(LATE_NOTE.format(when=moment_label(min(n.at for n in nudges))))
    for index, nudge in enumerate(nudges, 1):
        label, own = notices[nudge.notice] if notices else ("", plan)
        task = own.task(nudge.task)
        requirement = shorten(task.requirement) if task else ""
        lines.append(f"{index}. {label}第{nudge.task}项（{ROLE_LABELS[nudge.role]}）{requirement}")
        lines.append(f"   {_what_to_do(nudge, today)}")
    lines.append(NUDGE_FOOTER)
    return "\n".join(lines)


def digest_message(items: Sequence[DigestItem], *, today: date, settings: DigestSettings) -> str:
    """The office's graded list of overdue and soon-due milestones, red first."""
    lines = [f"【督办汇总】{today.year}年{day_label(today)}，共 {len(items)} 项"]
    for level in (Level.RED, Level.YELLOW, Level.BLUE):
        chosen = [i for i in items if i.level is level]
        if not chosen:
            continue
        days = settings.yellow if level is Level.YELLOW else settings.blue
        lines.append(LEVEL_HEADS[level].format(days=days))
        for item in chosen:
            units = "、".join(item.open_units) or "（无未完成单位）"
            lines.append(
                f"· 第{item.task}项 截止 {day_label(item.due)}，{time_left(item.due, today)}：{units}"
            )
    return "\n".join(lines)


def stale_message(record: Record) -> str:
    """The office's list of nudges that were due while the bot was down and are not sent late."""
    lines = [
        f"【未发出的提醒】机器人停机期间有 {len(record.items)} 条提醒已过当天补发时限，"
        f"不再逐条补发（最早原定 {moment_label(record.at)}）："
    ]
    for item in record.items:
        task, rest = item.split("/", 1)  # a unit name may itself contain "/"
        unit, due, _ = rest.rsplit("/", 2)
        lines.append(f"· 第{task}项 {unit}（截止 {day_label(date.fromisoformat(due))}）")
    return "\n".join(lines)


def unreachable_line(names: Sequence[str]) -> str:
    """Users a nudge could not reach because they blocked the bot."""
    return f"无法送达（已屏蔽或停用机器人，待其重新发消息后恢复）：{'、'.join(names)}"


def blocked_lines(entries: Sequence[Entry]) -> str:
    """The 有困难 reports made since the last digest, oldest first."""
    lines = [f"【有困难】{len(entries)} 条，请协调："]
    for entry in sorted(entries, key=lambda e: e.id):
        tasks = "、".join(str(t) for t in entry.tasks)
        lines.append(
            f"· 第{tasks}项 {entry.unit}（{entry.name}，{moment_label(entry.at)}）：{shorten(entry.text, 40)}"
        )
    return "\n".join(lines)
