"""The weekly digest for the office's admins and observing leaders: its day, and its text. Pure.

Which day: the configured weekday (1 = Monday … 5 = Friday) of each Monday-to-Sunday week. When
that day is not a China working day, the last working day before it in the same week; when the
week has none before it, the first working day after it in the same week (a 调休 Saturday or
Sunday counts); a week without any working day has no digest.

What it says: where every task of the notice stands, the notice's 按期完成率 in one line
(`bot.office.ontime`), what changed since the previous digest (the reports recorded, per unit,
and the tasks completed), what is late, what is blocked and why, how many duties have had no
report, what waits for 复核 and how long (when the office reviews), and who is paused or
unreachable. It always fits one Telegram message: long lists are cut to their first entries and
end with ``等 N 项``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from bot.ledger.history import Entry, Ledger
from bot.ledger.reports import Status
from bot.office.overview import Overview, Standing, UnitStanding
from bot.office.texts import ontime_digest_line
from bot.reminders.review_texts import waiting_line
from bot.reminders.texts import moment_label
from bot.texts import MESSAGE_LIMIT, day_label, shorten, time_left, utf16_length
from bot.workdays import is_workday

__all__ = [
    "WEEKLY_PREFIX",
    "PausedUser",
    "WeeklySettings",
    "next_moment",
    "previous_moment",
    "send_day",
    "week_of",
    "weekly_digest",
    "weekly_key",
]

WEEKLY_PREFIX = "weekly:"
# Weeks looked through for the previous or next digest; the longest holiday is about one week.
LOOKAROUND_WEEKS = 8
# Line lists (late tasks, blocked reports) are cut to these many entries, fewer until it fits.
LINE_LIMITS = (15, 8, 4, 2, 1, 0)
UNITS_SHOWN = 6  # units named on one late task's line
PEOPLE_SHOWN = 10  # paused or unreachable people named
REASON_LENGTH = 40  # characters of a 有困难 report's text


@dataclass(frozen=True, slots=True)
class WeeklySettings:
    """The weekday (1 = Monday … 5 = Friday) and the time of the weekly digest."""

    weekday: int = 5
    time: time = time(16, 0)

    def __post_init__(self) -> None:
        if not 1 <= self.weekday <= 5:
            raise ValueError("每周汇总的日子应是周一到周五（1 到 5）")


@dataclass(frozen=True, slots=True)
class PausedUser:
    """Someone whose reminders are paused through `until`, and their unit if bound."""

    name: str
    unit: str | None
    until: date


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def weekly_key(day: date) -> str:
    """The outbox key of the digest of `day`'s week (one digest per week, whatever its day)."""
    return f"{WEEKLY_PREFIX}{week_of(day).isoformat()}"


def send_day(settings: WeeklySettings, day: date) -> date | None:
    """The day the digest of `day`'s week goes out; None when the week has no working day."""
    monday = week_of(day)
    wanted = monday + timedelta(days=settings.weekday - 1)
    for back in range(settings.weekday):
        candidate = wanted - timedelta(days=back)
        if is_workday(candidate):
            return candidate
    for ahead in range(1, 8 - settings.weekday):
        candidate = wanted + timedelta(days=ahead)
        if is_workday(candidate):
            return candidate
    return None


def _moment(settings: WeeklySettings, monday: date, zone: tzinfo) -> datetime | None:
    day = send_day(settings, monday)
    return datetime.combine(day, settings.time, zone) if day is not None else None


def previous_moment(settings: WeeklySettings, day: date, zone: tzinfo) -> datetime | None:
    """When the digest of the latest week before `day`'s week that had one was due."""
    monday = week_of(day)
    for weeks in range(1, LOOKAROUND_WEEKS + 1):
        moment = _moment(settings, monday - timedelta(weeks=weeks), zone)
        if moment is not None:
            return moment
    return None


def next_moment(settings: WeeklySettings, now: datetime) -> datetime | None:
    """The first digest moment after `now`, this week or a later one."""
    if now.utcoffset() is None:
        raise ValueError(f"时间必须带时区：{now.isoformat()}")
    monday = week_of(now.date())
    for weeks in range(LOOKAROUND_WEEKS + 1):
        moment = _moment(settings, monday + timedelta(weeks=weeks), now.tzinfo)
        if moment is not None and moment > now:
            return moment
    return None


def _joined(names: Sequence[str], shown: int, counter: str) -> str:
    """``甲、乙、丙`` or, past `shown` names, ``甲、乙等 5 个``."""
    if len(names) <= shown:
        return "、".join(names)
    return "、".join(names[:shown]) + f"等 {len(names)} {counter}"


def _capped(lines: list[str], limit: int) -> list[str]:
    """The first `limit` lines, then ``· ……等 N 项`` when some were left out."""
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"· ……等 {len(lines)} 项"]


def _numbers(tasks: Sequence[int]) -> str:
    return "第" + "、".join(str(t) for t in tasks) + "项"


def _header(today: date) -> str:
    monday = week_of(today)
    return f"【每周汇总】{today.year}年{day_label(monday)}至{day_label(today)}"


def _totals(overview: Overview, tasks: Sequence[int]) -> str:
    counts = overview.task_counts(tasks)
    parts = "，".join(f"{standing.value} {counts[standing]} 项" for standing in Standing)
    return f"全部 {sum(counts.values())} 项任务：{parts}"


def _changes(
    overview: Overview, new: Sequence[Entry], since: datetime, tasks: Sequence[int]
) -> list[str]:
    lines = [f"【本周变化】{moment_label(since)} 以来"]
    if not new:
        lines.append("· 没有新的进展报告")
    else:
        per_unit = Counter(e.unit for e in new)
        order = [u for u in overview.units if u in per_unit]
        order += sorted(u for u in per_unit if u not in order)
        statuses = Counter(e.status for e in new)
        split = "、".join(f"{s.value} {statuses[s]}" for s in Status if statuses[s])
        units = "、".join(f"{u} {per_unit[u]} 条" for u in order)
        lines.append(f"· {len(per_unit)} 个单位报告进展 {len(new)} 条（{split}）：{units}")
    finished = [
        t
        for t in tasks
        if overview.task_standing(t) is Standing.DONE
        and any(t in e.tasks and e.status is Status.DONE for e in new)
    ]
    lines.append(f"· 本周完成的任务：{_numbers(finished)}" if finished else "· 本周没有完成的任务")
    return lines


def _late(overview: Overview, limit: int) -> list[str]:
    late = [r for r in overview.rows if r.standing is Standing.LATE]  # each has a due date
    groups: dict[tuple[date, int], list[UnitStanding]] = {}
    for row in late:
        groups.setdefault((row.due, row.task), []).append(row)
    if not groups:
        return ["【逾期】无"]
    lines = [f"【逾期】{len({r.task for r in late})} 项任务："]
    body = []
    for (due, task), members in sorted(groups.items()):
        ago = time_left(due, overview.today, members[0].workdays_left)
        when = f"截止 {day_label(due)}，{ago}"
        units = _joined([r.unit for r in members], UNITS_SHOWN, "个单位")
        body.append(f"· 第{task}项 {when}：{units}")
    return lines + _capped(body, limit)


def _blocked(rows: Sequence[UnitStanding], limit: int) -> list[str]:
    blocked = [r for r in rows if r.standing is Standing.BLOCKED]
    groups: dict[int, list[UnitStanding]] = {}
    for row in blocked:
        groups.setdefault(row.latest.id if row.latest else 0, []).append(row)
    if not groups:
        return ["【有困难】无"]
    units = {r.unit for r in blocked}
    lines = [f"【有困难】{len(units)} 个单位、{len(blocked)} 项分工，请协调："]
    body = []
    for _, members in sorted(groups.items()):
        entry = members[0].latest
        if entry is None:  # a 有困难 standing always comes from a report
            continue
        tasks = _numbers([r.task for r in members])
        who = f"{entry.name}，{entry.at.month}月{entry.at.day}日"
        body.append(f"· {tasks} {entry.unit}（{who}）：{shorten(entry.text, REASON_LENGTH)}")
    return lines + _capped(body, limit)


def _silent(rows: Sequence[UnitStanding]) -> str:
    silent = [r for r in rows if r.standing is Standing.SILENT]
    if not silent:
        return "【未反馈】无"
    units = {r.unit for r in silent}
    return f"【未反馈】{len(units)} 个单位共 {len(silent)} 项分工尚未报告当前节点的进展"


def _people(paused: Sequence[PausedUser], unreachable: Sequence[str]) -> list[str]:
    names = []
    for user in paused:
        where = f"{user.unit}，" if user.unit else ""
        names.append(f"{user.name}（{where}至{user.until.month}月{user.until.day}日）")
    away = f"{len(names)} 人：{_joined(names, PEOPLE_SHOWN, '人')}" if names else "无"
    gone = (
        f"{len(unreachable)} 人（已屏蔽或停用机器人）：{_joined(unreachable, PEOPLE_SHOWN, '人')}"
        if unreachable
        else "无"
    )
    return [f"【暂停提醒】{away}", f"【无法送达】{gone}"]


def weekly_digest(
    overview: Overview,
    ledger: Ledger,
    *,
    since: datetime,
    paused: Sequence[PausedUser],
    unreachable: Sequence[str],
    people: bool = True,
) -> str:
    """The weekly digest as of `overview.today`, one Telegram message long.

    Args:
        overview: Every unit's standing on every task today.
        ledger: The 台账; reports in force recorded after `since` are this week's changes.
        since: When the previous digest was made (or would have been).
        paused: People whose reminders are paused today.
        unreachable: People a message could not reach, as ``姓名（单位）``.
        people: Whether to list the paused and unreachable people (with several notices,
            only the last notice's part does).
    """
    tasks = sorted({r.task for r in overview.rows})
    new = sorted((e for e in ledger.reports().values() if e.at > since), key=lambda e: e.id)
    text = ""
    for limit in LINE_LIMITS:
        lines = [_header(overview.today), _totals(overview, tasks)]
        lines += [ontime_digest_line(overview.ontime)] if overview.ontime else []
        lines += _changes(overview, new, since, tasks)
        lines += _late(overview, limit)
        lines += _blocked(overview.rows, limit)
        lines.append(_silent(overview.rows))
        lines += [waiting_line(ledger.awaiting_review(), overview.today)] if ledger.review else []
        lines += _people(paused, unreachable) if people else []
        text = "\n".join(lines)
        if utf16_length(text) <= MESSAGE_LIMIT:
            break
    return text
