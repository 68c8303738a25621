"""Fixtures shared by every test layer: the shipped registry and notice, read once."""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import httpx
import pytest
from httpx._transports import default as httpx_transports
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


@cache
def _default_ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def _ssl_context(
    verify: ssl.SSLContext | str | bool = True, cert=None, trust_env: bool = True
) -> ssl.SSLContext:
    """httpx's context, the default one made once: loading the CA bundle takes 15-30 ms, and
    every Application a test builds makes two clients, all talking plain HTTP to 127.0.0.1."""
    if verify is True and cert is None and trust_env:
        return _default_ssl_context()
    return httpx.create_ssl_context(verify=verify, cert=cert, trust_env=trust_env)


@pytest.fixture(scope="session", autouse=True)
def one_default_ssl_context() -> Iterator[None]:
    """Every httpx client in the test process shares one default SSL context (see above)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx_transports, "create_ssl_context", _ssl_context)
        yield


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(UNITS)


@pytest.fixture(scope="session")
def plan(registry: Registry) -> Plan:
    """The shipped notice as the bot reads it (with the dates stage's notice year)."""
    return load_notice(NOTICE, registry)
