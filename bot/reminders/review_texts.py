"""The Chinese text of 复核销号: the office's list of reports awaiting review, its digest
line, and what a 通过 or 退回 says to the office and to the unit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.ledger.history import Entry
from bot.reminders.texts import moment_label
from bot.texts import day_label, shorten

PASS, SEND_BACK = "通过", "退回"
REVIEW_NOTE = "待办公室复核，通过后销号。"
NO_REVIEWS = "没有待复核的“已完成”报告。"
REVIEWS_HEAD = "待复核的“已完成”报告（{count} 条），点“通过”销号，点“退回”需写一句理由："
ASK_REASON = "退回{what}：请用一句话写退回理由（单位会收到），不退回请发“取消”。"
NO_REASON = "请写一句退回理由，例如：缺少发文文号，请补充后再报。不退回请发“取消”。"
CANCELLED = "好的，未退回。"
TEXT_LENGTH = 60
DIGEST_SHOWN = 5


def _tasks(tasks: Sequence[int]) -> str:
    return "第" + "、".join(str(t) for t in tasks) + "项"


def what(report: Entry) -> str:
    """``综合科 第24项（截止 12月10日（周五））``: the report's unit, tasks and milestone."""
    dues = sorted({d for t in report.tasks if (d := report.due(t)) is not None})
    due = f"（截止 {'、'.join(day_label(d) for d in dues)}）" if dues else ""
    return f"{report.unit} {_tasks(report.tasks)}{due}"


def item(report: Entry, *, tag: str = "", evidence: Sequence[str] = ()) -> str:
    """One report for review: what, who and when, its text, and its evidence (佐证) when the
    report has any (`evidence`: one line per piece, as the evidence records name it)."""
    lines = [
        f"{tag}{what(report)}（{report.name}，{moment_label(report.at)}）："
        f"{shorten(report.text, TEXT_LENGTH)}"
    ]
    lines += [f"  佐证：{piece}" for piece in evidence]
    return "\n".join(lines)


def batch(items: Sequence[str]) -> str:
    """The office's one message for a batch: the items numbered as their buttons are."""
    head = (
        f"【待复核】{len(items)} 条“已完成”报告请复核：逐条点“通过”销号，或点“退回”并写一句理由。"
    )
    return "\n".join([head, *(f"{n}. {text}" for n, text in enumerate(items, 1))])


def passed_for_office(report: Entry) -> str:
    """The admin's confirmation of a 通过."""
    return f"已通过：{what(report)}，已销号，已告知该单位。"


def passed_for_unit(report: Entry) -> str:
    """What the unit's people are told when the office passes their report."""
    return (
        f"办公室已复核通过{what(report)}的“已完成”报告（{moment_label(report.at)}），"
        "此节点已销号。"
    )


def returned_for_office(report: Entry, reason: str) -> str:
    """The admin's confirmation of a 退回."""
    return (
        f"已退回：{what(report)}的“已完成”报告，理由：{reason}。"
        "该单位已收到通知，此项恢复为进行中，提醒继续。"
    )


def returned_for_unit(report: Entry, reason: str) -> str:
    """What the unit's people are told when the office returns their report."""
    return (
        f"办公室复核退回了{what(report)}的“已完成”报告（{moment_label(report.at)}），"
        f"理由：{reason}。此项恢复为进行中，提醒将继续；整改后请再报告。"
    )


def waiting_line(reports: Sequence[Entry], today: date) -> str:
    """The digests' line: how many reports wait for 复核, the oldest first, with their days."""
    if not reports:
        return "【待复核】无"
    ordered = sorted(reports, key=lambda r: (r.at, r.id))
    named = "；".join(f"{what(r)} {_waited(r.at, today)}" for r in ordered[:DIGEST_SHOWN])
    more = f"等 {len(ordered)} 条" if len(ordered) > DIGEST_SHOWN else ""
    return f"【待复核】{len(ordered)} 条“已完成”报告待办公室复核：{named}{more}"


def _waited(at: datetime, today: date) -> str:
    days = (today - at.date()).days
    return f"已等 {days} 天" if days > 0 else "今天报告"
