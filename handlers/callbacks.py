"""Every button press arrives here and goes to the handler its callback data names."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from handlers import ask, bind, buttons, holidays, importing, progress, requests


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Decode the press; stale or forged data gets "按钮已失效" and changes nothing."""
    query = update.callback_query
    press = buttons.decode(query.data)
    if press is None:
        await query.answer(texts.BUTTON_EXPIRED)
    elif press.action in {"kind", "unit"}:
        await bind.on_pick(update, context, press)
    elif press.action in {"approve", "reject", "old_approve", "old_reject"}:
        await bind.on_decision(update, context, press)
    elif press.action == "status":
        await progress.on_status(update, context, press)
    elif press.action == "choice":
        await progress.on_choice(update, context, press)
    elif press.action in {"grant", "refuse"}:
        await requests.on_decision(update, context, press)
    elif press.action == "import":
        await importing.on_decision(update, context, press)
    elif press.action == "import_name":
        await importing.on_name(update, context, press)
    elif press.action == "import_match":
        await importing.on_match(update, context, press)
    elif press.action == "holidays":
        await holidays.on_decision(update, context, press)
    else:
        await ask.on_task_button(update, context, press)
