"""A fake WeCom server API for tests of the WeCom client (see :mod:`tests.fakewecom.server`).

In the test's event loop, with a virtual clock shared with the client::

    clock = VirtualClock()
    async with FakeWeCom(clock=clock.now) as wecom:
        client = WeComClient(wecom.base_url, CORP_ID, SECRET, AGENT_ID, timer=clock)
"""

from .clock import VirtualClock
from .faults import Fault, FaultRule
from .server import AGENT_ID, CORP_ID, PER_HOUR, PER_MINUTE, SECRET, Call, Delivered, FakeWeCom

__all__ = [
    "AGENT_ID",
    "CORP_ID",
    "PER_HOUR",
    "PER_MINUTE",
    "SECRET",
    "Call",
    "Delivered",
    "FakeWeCom",
    "Fault",
    "FaultRule",
    "VirtualClock",
]
