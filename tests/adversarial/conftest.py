"""The fuzz suite's fixture: a `World` that makes a fresh bot for every example."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.plan import Plan
from bot.registry.units import Registry
from tests.adversarial.world import World
from tests.fakebotapi import FakeBotApi
from tests.handlers.conftest import shipped_knowledge


@pytest.fixture
async def world(plan: Plan, registry: Registry, tmp_path: Path) -> AsyncIterator[World]:
    """One fake Bot API for the test; each example opens its own bot and data directory."""
    async with FakeBotApi() as api:
        yield World(api, shipped_knowledge(plan, registry), tmp_path)
