"""Webhook mode: Telegram posts each update, and gets 200 only once the bot has handled it.

PTB's `Updater.start_webhook` answers 200 as soon as an update is queued, before any handler
has run, so a crash loses it. Here the answer waits for `Application.process_update`: a crash
mid-handling leaves the request unanswered and Telegram delivers the update again, which the
handlers take idempotently (as after a crash in `handlers.transport.polling`).

An update python-telegram-bot cannot parse, or whose handling fails beyond what the error
handler catches, is logged, answered 出错了 where its JSON names the sender, and answered 200:
Telegram would otherwise post it again and again (`handlers.errors`).

One user's updates are handled in order, different users' concurrently. The HTTP side is
aiohttp, listening on plain HTTP behind a reverse proxy that terminates TLS. Stopping (SIGINT,
SIGTERM) stops listening, lets the requests under way finish and keeps the webhook set:
Telegram holds the updates while the bot is down.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from bot.config import WebhookSettings
from bot.errors import ConfigError
from handlers.errors import answer_failed, parse_update, raw_lane
from handlers.transport.polling import lane_of, stop_on_signals

__all__ = ["serve_webhook", "webhook_app"]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret
SHUTDOWN_SECONDS = 120.0  # for the requests under way at a stop; systemd waits 150 s
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 30.0
log = logging.getLogger(__name__)


class _Lanes:
    """One lock per lane (`handlers.transport.polling.lane_of`), kept only while someone holds it."""

    def __init__(self) -> None:
        self._locks: dict[tuple[str, int], asyncio.Lock] = {}
        self._users: Counter[tuple[str, int]] = Counter()

    @asynccontextmanager
    async def hold(self, lane: tuple[str, int]) -> AsyncIterator[None]:
        """Wait for the lane's earlier updates (asyncio locks are first come, first served)."""
        lock = self._locks.setdefault(lane, asyncio.Lock())
        self._users[lane] += 1
        try:
            async with lock:
                yield
        finally:
            self._users[lane] -= 1
            if not self._users[lane]:
                del self._users[lane], self._locks[lane]


def webhook_app(application: Application, *, path: str, secret: str) -> web.Application:
    """The HTTP side: a POST to `path` with the secret header is handled, then answered 200.

    A missing or wrong secret gets 403 and a body that is not an update (no update_id) 400,
    both unhandled. An update that cannot be parsed or handled is answered 出错了 and 200.
    """
    lanes = _Lanes()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("拒绝了一个密钥不对的 webhook 请求（来自 %s）", request.remote)
            return web.Response(status=403)
        try:
            raw = await request.json()
        except ValueError:  # not JSON
            raw = None
        if not isinstance(raw, dict) or type(raw.get("update_id")) is not int:
            log.warning("webhook 收到的内容不是 Telegram 消息，已拒绝")
            return web.Response(status=400)
        update = parse_update(raw, application.bot)
        async with lanes.hold(lane_of(update) if update is not None else raw_lane(raw)):
            if update is None:
                await answer_failed(application, raw)
                return web.Response()
            try:
                await application.process_update(update)  # errors go to `handlers.errors`
            except Exception:  # noqa: BLE001 - whatever escapes PTB is answered, not re-posted
                log.exception("处理更新 %d 失败，已跳过", update.update_id)
                await answer_failed(application, raw)
        return web.Response()

    app = web.Application()
    app.router.add_post(path, receive)
    return app


async def _sleep(seconds: float, stop: asyncio.Event) -> None:
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _set_webhook(
    application: Application, settings: WebhookSettings, secret: str, stop: asyncio.Event
) -> None:
    """Point Telegram at the url; retried while Telegram is unreachable, until `stop`.

    A url Telegram refuses is a config error: a restart cannot fix it.
    """
    delay = BACKOFF_FIRST
    while not stop.is_set():
        try:
            await application.bot.set_webhook(
                settings.url,
                max_connections=settings.max_connections,
                allowed_updates=Update.ALL_TYPES,
                secret_token=secret,
            )
            return
        except BadRequest as error:
            detail = f"[webhook] Telegram 不接受这个 url（{error.message}）"
            raise ConfigError(settings.source, detail) from error
        except InvalidToken:
            raise
        except RetryAfter as error:
            await _sleep(error.retry_after.total_seconds(), stop)
        except TelegramError as error:
            log.warning("设置 webhook 失败（%s），%.0f 秒后重试", error, delay)
            await _sleep(delay, stop)
            delay = min(delay * 2, BACKOFF_MAX)


async def _listen(runner: web.AppRunner, settings: WebhookSettings) -> None:
    try:
        await web.TCPSite(runner, settings.listen, settings.port).start()
    except OSError as error:
        detail = f"[webhook] 无法监听 {settings.listen}:{settings.port}（{error.strerror}）"
        raise ConfigError(settings.source, detail) from error


async def _receive(
    application: Application, settings: WebhookSettings, secret: str, stop: asyncio.Event
) -> None:
    """Listen, set the webhook, and serve until `stop`; then let the requests under way end."""
    path = urlsplit(settings.url).path or "/"
    app = webhook_app(application, path=path, secret=secret)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    try:
        await _listen(runner, settings)
        log.info(
            "以 webhook 方式接收消息：%s，监听 %s:%d", settings.url, settings.listen, settings.port
        )
        await _set_webhook(application, settings, secret, stop)
        await stop.wait()
    finally:
        await runner.cleanup()


async def serve_webhook(
    application: Application, settings: WebhookSettings, stop: asyncio.Event | None = None
) -> None:
    """Run the application until `stop` is set (by default: SIGINT/SIGTERM), receiving
    updates through the webhook.

    The steps of `handlers.transport.polling.serve` (post_init before start, stop, shutdown) with the
    webhook in place of the poller. Raises ConfigError, before anything starts, when there is no
    secret token.
    """
    secret = settings.require_secret()
    stop = stop or stop_on_signals()
    async with application:  # initialize, and shutdown at the end
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            await _receive(application, settings, secret, stop)
        finally:
            await application.stop()
