"""The WeCom client against the fake WeCom server over real HTTP on 127.0.0.1.

The server and the client share one virtual clock: pacing waits, backoff and token lifetimes
pass in no real time. Only the client's HTTP timeout is real (short here).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from handlers.wecom.api import WeComApi
from handlers.wecom.pacing import MemberPacer
from handlers.wecom.sender import WeComSender
from tests.fakewecom import AGENT_ID, CORP_ID, SECRET, FakeWeCom, VirtualClock

TIMEOUT = 0.4
MEMBERS = ["zhangsan", "lisi", *(f"staff{n:02d}" for n in range(60))]


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
async def wecom(clock: VirtualClock) -> AsyncIterator[FakeWeCom]:
    async with FakeWeCom(clock=clock.now, users=MEMBERS) as server:
        yield server


@pytest.fixture
async def api(wecom: FakeWeCom, clock: VirtualClock) -> AsyncIterator[WeComApi]:
    async with WeComApi(
        wecom.base_url + "/", CORP_ID, SECRET, AGENT_ID, timer=clock, timeout=TIMEOUT
    ) as client:
        yield client


@pytest.fixture
def sender(api: WeComApi, clock: VirtualClock) -> WeComSender:
    return WeComSender(api, MemberPacer(clock))
