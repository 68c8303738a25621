"""The rounds' sender on WeCom: a nudge or an office message to one member, paced.

The text goes with WeCom's duplicate check on (a resend of the same nudge is shown once);
the choices follow as cards (`handlers.wecom.cards`). The member is found in the address
book by person id; an id it does not know is FAILED (logged), never sent elsewhere.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.conversation.actions import Rows
from bot.people.addresses import Addresses
from bot.reminders.outbox import State
from bot.store.storage import Store
from handlers.wecom.cards import CardBook, send_with_choices
from handlers.wecom.sender import WeComSender

__all__ = ["WeComNudgeSender"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WeComNudgeSender:
    """`bot.rounds.sender.Sender` over WeCom."""

    sender: WeComSender
    addresses: Addresses
    book: CardBook
    store: Store

    async def send(self, chat: int, text: str, choices: Rows = (), *, key: str) -> State:
        """Send the text (deduplicated by WeCom) and its choices as cards; the worst outcome
        of the parts."""
        user = self.addresses.key_of(chat)
        if user is None:
            log.error("地址簿中没有 %s，提醒 %s 未发出", chat, key)
            return State.FAILED
        done = await send_with_choices(
            self.sender, self.book, self.store, user, text, choices, dedupe=True
        )
        return done.state
