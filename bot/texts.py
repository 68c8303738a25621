"""Every Chinese reply, and the functions that turn core results into short phone-sized text.

Shared by the console chat and the Telegram handlers. Replies contain no blank lines, so a
script reading the console chat can split replies on blank lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from bot.duties import Duty, UnitLoad, by_role
from bot.ledger.deadlines import Milestone
from bot.normalize import int_to_cjk
from bot.people.bindings import clean_name
from bot.plan import Party, PartyKind, Plan, Problem, Role, Section, Task
from bot.registry.units import Group, Registry
from bot.workdays import is_official, workdays_between

if TYPE_CHECKING:  # only for annotations: the console chat need not load the store
    from bot.people.bindings import Binding, Request

ROLE_LABELS = {
    Role.LEAD: "牵头",
    Role.RESPONSIBLE: "负责",
    Role.COOPERATE: "配合",
    Role.REFERENCE: "参照落实",
}
SHORT_REQUIREMENT = 28
ECHO_LIMIT = 20
MAX_MEMBERS_SHOWN = 8

NOT_UNDERSTOOD = "没听懂“{text}”。\n{help}"  # the help: bot.answers.help_text, from the notice
TOO_LONG = "问题太长了（{length} 字），请用一句话问，例如“综合科负责什么”。"
ASK_UNIT_FIRST = "还不知道您是哪个单位。请先说“我是综合科”这样的话，再问“我科室负责什么”。"
UNIT_SET = "好的，已记住您是{unit}。问“我科室负责什么”即可查看。"
GROUP_IS_NOT_A_UNIT = "“{group}”是统称，请说具体单位，例如“我是{example}”。"
SUGGEST = "没找到“{text}”。您是说“{name}”吗？回复“是”确认。"
UNKNOWN_NAME = "单位名录里没有“{text}”。发“各单位任务总览”可查看全部单位。"
NOTHING_TO_CONFIRM = "好的。需要查什么，直接问我就行，发“帮助”看示例。"
DENIED = "好的，请换个说法，或发“帮助”看示例。"
NO_SUCH_TASK = "通知里没有第{number}项（共{count}项，第{first}项至第{last}项）。"
NO_SUCH_SECTION = "通知里没有第{number}部分（共{count}部分）。"
NO_MATCH = "没有找到和“{keyword}”有关的任务。可以换个词，或发“帮助”看示例。"
NO_DUTIES = "{name}在本通知中没有分到任务。"
NOTHING_PENDING = "所有统称的范围都已明确。"
LEDGER_BUSY = "机器人正在使用这个数据目录：控制台只能查询，报告进展请在 Telegram 里发。"
AS_UNKNOWN = "--as：单位名录里找不到“{text}”。{hint}请写单位全称或别名，例如 --as 综合科。"


def full_date(day: date) -> str:
    """``2021年12月1日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(number: int) -> str:
    """1–99 as the notice numbers its sections: 一, 十, 十五, 二十三."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if not 0 < number < 100:
        raise ValueError(f"只支持 1–99：{number}")
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def shorten(text: str, limit: int = SHORT_REQUIREMENT) -> str:
    """The first `limit` characters of a requirement, with an ellipsis if it was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def echo(text: str) -> str:
    """A user's words quoted back in a reply, cut short so a long paste stays a short reply."""
    return shorten(text, ECHO_LIMIT)


def task_numbers(tasks: list[Task]) -> str:
    """``第3、7、15项``: a compact list of task numbers."""
    return "第" + "、".join(str(t.number) for t in tasks) + "项"


def section_label(section: Section) -> str:
    """``八、切实增强回应关切效果``, as the notice writes it."""
    return f"{int_to_cjk(section.number)}、{section.title}"


def _duty_line(duty: Duty) -> str:
    via = f"（来自“{duty.via}”）" if duty.via else ""
    return f"· 第{duty.task.number}项 {shorten(duty.task.requirement)}{via}"


def unit_duties(name: str, kind: str, duties: list[Duty], undecided: list[Task]) -> str:
    """A unit's tasks: counts first, then each role with its tasks shortened."""
    if not duties:
        lines = [NO_DUTIES.format(name=name)]
    else:
        grouped = by_role(duties)
        counts = "、".join(f"{ROLE_LABELS[r]} {len(items)} 项" for r, items in grouped.items())
        lines = [f"{name}（{kind}）：共 {len(duties)} 项，{counts}"]
        via_groups = list(dict.fromkeys(d.via for d in duties if d.via))
        if via_groups:
            quoted = "、".join(f"“{g}”" for g in via_groups)
            lines.append(f"其中 {sum(1 for d in duties if d.via)} 项来自统称{quoted}")
        for role, items in grouped.items():
            lines.append(f"【{ROLE_LABELS[role]} {len(items)} 项】")
            lines.extend(_duty_line(d) for d in items)
    if undecided:
        lines.append(
            f"待办公室明确：{task_numbers(undecided)}由范围未定的统称承担，可能涉及本单位（发“待明确”查看）"
        )
    return "\n".join(lines)


def _party_names(parties: tuple[Party, ...], registry: Registry, *, expand: bool) -> str:
    names = []
    for party in parties:
        entry = registry.lookup(party.name)
        if party.kind is PartyKind.UNIT or not isinstance(entry, Group):
            names.append(party.name + ("（名录中没有）" if entry is None else ""))
        elif entry.pending:
            names.append(f"{party.name}（待办公室明确）")
        elif expand:
            members = [u.name for u in registry.members(entry)]
            shown = "、".join(members[:MAX_MEMBERS_SHOWN])
            more = f"等 {len(members)} 个" if len(members) > MAX_MEMBERS_SHOWN else ""
            names.append(f"{party.name}（{shown}{more}）")
        else:
            names.append(f"{party.name}（{len(registry.members(entry))} 个单位）")
    return "、".join(names)


def responsibility_lines(task: Task, registry: Registry, *, expand: bool = False) -> list[str]:
    """``牵头：办公室`` / ``配合：各科室（单位）（10 个单位）`` lines for a task's parties."""
    lines = []
    for role in Role:
        parties = task.parties_with(role)
        if parties:
            lines.append(f"{ROLE_LABELS[role]}：{_party_names(parties, registry, expand=expand)}")
    return lines


def _milestone(m: Milestone) -> str:
    return f"{m.due.isoformat()}（{m.source}{'：' + m.words if m.words else ''}）"


def due_line(milestones: tuple[Milestone, ...], today: date | None = None) -> str:
    """``截止：2021-11-20（通知原文），还有 4 个工作日；之后 2021-12-10（通知原文）``.

    Without `today`, every milestone is listed. Working days count China's official calendar;
    for a year not yet published they are Monday–Friday, and the line says so.
    """
    if not milestones:
        return ""
    if today is None:
        return "截止：" + "、".join(_milestone(m) for m in milestones)
    upcoming = [m for m in milestones if m.due >= today]
    target = upcoming[0] if upcoming else milestones[-1]
    days = workdays_between(today, target.due)
    line = f"截止：{_milestone(target)}，" + (
        f"还有 {days} 个工作日" if upcoming else f"已超过 {-days} 个工作日"
    )
    if not is_official(target.due):
        line += "（该年放假安排未公布，按周一至周五估算）"
    if len(upcoming) > 1:
        line += "；之后 " + "、".join(_milestone(m) for m in upcoming[1:])
    return line


def task_detail(
    task: Task,
    plan: Plan,
    registry: Registry,
    milestones: tuple[Milestone, ...] = (),
    today: date | None = None,
) -> str:
    """A task in full: section, the whole requirement, its parties by role, its due dates."""
    section = plan.section(task.section)
    head = f"第{task.number}项（{section_label(section)}）" if section else f"第{task.number}项"
    due = due_line(milestones, today)
    lines = [head, task.requirement, *responsibility_lines(task, registry), due]
    return "\n".join(line for line in lines if line)


def task_owners(task: Task, registry: Registry) -> str:
    """Who is responsible for a task, with group phrases expanded to their members."""
    lines = [f"第{task.number}项 {shorten(task.requirement)}"]
    return "\n".join(lines + responsibility_lines(task, registry, expand=True))


def section_tasks(section: Section, tasks: tuple[Task, ...]) -> str:
    """A section's title and its tasks, shortened."""
    lines = [f"{section_label(section)}：共 {len(tasks)} 项"]
    lines.extend(f"· 第{t.number}项 {shorten(t.requirement)}" for t in tasks)
    return "\n".join(lines)


def search_results(keyword: str, tasks: list[Task], registry: Registry, *, lead_only: bool) -> str:
    """Tasks matching a keyword, each with its lead (or, if none, whoever is responsible)."""
    lines = [f"和“{echo(keyword)}”有关的任务：共 {len(tasks)} 项"]
    for task in tasks:
        lines.append(f"· 第{task.number}项 {shorten(task.requirement)}")
        leads = task.parties_with(Role.LEAD)
        if lead_only and leads:
            lines.append(f"  牵头：{_party_names(leads, registry, expand=False)}")
        elif lead_only:
            owners = _party_names(task.parties_with(Role.RESPONSIBLE), registry, expand=False)
            lines.append(f"  未设牵头，负责：{owners}")
        else:
            lines.extend(f"  {line}" for line in responsibility_lines(task, registry))
    return "\n".join(lines)


def overview(loads: list[UnitLoad]) -> str:
    """Every unit with its task counts by role, busiest first."""
    lines = [f"全部 {len(loads)} 个单位的任务数（含统称分到的）："]
    for load in loads:
        parts = " ".join(f"{ROLE_LABELS[r]}{n}" for r, n in load.counts.items() if n)
        lines.append(f"· {load.unit.name} {load.total} 项" + (f"：{parts}" if parts else ""))
    return "\n".join(lines)


def pending(groups: dict[str, list[Task]]) -> str:
    """Group phrases the office still has to define, with the tasks that use them."""
    if not groups:
        return NOTHING_PENDING
    lines = ["以下统称的范围待办公室明确："]
    lines.extend(f"· {name}：{task_numbers(tasks)}" for name, tasks in groups.items())
    return "\n".join(lines)


def problem_line(problem: Problem) -> str:
    """One line of the loader's report: where, what, why."""
    where = f"第 {problem.line} 行" if problem.line else "全文"
    text = f"：{shorten(problem.text, 30)}" if problem.text else ""
    return f"{where}{text} —— {problem.why}"


MESSAGE_LIMIT = 4096


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_long(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut a reply into messages of at most `limit` UTF-16 units, at line boundaries.

    A single line longer than `limit` is cut inside the line, as nothing better exists.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while utf16_length(line) > limit:
            head = line[:limit]
            while utf16_length(head) > limit and len(head) > 1:
                head = head[:-1]  # a character outside the BMP counts 2
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
            line = line[len(head) :]
        candidate = f"{current}\n{line}" if current else line
        if utf16_length(candidate) > limit:
            parts.append(current)
            candidate = line
        current = candidate
    if current:
        parts.append(current)
    return parts or [""]


GREETING = "\n".join(
    [
        "您好，我是分工助手。",
        "· 我读过办公室的分工方案，能告诉您每个单位负责哪些任务。",
        "· 先说您是哪个单位（如“我是综合科”），办公室批准后即可问“我科室负责什么”。",
        "· 也可以直接问“第17项是什么”“谁牵头政策解读”，发 /help 看更多示例。",
    ]
)
ONLY_TEXT = "我只能读文字消息，请直接打字提问，例如“综合科负责什么”。"
UNKNOWN_COMMAND = "没有这个命令。发 /help 查看可用命令和示例。"
TASK_USAGE = "用法：/task 17（查看第17项）。"
SOMETHING_WENT_WRONG = "出错了，请稍后再试。"
BOT_NOT_CONFIGURED = (
    "没有机器人令牌：请设置环境变量 TELEGRAM_BOT_TOKEN，或在配置文件 [telegram] token 中填写。"
)
COMMANDS = (
    ("start", "开始使用"),
    ("help", "使用说明和示例"),
    ("my", "我科室负责什么"),
    ("task", "查看某一项任务，如 /task 17"),
    ("units", "各单位任务总览"),
    ("unit", "选择或更换我的单位"),
    ("group", "在工作群里发：把本群登记为单位工作群"),
    ("id", "我的 Telegram 用户 ID（办公室设置管理员时要用）"),
)
YOUR_ID = "您的 Telegram 用户 ID 是 {user_id}。办公室把它写进配置的 [telegram] admins（管理员）或 leaders（领导），重启机器人后生效。"


PICK_KIND = "请选择您所在单位的类别："
PICK_UNIT = "请选择您的单位（{kind}，第 {page}/{pages} 页）："
BUTTON_EXPIRED = "按钮已失效，请重新发送 /start。"
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
OFFICE_ONLY = "这是办公室管理员的命令，您没有权限使用。"
NO_PENDING = "没有待处理的绑定申请。"
PENDING_HEAD = "待处理的绑定申请（{count} 条）："
USERS_HEAD = "已绑定的用户（{count} 人）："
NO_USERS = "还没有用户绑定单位。"
BIND_USAGE = "用法：/bind 用户ID 单位名称，例如 /bind 1001 综合科"
UNBIND_USAGE = "用法：/unbind 用户ID，例如 /unbind 1001"
BOUND_BY_ADMIN = "已将用户 {user_id} 绑定到“{unit}”。"
BOUND_NOTICE = "办公室已将您绑定到“{unit}”。"
UNBOUND_BY_ADMIN = "已解除用户 {user_id} 与“{unit}”的绑定。"
UNBOUND_NOTICE = "办公室已解除您与“{unit}”的绑定。"
NOT_BOUND = "用户 {user_id} 没有绑定任何单位。"
RELOADED = "已重新读入：{tasks} 项任务，{units} 个单位，{problems} 处待处理问题。"
RELOAD_FAILED = "重新读入失败，仍使用原来的数据：{error}"
YOUR_UNIT = "您属于“{unit}”。发 /my 查看本单位任务。"
PENDING_FOR_YOU = "您加入“{unit}”的申请正在等待办公室批准。"
# Of the office's commands, those the leaders who observe may use too: they only read.
READER_COMMANDS = frozenset({"overview", "missing", "export", "chart", "notices"})
OFFICE_COMMANDS = (
    ("overview", "督办总览；/overview 17 看一项的各单位"),
    ("missing", "当前节点未反馈的单位"),
    ("return", "退回已完成：/return 24 办公室 理由"),
    ("export", "台账 Excel 表（含历史记录）"),
    ("chart", "完成情况图（按部分、按单位）"),
    ("notices", "在用和已归档的通知及其简称"),
    ("archive", "归档一个通知：/archive 简称"),
    ("unarchive", "恢复已归档的通知：/unarchive 简称"),
    ("pending", "待处理的绑定申请"),
    ("users", "各单位已绑定的用户"),
    ("bind", "绑定用户：/bind 用户ID 单位"),
    ("unbind", "解除绑定：/unbind 用户ID"),
    ("reload", "重新读入通知和单位名录"),
    ("deadline", "设定截止日期：/deadline 24 2021-11-20"),
    ("paused", "暂停提醒的用户"),
)


def pending_requests(requests: list[Request], timezone: tzinfo) -> str:
    """The office's list of binding requests waiting for a decision."""
    if not requests:
        return NO_PENDING
    lines = [PENDING_HEAD.format(count=len(requests))]
    lines.extend(
        f"· ID {r.user_id}：{r.name} → {r.unit}，{r.at.astimezone(timezone):%m-%d %H:%M}"
        for r in requests
    )
    return "\n".join(lines)


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
