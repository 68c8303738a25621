"""What reminders say over every notice in use: a nudge's text, and the office's daily and
weekly digests with each notice's part under its name when there are several.

Composes; deciding what is due and to whom is `bot.reminders`' (and `bot.office.schedule`'s).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import bot.reminders.review_texts as review_texts
import bot.reminders.texts as say
from bot.notices.across import headed
from bot.notices.desks import Desk
from bot.office.overview import build_overview
from bot.office.weekly import PausedUser, weekly_digest
from bot.reminders.nudges import DigestSettings, Nudge, office_digest


def nudge_text(desks: Sequence[Desk], nudges: Sequence[Nudge], *, today: date, late: bool) -> str:
    """One unit's merged nudges; with several notices each item names its notice."""
    notices = {d.key: (d.label, d.knowledge.plan) for d in desks} if len(desks) > 1 else None
    plan = desks[0].knowledge.plan
    return say.nudge_message(nudges[0].unit, nudges, plan, today=today, late=late, notices=notices)


def daily_digest_needed(desks: Sequence[Desk], since: datetime | None, fell_overdue: bool) -> bool:
    """The daily digest goes when a milestone fell overdue today or someone reported 有困难
    since the last digest."""
    return fell_overdue or any(d.ledger.blocked_since(since) for d in desks)


def daily_digest_text(
    desks: Sequence[Desk],
    *,
    today: date,
    since: datetime | None,
    settings: DigestSettings,
    unreachable: Sequence[str],
) -> str:
    """The graded open milestones, the 有困难 reports since `since` and the reports awaiting
    复核, per notice, then the people nobody can reach."""
    parts = []
    for desk in desks:
        knowledge, ledger = desk.knowledge, desk.ledger
        items = office_digest(
            knowledge.plan,
            knowledge.registry,
            knowledge.deadlines,
            today=today,
            done=ledger.done(),
            settings=settings,
            moved=ledger.moved(),
        )
        part = say.digest_message(items, today=today, settings=settings)
        if blocked := ledger.blocked_since(since):
            part += "\n" + say.blocked_lines(blocked)
        if waiting := ledger.awaiting_review():
            part += "\n" + review_texts.waiting_line(waiting, today)
        parts.append(headed(desk, part, desks))
    text = "\n\n".join(parts)
    return text + "\n" + say.unreachable_line(unreachable) if unreachable else text


def weekly_digest_text(
    desks: Sequence[Desk],
    *,
    today: date,
    since: datetime,
    settings: DigestSettings,
    paused: Sequence[PausedUser],
    unreachable: Sequence[str],
) -> str:
    """This week's digest per notice; the paused and unreachable people are listed once, last."""
    parts = []
    for index, desk in enumerate(desks):
        overview = build_overview(desk.knowledge, desk.ledger, today, settings)
        part = weekly_digest(
            overview,
            desk.ledger,
            since=since,
            paused=paused,
            unreachable=unreachable,
            people=index == len(desks) - 1,
        )
        parts.append(headed(desk, part, desks))
    return "\n\n".join(parts)
