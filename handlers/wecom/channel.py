"""The WeCom channel, assembled: the API client, the paced sender, the callback server and the
adapter over the shared core, and its way of coming back when WeCom cannot be reached.

At start the callback server listens at once (WeCom's retries must find it) and the access
token is fetched in the background: when WeCom cannot be reached (no network, 5xx, IP not
trusted) that is logged in one line and tried again with backoff until it works. Meanwhile
sends fail into the outbox (FAILED is tried again at the next wake-up) and nothing else
waits for WeCom.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from bot.conversation.core import Core
from bot.conversation.router import Conversation
from bot.errors import ConfigError
from handlers.wecom.adapter import Elsewhere, WeComAdapter
from handlers.wecom.api import WeComApi
from handlers.wecom.callback import CallbackServer
from handlers.wecom.cards import CardBook
from handlers.wecom.errors import GaveUp, WeComError
from handlers.wecom.inbox import Inbox
from handlers.wecom.nudging import WeComNudgeSender
from handlers.wecom.sender import WeComSender

__all__ = ["WeComChannel"]

log = logging.getLogger(__name__)

RETRY_FIRST, RETRY_MAX = 5.0, 300.0


class WeComChannel:
    """The channel over `core`, sharing `conversation`; `elsewhere` reaches anyone."""

    def __init__(self, core: Core, conversation: Conversation, elsewhere: Elsewhere) -> None:
        """Raises ConfigError when `[wecom]` is set without its secrets (before any I/O)."""
        settings = core.config.wecom
        if settings is None:
            raise ValueError("[wecom] is not configured")
        settings.require_secrets()
        self.settings = settings
        self.api = WeComApi(
            settings.api_base_url, settings.corp_id, settings.secret, settings.agent_id
        )
        self.sender = WeComSender(self.api)
        book = CardBook(core.store)
        self.adapter = WeComAdapter(core, conversation, self.sender, book, elsewhere)
        self.nudges = WeComNudgeSender(self.sender, core.addresses, book, core.store)
        self.server = CallbackServer(
            settings, Inbox(core.config.data_dir), self.adapter.on_message
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Listen for callbacks and reach WeCom until `stop` is set.

        Raises:
            ConfigError: the callback address cannot be listened on (the bot does not start).
        """
        try:
            await self.server.start()
        except OSError as error:
            raise ConfigError(
                self.settings.source or "[wecom]",
                f"[wecom] listen：无法在 {self.settings.host}:{self.settings.port} 接收企业微信回调"
                f"（{error.strerror or error}）；请换一个端口，或停止占用它的程序",
            ) from None
        where = f"{self.settings.host}:{self.server.port}{self.settings.path}"
        log.info("企业微信回调服务已启动：%s", where)
        connecting = asyncio.create_task(self._connect(stop))
        try:
            await stop.wait()
        finally:
            connecting.cancel()
            with suppress(asyncio.CancelledError):
                await connecting
            await self.server.stop()
            await self.api.close()

    async def _connect(self, stop: asyncio.Event) -> None:
        """Fetch the access token until it works (the first sign WeCom can be reached)."""
        delay = RETRY_FIRST
        while not stop.is_set():
            try:
                await self.api.token(attempts=1)  # the backoff is this loop's
            except (GaveUp, WeComError) as error:
                log.warning(
                    "无法连接企业微信（%s），%.0f 秒后重试；其他渠道照常运行", error, delay
                )
            else:
                log.info("已连接企业微信（%s）", self.settings.api_base_url)
                return
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            delay = min(delay * 2, RETRY_MAX)
