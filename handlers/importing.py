"""The office sends a notice file: the bot says what it read and what changed, then asks.

Only admins; anyone else sending a file gets the usual "please send text". The file waits in
memory for 启用 / 取消 (a restart forgets it: send it again). 启用 stores it in the data
directory as the active notice, reloads, and tells units that gained or lost tasks, once.
Reports recorded under the old notice follow their tasks to the new numbers.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import PurePath

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import import_texts, texts
from bot.errors import DataFileError
from bot.importers import SUFFIXES, read_notice, unknown_names
from bot.knowledge import activate_notice
from bot.plan import Plan
from bot.revision_texts import diff_text, unit_notice
from bot.revisions import PlanDiff, diff_plans
from handlers import buttons
from handlers.context import Core, core_of, edit, reply

log = logging.getLogger(__name__)
MAX_BYTES = 10 * 1024 * 1024
_PENDING = "pending_imports"

NOT_A_NOTICE = "只能导入 .docx、.xlsx 或 .txt 格式的通知（收到：{name}）。"
TOO_BIG = "文件太大（{size:.1f} MB），通知文件应小于 10 MB。"
ASK = "以上是读到的内容。确认启用这份通知吗？启用后各单位的任务以新通知为准。"
CANCELLED = "已取消，原来的通知照常使用。"
ENABLED = "已启用：{name}（{tasks} 项任务）。已通知任务有变化的 {units} 个单位。"
FAILED = "未能启用，原来的通知照常使用：{error}"


@dataclass(frozen=True, slots=True)
class PendingImport:
    """A file read and shown to the office, waiting for 启用 or 取消."""

    filename: str
    data: bytes
    plan: Plan
    diff: PlanDiff


def _keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("启用", callback_data=f"im:{token}:y"),
                InlineKeyboardButton("取消", callback_data=f"im:{token}:n"),
            ]
        ]
    )


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat: an admin's notice to import; from anyone else, ask for text."""
    core = core_of(context)
    document = update.effective_message.document
    if not core.is_admin(update.effective_user.id) or document is None:
        await reply(update, texts.ONLY_TEXT)
        return
    name = document.file_name or "未命名"
    if PurePath(name).suffix.lower() not in SUFFIXES:
        await reply(update, NOT_A_NOTICE.format(name=name))
        return
    if (document.file_size or 0) > MAX_BYTES:
        await reply(update, TOO_BIG.format(size=document.file_size / 1024 / 1024))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    registry = core.knowledge.registry
    try:
        plan = await asyncio.to_thread(read_notice, data, name, registry)
    except DataFileError as error:
        await reply(update, str(error))
        return
    diff = diff_plans(core.knowledge.plan, plan, registry)
    summary = import_texts.import_summary(name, plan, registry, unknown_names(plan, registry))
    token = secrets.token_hex(4)
    context.bot_data.setdefault(_PENDING, {})[token] = PendingImport(name, data, plan, diff)
    await reply(update, f"{summary}\n\n{diff_text(diff)}\n\n{ASK}", _keyboard(token))


def _follow(core: Core, pending: PendingImport, update: Update) -> None:
    """Before the revised notice takes effect, the ledger's reports follow their tasks.

    Written first and keyed by the file's digest: if a crash comes before the notice is
    stored, sending the file again stores it without renumbering twice.
    """
    numbers = pending.diff.renumbered
    old = {task.number for task in core.knowledge.plan.tasks}
    digest = hashlib.sha256(pending.data).hexdigest()
    if numbers == {n: n for n in old} or core.ledger.renumbered_for(digest):
        return
    admin = update.effective_user
    core.ledger.renumber(
        numbers,
        digest,
        user=admin.id,
        name=admin.full_name,
        chat=update.effective_chat.id,
        message=-update.update_id,
        now=core.clock(),
    )


async def on_decision(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """启用 or 取消 under an import summary."""
    query = update.callback_query
    core = core_of(context)
    if not core.is_admin(update.effective_user.id):
        await query.answer(texts.OFFICE_ONLY, show_alert=True)
        return
    pending: PendingImport | None = context.bot_data.get(_PENDING, {}).pop(press.fields[0], None)
    if pending is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await query.answer()
    if press.fields[1] == "n":
        await edit(query, CANCELLED)
        return
    try:
        await core.ledger.store.run(_follow, core, pending, update)
        await asyncio.to_thread(
            activate_notice, core.config.data_dir, pending.filename, pending.data, at=core.clock()
        )
        await core.reload_knowledge()
    except (DataFileError, OSError) as error:
        await edit(query, FAILED.format(error=error))
        return
    units = list(dict.fromkeys([*pending.diff.gained, *pending.diff.lost]))
    await edit(
        query,
        ENABLED.format(
            name=pending.filename, tasks=len(core.knowledge.plan.tasks), units=len(units)
        ),
    )
    for unit in units:
        text = unit_notice(unit, pending.diff)
        for binding in await core.store.run(core.bindings.users_of, unit):
            try:
                await context.bot.send_message(binding.user_id, text)
            except TelegramError as error:
                log.warning("无法通知 %s 的用户 %s 任务变化：%s", unit, binding.user_id, error)
