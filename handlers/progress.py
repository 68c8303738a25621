"""What staff tell the bot: progress (typed, replied to a nudge, or a nudge's buttons), pauses."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta

from telegram import Update
from telegram.ext import ContextTypes

import bot.progress.texts as progress_texts
import bot.reminders.texts as nudge_texts
from bot import texts
from bot.ledger.reports import Amend, Report, Status, report_status
from bot.notices.across import Reply, headed, parse_across, record_across
from bot.notices.desks import Desk, by_key
from bot.progress.recording import Parsed, Sender, has_content
from bot.reminders.pauses import BadPause, PauseRequest, ResumeRequest, parse_pause
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
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    parsed: Parsed,
    message: int,
    notice: str | None = None,
) -> Reply:
    """Record in the ledger's worker thread; the reply is sent only after the write returned."""
    core = core_of(context)
    user, chat = update.effective_user.id, update.effective_chat.id
    unit, viewer = await core.store.run(
        lambda: (core.unit_of_sender(user, chat), core.viewer(user, chat))
    )
    sender = _sender(update, unit, message)
    window = core.config.ledger.correction_window
    desks = core.active_desks()
    answer = await core.ledger.store.run(
        record_across, parsed, sender, desks, core.clock(), window, notice=notice, viewer=viewer
    )
    if context.user_data is not None:
        context.user_data[_PENDING_REPORT] = answer.pending
    return answer


def _names(context: ContextTypes.DEFAULT_TYPE) -> dict[str, str] | None:
    """Notice key → short name for buttons, when several notices are in use."""
    desks = core_of(context).active_desks()
    return {d.key: d.tag for d in desks} if len(desks) > 1 else None


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
    parsed, named = parse_across(text, core.active_desks())
    notice = named.key if named else None
    if blocked is not None and parsed is None:
        notice, number = blocked
        parsed = Report((number,), text.strip(), Status.BLOCKED)
    nudged = buttons.nudge_tasks(message.reply_to_message)
    if nudged and (parsed is None or (isinstance(parsed, Report) and not parsed.tasks)):
        text = text.strip()
        status = parsed.status if isinstance(parsed, Report) else report_status(text)
        parsed = Report((nudged[0][1],) if len(nudged) == 1 else (), text, status)
        notice = nudged[0][0] if len(nudged) == 1 else notice
    if parsed is None:
        return False
    if isinstance(parsed, Report | Amend) and not has_content(parsed.text):
        await reply(update, progress_texts.NO_CONTENT)
        return True
    answer = await _record(update, context, parsed, message.message_id, notice)
    choices = answer.choices if not nudged or len(nudged) == 1 else nudged
    keyboard = buttons.choice_keyboard(choices, _names(context)) if answer.pending else None
    await reply(update, answer.text, keyboard)
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
    answer = await _record(update, context, parsed, -update.update_id, press.notice(1))
    await reply(update, answer.text)


async def on_status(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """已完成 / 进行中 / 有困难 / 延期 under a nudge, for the presser's unit."""
    query = update.callback_query
    core = core_of(context)
    number, status = press.number(0), STATUS_OF_BUTTON.get(press.fields[2] or "")
    desk = by_key(core.active_desks(), press.notice(3))
    try:
        due = datetime.strptime(press.fields[1] or "", "%Y%m%d").date()  # noqa: DTZ007 - a date
    except ValueError:
        due = None
    if desk is None or not _still_due(desk, number, due):
        await query.answer(texts.BUTTON_EXPIRED)
        return
    if press.fields[2] == "e":
        await query.answer()
        await reply(update, requests.ask_for_line(context, desk.key, number))
        return
    if status is Status.BLOCKED:
        if context.user_data is not None:
            context.user_data[_BLOCKED_TASK] = (desk.key, number)
        await query.answer()
        await reply(update, progress_texts.ASK_BLOCKER.format(task=number))
        return
    unit = await core.store.run(
        core.unit_of_sender, update.effective_user.id, update.effective_chat.id
    )
    latest = desk.ledger.latest(number, unit) if unit else None
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
    answer = await _record(update, context, report, -update.update_id, desk.key)
    text = answer.text
    if status is Status.DONE and text.split("\n")[-1].startswith("已记录"):
        done = nudge_texts.DONE_RECORDED.format(
            unit=unit, task=number, due=nudge_texts.day_label(due)
        )
        text = headed(desk, done, core.active_desks())
    await query.answer(shorten(text, 190))
    await reply(update, text)


def _still_due(desk: Desk, number: int, due: date | None) -> bool:
    """True when `due` is still a milestone of task `number` (planned or moved there)."""
    moved_to = {to for (task, _, _), to in desk.ledger.moved().items() if task == number}
    return due in {m.due for m in desk.knowledge.deadlines.get(number, ())} | moved_to


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
