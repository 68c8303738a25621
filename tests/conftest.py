"""Fixtures shared by every test layer: the shipped registry and notice, read once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.importers import load_notice
from bot.plan import Plan
from bot.registry import Registry, load_registry

# PTB 22 warns on its deprecated int retry_after unless this is set; warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "true")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTICE = DATA / "notice-2021.txt"
UNITS = DATA / "units.toml"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(UNITS)


@pytest.fixture(scope="session")
def plan(registry: Registry) -> Plan:
    """The shipped notice as the bot reads it (with the dates stage's notice year)."""
    return load_notice(NOTICE, registry)
