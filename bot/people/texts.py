"""What the bot says in a unit's work group chat."""

from __future__ import annotations

GROUP_USAGE = "在单位工作群里发“/group 单位名称”，例如 /group 综合科，把本群登记为该单位的工作群。"
GROUP_ONLY = "这个命令要在单位的工作群里使用。"
GROUP_NOT_ALLOWED = "只有{unit}已绑定的同事或办公室管理员可以为{unit}登记工作群。"
GROUP_UNKNOWN_UNIT = "没有找到单位“{text}”，请写单位全称或常用简称。"
GROUP_REGISTERED = (
    "已将本群登记为{unit}的工作群：{unit}的提醒今后发到本群（不再逐人私聊），"
    "本群成员回复提醒、点按钮或 @我 报告进展，都记在{unit}名下。发 /ungroup 取消登记。"
)
GROUP_MOVED = "（{unit}原先登记的工作群“{title}”已取消。）"
GROUP_REMOVED = "已取消本群作为{unit}工作群的登记，{unit}的提醒恢复逐人私聊发送。"
GROUP_NOT_REGISTERED = "本群还没有登记为哪个单位的工作群。发“/group 单位名称”登记。"
