"""A fake Telegram Bot API server for end-to-end tests (see :mod:`tests.fakebotapi.server`).

In the test's event loop::

    async with FakeBotApi() as api:
        bot = telegram.Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)

In a background thread, for a bot running as a subprocess::

    with FakeBotApi() as api:
        bot = subprocess.Popen([...])  # hand it api.token, api.base_url, api.base_file_url
        api.send_command(1001, "start")
        [reply] = api.wait_for_messages_sync(1001, 1, timeout=15)
"""

from .faults import Fault, FaultRule
from .rules import FloodMonitor, Violation, parse_html, utf16_len
from .server import DEFAULT_TOKEN, Call, FakeBotApi, SentMessage, Upload
from .webhook import Delivery

__all__ = [
    "DEFAULT_TOKEN",
    "Call",
    "Delivery",
    "FakeBotApi",
    "Fault",
    "FaultRule",
    "FloodMonitor",
    "SentMessage",
    "Upload",
    "Violation",
    "parse_html",
    "utf16_len",
]
