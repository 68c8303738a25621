"""The office's view of a revised notice: what changed, what to confirm, who gains or loses."""

from __future__ import annotations

from bot.revisions import Change, PlanDiff
from bot.texts import shorten


def diff_text(diff: PlanDiff) -> str:
    """Counts, then added / removed / changed / doubtful tasks, then units' gains and losses."""
    counts = "，".join(f"{change.value} {len(diff.of(change))} 项" for change in Change)
    lines = [f"【修订对比】{counts}"]
    for change in diff.of(Change.ADDED):
        task = change.new
        lines.append(
            f"新增：第{task.number}项 {shorten(task.requirement, 24)}（{task.responsibility}）"
        )
    for change in diff.of(Change.REMOVED):
        lines.append(f"删除：原第{change.old.number}项 {shorten(change.old.requirement, 24)}")
    for change in diff.of(Change.CHANGED):
        old, new = change.old, change.new
        moved = f"（原第{old.number}项）" if old.number != new.number else ""
        what = "；".join(change.what) or "编号变动"
        lines.append(f"修改：第{new.number}项{moved}：{what}")
    doubtful = [c for c in diff.tasks if c.doubtful]
    if doubtful:
        lines.append("需确认是否同一项（进展记录将随之转到新编号）：")
        lines.extend(
            f"· 第{c.new.number}项 ← 原第{c.old.number}项（相似度 {c.similarity:.0%}）"
            for c in doubtful
        )
    units = list(dict.fromkeys([*diff.gained, *diff.lost]))
    if units:
        lines.append("承担变化（将通知相关单位）：")
        lines.extend(f"· {unit}：{_gains_and_losses(unit, diff)}" for unit in units)
    return "\n".join(lines)


def unit_notice(unit: str, diff: PlanDiff) -> str:
    """What a unit is told once when a revised notice gives it tasks or takes them away."""
    changes = _gains_and_losses(unit, diff)
    return f"【通知已更新】办公室启用了新的分工方案：{unit}{changes}。发 /my 查看现在的任务。"


def _gains_and_losses(unit: str, diff: PlanDiff) -> str:
    parts = []
    if unit in diff.gained:
        parts.append("新增第" + "、".join(map(str, diff.gained[unit])) + "项")
    if unit in diff.lost:
        parts.append("不再承担原第" + "、".join(map(str, diff.lost[unit])) + "项")
    return "，".join(parts)
