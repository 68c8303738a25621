"""The office sends a notice file: the bot says what it read and what changed, then asks.

Only admins; anyone else sending a file gets the usual "please send text". The file waits in
memory for the office's answers and 启用 / 取消 (a restart forgets it: send it again). Each name
the registry lacks gets a message with its choices: added as an alias or a new unit (appended to
the registry file, after which the notice is read again and shown anew) or left out. Each
doubtful match gets 是同一项 / 不是, and 启用 waits until all are answered. 启用 stores the file in
the data directory as the active notice, reloads, and tells units that gained or lost tasks,
once. Reports recorded under the old notice follow their tasks to the new numbers.

A new office's notice, sent while the untouched sample is in force, replaces the sample: no
diff, no doubts, no unit told it lost the sample's tasks. With an empty registry one message
offers the registry proposed from the notice (`bot.importing.registry_proposal`) instead of a question
per name.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import PurePath

from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

import bot.importing.texts as import_texts
import bot.workbook.texts as workbook_texts
from bot import texts
from bot.duties import task_holders
from bot.errors import DataFileError, NoticeError
from bot.importing.registry_file import Addition, RegistryEditError, add_to_registry
from bot.importing.registry_proposal import propose
from bot.importing.review import Offer, follow_revision, notice_digest
from bot.importing.workflow import PendingImport, first_review, keep_new, keep_revision
from bot.ledger.deadlines import notice_year_end
from bot.notice_files.importers import SUFFIXES, unreadable
from bot.notice_files.limits import LIMITS, check_size, too_big
from bot.notice_files.worker import read_rows_async
from bot.notices.across import headed
from bot.notices.catalog import notice_name
from bot.notices.desks import by_key
from bot.notices.office_files import own_files, remember
from bot.revisions.diff import Doubt
from bot.revisions.texts import NOT_SAME, SAME, doubt_question, open_doubts_refusal, unit_notice
from bot.workbook.write import plan_workbook
from handlers import buttons, holidays
from handlers.context import Core, core_of, edit, not_admin_press, reply, send

log = logging.getLogger(__name__)
_PENDING = "pending_imports"
_LOCK = "import_lock"
_READING = "import_reading"
EXPIRED = import_texts.EXPIRED


def _pending(context: ContextTypes.DEFAULT_TYPE) -> dict[str, PendingImport]:
    return context.bot_data.setdefault(_PENDING, {})


def _lock(context: ContextTypes.DEFAULT_TYPE) -> asyncio.Lock:
    """One import action at a time: they share the registry file and the pending imports."""
    return context.bot_data.setdefault(_LOCK, asyncio.Lock())


def _keyboard(token: str, pending: PendingImport) -> InlineKeyboardMarkup:
    decide = [
        InlineKeyboardButton("启用", callback_data=f"im:{token}:y"),
        InlineKeyboardButton("取消", callback_data=f"im:{token}:n"),
    ]
    workbook = [InlineKeyboardButton(workbook_texts.EXPORT_BUTTON, callback_data=f"im:{token}:x")]
    if pending.review.replaces:  # the sample is no notice to revise nor to run beside
        return InlineKeyboardMarkup([decide, workbook])
    other = (
        import_texts.SWITCH_TO_REVISION.format(label=pending.closest_label)
        if pending.as_new
        else import_texts.SWITCH_TO_NEW
    )
    return InlineKeyboardMarkup(
        [decide, [InlineKeyboardButton(other, callback_data=f"im:{token}:s")], workbook]
    )


def _proposal_keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(import_texts.TAKE_PROPOSAL, callback_data=f"im:{token}:p")],
            [InlineKeyboardButton(import_texts.ONE_BY_ONE, callback_data=f"im:{token}:o")],
        ]
    )


def _name_keyboard(token: str, index: int, offered: Offer) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    import_texts.choice_label(choice), callback_data=f"iu:{token}:{index}:{i}"
                )
            ]
            for i, choice in enumerate(offered.choices)
        ]
    )


def _doubt_keyboard(token: str, doubt: Doubt) -> InlineKeyboardMarkup:
    old, new = doubt.key
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(SAME, callback_data=f"it:{token}:{old}:{new}:y")],
            [InlineKeyboardButton(NOT_SAME, callback_data=f"it:{token}:{old}:{new}:n")],
        ]
    )


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat: an admin's notice to import; from anyone else, ask for text.

    Nothing is downloaded before the sender, the type and the size pass; the file is read in
    a worker process within `LIMITS`, one file at a time, while the bot goes on answering.
    """
    core = core_of(context)
    document = update.effective_message.document
    if not core.is_admin(update.effective_user.id) or document is None:
        await reply(update, texts.ONLY_TEXT)
        return
    name = document.file_name or "未命名"
    if PurePath(name).suffix.lower() not in SUFFIXES:
        await reply(update, unreadable(name) or import_texts.NOT_A_NOTICE.format(name=name))
        return
    try:
        async with _reading(context):
            data = await _download(document, name)
            rows = await read_rows_async(data, name)
        if await holidays.offer_rows(update, context, rows):  # a holiday arrangement
            return
        closest, review = await asyncio.to_thread(
            first_review, rows, name, core.registry, core.active_desks(), core.config
        )
    except DataFileError as error:
        await reply(update, str(error))
        return
    token = secrets.token_hex(4)
    pending = PendingImport.of(name, data, rows, review, closest.key, closest.label)
    pending.name = notice_name(update.effective_message.caption or "")
    _pending(context)[token] = pending
    await _ask(update, token, pending)


def _reading(context: ContextTypes.DEFAULT_TYPE) -> asyncio.Semaphore:
    """One file read at a time: each worker may take `LIMITS.memory`."""
    return context.bot_data.setdefault(_READING, asyncio.Semaphore(1))


async def _download(document: Document, name: str) -> bytes:
    """The file's bytes, refused unread when Telegram says it is too big, or when the bytes
    show it."""
    if (document.file_size or 0) > LIMITS.max_bytes:
        raise NoticeError(name, too_big(document.file_size or 0, LIMITS))
    file = await document.get_file()
    if (file.file_size or 0) > LIMITS.max_bytes:
        raise NoticeError(name, too_big(file.file_size or 0, LIMITS))
    data = bytes(await file.download_as_bytearray())
    check_size(data, name, LIMITS)
    return data


async def _ask(update: Update, token: str, pending: PendingImport) -> None:
    """The summary and diff; then a message per question and 启用 / 取消 apart, if any."""
    summary = import_texts.review_text(pending.filename, pending.review)
    if not pending.names and not pending.review.doubts:
        await reply(update, f"{summary}\n\n{pending.panel_text()}", _keyboard(token, pending))
        return
    await reply(update, summary)
    if pending.names and not pending.review.registry.units:  # a new office's empty registry
        proposal = propose([offer.item for offer in pending.names], pending.review.registry)
        await reply(update, import_texts.proposal_text(proposal), _proposal_keyboard(token))
    else:
        await _ask_names(update, token, pending)
    for doubt in pending.review.doubts:
        await reply(update, doubt_question(doubt), _doubt_keyboard(token, doubt))
    await _new_panel(update, token, pending)


async def _ask_names(update: Update, token: str, pending: PendingImport) -> None:
    """A message per name the registry lacks, with its choices."""
    for index, offered in enumerate(pending.names):
        question = import_texts.unknown_question(offered.item)
        await reply(update, question, _name_keyboard(token, index, offered))


async def _new_panel(update: Update, token: str, pending: PendingImport) -> None:
    """启用 / 取消 under the latest messages; the previous panel loses its buttons."""
    message = update.effective_message
    panel = await message.reply_text(pending.panel_text(), reply_markup=_keyboard(token, pending))
    previous, pending.panel = pending.panel, panel.message_id
    if previous is not None:
        try:
            await message.get_bot().edit_message_reply_markup(message.chat_id, previous)
        except TelegramError as error:
            log.warning("无法去掉旧的启用按钮：%s", error)


async def _refresh_panel(update: Update, token: str, pending: PendingImport) -> None:
    """Show on 启用 / 取消's message what is still open."""
    if pending.panel is None:
        return
    message = update.effective_message
    try:
        await message.get_bot().edit_message_text(
            pending.panel_text(),
            message.chat_id,
            pending.panel,
            reply_markup=_keyboard(token, pending),
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def _press(
    update: Update, context: ContextTypes.DEFAULT_TYPE, token: str
) -> PendingImport | None:
    """The import a press is about; None (and the press answered) for a non-admin or a stale
    button."""
    query = update.callback_query
    if await not_admin_press(update, context):
        return None
    pending = _pending(context).get(token)
    if pending is None:
        await query.answer(EXPIRED, show_alert=True)
    return pending


async def on_name(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """A choice for a name the registry lacks: add it to the registry, or leave it out."""
    query = update.callback_query
    token, index, choice = press.fields[0], press.number(1), press.number(2)
    async with _lock(context):
        pending = await _press(update, context, token)
        if pending is None:
            return
        if index >= len(pending.names) or choice >= len(pending.names[index].choices):
            await query.answer(EXPIRED, show_alert=True)
            return
        await query.answer()
        offered = pending.names[index]
        addition = offered.choices[choice]
        if addition is None:
            pending.answered.add(index)
            text = import_texts.left_out_text(offered.item)
            await edit(query, text, _name_keyboard(token, index, offered))
            await _refresh_panel(update, token, pending)
            return
        await _add(update, context, token, pending, range(index, index + 1), [addition])


async def _add(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    token: str,
    pending: PendingImport,
    indexes: range,
    additions: list[Addition],
) -> None:
    """Append `additions` (for the names at `indexes`) to the registry file, then read the
    notice again and show it anew."""
    core = core_of(context)
    try:
        registry = await asyncio.to_thread(
            add_to_registry,
            core.config.registry,
            additions,
            day=core.clock().date(),
            source=pending.filename,
        )
    except RegistryEditError as error:
        await reply(update, import_texts.NOT_ADDED.format(error=error))
        return
    pending.answered.update(indexes)
    added = "\n".join(import_texts.added_text(addition, registry) for addition in additions)
    await edit(update.callback_query, f"{added}{import_texts.KEPT_ON_CANCEL}")
    await _reload(core)
    pending.review = await asyncio.to_thread(pending.reread, registry)
    summary = import_texts.review_text(pending.filename, pending.review)
    await reply(update, f"{import_texts.REREAD}\n{summary}")
    await _new_panel(update, token, pending)


async def _reload(core: Core) -> None:
    """The bot takes the registry it was just given; a notice that no longer loads keeps the
    old knowledge, and the office hears of it on /reload."""
    try:
        await core.reload_knowledge()
    except DataFileError as error:
        log.warning("加入单位名录后重新读入失败：%s", error)


async def on_match(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """是同一项 / 不是 for one doubtful match; the office may change its answer until 启用."""
    query = update.callback_query
    token, key = press.fields[0], (press.number(1), press.number(2))
    async with _lock(context):
        pending = await _press(update, context, token)
        if pending is None:
            return
        if key not in {d.key for d in pending.review.doubts}:
            await query.answer(EXPIRED, show_alert=True)
            return
        await query.answer()
        pending.decisions[key] = press.fields[3] == "y"
        pending.review = await asyncio.to_thread(pending.review.decided, pending.decisions)
        doubt = next(d for d in pending.review.doubts if d.key == key)
        await edit(query, doubt_question(doubt), _doubt_keyboard(token, doubt))
        await _refresh_panel(update, token, pending)


def _follow(core: Core, pending: PendingImport, update: Update) -> None:
    """Before the revised notice takes effect, the ledger's reports follow their tasks."""
    admin = update.effective_user
    follow_revision(
        by_key(core.desks, pending.closest_key).ledger,
        pending.review.diff,
        notice_digest(pending.data),
        user=admin.id,
        name=admin.full_name,
        chat=update.effective_chat.id,
        message=-update.update_id,
        now=core.clock(),
    )


async def _cancel(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    await edit(update.callback_query, import_texts.CANCELLED)


async def _enable(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    if pending.as_new:
        await _enable_new(update, context, pending)
        return
    query = update.callback_query
    core = core_of(context)
    target = by_key(core.desks, pending.closest_key)
    try:
        await core.ledger.store.run(_follow, core, pending, update)
        await asyncio.to_thread(
            keep_revision,
            core.config.data_dir,
            target.key,
            target.entry.primary,
            pending.filename,
            pending.data,
            core.clock(),
        )
        if pending.review.replaces:  # the office's own deadline file, remembered
            core.config = own_files(core.config)
            await asyncio.to_thread(remember, core.config)
        await core.reload_knowledge()
    except (DataFileError, OSError) as error:
        await edit(query, import_texts.FAILED.format(error=error))
        return
    diff = pending.review.diff
    units = list(dict.fromkeys([*diff.gained, *diff.lost]))
    tasks = len(target.knowledge.plan.tasks)
    await edit(
        query, import_texts.ENABLED.format(name=pending.filename, tasks=tasks, units=len(units))
    )
    desks = core.active_desks()
    await _tell(context, {unit: headed(target, unit_notice(unit, diff), desks) for unit in units})


async def _enable_new(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    """Keep the file as a further notice; each unit holding tasks in it is told once."""
    query = update.callback_query
    core = core_of(context)
    try:
        key = await asyncio.to_thread(
            keep_new,
            core.config.data_dir,
            pending.filename,
            pending.data,
            pending.name,
            core.clock(),
        )
        await core.reload_knowledge()
    except (DataFileError, OSError) as error:
        await edit(query, import_texts.FAILED.format(error=error))
        return
    desk = by_key(core.desks, key)
    know = desk.knowledge
    held = Counter(
        unit for units in task_holders(know.plan, know.registry).values() for unit in units
    )
    await edit(
        query,
        import_texts.ENABLED_NEW.format(
            label=desk.label, tasks=len(desk.knowledge.plan.tasks), units=len(held)
        ),
    )
    texts_by_unit = {
        unit: import_texts.new_notice_for_unit(desk.label, unit, count)
        for unit, count in held.items()
    }
    await _tell(context, texts_by_unit)


async def _tell(context: ContextTypes.DEFAULT_TYPE, by_unit: dict[str, str]) -> None:
    """Send each unit's users its text, once."""
    core = core_of(context)
    for unit, text in by_unit.items():
        for binding in await core.store.run(core.bindings.users_of, unit):
            try:
                await send(context.bot, binding.user_id, text)
            except TelegramError as error:
                log.warning("无法通知 %s 的用户 %s 任务变化：%s", unit, binding.user_id, error)


async def _switch(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    """Between a notice of its own and a revision of the notice it most resembles."""
    pending.as_new = not pending.as_new
    query = update.callback_query
    text = pending.panel_text()
    if pending.panel is None:  # the summary and 启用 / 取消 are one message
        summary = import_texts.review_text(pending.filename, pending.review)
        text = f"{summary}\n\n{text}"
    await edit(query, text, _keyboard(query.data.split(":")[1], pending))


async def _workbook(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    """Send what was read as the workbook the office corrects and sends back."""
    core = core_of(context)
    plan = pending.review.plan
    year_end = notice_year_end(plan, core.config.year_end)
    data = await asyncio.to_thread(plan_workbook, plan, year_end)
    stem = PurePath(pending.filename).stem.removesuffix(workbook_texts.FILE_SUFFIX)
    await update.effective_message.reply_document(
        data,
        filename=f"{stem}{workbook_texts.FILE_SUFFIX}.xlsx",
        caption=workbook_texts.EXPORT_CAPTION.format(tasks=len(plan.tasks)),
    )


Decide = Callable[[Update, ContextTypes.DEFAULT_TYPE, PendingImport], Awaitable[None]]
_DECISIONS: dict[str, Decide] = {"y": _enable, "n": _cancel}


async def _take_proposal(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    """Every name the registry lacks added as the proposal has it; then the notice anew."""
    open_names = [i for i in range(len(pending.names)) if i not in pending.answered]
    items = [pending.names[i].item for i in open_names]
    additions = list(propose(items, pending.review.registry))
    token = update.callback_query.data.split(":")[1]
    await _add(update, context, token, pending, range(len(pending.names)), additions)


async def _one_by_one(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingImport
) -> None:
    """The proposal declined: a question per name, as with any registry."""
    token = update.callback_query.data.split(":")[1]
    await edit(update.callback_query, import_texts.ONE_BY_ONE_CHOSEN)
    await _ask_names(update, token, pending)
    await _new_panel(update, token, pending)


_KEEP_PENDING: dict[str, Decide] = {
    "s": _switch,
    "x": _workbook,
    "p": _take_proposal,
    "o": _one_by_one,
}


def _refusal(pending: PendingImport, choice: str) -> str | None:
    """Why a decision must wait, or None: a revision's 启用 waits for every doubtful match."""
    if choice == "y" and pending.open_doubts:
        return open_doubts_refusal(pending.open_doubts)
    return None


async def on_decision(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """启用 or 取消 under an import summary."""
    query = update.callback_query
    token, choice = press.fields[0], press.fields[1]
    async with _lock(context):
        pending = await _press(update, context, token)
        if pending is None:
            return
        refusal = _refusal(pending, choice)
        if refusal is not None:
            await query.answer(refusal, show_alert=True)
            return
        await query.answer()
        if choice in _KEEP_PENDING:
            await _KEEP_PENDING[choice](update, context, pending)
            return
        del _pending(context)[token]
        await _DECISIONS[choice](update, context, pending)
