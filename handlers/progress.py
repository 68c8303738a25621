"""What staff tell the bot about their reminders: 已完成 on a nudge, pausing and resuming."""

from __future__ import annotations

import logging
from datetime import date, datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot import nudge_texts, texts
from bot.duties import duties_for
from bot.pauses import BadPause, PauseRequest, ResumeRequest, parse_pause
from handlers import buttons
from handlers.context import core_of, reply

log = logging.getLogger(__name__)


async def on_done(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """已完成 under a nudge: record it for the presser's unit, then say 已记录."""
    query = update.callback_query
    core = core_of(context)
    user = update.effective_user
    unit_name = await core.store.run(core.bindings.unit_of, user.id)
    if unit_name is None:
        await query.answer(nudge_texts.DONE_NEEDS_UNIT, show_alert=True)
        return
    number = press.number(0)
    try:
        due = datetime.strptime(press.fields[1], "%Y%m%d").date()  # noqa: DTZ007 - a date
    except ValueError:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    knowledge = core.knowledge
    unit = knowledge.registry.unit(unit_name)
    held = {d.task.number for d in duties_for(unit, knowledge.plan, knowledge.registry)}
    if number not in held:
        await query.answer(
            nudge_texts.DONE_NOT_YOURS.format(unit=unit_name, task=number), show_alert=True
        )
        return
    if due not in {m.due for m in knowledge.deadlines.get(number, ())}:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    new = await core.store.run(
        lambda: core.completions.mark(number, unit_name, due, user_id=user.id, now=core.clock())
    )
    template = nudge_texts.DONE_RECORDED if new else nudge_texts.DONE_ALREADY
    text = template.format(unit=unit_name, task=number, due=nudge_texts.day_label(due))
    await query.answer(text)
    await reply(update, text)


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


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
        resume = request.until.toordinal() + 1
        await reply(
            update,
            nudge_texts.PAUSED.format(
                until=_day(request.until), resume=_day(date.fromordinal(resume))
            ),
        )
    return True


async def clear_unreachable(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anyone who writes again is reachable again (they had blocked the bot before)."""
    user = update.effective_user
    core = core_of(context)
    if user is not None and user.id in core.unreachable:
        await core.store.run(core.unreachable.clear, user.id)
        log.info("用户 %s 重新与机器人对话，恢复发送提醒", user.id)
