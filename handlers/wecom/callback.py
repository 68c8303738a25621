"""The callback server WeCom posts to: verify, decrypt, take each message once, answer 200.

WeCom retries a callback not answered within about 5 s, up to 3 times. The answer therefore
never waits for the conversation (a reply may wait for the per-member pacing, an import
for a file): a new message is recorded durably in the inbox first, then answered 200 with an
empty body, then handed to `handler` in the background, one at a time per person, in order.
A retry or a replay finds its key in the inbox and is answered 200 with nothing done; a
message a crash caught before it was handled is handed over again at the next start.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.config import WecomSettings
from handlers.wecom.callback_crypto import BadCallback, CallbackCrypto, ForgedCallback, WrongCorp
from handlers.wecom.inbound import Inbound, from_record, key_of, parse, to_record
from handlers.wecom.inbox import Inbox

__all__ = ["CallbackServer", "Handler"]

log = logging.getLogger(__name__)

Handler = Callable[[Inbound], Awaitable[None]]


class CallbackServer:
    """The aiohttp app on `settings.host:port` at `settings.path`; `start` and `stop` it."""

    def __init__(
        self,
        settings: WecomSettings,
        inbox: Inbox,
        handler: Handler,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Raise a ConfigError at once when the Token or the EncodingAESKey is missing."""
        settings.require_secrets()
        self.settings = settings
        self.inbox = inbox
        self.handler = handler
        self.clock = clock
        self.port = settings.port
        self._crypto = CallbackCrypto(
            token=settings.token, aes_key=settings.aes_key, corp_id=settings.corp_id
        )
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._turns: dict[str, asyncio.Lock] = {}

    def app(self) -> web.Application:
        """The aiohttp application (GET: URL verification; POST: a message or an event)."""
        app = web.Application()
        app.router.add_get(self.settings.path, self._verify)
        app.router.add_post(self.settings.path, self._receive)
        return app

    async def start(self) -> None:
        """Listen, then hand over the messages taken but not handled before a stop."""
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        for key, record in self.inbox.pending():
            self._spawn(key, from_record(record))

    async def stop(self, *, grace: float = 5.0) -> None:
        """Stop listening; give messages in hand `grace` seconds, then cancel the rest (they
        stay in the inbox and are handed over at the next start)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._tasks:
            _, late = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    async def idle(self) -> None:
        """Wait until every message in hand was handled (for tests and a clean stop)."""
        while self._tasks:
            await asyncio.gather(*set(self._tasks), return_exceptions=True)

    async def _verify(self, request: web.Request) -> web.Response:
        query = request.query
        try:
            echo = self._crypto.echo(
                signature=query.get("msg_signature", ""),
                timestamp=query.get("timestamp", ""),
                nonce=query.get("nonce", ""),
                echostr=query.get("echostr", ""),
            )
        except BadCallback as error:
            return self._refuse(error)
        log.info("企业微信回调地址验证通过")
        return web.Response(text=echo)

    async def _receive(self, request: web.Request) -> web.Response:
        query = request.query
        try:
            xml = self._crypto.open(
                await request.text(),
                signature=query.get("msg_signature", ""),
                timestamp=query.get("timestamp", ""),
                nonce=query.get("nonce", ""),
            )
            message = parse(xml)
        except BadCallback as error:
            return self._refuse(error)
        if message is not None:
            await self._take(message)
        return web.Response(text="")

    async def _take(self, message: Inbound) -> None:
        key = key_of(message)
        taken = await asyncio.to_thread(
            self.inbox.take, key, message.created, to_record(message), now=self.clock()
        )
        if taken:
            self._spawn(key, message)
        else:
            log.info("企业微信回调重复或已过期，忽略（%s）", key.split(":", 1)[0])

    def _refuse(self, error: BadCallback) -> web.Response:
        log.warning("拒绝企业微信回调：%s", error)
        status = 403 if isinstance(error, ForgedCallback | WrongCorp) else 400
        return web.Response(status=status, text="")

    def _spawn(self, key: str, message: Inbound) -> None:
        task = asyncio.create_task(self._handle(key, message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, key: str, message: Inbound) -> None:
        turn = self._turns.setdefault(message.user, asyncio.Lock())
        async with turn:
            try:
                await self.handler(message)
            except Exception:  # logged like Telegram's error handler; never handed over again
                log.exception("处理企业微信消息时出错（%s）", type(message).__name__)
            await asyncio.to_thread(self.inbox.done, key)
