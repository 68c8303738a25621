"""A short soak: two simulated hours of nudge wake-ups and a few hundred messages."""

from __future__ import annotations

from pathlib import Path

from bot.plan import Plan
from bot.registry.units import Registry
from tests.handlers.conftest import shipped_knowledge
from tests.handlers.soak import soak


async def test_two_simulated_hours_keep_every_promise(
    plan: Plan, registry: Registry, tmp_path: Path
):
    result = await soak(shipped_knowledge(plan, registry), tmp_path, hours=2, updates=300, seed=3)
    assert result.problems == [], result.summary()
    assert result.updates == 300
    assert result.reports > 150  # about 70 % of the messages are reports
    assert result.nudges > 0  # Monday 09:00: task 24's five-days nudge, among others
