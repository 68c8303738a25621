"""The nudge plan of every notice in use, and what a wake-up asks of it: what is due since the
watermark, whether something fell overdue today, which nudges a delivery named.

Reads each notice's plan, due dates and ledger (reports done, milestones moved); the clock
comes in as arguments. A unit's weekly cap counts the nudges of all notices together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from bot.answers.model import Knowledge
from bot.ledger.history import Ledger
from bot.registry.units import Registry
from bot.reminders.nudges import Kind, LadderSettings, NoticeNudges, Nudge, plan_notices

# The first overdue nudge: the day after a missed due date.
FIRST_OVERDUE = "late1"


class NoticeSource(Protocol):
    """One notice in use, as the planner reads it (a desk of `bot.notices.desks`)."""

    @property
    def key(self) -> str:
        """The notice's key in the catalog."""
        ...

    @property
    def knowledge(self) -> Knowledge:
        """The notice's plan, registry and due dates."""
        ...

    @property
    def ledger(self) -> Ledger:
        """The notice's ledger: what is done, which milestones moved."""
        ...


@dataclass(frozen=True, slots=True)
class Planner:
    """The nudge plan over `notices` for the office's `registry`, time zone and ladder."""

    notices: Sequence[NoticeSource]
    registry: Registry
    zone: tzinfo
    settings: LadderSettings

    def plan(self, start: date, end: date, *, with_done: bool = True) -> list[Nudge]:
        """Every nudge over [start, end], without the milestones reported done unless
        `with_done` is False (a delivery begun before a report keeps its nudges)."""
        notices = [
            NoticeNudges(
                source.key,
                source.knowledge.plan,
                source.knowledge.deadlines,
                source.ledger.done() if with_done else frozenset(),
                source.ledger.moved(),
            )
            for source in self.notices
        ]
        return plan_notices(
            notices, self.registry, start=start, end=end, zone=self.zone, settings=self.settings
        )

    def due(self, now: datetime, *, since: datetime, watermark: datetime | None) -> list[Nudge]:
        """The nudges planned from the watermark (or `since`, when reminders started, if
        later) up to `now`."""
        start = max(since, watermark or since)
        return [n for n in self.plan(start.date(), now.date()) if start <= n.at <= now]

    def fell_overdue(self, today: date) -> bool:
        """True when some unit's milestone has its first overdue day today."""
        return any(
            n.kind is Kind.OVERDUE and n.step == FIRST_OVERDUE for n in self.plan(today, today)
        )

    def planned_today(self, items: Iterable[str], today: date) -> list[Nudge]:
        """The nudges of today's plan with these ids, done or not, in plan order; empty when
        none is planned any more."""
        wanted = set(items)
        return [n for n in self.plan(today, today, with_done=False) if n.id in wanted]
