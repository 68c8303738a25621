"""What staff tell the bot: progress (typed, replied to a nudge, or a nudge's buttons), pauses."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import ContextTypes

from bot import nudge_texts, progress_texts, texts
from bot.pauses import BadPause, PauseRequest, ResumeRequest, parse_pause
from bot.progress import Parsed, ProgressReply, Sender, record_progress
from bot.reports import Report, Status, parse_report, report_status
from bot.texts import full_date, shorten
from handlers import buttons, requests
from handlers.context import core_of, reply

log = logging.getLogger(__name__)


STATUS_OF_BUTTON = {"c": Status.DONE, "p": Status.ONGOING, "h": Status.BLOCKED}
_BLOCKED_TASK = "blocked_task"
_PENDING_REPORT = "pending_report"


def _sender(update: Update, unit: str | None, message: int) -> Sender:
    user = update.effective_user
    return Sender(unit, user.id, user.full_name, update.effective_chat.id, message)


async def _record(
    update: Update, context: ContextTypes.DEFAULT_TYPE, parsed: Parsed, message: int
) -> ProgressReply:
    """Record in the ledger's worker thread; the reply is sent only after the write returned."""
    core = core_of(context)
    unit = await core.store.run(
        core.unit_of_sender, update.effective_user.id, update.effective_chat.id
    )
    sender = _sender(update, unit, message)
    window = core.config.ledger.correction_window
    answer = await core.ledger.store.run(
        record_progress, parsed, sender, core.knowledge, core.ledger, core.clock(), window
    )
    if context.user_data is not None:
        context.user_data[_PENDING_REPORT] = answer.pending
    return answer


async def report_text(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None = None
) -> bool:
    """A progress report, correction or progress question; False for anything else.

    `text` replaces the message's text (in a group: without the bot's @name).
    """
    message = update.effective_message
    text = message.text if text is None else text
    core = core_of(context)
    blocked = (context.user_data or {}).pop(_BLOCKED_TASK, None)
    parsed = parse_report(text, task_count=len(core.knowledge.plan.tasks))
    if blocked is not None and parsed is None:
        parsed = Report((blocked,), text.strip(), Status.BLOCKED)
    nudged = buttons.nudge_tasks(message.reply_to_message)
    if nudged and (parsed is None or (isinstance(parsed, Report) and not parsed.tasks)):
        text = text.strip()
        status = parsed.status if isinstance(parsed, Report) else report_status(text)
        parsed = Report(nudged if len(nudged) == 1 else (), text, status)
    if parsed is None:
        return False
    answer = await _record(update, context, parsed, message.message_id)
    choices = answer.choices if not nudged or len(nudged) == 1 else nudged
    await reply(update, answer.text, buttons.choice_keyboard(choices) if answer.pending else None)
    return True


async def on_choice(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """The task picked for a report that named none."""
    query = update.callback_query
    pending = (context.user_data or {}).get(_PENDING_REPORT)
    if pending is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    await query.answer()
    parsed = replace(pending, tasks=(press.number(0),))
    answer = await _record(update, context, parsed, -update.update_id)
    await reply(update, answer.text)


async def on_status(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """已完成 / 进行中 / 有困难 / 延期 under a nudge, for the presser's unit."""
    query = update.callback_query
    core = core_of(context)
    number, status = press.number(0), STATUS_OF_BUTTON.get(press.fields[2])
    try:
        due = datetime.strptime(press.fields[1], "%Y%m%d").date()  # noqa: DTZ007 - a date
    except ValueError:
        due = None
    moved_to = {to for (task, _, _), to in core.ledger.moved().items() if task == number}
    if due not in {m.due for m in core.knowledge.deadlines.get(number, ())} | moved_to:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    if press.fields[2] == "e":
        await query.answer()
        await reply(update, requests.ask_for_line(context, number))
        return
    if status is Status.BLOCKED:
        if context.user_data is not None:
            context.user_data[_BLOCKED_TASK] = number
        await query.answer()
        await reply(update, progress_texts.ASK_BLOCKER.format(task=number))
        return
    unit = await core.store.run(
        core.unit_of_sender, update.effective_user.id, update.effective_chat.id
    )
    latest = core.ledger.latest(number, unit) if unit else None
    if (
        status is Status.DONE
        and latest
        and latest.status is Status.DONE
        and latest.due(number) == due
    ):
        text = nudge_texts.DONE_ALREADY.format(task=number, due=nudge_texts.day_label(due))
        await query.answer(text)
        return
    report = Report((number,), status.value, status)
    answer = await _record(update, context, report, -update.update_id)
    text = answer.text
    if status is Status.DONE and text.startswith("已记录"):
        text = nudge_texts.DONE_RECORDED.format(
            unit=unit, task=number, due=nudge_texts.day_label(due)
        )
    await query.answer(shorten(text, 190))
    await reply(update, text)


async def pause_or_resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Handle "暂停提醒到12月1日" / "恢复提醒"; False when the text is about something else."""
    core = core_of(context)
    today = core.clock().date()
    request = parse_pause(update.effective_message.text, today)
    if request is None:
        return False
    user = update.effective_user
    if isinstance(request, BadPause):
        await reply(update, request.reason)
    elif isinstance(request, ResumeRequest):
        removed = await core.store.run(core.pauses.resume, user.id)
        await reply(update, nudge_texts.RESUMED if removed else nudge_texts.NOT_PAUSED)
    elif isinstance(request, PauseRequest):
        if await core.store.run(core.bindings.unit_of, user.id) is None:
            await reply(update, nudge_texts.PAUSE_NEEDS_UNIT)
            return True
        await core.store.run(
            core.pauses.pause, user.id, user.full_name, request.until, core.clock()
        )
        await reply(
            update,
            nudge_texts.PAUSED.format(
                until=full_date(request.until), resume=full_date(request.until + timedelta(days=1))
            ),
        )
    return True


async def clear_unreachable(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anyone who writes again, or a group the bot hears from again, is reachable again."""
    core = core_of(context)
    for chat in (update.effective_user, update.effective_chat):
        if chat is not None and chat.id in core.unreachable:
            await core.store.run(core.unreachable.clear, chat.id)
            log.info("%s 重新与机器人对话，恢复发送提醒", chat.id)
