"""What a channel supplies to the rounds, and one message sent under the outbox's record.

A `Sender` sends one message to one chat and says how it went; `Outgoing` records the
delivery as begun before the send and its outcome after it, and marks a chat that cannot be
reached, so a restart resumes from the outbox and sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.conversation.actions import Rows
from bot.conversation.core import Core
from bot.reminders.outbox import State

__all__ = ["Outgoing", "Sender"]


class Sender(Protocol):
    """One channel's way to send a message the rounds decided on."""

    async def send(self, chat: int, text: str, choices: Rows = (), *, key: str) -> State:
        """Send `text` to `chat`, split to the channel's limits, with `choices` (rows of
        buttons) under its last part. Channel errors are outcomes, never raised:

        - SENT: it arrived;
        - AMBIGUOUS: it may have arrived, perhaps twice (a timeout was retried);
        - UNREACHABLE: the person blocked the bot or is gone; not retried until they write;
        - FAILED: it did not go (the channel's retries spent); tried again at the next
          wake-up the same day, listed to the office after that.

        `key` is the delivery's outbox key, for the channel's logs and duplicate checks.
        """
        ...


@dataclass(frozen=True, slots=True)
class Outgoing:
    """Messages through `sender`, each begun and finished in the core's outbox."""

    core: Core
    sender: Sender

    async def once(
        self,
        key: str,
        chat: int,
        at: datetime,
        items: tuple[str, ...],
        text: str,
        choices: Rows = (),
        *,
        now: datetime,
        late: bool = False,
    ) -> State:
        """Record delivery `key` (of `items`, due `at`) as begun, send it, record the outcome.

        A key the outbox already holds is not begun again (a failed one is sending again).
        """
        outbox = self.core.outbox
        await self.core.outbox_store.run(outbox.begin, key, chat, at, items, now=now, late=late)
        state = await self.sender.send(chat, text, choices, key=key)
        await self.finish(key, chat, state)
        return state

    async def finish(self, key: str, chat: int, state: State) -> None:
        """Record how delivery `key` ended; an unreachable chat is marked as such."""
        core = self.core
        await core.outbox_store.run(core.outbox.finish, key, state, now=core.clock())
        if state is State.UNREACHABLE:
            await core.store.run(core.unreachable.mark, chat, core.clock())
