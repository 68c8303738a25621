"""What happens when an update or a job fails: log it, tell the user only 出错了, tell the office
(its admins on every channel it uses) when the disk refuses the bot's writes, and never let
one update stop the bot.

An update python-telegram-bot cannot parse (a "poison" update) is found in the raw JSON: it is
logged by id and error (never its content, which is user text), and its sender, when the JSON
names one, is answered 出错了. Polling and the webhook then confirm it, so Telegram does not
deliver it again.
"""

from __future__ import annotations

import logging
import shutil
import socket
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, ExtBot

import handlers.texts as transport_texts
from bot import texts
from bot.conversation.actions import Send
from handlers.context import core_in, outlets_of
from handlers.outlets import Outlets

log = logging.getLogger(__name__)

ALERT_COOLDOWN = timedelta(hours=6)  # one alert per cause of failed writes in this time
_ANSWERED_KEY, _ALERTS_KEY = "errors.answered", "errors.alerts"
DETAIL_CHARS = 200  # of a parse error in the log: its type and message, not the update
_ANSWERED_KEPT = 1000  # update ids remembered as answered 出错了 (an update fails at most once)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error; tell the admins of a failed write; answer a user's update 出错了 once.

    An update with several failing handlers reaches this once per handler; the user hears
    出错了 only once.
    """
    log.error("处理更新时出错", exc_info=context.error)
    write_error = _os_error(context.error)
    if write_error is not None:
        await _alert_admins(context.application, outlets_of(context), write_error)
    message = update.effective_message if isinstance(update, Update) else None
    if message is not None and _first_answer(context.bot_data, update.update_id):
        await _say(context.bot, message.chat_id, texts.SOMETHING_WENT_WRONG)


def parse_update(raw: Any, bot: ExtBot) -> Update | None:
    """The Update in `raw`, or None when python-telegram-bot cannot parse it (logged by id)."""
    try:
        update = Update.de_json(raw, bot)
        bot.insert_callback_data(update)  # what get_updates does for each update
    except Exception as error:  # noqa: BLE001 - any failure to parse makes it a poison update
        detail = f"{type(error).__name__}: {error}"[:DETAIL_CHARS]
        log.error("无法解析更新 %s，已跳过（%s）", _update_id(raw), detail)
        return None
    return update


async def answer_failed(application: Application, raw: Any) -> None:
    """Answer 出错了 (once) to whoever sent an update that could not be parsed or handled, if
    its JSON says who."""
    chat, update_id = sender_chat(raw), _update_id(raw)
    if (
        chat is not None
        and update_id is not None
        and _first_answer(application.bot_data, update_id)
    ):
        await _say(application.bot, chat, texts.SOMETHING_WENT_WRONG)


def sender_chat(raw: Any) -> int | None:
    """The chat to answer for a raw update: where it was sent, else its sender's private chat."""
    for payload in _payloads(raw):
        message = payload.get("message")
        for holder in (payload, message if isinstance(message, dict) else {}):
            chat = holder.get("chat")
            if isinstance(chat, dict) and type(chat.get("id")) is int:
                return chat["id"]
        sender = payload.get("from")
        if isinstance(sender, dict) and type(sender.get("id")) is int:
            return sender["id"]
    return None


def raw_lane(raw: Any) -> tuple[str, int]:
    """The lane (see `handlers.transport.polling.lane_of`) of an update known only as JSON."""
    for payload in _payloads(raw):
        sender = payload.get("from")
        if isinstance(sender, dict) and type(sender.get("id")) is int:
            return ("user", sender["id"])
    chat = sender_chat(raw)
    return ("chat", chat) if chat is not None else ("update", _update_id(raw) or 0)


def _payloads(raw: Any) -> list[dict]:
    if not isinstance(raw, dict):
        return []
    return [value for key, value in raw.items() if key != "update_id" and isinstance(value, dict)]


def _update_id(raw: Any) -> int | None:
    update_id = raw.get("update_id") if isinstance(raw, dict) else None
    return update_id if type(update_id) is int else None


def _first_answer(bot_data: dict, update_id: int) -> bool:
    """Whether this is the first 出错了 for the update (remembers the last ones answered)."""
    answered: OrderedDict[int, None] = bot_data.setdefault(_ANSWERED_KEY, OrderedDict())
    if update_id in answered:
        return False
    answered[update_id] = None
    while len(answered) > _ANSWERED_KEPT:
        answered.popitem(last=False)
    return True


def _os_error(error: BaseException | None) -> OSError | None:
    """The OSError behind an error (itself, or what caused it), if one is: a failed write
    or read of our files. A Telegram call that failed on the network is none."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, TelegramError | socket.gaierror | ConnectionError | TimeoutError):
            return None
        if isinstance(error, OSError):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


async def _alert_admins(application: Application, outlets: Outlets | None, error: OSError) -> None:
    """Tell every admin once per cause (errno) and `ALERT_COOLDOWN` that writes are failing:
    the office's admins on their own channels through `outlets`, or Telegram's alone when
    Telegram runs alone (`outlets` None)."""
    core = core_in(application.bot_data)
    now = core.clock()
    alerts: dict[int | None, datetime] = application.bot_data.setdefault(_ALERTS_KEY, {})
    last = alerts.get(error.errno)
    if last is not None and now - last < ALERT_COOLDOWN:
        return
    alerts[error.errno] = now
    data_dir = core.config.data_dir
    try:
        free: int | None = shutil.disk_usage(data_dir).free
    except OSError:
        free = None
    text = transport_texts.write_failed(
        transport_texts.write_cause(error.errno, error.strerror or str(error)),
        str(data_dir),
        free,
        getattr(error, "path", None) or error.filename or "未知",
        int(ALERT_COOLDOWN.total_seconds() // 3600),
    )
    log.error("数据写入失败（%s），已通知管理员", error)
    if outlets is None:
        for admin in sorted(core.config.telegram.admins):
            await _say(application.bot, admin, text)
        return
    for admin in sorted(core.office.admins):
        await outlets.deliver(Send(admin, text))  # a failure there is logged, never raised


async def _say(bot: Bot, chat_id: int, text: str) -> None:
    """Send a notice; one that fails is only logged (it must not fail the update again)."""
    try:
        await bot.send_message(chat_id, text)
    except Exception as error:  # noqa: BLE001 - a notice of a failure may fail in any way
        log.warning("无法向 %s 发送出错提示（%s）", chat_id, type(error).__name__)
