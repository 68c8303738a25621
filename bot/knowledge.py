"""Read everything an answer needs from the configured files: plan, registry, deadlines."""

from __future__ import annotations

from datetime import date

from bot.answers import Knowledge
from bot.config import Config
from bot.deadlines import load_office_deadlines, plan_deadlines
from bot.loader import load_plan
from bot.registry import load_registry


def load_knowledge(config: Config, *, today: date) -> Knowledge:
    """Load the notice, the registry and the office's deadlines named in `config`.

    Year-end dates fall in the notice's year (the year it was issued), or `today`'s year when
    the notice carries no date.
    """
    registry = load_registry(config.registry)
    plan = load_plan(config.notice, registry)
    year = plan.issued.year if plan.issued else today.year
    year_end = date(year, *config.year_end)
    office = load_office_deadlines(config.deadlines)
    return Knowledge(plan, registry, plan_deadlines(plan, office=office, year_end=year_end))
