"""What the bot answers about the notice: who owns which task, a task in full, searches, counts.

Replies contain no blank lines, so a script reading the console chat can split replies on them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from bot.duties import Duty, UnitLoad, by_role
from bot.ledger.deadlines import Milestone
from bot.plan import Party, PartyKind, Plan, Role, Section, Task
from bot.registry.units import Group, Registry
from bot.texts import ROLE_LABELS, day_label, section_label, shorten, time_left
from bot.workdays import is_official, workdays_between

if TYPE_CHECKING:  # bot.answers.timeline words its answers here
    from bot.answers.timeline import DueItem
    from bot.grammar.intents import Window

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


def echo(text: str) -> str:
    """A user's words quoted back in a reply, cut short so a long paste stays a short reply."""
    return shorten(text, ECHO_LIMIT)


def task_numbers(tasks: list[Task]) -> str:
    """``第3、7、15项``: a compact list of task numbers."""
    return "第" + "、".join(str(t.number) for t in tasks) + "项"


def _duty_line(duty: Duty, due: date | None = None) -> str:
    via = f"（来自“{duty.via}”）" if duty.via else ""
    when = f"，截止 {day_label(due)}" if due else ""
    return f"· 第{duty.task.number}项 {shorten(duty.task.requirement)}{via}{when}"


def unit_duties(
    name: str,
    kind: str,
    duties: list[Duty],
    undecided: list[Task],
    dues: Mapping[int, date | None] | None = None,
) -> str:
    """A unit's tasks: counts first, then each role with its tasks shortened, each with its
    next due date when `dues` (task number → date) gives one."""
    dues = dues or {}
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
            lines.extend(_duty_line(d, dues.get(d.task.number)) for d in items)
    if undecided:
        lines.append(
            f"待办公室明确：{task_numbers(undecided)}由范围未定的统称承担，可能涉及本单位（发“待明确”查看）"
        )
    return "\n".join(lines)


def no_such_task(number: int, plan: Plan) -> str:
    """The reply to a task number the notice does not have, with the numbers it does."""
    tasks = plan.tasks
    return NO_SUCH_TASK.format(
        number=number,
        count=len(tasks),
        first=tasks[0].number if tasks else 0,
        last=tasks[-1].number if tasks else 0,
    )


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


SHORT_TITLE = 20
WINDOW_WORDS = {
    "week": "本周",
    "next_week": "下周",
    "month": "本月",
    "next_month": "下月",
}
NOTHING_OPEN = "{unit}目前没有未完成的截止节点。"
ONLY_OVERDUE = "{unit}没有将到期的任务，另有 {count} 项已逾期：发“有没有逾期”查看。"
NEXT_OPEN = "下一个到期：{item}"


def _span(first: date, last: date) -> str:
    return f"{first.month}月{first.day}日至{last.month}月{last.day}日"


def window_phrase(window: Window, first: date | None, last: date | None) -> str:
    """``本周（12月20日至12月26日）``, ``近期（至12月31日）``, ``逾期``, ``全部``."""
    if window.value in WINDOW_WORDS and first and last:
        return f"{WINDOW_WORDS[window.value]}（{_span(first, last)}）"
    if window.value == "soon" and last:
        return f"近期（至{last.month}月{last.day}日）"
    return "逾期" if window.value == "overdue" else "全部"


def due_item(item: DueItem, today: date) -> str:
    """``第24项 要分别于2021年11月20日前…：12月10日（周五），还有 9 个工作日``."""
    title = shorten(item.task.requirement, SHORT_TITLE)
    return f"第{item.task.number}项 {title}：{day_label(item.due)}，{time_left(item.due, today)}"


def due_window(
    unit: str,
    window: Window,
    phrase: str,
    today: date,
    chosen: Sequence[DueItem],
    still_open: Sequence[DueItem],
) -> str:
    """A unit's open items in a window (`phrase`, from `window_phrase`), soonest first; else a
    line saying so and naming the next one (or, when none lies ahead, how many are overdue)."""
    if window.value == "overdue":
        head = f"{unit}已逾期未完成的任务"
    elif window.value == "all":
        head = f"{unit}未完成的任务（按截止日期）"
    else:
        head = f"{unit}{phrase}到期的任务"
    if chosen:
        lines = [f"{head}：共 {len(chosen)} 项"]
        lines.extend(f"· {due_item(item, today)}" for item in chosen)
        return "\n".join(lines)
    if window.value == "all":
        return NOTHING_OPEN.format(unit=unit)
    empty = f"{unit}没有逾期的任务。" if window.value == "overdue" else f"{head}：没有。"
    later = [item for item in still_open if item.due >= today]
    if not later:
        overdue = len(still_open)
        if overdue:
            return f"{empty}{ONLY_OVERDUE.format(unit=unit, count=overdue)}"
        return f"{empty}{NOTHING_OPEN.format(unit=unit)}"
    return f"{empty}\n{NEXT_OPEN.format(item=due_item(later[0], today))}"


def task_dues(
    task: Task,
    unit: str | None,
    dues: Sequence[date],
    still_open: Collection[date],
    today: date,
    *,
    not_held: str | None = None,
) -> str:
    """A task's due dates: for `unit` (closed ones marked 已完成), or as the notice sets them;
    `not_held` names an asker's unit that does not hold the task."""
    lines = [f"第{task.number}项 {shorten(task.requirement)}"]
    if not_held:
        lines.append(f"{not_held}不承担此项，以下是通知的截止日期。")
    if not dues:
        lines.append("此项没有截止日期（长期工作，按要求定期报告进展）。")
        return "\n".join(lines)
    whose = f"{unit}的截止日期" if unit else "截止日期"

    def state(due: date) -> str:
        return time_left(due, today) if due in still_open else "已完成"

    if len(dues) == 1:
        lines.append(f"{whose}：{day_label(dues[0])}，{state(dues[0])}")
    else:
        lines.append(f"{whose}（{len(dues)} 个节点）：")
        lines.extend(f"· {day_label(due)}，{state(due)}" for due in dues)
    return "\n".join(lines)


def no_match(keyword: str, near: Sequence[Task]) -> str:
    """Nothing found for a keyword, with the closest tasks if any."""
    text = NO_MATCH.format(keyword=echo(keyword))
    if not near:
        return text
    lines = [text.replace("可以换个词，或发“帮助”看示例。", "最接近的任务：")]
    lines.extend(f"· 第{t.number}项 {shorten(t.requirement)}" for t in near)
    return "\n".join(lines)


def role_duties(
    unit: str, role: Role, duties: Sequence[Duty], dues: Mapping[int, date | None], others: int
) -> str:
    """A unit's tasks in one role, each with its next due date; how many it holds otherwise."""
    label = ROLE_LABELS[role]
    if duties:
        lines = [f"{unit}{label}的任务：共 {len(duties)} 项"]
        lines.extend(_duty_line(d, dues.get(d.task.number)) for d in duties)
    else:
        lines = [f"{unit}在本通知中没有{label}的任务。"]
    if others:
        lines.append(f"另有其他角色的任务 {others} 项，发“我科室负责什么”查看全部。")
    return "\n".join(lines)


ROLE_NOUNS = {
    Role.LEAD: "牵头单位",
    Role.RESPONSIBLE: "责任单位",
    Role.COOPERATE: "配合单位",
    Role.REFERENCE: "参照落实单位",
}


def must_do(unit: str, duty: Duty) -> str:
    """要: the unit's role on the task and the group phrase it comes through."""
    via = f"（来自统称“{duty.via}”）" if duty.via else ""
    task = duty.task
    return (
        f"要。{unit}在第{task.number}项中是{ROLE_NOUNS[duty.role]}{via}。\n"
        f"第{task.number}项 {shorten(task.requirement)}"
    )


def need_not_do(unit: str, task: Task, registry: Registry, pending: Sequence[str]) -> str:
    """不需要 (or 暂不确定 while a group naming the task is undefined), with who holds it."""
    if pending:
        quoted = "、".join(f"“{name}”" for name in pending)
        head = (
            f"暂不确定。{unit}未被点名，但第{task.number}项由{quoted}承担，"
            "其范围待办公室明确，请向办公室确认。"
        )
    else:
        head = f"不需要。第{task.number}项不是{unit}的任务，由以下单位负责："
    lines = [head, f"第{task.number}项 {shorten(task.requirement)}"]
    return "\n".join(lines + responsibility_lines(task, registry))


def which_unit(said: str, candidates: Sequence[str], group: str | None) -> str:
    """The question back for a vague unit word, its choices listed (the group last)."""
    choices = "、".join(candidates)
    whole = f"，或统称“{group}”（全部）" if group else ""
    return f"“{echo(said)}”指哪个单位？可选：{choices}{whole}。"


HOWTO = {
    "report": (
        "报进度：发“第{n}项：”加一句进展，写“已完成”即记为完成。例如：",
        "第{n}项：已完成",
        "还在办的写进展，例如：第{n}项：正在起草，预计{day}报送。回复提醒消息或点提醒下的按钮也可以。",
    ),
    "extension": (
        "申请延期：在截止日期之前，写明任务、新日期和理由，例如：",
        "申请延期 第{n}项 到{day}，理由：……",
        "办公室审批后会通知您，批准后按新日期提醒。",
    ),
    "pause": (
        "休假或出差时，可暂停给您本人的提醒，例如：",
        "暂停提醒到{day}",
        "单位的其他同事照常收到；提前回来发“恢复提醒”。",
    ),
    "withdraw": (
        "刚发的进展有误：发“撤回”撤回上一条；或发“修改”加正确内容，例如：",
        "修改 第{n}项：已完成",
        "只能更正刚发不久的那一条，原内容保留在历史中。",
    ),
}
HOWTO["amend"] = HOWTO["withdraw"]


def month_day(day: date) -> str:
    """``12月1日``, as staff write a date in a command."""
    return f"{day.month}月{day.day}日"


def howto(topic: str, number: int, later: date) -> str:
    """The lines of a how-to answer with task `number` and the date `later` filled in."""
    return "\n".join(line.format(n=number, day=month_day(later)) for line in HOWTO[topic])


SMALL_TALK = {
    "greeting": "您好！我是分工助手，可以查任务、截止日期，也可以报进度。",
    "thanks": "不客气，有需要随时找我。",
    "presence": "在的，请说。",
}


def small_talk(kind: str, example: str) -> str:
    """A friendly line and one thing to try."""
    return f"{SMALL_TALK[kind]}\n试试发“{example}”，或发“帮助”看全部示例。"


def not_understood(text: str, shown: Sequence[tuple[str, str]]) -> str:
    """没听懂, then the closest intents, one example each."""
    lines = [f"没听懂“{echo(text)}”。您是不是想："]
    lines.extend(f"· {label}：{example}" for label, example in shown)
    lines.append("发“帮助”看全部示例。")
    return "\n".join(lines)
