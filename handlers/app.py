"""Build and run the Telegram application: the one place where handlers are registered.

`run_telegram` keeps the channel coming back: when Telegram cannot be reached at start
(getMe, the menu) or the webhook cannot be set, it logs one line and tries again with backoff,
while the other channels and the rounds go on (`handlers.channels`).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.config import Config
from bot.conversation.core import Core
from bot.conversation.router import Conversation
from handlers import adapter, importing
from handlers.context import core_in, install
from handlers.errors import on_error
from handlers.outlets import Outlets
from handlers.transport.polling import serve
from handlers.transport.ratelimit import FairRateLimiter
from handlers.transport.webhook import serve_webhook

log = logging.getLogger(__name__)
RETRY_FIRST, RETRY_MAX = 2.0, 60.0


def _commands(pairs: tuple[tuple[str, str], ...]) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in pairs]


async def _post_init(application: Application) -> None:
    await _set_commands(application)


async def _set_commands(application: Application) -> None:
    """The menu for everyone; in their private chats, admins also see the office's commands
    and leaders the ones that read reports."""
    bot = application.bot
    await bot.set_my_commands(_commands(texts.COMMANDS))
    telegram = core_in(application.bot_data).config.telegram
    office_menu = _commands(texts.COMMANDS + texts.OFFICE_COMMANDS)
    reader_menu = _commands(
        texts.COMMANDS + tuple(c for c in texts.OFFICE_COMMANDS if c[0] in texts.READER_COMMANDS)
    )
    menus = {leader: reader_menu for leader in telegram.leaders}
    menus |= dict.fromkeys(telegram.admins, office_menu)
    for chat, menu in sorted(menus.items()):
        try:
            await bot.set_my_commands(menu, scope=BotCommandScopeChat(chat))
        except TelegramError:
            log.warning("无法为 %s 设置命令菜单（对方可能还没和机器人对话）", chat)


def build_application(
    core: Core,
    limiter: FairRateLimiter | None = None,
    *,
    conversation: Conversation | None = None,
    outlets: Outlets | None = None,
) -> Application:
    """An Application wired to the core, with the office's time zone and our rate limiter.

    Tests that play many messages to one chat may pass a limiter with shorter intervals.
    With other channels running, `conversation` is the one they share and `outlets` reach
    their people. The rounds are woken by `bot.rounds.waking`, so no JobQueue.
    """
    settings = core.config.telegram
    builder = (
        Application.builder()
        .token(settings.token)
        .defaults(Defaults(tzinfo=core.config.timezone))
        .rate_limiter(limiter or FairRateLimiter())
        .post_init(_post_init)
        .job_queue(None)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    application = builder.build()
    install(application.bot_data, core, conversation, outlets)

    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    application.add_handler(TypeHandler(Update, adapter.clear_unreachable), group=-1)
    application.add_handler(MessageHandler(filters.COMMAND, adapter.command))
    application.add_handler(MessageHandler(groups & filters.TEXT, adapter.group_text))
    application.add_handler(MessageHandler(private & filters.TEXT, adapter.private_text))
    application.add_handler(MessageHandler(private & filters.Document.ALL, importing.on_document))
    application.add_handler(MessageHandler(private & filters.PHOTO, importing.on_photo))
    application.add_handler(MessageHandler(private & ~filters.TEXT, adapter.only_text))
    application.add_handler(CallbackQueryHandler(adapter.press))
    application.add_error_handler(on_error)
    return application


async def run_telegram(application: Application, config: Config, stop: asyncio.Event) -> None:
    """Serve Telegram (long polling, or the webhook when `[webhook] url` is set) until `stop`;
    an unreachable Bot API is retried with backoff, a refused token ends only this channel."""
    delay = RETRY_FIRST
    while not stop.is_set():
        try:
            if config.webhook.url:
                await serve_webhook(application, config.webhook, stop)
            else:
                await serve(application, stop)
            return
        except InvalidToken:
            log.error("Telegram 拒绝了机器人令牌：请核对 TELEGRAM_BOT_TOKEN；Telegram 渠道已停止")
            return
        except NetworkError as error:  # TimedOut too
            log.warning("无法连接 Telegram（%s），%.0f 秒后重试；其他渠道照常运行", error, delay)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, RETRY_MAX)
