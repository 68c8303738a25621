"""The office's view of a revised notice: what changed, what to confirm, who gains or loses."""

from __future__ import annotations

from bot.revisions.diff import Change, Doubt, PlanDiff
from bot.texts import shorten

SAME = "是同一项（进展随之迁移）"
NOT_SAME = "不是（旧任务结束，新任务重新开始）"
_STANDING = {None: "待确认", True: "已确认是同一项", False: "已确认不是同一项"}


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
    if diff.doubts:
        lines.append(
            "是否同一项（是：进展记录随之转到新编号；不是：旧任务结束，新任务重新开始）："
        )
        lines.extend(f"· {doubt_label(d)}：{_STANDING[d.same]}" for d in diff.doubts)
    units = list(dict.fromkeys([*diff.gained, *diff.lost]))
    if units:
        lines.append("承担变化（将通知相关单位）：")
        lines.extend(f"· {unit}：{_gains_and_losses(unit, diff)}" for unit in units)
    return "\n".join(lines)


def doubt_label(doubt: Doubt) -> str:
    """Which two tasks a doubtful match pairs, and how alike their requirements are."""
    return f"第{doubt.new.number}项 ← 原第{doubt.old.number}项（相似度 {doubt.similarity:.0%}）"


def doubt_question(doubt: Doubt) -> str:
    """A doubtful match put to the office: both requirements, and the answer so far."""
    lines = [
        f"是否同一项：{doubt_label(doubt)}",
        f"原：{shorten(doubt.old.requirement, 60)}",
        f"新：{shorten(doubt.new.requirement, 60)}",
    ]
    if doubt.same is not None:
        lines.append(f"已选：{SAME if doubt.same else NOT_SAME}。启用前可以改选。")
    return "\n".join(lines)


def open_doubts_refusal(count: int) -> str:
    """Why 启用 waits: how many doubtful matches the office has still to decide."""
    return f"还有 {count} 项未确认是否同一项：请先逐项选择“是同一项”或“不是”，再启用。"


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
