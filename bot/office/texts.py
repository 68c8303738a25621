"""The office's supervision texts: the overview, one task's units, who has not reported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.office.ontime import OnTime, Tally
from bot.office.overview import Overview, Standing, UnitStanding
from bot.plan import Plan
from bot.reminders.nudges import DigestSettings, Level
from bot.texts import ROLE_LABELS, chinese_number, day_label, section_label, shorten, time_left

ORDER = (Standing.DONE, Standing.ONGOING, Standing.BLOCKED, Standing.SILENT, Standing.LATE)
LEVEL_MARKS = {Level.RED: "【红】", Level.YELLOW: "【黄】", Level.BLUE: "【蓝】"}
OVERVIEW_HINT = "看某一项的各单位：/overview 17；未反馈名单：/missing；台账表格：/export"
OVERVIEW_USAGE = "用法：/overview 看全局；/overview 17 看第17项各单位的进展。"
NO_SUCH_TASK = "通知里没有第{task}项（共 {count} 项）。"
NOBODY_HOLDS = "第{task}项还没有明确的承担单位（统称待办公室明确），无从统计。"
ALL_REPORTED = "当前节点各单位都已反馈或已完成。"
WARNINGS_SHOWN = 15


def counts_line(counts: Counter[Standing]) -> str:
    """``已完成 3，进行中 5，…`` in the fixed order, zeros included, so columns line up."""
    return "，".join(f"{standing.value} {counts[standing]}" for standing in ORDER)


def _row_line(row: UnitStanding) -> str:
    role = ROLE_LABELS[row.role] + (f"，来自{row.via}" if row.via else "")
    line = f"· {row.unit}（{role}）{row.standing.value}"
    if row.latest is not None:
        latest = row.latest
        said = (
            latest.text
            if latest.text.startswith(latest.status)
            else f"{latest.status}：{latest.text}"
        )
        line += f"；最近 {latest.at.month}-{latest.at.day:02d} {shorten(said, 34)}"
    return line


def _due_note(row: UnitStanding, overview: Overview) -> str:
    if row.due is None:
        return "未设截止日期"
    return f"截止 {day_label(row.due)}，{time_left(row.due, overview.today, row.workdays_left)}"


def overview_text(overview: Overview, plan: Plan, settings: DigestSettings) -> str:
    """Counts for the notice, per section and per unit, and the graded warnings."""
    today = overview.today
    numbers = [t.number for t in plan.tasks]
    lines = [
        f"【督办总览】截至 {today.year}年{day_label(today)}",
        f"全部 {len(numbers)} 项：{counts_line(overview.task_counts(numbers))}",
        "",
        "按部分（项数）：",
    ]
    for section in plan.sections:
        tasks = [t.number for t in plan.tasks_in(section.number)]
        counts = overview.task_counts(tasks)
        label = f"{chinese_number(section.number)}、{section.title}"
        lines.append(f"{label}（{len(tasks)}）{_brief(counts)}")
    lines += ["", "按单位（承担的项数）："]
    for unit, counts in overview.unit_counts().items():
        lines.append(f"{unit}（{sum(counts.values())}）{_brief(counts)}")
    if overview.ontime is not None:
        lines += ["", *ontime_lines(overview.ontime)]
    warnings = overview.warnings()
    if warnings:
        lines += ["", f"预警（{_level_counts(warnings)}）："]
        for row in warnings[:WARNINGS_SHOWN]:
            lines.append(
                f"{LEVEL_MARKS[row.level]}第{row.task}项 {row.unit} {row.standing.value}，"
                f"{_due_note(row, overview)}"
            )
        if len(warnings) > WARNINGS_SHOWN:
            lines.append(f"……等 {len(warnings)} 条")
        days = f"蓝 ≤{settings.blue}、黄 ≤{settings.yellow} 个工作日"
        lines.append(f"（分级：红=已逾期，{days}）")
    lines += ["", OVERVIEW_HINT]
    return "\n".join(lines)


def _brief(counts: Counter[Standing]) -> str:
    """Only the non-zero standings: ``已完成 1 · 未反馈 2``."""
    return " · ".join(f"{s.value} {counts[s]}" for s in ORDER if counts[s]) or "—"


def _level_counts(rows: Iterable[UnitStanding]) -> str:
    counts = Counter(row.level for row in rows)
    return "，".join(f"{level.value} {counts[level]}" for level in LEVEL_MARKS if counts[level])


def task_detail(overview: Overview, plan: Plan, number: int) -> str:
    """One task: its standing, then every unit holding it (group members too) with its report."""
    task = plan.task(number)
    if task is None:
        return NO_SUCH_TASK.format(task=number, count=len(plan.tasks))
    rows = overview.of_task(number)
    if not rows:
        return NOBODY_HOLDS.format(task=number)
    reported = sum(row.reported for row in rows)
    lines = [
        f"第{number}项：{overview.task_standing(number).value}（{len(rows)} 个单位，"
        f"当前节点已反馈 {reported}）",
        shorten(task.requirement, 60),
        f"责任单位：{task.responsibility}",
    ]
    dues = sorted({row.due for row in rows if row.due is not None})
    if dues:
        lines.append("当前节点：" + "、".join(day_label(d) for d in dues))
    lines.extend(_row_line(row) for row in rows)
    return "\n".join(lines)


def missing_text(overview: Overview) -> str:
    """Units with nothing reported on their current milestone, by task; names only, no @."""
    rows = overview.not_reported()
    if not rows:
        return ALL_REPORTED
    by_task: dict[int, list[UnitStanding]] = {}
    for row in rows:
        by_task.setdefault(row.task, []).append(row)
    lines = [f"【未反馈】{len(by_task)} 项、{len(rows)} 个单位次尚未就当前节点反馈："]
    for task, missing in by_task.items():
        dues = sorted({r.due for r in missing if r.due is not None})
        due = "，截止 " + "、".join(day_label(d) for d in dues) if dues else ""
        late = "（已逾期）" if any(r.standing is Standing.LATE for r in missing) else ""
        units = "、".join(r.unit for r in missing)
        lines.append(f"· 第{task}项{due}{late}：{units}")
    return "\n".join(lines)


# ---- 按期完成率 (bot.office.ontime): the overview's lines, the digest's line, the 统计 sheet ----

ONTIME_HEAD = "按期完成（按节点计，天数为自然日；单位按通知中出现的顺序）："
ONTIME_RULE = "（按期完成率 = 按期完成 ÷（按期完成 + 逾期完成 + 逾期未完成），未到期的节点不计）"
ONTIME_NOTHING = "暂无已完成或已到期的节点"
ONTIME_REST = "其余 {count} 个单位：" + ONTIME_NOTHING
ONTIME_SHEET_HEADER = (
    "范围",
    "名称",
    "节点数",
    "按期完成",
    "逾期完成",
    "逾期未完成",
    "未到期",
    "按期完成率",
    "完成天数中位数（自然日，负数为提前）",
)
ONTIME_SCOPES = ("全文", "部分", "单位")


def _days_word(days: float) -> str:
    """``截止前 4 天``, ``截止后 2.5 天``, ``截止当天``: a median of days from due date to close."""
    amount = f"{abs(days):g}"
    if days < 0:
        return f"截止前 {amount} 天"
    return f"截止后 {amount} 天" if days > 0 else "截止当天"


def ontime_brief(tally: Tally) -> str:
    """``按期 1 · 逾期完成 1 · 逾期未完成 0 · 未到期 3；按期完成率 50%；完成日中位：截止前 4 天``."""
    if tally.rate is None:
        return f"{ONTIME_NOTHING}（未到期 {tally.open}）"
    line = (
        f"按期 {tally.on_time} · 逾期完成 {tally.late} · 逾期未完成 {tally.overdue}"
        f" · 未到期 {tally.open}；按期完成率 {tally.rate:.0%}"
    )
    median = tally.median_days
    return line + (f"；完成日中位：{_days_word(median)}" if median is not None else "")


def ontime_lines(figures: OnTime) -> list[str]:
    """The overview's part: the notice's line, then each unit with something closed or due."""
    lines = [ONTIME_HEAD, f"全部：{ontime_brief(figures.notice)}"]
    quiet = 0
    for unit, tally in figures.units:
        if tally.counted:
            lines.append(f"{unit}：{ontime_brief(tally)}")
        else:
            quiet += 1
    if quiet:
        lines.append(ONTIME_REST.format(count=quiet))
    lines.append(ONTIME_RULE)
    return lines


def ontime_digest_line(figures: OnTime) -> str:
    """The weekly digest's one line: the notice's figures."""
    return f"【按期完成】{ontime_brief(figures.notice)}"


SheetRow = tuple[str | int | float | None, ...]


def _sheet_row(scope: str, name: str, tally: Tally) -> SheetRow:
    return (
        scope,
        name,
        tally.total,
        tally.on_time,
        tally.late,
        tally.overdue,
        tally.open,
        tally.rate,
        tally.median_days,
    )


def ontime_sheet(figures: OnTime, plan: Plan) -> list[SheetRow]:
    """The 统计 sheet: the header, the notice, each section, each unit, all in notice order.

    The rate is a fraction (0.5 for 50%) and the median a number of days; both are None (an
    empty cell) when there is nothing to count.
    """
    notice, section, unit = ONTIME_SCOPES
    rows: list[SheetRow] = [ONTIME_SHEET_HEADER, _sheet_row(notice, plan.title, figures.notice)]
    rows += [_sheet_row(section, section_label(s), t) for s, t in figures.sections]
    rows += [_sheet_row(unit, name, t) for name, t in figures.units]
    return rows


CHART_WHICH_NOTICE = (
    "有几个通知在用，每个通知画成一张图：请去掉 --out，或用 --of 简称 只画一个通知。"
)
CHART_BUSY = (
    "机器人正在运行，占用着这个数据目录，不能在这里画图。"
    "请在 Telegram 里向机器人发送 /chart 获取台账图，或先停止机器人再画图。"
)
CHARTED = "已生成台账图：{path}（截至{day}）"
