"""The reminder rounds on Telegram: the sender.

Every decision is the core's (`bot.rounds.service.Rounds`: what is due, to whom, what a
restart resends, what the office is owed). This module sends one message through the rate
limiter's bulk lane (replies to users go first), split under Telegram's length with the
choices as an inline keyboard on the last part, and maps Telegram's answer to an outcome:
blocked → unreachable; a read timeout is retried and ambiguous; other errors failed. The
timer that wakes the rounds is the same for every channel (`bot.rounds.waking`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot
from telegram.error import Forbidden, TelegramError, TimedOut

from bot import texts
from bot.conversation.actions import Rows
from bot.normalize import printable
from bot.reminders.outbox import State
from bot.rounds.service import Rounds
from handlers import buttons
from handlers.context import Core
from handlers.transport.ratelimit import BULK

log = logging.getLogger(__name__)

TIMEOUT_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class TelegramSender:
    """`bot.rounds.sender.Sender` over a Telegram bot."""

    bot: Bot

    async def send(self, chat: int, text: str, choices: Rows = (), *, key: str) -> State:
        """Send with the limiter's retries and map Telegram's errors to an outcome: blocked →
        unreachable; a read timeout is retried and the outcome is ambiguous; others fail."""
        parts = texts.split_long(printable(text))
        keyboard = buttons.markup(choices)
        state = State.SENT
        for index, part in enumerate(parts):
            markup = keyboard if index == len(parts) - 1 else None
            for attempt in range(1, TIMEOUT_ATTEMPTS + 1):
                try:
                    await self.bot.send_message(
                        chat, part, reply_markup=markup, rate_limit_args=BULK
                    )
                    break
                except Forbidden:
                    log.warning("无法送达 %s（%s）：对方已屏蔽或停用机器人", chat, key)
                    return State.UNREACHABLE
                except TimedOut:
                    state = State.AMBIGUOUS
                    log.warning(
                        "ambiguous: read timeout sending %s to %s (attempt %d); "
                        "the message may have arrived, sending again",
                        key,
                        chat,
                        attempt,
                    )
                except TelegramError as error:
                    log.error("发送 %s 到 %s 失败：%s", key, chat, error)
                    return State.FAILED
            else:
                return State.FAILED
        return state


class Nudger(Rounds):
    """The rounds of one Telegram application, sending through its bot."""

    def __init__(self, core: Core, bot: Bot) -> None:
        """Wake-ups over `core`, sent by `bot`."""
        super().__init__(core, TelegramSender(bot))
