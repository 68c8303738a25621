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

from bot.notices.desks import Desk, split_notice
from bot.notices.knowledge import safe_filename
from bot.office.chart import chart_caption, chart_filename, render_chart
from bot.office.export import export_caption, export_filename, export_workbook
from bot.office.overview import build_overview
from handlers.context import Core, core_of
from handlers.office import readers_only

log = logging.getLogger(__name__)


Build = Callable[[Core, Desk, date], tuple[bytes, str, str]]


def _named(filename: str, desk: Desk, several: bool) -> str:
    """With several notices, each file's name starts with its notice's name."""
    return f"{safe_filename(desk.name)}-{filename}" if several else filename


def _workbook(core: Core, desk: Desk, today: date) -> tuple[bytes, str, str]:
    know, ledger = desk.knowledge, desk.ledger
    overview = build_overview(know, ledger, today, core.config.reminders.digest)
    data = export_workbook(know, ledger, overview, core.config.timezone)
    return data, export_caption(overview, know), export_filename(today)


def _chart(core: Core, desk: Desk, today: date) -> tuple[bytes, str, str]:
    know = desk.knowledge
    overview = build_overview(know, desk.ledger, today, core.config.reminders.digest)
    return render_chart(overview, know.plan), chart_caption(overview), chart_filename(overview)


async def _uploading(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    try:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    except TelegramError:  # only a courtesy; the file still follows
        log.info("无法发送“正在上传”状态到 %s", chat.id)


async def _send_file(update: Update, context: ContextTypes.DEFAULT_TYPE, build: Build) -> None:
    """Build (data, caption, filename) in a worker thread, then send it as a document: one
    per notice in use, or for the notice the command names ("/export 政务公开")."""
    message = update.effective_message
    if message is None:
        return
    core = core_of(context)
    named, _ = split_notice(core.desks, list(context.args or ()))
    desks = [named] if named else core.active_desks()
    several = len(core.active_desks()) > 1 or named is not None and named.archived
    for desk in desks:
        await _uploading(update, context)
        data, caption, filename = await asyncio.to_thread(build, core, desk, core.clock().date())
        caption = f"{desk.label}\n{caption}" if several else caption
        await message.reply_document(
            data, filename=_named(filename, desk, several), caption=caption
        )


@readers_only
async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export [通知]: the 台账 and its full history as an Excel file (an archived notice's
    too, when named)."""
    await _send_file(update, context, _workbook)


@readers_only
async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart: completion by section and by unit as a PNG picture."""
    await _send_file(update, context, _chart)
