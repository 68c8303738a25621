"""What the bot says about who belongs where: a unit chosen, the office's approval, the
office's list of users, and a unit's work group chat.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from typing import TYPE_CHECKING

from bot.people.bindings import clean_name

if TYPE_CHECKING:  # only for annotations
    from bot.people.bindings import Binding, Request

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

PICK_KIND = "请选择您所在单位的类别："
PICK_UNIT = "请选择您的单位（{kind}，第 {page}/{pages} 页）："
REQUEST_SENT = "已提交申请：绑定到“{unit}”。办公室批准后会通知您；在此之前可以查询通知内容。"
ALREADY_BOUND = "您已属于“{unit}”，无需再申请。"
NO_ADMINS = "尚未配置办公室管理员，申请已记录，请联系办公室处理。"
# The user id leads, on a line of its own, so no name can pass for another user.
REQUEST_TO_ADMIN = "绑定申请 · 用户 ID {user_id}\n姓名：{name}\n申请加入：“{unit}”"
APPROVE = "批准"
REJECT = "拒绝"
APPROVED_FOR_USER = "办公室已批准：您属于“{unit}”。现在可以问“我科室负责什么”，或发 /my。"
REJECTED_FOR_USER = "办公室未批准您加入“{unit}”的申请。如有疑问请联系办公室，或重新选择单位：/unit"
DECIDED_BY = "{request}\n—— {decision}（{admin}）"
ALREADY_DECIDED = "该申请已处理或已变更。"
REQUEST_CHANGED = "该申请已被用户更改为“{unit}”，请按新申请审批。"
BUTTONS_RENEWED = "这是旧版本的按钮，已换成新按钮，请核对申请后重新审批。"
UNIT_GONE = "“{unit}”已不在单位名录中，无法批准；请拒绝该申请，或用 /bind 绑定到其他单位。"
NO_PENDING = "没有待处理的绑定申请。"
PENDING_HEAD = "待处理的绑定申请（{count} 条）："
REQUEST_AT = "申请时间："
USERS_HEAD = "已绑定的用户（{count} 人）："
NO_USERS = "还没有用户绑定单位。"
BIND_USAGE = "用法：/bind 用户ID 单位名称，例如 /bind 1001 综合科"
UNBIND_USAGE = "用法：/unbind 用户ID，例如 /unbind 1001"
BOUND_BY_ADMIN = "已将用户 {user_id} 绑定到“{unit}”。"
BOUND_NOTICE = "办公室已将您绑定到“{unit}”。"
UNBOUND_BY_ADMIN = "已解除用户 {user_id} 与“{unit}”的绑定。"
UNBOUND_NOTICE = "办公室已解除您与“{unit}”的绑定。"
NOT_BOUND = "用户 {user_id} 没有绑定任何单位。"
YOUR_UNIT = "您属于“{unit}”。发 /my 查看本单位任务。"
PENDING_FOR_YOU = "您加入“{unit}”的申请正在等待办公室批准。"


def for_admins(request: Request) -> str:
    """A binding request as each admin gets it, above 批准 / 拒绝."""
    return REQUEST_TO_ADMIN.format(user_id=request.user_id, name=request.name, unit=request.unit)


def waiting_request(request: Request, timezone: tzinfo) -> str:
    """A binding request in the office's /pending list: as the admins got it, and when."""
    return f"{for_admins(request)}\n{REQUEST_AT}{request.at.astimezone(timezone):%m-%d %H:%M}"


def users_by_unit(
    bindings: list[Binding], unit_order: list[str], notes: Mapping[int, str] | None = None
) -> str:
    """Bound users grouped by unit, in registry order, each with its note (暂停、无法送达)."""
    notes = notes or {}
    if not bindings:
        return NO_USERS
    lines = [USERS_HEAD.format(count=len(bindings))]
    for unit in unit_order:
        members = [b for b in bindings if b.unit == unit]
        if members:
            names = "、".join(
                f"[{b.user_id}] {clean_name(b.name)}{notes.get(b.user_id, '')}" for b in members
            )
            lines.append(f"· {unit}：{names}")
    return "\n".join(lines)
