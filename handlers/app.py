"""Build and run the Telegram application: the one place where handlers are registered."""

from __future__ import annotations

import asyncio
import logging
from contextlib import ExitStack

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.answers.model import Knowledge
from bot.clock import Clock
from bot.config import Config
from bot.conversation.core import OUTBOX_FILE, STORE_FILE, Core
from bot.ledger.store import LEDGER_DIR, LedgerStore
from bot.notices.desks import load_later
from bot.store.instance_lock import InstanceLock
from bot.store.storage import Store
from handlers import adapter, importing, nudging
from handlers.context import core_in, install
from handlers.errors import on_error
from handlers.transport.polling import serve
from handlers.transport.ratelimit import FairRateLimiter
from handlers.transport.webhook import serve_webhook

log = logging.getLogger(__name__)


def _commands(pairs: tuple[tuple[str, str], ...]) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in pairs]


async def _post_init(application: Application) -> None:
    await _set_commands(application)
    nudging.start_nudging(application)


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


def build_application(core: Core, limiter: FairRateLimiter | None = None) -> Application:
    """An Application wired to the core, with the office's time zone and our rate limiter.

    Tests that play many messages to one chat may pass a limiter with shorter intervals.
    """
    settings = core.config.telegram
    builder = (
        Application.builder()
        .token(settings.token)
        .defaults(Defaults(tzinfo=core.config.timezone))
        .rate_limiter(limiter or FairRateLimiter())
        .post_init(_post_init)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    application = builder.build()
    install(application.bot_data, core)

    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    application.add_handler(TypeHandler(Update, adapter.clear_unreachable), group=-1)
    application.add_handler(MessageHandler(filters.COMMAND, adapter.command))
    application.add_handler(MessageHandler(groups & filters.TEXT, adapter.group_text))
    application.add_handler(MessageHandler(private & filters.TEXT, adapter.private_text))
    application.add_handler(MessageHandler(private & filters.Document.ALL, importing.on_document))
    application.add_handler(MessageHandler(private & ~filters.TEXT, adapter.only_text))
    application.add_handler(CallbackQueryHandler(adapter.press))
    application.add_error_handler(on_error)
    return application


class _RedactToken(logging.Filter):
    """Replace the token wherever it appears in a log record, as a second line of defence."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        return True


def configure_logging(token: str) -> None:
    """Log to stderr; httpx logs request URLs, which hold the token, so keep it at WARNING."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RedactToken(token))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # The scheduler logs every run of the minute heartbeat at INFO.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def run_bot(config: Config, knowledge: Knowledge, clock: Clock) -> int:
    """Run the bot until SIGINT/SIGTERM, with long polling or, when `[webhook] url` is set,
    as a webhook; returns the exit status.

    Either way an update is confirmed to Telegram only after it was handled
    (`handlers.transport.polling`, `handlers.transport.webhook`).

    Takes the data directory's lock first, so a second process refuses to start instead of
    polling the same token (409 Conflict) and writing the same files.
    """
    configure_logging(config.telegram.token)
    config.data_dir.mkdir(parents=True, exist_ok=True)
    with (
        InstanceLock(config.data_dir),
        Store(config.data_dir / STORE_FILE) as store,
        Store(config.data_dir / OUTBOX_FILE) as outbox_store,
        LedgerStore(config.data_dir / LEDGER_DIR) as ledger_store,
        ExitStack() as stack,
    ):
        core = Core.open(config, knowledge, store, outbox_store, ledger_store, clock)
        stack.callback(core.close)
        for entry, later in load_later(config, knowledge.registry):
            core.open_desk(entry, later)
        application = build_application(core)
        for desk in core.desks:
            state = "已归档" if desk.archived else "使用中"
            log.info("通知%s（%s）：%d 项任务", desk.label, state, len(desk.knowledge.plan.tasks))
        log.info("分工助手启动，数据目录 %s", config.data_dir)
        asyncio.run(
            serve_webhook(application, config.webhook)
            if config.webhook.url
            else serve(application)
        )
    log.info("分工助手已停止")
    return 0
