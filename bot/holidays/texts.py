"""The Chinese text about holiday arrangements: what was read, the checks, and the outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.holidays.arrangement import Period, Reading

WEEKDAYS = "一二三四五六日"
HOW_TO_FIX = (
    "办法：国务院办公厅公布《关于{year}年部分节假日安排的通知》后，把通知全文（文字或 .txt、"
    ".docx 文件）发给机器人，核对后点“启用”；或在服务器上运行 python -m bot holidays 通知文件。"
)
CALENDAR_MISSING = (
    "【日历提醒】还没有 {year} 年的法定节假日和调休安排（chinese-calendar 也没有），"
    "机器人暂按周一至周五计算 {year} 年的工作日、安排提醒。" + HOW_TO_FIX
)
LIBRARY_DIFFERS = (
    "【日历提醒】chinese-calendar 现已收录 {year} 年的安排，与办公室启用的《{title}》有 {count} 天不同：\n"
    "{days}\n机器人仍按办公室启用的安排计算。若应以 chinese-calendar 为准，"
    "请从数据目录的 holidays.toml 中删去 [{year}] 一节，一分钟内生效。"
)
FILE_BROKEN = "【日历提醒】{error}。机器人仍按原来的节假日安排计算，请改正该文件。"
CONFIRM = "确认启用这份节假日安排吗？(y/N) "
DECLINED = "未启用，工作日仍按原来的安排计算。"
REFUSED = "安排中有上述问题，未启用。请核对原文，改正后重新发送。"
STORED = "已启用 {year} 年节假日安排，存入 {path}。工作日、提醒和“N 个工作日”即刻按此计算。"
STORED_CHAT = (
    "已启用 {year} 年节假日安排。工作日、提醒和“N 个工作日”即刻按此计算；已发出的提醒不受影响。"
)
CANCELLED = "已取消，未启用这份节假日安排。"
ENABLE = "启用"
CANCEL = "取消"


def day_label(day: date, year: int | None = None) -> str:
    """``1月28日（周二）``, with the year when it is not `year`."""
    prefix = f"{day.year}年" if year is not None and day.year != year else ""
    return f"{prefix}{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def _period_line(period: Period, year: int) -> str:
    span = (period.last - period.first).days + 1
    text = f"· {period.name}：{day_label(period.first, year)}"
    if span > 1:
        text += f"至{day_label(period.last, year)}"
    if period.in_lieu:
        text += "，" + "、".join(day_label(d, year) for d in period.in_lieu) + "补休"
    text += f"，放假 {len(period.days_off)} 天"
    return text + ("（与周末连休）" if period.joins_weekend else "")


def _differences_lines(differences: Sequence[tuple[date, bool]]) -> list[str]:
    return [
        f"· {day_label(day)}：安排为{'上班' if work else '放假'}，chinese-calendar 为{'放假' if work else '上班'}"
        for day, work in differences
    ]


def differences_text(differences: Sequence[tuple[date, bool]]) -> str:
    """One line per day an arrangement and the library disagree on."""
    return "\n".join(_differences_lines(differences))


def reading_text(
    reading: Reading, differences: Sequence[tuple[date, bool]] = (), *, library: bool = False
) -> str:
    """What was read, each check's outcome, and what the library says of the same year."""
    arrangement = reading.arrangement
    lines: list[str] = []
    if arrangement is not None:
        year = arrangement.year
        lines.append(f"读到《{arrangement.title}》（{year} 年）：")
        lines.append("放假：")
        lines.extend(_period_line(p, year) for p in arrangement.periods)
        makeup = "、".join(day_label(d, year) for d in arrangement.workdays) or "无"
        lines.append(f"调休上班：{makeup}")
        lines.append(
            f"共放假 {len(arrangement.holidays)} 天，调休上班 {len(arrangement.workdays)} 天；"
            "所写星期和“共N天”均已核对。"
            if reading.ok
            else f"共放假 {len(arrangement.holidays)} 天，调休上班 {len(arrangement.workdays)} 天。"
        )
        if library and not differences:
            lines.append(f"与 chinese-calendar 的 {year} 年数据一致。")
        elif differences:
            lines.append(f"与 chinese-calendar 的 {year} 年数据有 {len(differences)} 天不同：")
            lines.extend(_differences_lines(differences))
    if reading.problems:
        lines.append("问题：")
        lines.extend(f"· {p}" for p in reading.problems)
    if reading.notes:
        lines.append("以下句子不含放假或上班安排，未计入：")
        lines.extend(f"· {n}" for n in reading.notes)
    return "\n".join(lines)
