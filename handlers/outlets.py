"""Where a message for a person goes when several channels run: to that person's channel.

A person id the address book gave out belongs to its channel (a WeCom userid's number);
any other id is Telegram's. Each running channel adds the way it carries out a `Send` or an
`EditSent` for its own people; a message for a channel that is not running is logged and
dropped (a reply to someone's action, not a nudge: the outbox does not hold it).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.conversation.actions import EditSent, Send
from bot.conversation.events import TELEGRAM
from bot.people.addresses import Addresses

__all__ = ["Deliver", "Outlets"]

log = logging.getLogger(__name__)

Deliver = Callable[[Send | EditSent], Awaitable[int | None]]
"""A channel's way to carry out a message for one of its people: the message id, if any."""


class Outlets:
    """The running channels' ways to deliver, chosen by the address book."""

    def __init__(self, addresses: Addresses) -> None:
        """No channel until `add`."""
        self.addresses = addresses
        self._by_channel: dict[str, Deliver] = {}

    def add(self, channel: str, deliver: Deliver) -> None:
        """`channel` is running and delivers this way."""
        self._by_channel[channel] = deliver

    def channel_of(self, chat_id: int) -> str:
        """The channel of a person or chat id."""
        return self.addresses.channel_of(chat_id) or TELEGRAM

    async def deliver(self, action: Send | EditSent) -> int | None:
        """Carry out `action` on its person's channel; None when it could not."""
        channel = self.channel_of(action.chat_id)
        deliver = self._by_channel.get(channel)
        if deliver is None:
            log.warning("无法把消息发给 %s：%s 渠道没有运行", action.chat_id, channel)
            return None
        try:
            return await deliver(action)
        except Exception:  # one channel's failure must not fail the other channel's update
            log.exception("通过 %s 把消息发给 %s 时出错", channel, action.chat_id)
            return None
