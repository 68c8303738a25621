"""Questions about the plan: free text, the /my, /task, /units commands and task buttons."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.notices.across import respond_all
from bot.notices.desks import by_key
from handlers import bind, buttons, holidays, progress, requests
from handlers.context import chat_state, core_of, reply, save_chat_state


async def answer_line(
    update: Update, context: ContextTypes.DEFAULT_TYPE, line: str, notice: str | None = None
) -> None:
    """Answer one typed line as a question about the notices in use (or just notice `notice`)."""
    core = core_of(context)
    unit = await core.store.run(
        core.unit_of_sender, update.effective_user.id, update.effective_chat.id
    )
    state = replace(chat_state(context), unit=unit)
    desks = core.active_desks()
    if notice is not None:
        desks = [d for d in desks if d.key == notice]
    state, answer = respond_all(state, line, desks, today=core.clock().date())
    save_chat_state(context, state)
    if answer.claimed_unit:  # on Telegram a claim is a request for the office to approve
        await bind.request_unit(update, context, answer.claimed_unit)
        return
    await reply(update, answer.text, buttons.task_keyboard(answer.tasks, answer.notice))


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a question typed in a private chat, unless it pauses, asks to extend or reports."""
    if await holidays.offer_text(update, context):  # the office's holiday arrangement
        return
    if await progress.pause_or_resume(update, context):
        return
    if await requests.extension_text(update, context):
        return
    if await progress.report_text(update, context):
        return
    await answer_line(update, context, update.effective_message.text)


async def my_duties(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/my: what the user's unit is responsible for."""
    await answer_line(update, context, "我科室负责什么")


async def task(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/task N: one task in full."""
    if len(context.args or []) != 1 or not context.args[0].isdecimal():
        await reply(update, texts.TASK_USAGE)
        return
    await answer_line(update, context, f"第{context.args[0]}项")


async def units(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/units: every unit with its task counts."""
    await answer_line(update, context, "各单位任务总览")


async def on_task_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: buttons.Press
) -> None:
    """A 第N项 button under a task list: send that task in full."""
    notice = press.notice(1)
    if by_key(core_of(context).active_desks(), notice) is None:
        await update.callback_query.answer(texts.BUTTON_EXPIRED)
        return
    await update.callback_query.answer()
    await answer_line(update, context, f"第{press.number(0)}项", notice)
