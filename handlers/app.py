"""Build the Telegram application: the one place where handlers are registered."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot import texts
from bot.answers import Knowledge
from bot.config import Config
from handlers import ask, start
from handlers.context import Core, install
from handlers.errors import on_error

RATE_LIMIT_RETRIES = 3


async def _set_commands(application: Application) -> None:
    await application.bot.set_my_commands(
        [BotCommand(name, desc) for name, desc in texts.COMMANDS]
    )


def build_application(core: Core) -> Application:
    """An Application wired to the core, with Asia/Shanghai defaults and PTB's rate limiter."""
    settings = core.config.telegram
    builder = (
        Application.builder()
        .token(settings.token)
        .defaults(Defaults(tzinfo=core.config.timezone))
        .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .post_init(_set_commands)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    application = builder.build()
    install(application.bot_data, core)

    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("start", start.start, filters=private))
    application.add_handler(CommandHandler("help", start.help_command, filters=private))
    application.add_handler(CommandHandler("my", ask.my_duties, filters=private))
    application.add_handler(CommandHandler("task", ask.task, filters=private))
    application.add_handler(CommandHandler("units", ask.units, filters=private))
    application.add_handler(MessageHandler(private & filters.COMMAND, start.unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT, ask.answer_text))
    application.add_handler(MessageHandler(private & ~filters.TEXT, start.only_text))
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


def run_bot(config: Config, knowledge: Knowledge) -> int:
    """Run the bot with long polling until SIGINT/SIGTERM; returns the exit status."""
    configure_logging(config.telegram.token)
    application = build_application(Core(config, knowledge))
    logging.getLogger(__name__).info("分工助手启动：%d 项任务", len(knowledge.plan.tasks))
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
