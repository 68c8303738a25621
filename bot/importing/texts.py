"""What an import says: the summary of a notice as read, and the confirmation around it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.importing.registry_file import Addition, NewAlias, NewGroup, NewUnit, groups_of_kind
from bot.importing.review import Review
from bot.notice_files.importers import UnknownName
from bot.plan import PartyKind, Plan, Task
from bot.registry.units import Group, Registry
from bot.revisions.texts import diff_text
from bot.texts import problem_line, section_label

CONFIRM = "确认启用这份通知吗？(y/N) "
DECLINED = "未启用，原来的通知照常使用。"
IMPORTED = "已启用：{name}，已存入 {path}。"
AS_NEW = "启用后：作为又一个通知（简称：{name}），与在用的通知并行；发送文件时写的说明即简称。"
AS_REVISION = "启用后：作为{label}的修订，已报告的进展随任务延续。"
SWITCH_TO_NEW = "改为：作为又一个通知启用"
SWITCH_TO_REVISION = "改为：作为{label}的修订启用"
ENABLED_NEW = "已启用新通知{label}（{tasks} 项任务），已告知在其中有任务的 {units} 个单位。"
ADDED_NOTICE = "已作为又一个通知启用：{name}，已存入 {path}（编号 {key}）。"
ADDED_TAKES_EFFECT = (
    "机器人下次启动或办公室管理员发送 /reload 后，提醒、回答和台账同时包括这个通知。"
)
TAKES_EFFECT = "此后机器人（下次启动时）、plan 和 chat 都使用这份通知。"
WRITE_FAILED = "无法写入数据目录 {path}（{error}），通知未启用。"
BOT_RUNNING = "机器人正在运行：新通知在办公室管理员发送 /reload 或重启机器人后生效。"
BOT_MUST_IMPORT = (
    "机器人正在运行，而这份通知改变或结束了已有进展记录的任务，进展记录要随之迁移，只能由机器人"
    "写入台账：请管理员把通知文件发给机器人导入，或先停止机器人再导入。通知未启用。"
)
NOT_A_NOTICE = "只能导入 .docx、.xlsx、.txt、.html 或 .pdf 格式的通知（收到：{name}）。"
ASK = "以上是读到的内容。确认启用这份通知吗？启用后各单位的任务以新通知为准。"
CANCELLED = "已取消，原来的通知照常使用。"
ENABLED = "已启用：{name}（{tasks} 项任务）。已通知任务有变化的 {units} 个单位。"
FAILED = "未能启用，原来的通知照常使用：{error}"
EXPIRED = "按钮已失效：这次导入已处理完，或机器人重启过。需要时请重新发送通知文件。"
NOT_ADDED = "未能加入单位名录：{error}"
YES_WORDS = frozenset({"y", "yes", "是", "确认", "好"})
NO_WORDS = frozenset({"n", "no", "否", "不是", "不"})
REREAD = "已按更新后的单位名录重新读入："
LEAVE_OUT = "不加入名录"
KEPT_ON_CANCEL = "取消导入也会保留。"
REGISTRY_SAVED = "单位名录 {path} 已更新；即使不启用这份通知，这些改动也会保留。"
ASK_CHOICE = "请选择（直接回车即不加入）："
AS_FIRST = "启用后：取代随程序附带的示例通知，成为本办公室的通知。"
TAKE_PROPOSAL = "按拟定全部加入名录"
ONE_BY_ONE = "逐个选择"
ONE_BY_ONE_CHOSEN = "好的，下面逐个选择每个名称加入名录的方式。"
ASK_PROPOSAL = "按拟定的名录全部加入吗？(Y/n，n 则逐个选择) "
REPLACES_SAMPLE = (
    "启用后：这份通知取代随程序附带的示例通知（{title}，{tasks} 项任务），成为本办公室的通知；"
    "不与示例对比，示例的单位也不会收到任何通知。"
)
ASK_SAME = "是同一项吗？是：进展随之迁移；否：旧任务结束，新任务重新开始 (是/否) "


def is_yes(answer: str) -> bool:
    """True if a reply to `CONFIRM` says yes; anything else, even nothing, is a no."""
    return answer.strip().lower() in YES_WORDS


def is_no(answer: str) -> bool:
    """True if a reply says no (否, n …); used where no answer is not a no."""
    return answer.strip().lower() in NO_WORDS


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


def unknown_question(item: UnknownName) -> str:
    """One name the registry lacks, put to the office: where the notice names it, what is close."""
    where = "、".join(f"第{n}项" for n in item.tasks)
    what = "统称" if item.kind is PartyKind.GROUP else "名称"
    closest = f"，最接近的是“{item.closest.entry.name}”" if item.closest else ""
    return f"单位名录中没有{what}“{item.name}”（{where}）{closest}。"


def choice_label(choice: Addition | None) -> str:
    """What one choice for a name the registry lacks does, as a button or menu line says it."""
    if choice is None:
        return LEAVE_OUT
    if isinstance(choice, NewAlias):
        return f"作为“{choice.of}”的别名"
    if isinstance(choice, NewUnit):
        return f"新增单位：{choice.kind}"
    return "新增统称（范围待办公室明确）"


def added_text(addition: Addition, registry: Registry) -> str:
    """What was added to the registry, and for a new unit the groups it now falls into."""
    if isinstance(addition, NewAlias):
        return f"已加入单位名录：“{addition.name}”是“{addition.of}”的别名。"
    if isinstance(addition, NewUnit):
        groups = groups_of_kind(addition.kind, registry)
        joins = f"，计入{'、'.join(groups)}" if groups else ""
        return f"已加入单位名录：新单位“{addition.name}”（{addition.kind}{joins}）。"
    return f"已加入单位名录：统称“{addition.name}”，它包括哪些单位请办公室在名录中写明。"


def left_out_text(item: UnknownName) -> str:
    """A name the office leaves out of the registry."""
    return f"“{item.name}”不加入单位名录，仍列为名录中没有的名称。启用前可以改选。"


def pending_line(open_names: int, open_doubts: int) -> str:
    """What is still open under an import: names to add or not, matches to confirm."""
    parts = []
    if open_names:
        parts.append(f"名录中没有的名称 {open_names} 个未处理（不处理即不加入名录）")
    if open_doubts:
        parts.append(f"是否同一项 {open_doubts} 项未确认（确认后才能启用）")
    return "待处理：" + "；".join(parts) + "。" if parts else "各项均已处理。"


def review_text(filename: str, review: Review) -> str:
    """The summary of a notice under review, then its diff to the notice in use, if any, or
    that it replaces the shipped sample."""
    summary = import_summary(filename, review.plan, review.registry, review.unknown)
    if review.replaces and review.current is not None:
        sample = review.current
        replaced = REPLACES_SAMPLE.format(
            title=sample.title or "未读到标题", tasks=len(sample.tasks)
        )
        return f"{summary}\n\n{replaced}"
    return summary if review.diff is None else f"{summary}\n\n{diff_text(review.diff)}"


def proposal_text(proposal: Sequence[Addition]) -> str:
    """The registry proposed from the notice: its units by kind, its groups, any aliases."""
    by_kind: dict[str, list[str]] = {}
    for addition in proposal:
        if isinstance(addition, NewUnit):
            by_kind.setdefault(addition.kind, []).append(addition.name)
    groups = [a.name for a in proposal if isinstance(a, NewGroup)]
    aliases = [f"{a.name}→{a.of}" for a in proposal if isinstance(a, NewAlias)]
    units = sum(len(names) for names in by_kind.values())
    lines = [f"单位名录还没有单位。按通知拟定的名录（{units} 个单位、{len(groups)} 个统称）："]
    lines.extend(f"  {kind}：{'、'.join(names)}" for kind, names in by_kind.items())
    if groups:
        lines.append(f"  统称（包括哪些单位待办公室在名录中写明）：{'、'.join(groups)}")
    if aliases:
        lines.append(f"  别名（通知写法→单位）：{'、'.join(aliases)}")
    return "\n".join(lines)


def new_notice_for_unit(label: str, unit: str, count: int) -> str:
    """What a unit's users hear when a further notice gives the unit tasks."""
    return f"办公室启用了新通知{label}，{unit}在其中有 {count} 项任务。发“我科室负责什么”查看。"
