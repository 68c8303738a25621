"""Fixtures shared by every test layer: the shipped registry and notice, read once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from bot.notice_files.importers import load_notice
from bot.plan import Plan
from bot.registry.units import Registry, load_registry

# PTB 22 warns on its deprecated int retry_after unless this is set; warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "true")

# CI runs the same examples every time (a red CI blocks a landing, so it must not depend on
# luck); a developer's run explores new ones. `bench/fuzz.py` runs long, random searches.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

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
