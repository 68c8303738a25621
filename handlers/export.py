"""The office's files: /export (the 台账 as .xlsx) and /chart (the same as a PNG picture).

Both are built in a worker thread, so a large ledger never stalls the event loop, and sent as
documents (a PNG sent as a document keeps its full resolution for reading small labels).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.chart import chart_caption, chart_filename, render_chart
from bot.export import export_caption, export_filename, export_workbook
from bot.overview import build_overview
from handlers.context import Core, core_of
from handlers.office import readers_only

log = logging.getLogger(__name__)


def _workbook(core: Core, today: date) -> tuple[bytes, str, str]:
    know, ledger = core.knowledge, core.ledger
    overview = build_overview(know, ledger, today, core.config.reminders.digest)
    data = export_workbook(know, ledger, overview, core.config.timezone)
    return data, export_caption(overview, know), export_filename(today)


def _chart(core: Core, today: date) -> tuple[bytes, str, str]:
    know = core.knowledge
    overview = build_overview(know, core.ledger, today, core.config.reminders.digest)
    return render_chart(overview, know.plan), chart_caption(overview), chart_filename(overview)


async def _uploading(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    try:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    except TelegramError:  # only a courtesy; the file still follows
        log.info("无法发送“正在上传”状态到 %s", chat.id)


async def _send_file(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    build: Callable[[Core, date], tuple[bytes, str, str]],
) -> None:
    """Build (data, caption, filename) in a worker thread, then send it as a document."""
    message = update.effective_message
    if message is None:
        return
    core = core_of(context)
    await _uploading(update, context)
    data, caption, filename = await asyncio.to_thread(build, core, core.clock().date())
    await message.reply_document(data, filename=filename, caption=caption)


@readers_only
async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export: the 台账 and its full history as an Excel file."""
    await _send_file(update, context, _workbook)


@readers_only
async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart: completion by section and by unit as a PNG picture."""
    await _send_file(update, context, _chart)
