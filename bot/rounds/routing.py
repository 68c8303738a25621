"""The rounds' sender when several channels run: each message goes to its person's channel.

A person id the address book gave out (`bot.people.addresses`) belongs to that channel; any
other id is a Telegram user or chat. A channel that is not running, or one whose sender
fails unexpectedly, gives FAILED: the outbox keeps the delivery and the next wake-up the same
day tries it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.conversation.actions import Rows
from bot.conversation.events import TELEGRAM
from bot.reminders.outbox import State
from bot.rounds.sender import Sender

__all__ = ["RoutingSender"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RoutingSender:
    """`Sender` over the running channels' senders, chosen by `channel_of(chat)`."""

    channel_of: Callable[[int], str | None]
    senders: Mapping[str, Sender]

    async def send(self, chat: int, text: str, choices: Rows = (), *, key: str) -> State:
        """Send through the chat's channel; FAILED when that channel is not running."""
        channel = self.channel_of(chat) or TELEGRAM
        sender = self.senders.get(channel)
        if sender is None:
            log.error("%s 的渠道（%s）没有运行，提醒 %s 未发出", chat, channel, key)
            return State.FAILED
        try:
            return await sender.send(chat, text, choices, key=key)
        except Exception:  # a channel's failure must not stop the other channels' rounds
            log.exception("通过 %s 发送提醒 %s 时出错", channel, key)
            return State.FAILED
