"""延期申请 and 退回: the words staff and the office use, and the checks before the ledger.

A unit asks to move its current milestone of a task to a later date, with a reason, before that
milestone's due date; the office grants or refuses it. The office can also send a 已完成 report
back. Pure apart from the ledger writes; the Telegram side runs these in the ledger's thread.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from bot.answers.model import Knowledge
from bot.duties import duties_for
from bot.ledger.deadlines import written_date
from bot.ledger.history import EXTENSION, Entry, Ledger
from bot.ledger.milestones import milestones_for
from bot.office.overview import current_due
from bot.progress.recording import Sender
from bot.progress.texts import ALREADY_RECORDED
from bot.reminders.pauses import next_occurrence
from bot.texts import full_date

__all__ = [
    "BadExtension",
    "ExtensionAsk",
    "Refusal",
    "extension_ask",
    "parse_extension_line",
    "request_extension",
]

EXAMPLE = "例如：申请延期 第24项 到12月20日，理由：上级平台升级暂停发布"
LINE_EXAMPLE = "例如：12月20日，上级平台升级暂停发布"
_LINE = re.compile(
    r"^[\s，,:：]*(?:延(?:期|长)?(?:到|至)|推迟到|改到|到|至)?\s*(?P<when>[^\s，,。；;:：]+?)"
    r"(?:前|之前)?(?:[\s，,。；;:：]+|$)(?:(?:理由|原因|因为|因)[\s:：]*)?(?P<reason>.*)$"
)


@dataclass(frozen=True, slots=True)
class ExtensionAsk:
    """A request to move `task` (None: the task is known from the conversation) to `until`."""

    task: int | None
    until: date
    reason: str


@dataclass(frozen=True, slots=True)
class BadExtension:
    """An extension request that cannot be read; the reason in Chinese."""

    reason: str


def _date(when: str, today: date) -> date | BadExtension:
    parts = written_date(when)
    if parts is None:
        return BadExtension(f"看不懂新日期“{when}”，{EXAMPLE}")
    year, month, day = parts
    try:
        written = date(year or 2000, month, day)  # 2000: a leap year, so 2月29日 is a date
    except ValueError:
        return BadExtension(f"没有{month}月{day}日这一天，请检查日期。")
    return written if year else next_occurrence(month, day, today)


def parse_extension_line(
    text: str, today: date, task: int | None = None
) -> ExtensionAsk | BadExtension:
    """The one line after the 申请延期 button: a new date, then the reason."""
    match = _LINE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return BadExtension(f"请写新日期和理由，{LINE_EXAMPLE}")
    until = _date(match["when"], today)
    if isinstance(until, BadExtension):
        return until
    reason = match["reason"].strip(" 。")
    if not reason:
        return BadExtension(f"请一并写明延期理由，{LINE_EXAMPLE}")
    return ExtensionAsk(task, until, reason)


def extension_ask(
    task: int | None, until: date | None, reason: str
) -> ExtensionAsk | BadExtension:
    """A typed 延期申请 as the grammar read it, or what it still lacks (the task, the new
    date, the reason)."""
    if task is None:
        return BadExtension(f"请写明是哪一项，{EXAMPLE}")
    if until is None:
        return BadExtension(f"请写明新日期，{EXAMPLE}")
    if not reason:
        return BadExtension(f"请一并写明延期理由，{EXAMPLE}")
    return ExtensionAsk(task, until, reason)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request or return was not recorded; nothing was written."""

    text: str


def request_extension(
    ask: ExtensionAsk, sender: Sender, know: Knowledge, ledger: Ledger, now: datetime
) -> Entry | Refusal:
    """Check the request against the unit's current milestone and record it, or say why not."""
    earlier = ledger.recorded(sender.chat, sender.message)
    if earlier is not None:  # Telegram delivered the message again after a crash
        return earlier if earlier.kind == EXTENSION else Refusal(ALREADY_RECORDED)
    unit, task = sender.unit, ask.task
    if unit is None:
        return Refusal("请先绑定单位（发 /start），再申请延期。")
    if task is None or know.plan.task(task) is None:
        return Refusal(f"通知里没有第{task}项（共 {len(know.plan.tasks)} 项），请检查项号。")
    found = know.registry.unit(unit)
    if found is None or task not in {
        d.task.number for d in duties_for(found, know.plan, know.registry)
    }:
        return Refusal(f"{unit}在第{task}项中没有任务，无需申请延期。")
    dues = milestones_for(ledger, know.deadlines, task, unit)
    due, all_done = current_due(task, unit, dues, ledger.done())
    today = now.date()
    if due is None:
        return Refusal(f"第{task}项没有截止日期，无需申请延期。")
    if all_done:
        return Refusal(f"{unit}第{task}项已全部报告完成，无需延期。")
    if due < today:
        return Refusal(
            f"第{task}项的截止日期 {full_date(due)} 已过，不能再申请延期。"
            "请尽快办理并报告进展；确有困难请直接联系办公室。"
        )
    if ask.until <= due:
        return Refusal(f"新日期应晚于现在的截止日期 {full_date(due)}，请重新填写。")
    if ledger.open_request(task, unit) is not None:
        return Refusal(f"{unit}第{task}项已有一条延期申请在等办公室审批，请耐心等待。")
    entry = ledger.request_extension(
        unit=unit,
        task=task,
        due=due,
        until=ask.until,
        reason=ask.reason,
        user=sender.user,
        name=sender.name,
        chat=sender.chat,
        message=sender.message,
        now=now,
    )
    return entry or Refusal(ALREADY_RECORDED)
