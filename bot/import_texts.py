"""What an import says: the summary of a notice as read, and the confirmation around it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.importers import UnknownName
from bot.plan import PartyKind, Plan, Task
from bot.registry import Group, Registry
from bot.texts import problem_line, section_label

CONFIRM = "确认启用这份通知吗？(y/N) "
DECLINED = "未启用，原来的通知照常使用。"
IMPORTED = "已启用：{name}，已存入 {path}。"
TAKES_EFFECT = "此后机器人（下次启动时）、plan 和 chat 都使用这份通知。"
WRITE_FAILED = "无法写入数据目录 {path}（{error}），通知未启用。"
BOT_RUNNING = "机器人正在运行：新通知在办公室管理员发送 /reload 或重启机器人后生效。"
YES_WORDS = frozenset({"y", "yes", "是", "确认", "好"})


def is_yes(answer: str) -> bool:
    """True if a reply to `CONFIRM` says yes; anything else, even nothing, is a no."""
    return answer.strip().lower() in YES_WORDS


def _names(names: Sequence[str]) -> str:
    return "、".join(names) if names else "无"


def _span(tasks: Sequence[Task]) -> str:
    if not tasks:
        return "0 项"
    if len(tasks) == 1:
        return f"1 项：第{tasks[0].number}项"
    return f"{len(tasks)} 项：第{tasks[0].number}至{tasks[-1].number}项"


def _unknown_line(item: UnknownName) -> str:
    where = "、".join(f"第{n}项" for n in item.tasks)
    if item.kind is PartyKind.GROUP:
        new = "如是新的统称，请加入单位名录并写明它包括哪些单位"
    else:
        new = "如是新单位，请加入单位名录"
    if item.closest is None:
        return f"  · {item.name}（{where}）—— {new}"
    closest = item.closest.entry.name
    return (
        f"  · {item.name}（{where}）—— 最接近的是“{closest}”：如是同一"
        f"{'统称' if item.kind is PartyKind.GROUP else '单位'}，请在名录中为它添加别名；{new}"
    )


def import_summary(
    filename: str, plan: Plan, registry: Registry, unknown: Sequence[UnknownName]
) -> str:
    """What was read from an imported notice, for the office to check before it takes effect.

    Lists the sections with their task counts, the units and groups the notice names, the
    names the registry does not know (with the closest known one), and the other problems.
    """
    issued = (
        f"（{plan.issued.year}年{plan.issued.month}月{plan.issued.day}日）" if plan.issued else ""
    )
    lines = [
        f"读入文件：{filename}",
        f"标题：{plan.title or '未读到'}{issued}",
        f"共 {len(plan.sections)} 个部分，{len(plan.tasks)} 项任务：",
    ]
    lines.extend(
        f"  {section_label(s)}（{_span(plan.tasks_in(s.number))}）" for s in plan.sections
    )
    unknown_names = {item.name for item in unknown}
    units: dict[str, None] = {}
    groups: dict[str, None] = {}
    for task in plan.tasks:
        for party in task.parties:
            if party.name in unknown_names:
                continue
            if party.kind is PartyKind.GROUP or isinstance(registry.lookup(party.name), Group):
                groups[party.name] = None
            else:
                units[party.name] = None
    lines.append(f"涉及单位（{len(units)} 个）：{_names(list(units))}")
    lines.append(f"涉及统称（{len(groups)} 个）：{_names(list(groups))}")
    if unknown:
        lines.append(f"单位名录中没有的名称（{len(unknown)} 个）：")
        lines.extend(_unknown_line(item) for item in unknown)
    problems = [p for p in plan.problems if p.text not in unknown_names]
    lines.append(f"其他问题（{len(problems)} 条）：" if problems else "其他问题：无")
    lines.extend(f"  {problem_line(p)}" for p in problems)
    return "\n".join(lines)
