"""One error handler for updates and jobs: log the failure, tell the user only that it failed."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error; for a user's action, answer 出错了，请稍后再试 without details."""
    log.error("处理更新时出错", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(texts.SOMETHING_WENT_WRONG)
        except TelegramError:
            log.warning("无法向用户发送出错提示")
