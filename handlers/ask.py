"""Questions about the plan: free text and the /my, /task, /units commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.answers import respond
from handlers.context import chat_state, core_of, reply, save_chat_state


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE, line: str) -> None:
    state, text = respond(chat_state(context), line, core_of(context).knowledge)
    save_chat_state(context, state)
    await reply(update, text)


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a question typed in a private chat."""
    await _answer(update, context, update.effective_message.text)


async def my_duties(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/my: what the user's unit is responsible for."""
    await _answer(update, context, "我科室负责什么")


async def task(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/task N: one task in full."""
    if len(context.args or []) != 1 or not context.args[0].isdecimal():
        await reply(update, texts.TASK_USAGE)
        return
    await _answer(update, context, f"第{context.args[0]}项")


async def units(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/units: every unit with its task counts."""
    await _answer(update, context, "各单位任务总览")
