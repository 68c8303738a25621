"""The WeCom adapter: a callback's message becomes a conversation event, a result becomes
WeCom messages. It holds no business rule: what a line, command or press means is decided
in `bot.conversation`.

WeCom has no edit and no reply-to, so a result is carried out this way:

- Reply: its text, then its choices as cards (`handlers.wecom.cards`);
- every card press: the pressed card is updated with the press's response code to one grey
  label (the code is one-use); an Edit's new text (with any new choices) follows as a message;
- EditSent: a message the bot sent earlier cannot be changed; with text it is sent as a new
  message (another admin's decision, an updated import panel: news to the reader), without
  text (only taking choices away) nothing is done;
- Toast: a short text, sent when it is an alert or the result says nothing else;
- Send and EditSent for others: through `Outlets`, to each person's own channel;
- SendFile: uploaded (``media/upload``), then sent as a file, after its caption.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot import texts as bot_texts
from bot.conversation.actions import Edit, EditSent, Reply, Result, Rows, Send, SendFile, Toast
from bot.conversation.core import Core
from bot.conversation.events import WECOM
from bot.conversation.router import Conversation
from bot.errors import NoticeError
from bot.reminders.outbox import State
from handlers.wecom import texts
from handlers.wecom.cards import CardBook, Delivered, send_with_choices
from handlers.wecom.errors import GaveUp, WeComError
from handlers.wecom.inbound import CardPress, Inbound
from handlers.wecom.sender import WeComSender
from handlers.wecom.translate import to_event

__all__ = ["WeComAdapter"]

log = logging.getLogger(__name__)

Elsewhere = Callable[[Send | EditSent], Awaitable[int | None]]


@dataclass
class WeComAdapter:
    """Handles the callback server's messages over the shared core and conversation.

    `elsewhere` carries out a message for someone (on any channel, this one included).
    """

    core: Core
    conversation: Conversation
    sender: WeComSender
    book: CardBook
    elsewhere: Elsewhere

    async def on_message(self, message: Inbound) -> None:
        """One message taken by the callback server, handled to the end."""
        core = self.core
        person = await core.store.run(core.addresses.id_for, WECOM, message.user)
        if person in core.unreachable:
            await core.store.run(core.unreachable.clear, person)
            log.info("%s 重新与机器人对话，恢复发送提醒", person)
        event = to_event(message, person, self._fetch)
        if event is None:
            await self.say(message.user, bot_texts.ONLY_TEXT)
            return
        result = await self.conversation.handle(event)
        await self._carry_out(message, person, result)

    async def _fetch(self, media_id: str) -> bytes:
        try:
            return (await self.sender.fetch_media(media_id)).content
        except (WeComError, GaveUp) as error:
            raise NoticeError(media_id, texts.FETCH_FAILED.format(error=error)) from None

    async def say(self, user: str, text: str, rows: Rows = ()) -> Delivered:
        """A message (text, then choices as cards) to a member; an unreachable one is marked."""
        done = await send_with_choices(self.sender, self.book, self.core.store, user, text, rows)
        if done.state is State.UNREACHABLE:
            person = self.core.addresses.find(WECOM, user)
            if person is not None:
                await self.core.store.run(self.core.unreachable.mark, person, self.core.clock())
        return done

    async def deliver(self, action: Send | EditSent) -> int | None:
        """A message for one of this channel's people (from any channel's conversation)."""
        user = self.core.addresses.key_of(action.chat_id)
        if user is None:
            log.warning("地址簿中没有 %s，消息未发出", action.chat_id)
            return None
        if action.text is None:  # only taking choices away: a sent card cannot be changed
            return None
        done = await self.say(user, action.text, action.rows)
        return done.cards[0] if done.cards else None

    async def _carry_out(self, message: Inbound, person: int, result: Result) -> None:
        user = message.user
        tracked: dict[str, list[tuple[int, int]]] = {}
        says = any(isinstance(a, Reply | Edit) and a.text for a in result.actions)
        for action in result.actions:
            if isinstance(action, Reply):
                done = await self.say(user, action.text, action.rows)
                if action.track and done.cards:
                    tracked.setdefault(action.track, []).append((person, done.cards[0]))
            elif isinstance(action, Toast):
                if action.text and (action.alert or not says):
                    await self.say(user, action.text)
            elif isinstance(action, Edit):
                await self._edit(message, action)
            elif isinstance(action, SendFile):
                if action.caption:
                    await self.say(user, action.caption)
                await self.sender.send_file(user, action.name, action.data)
            else:
                number = await self.elsewhere(action)
                if isinstance(action, Send) and action.track:
                    where = tracked.setdefault(action.track, [])
                    if number is not None:
                        where.append((action.chat_id, number))
        if not any(isinstance(a, Edit) for a in result.actions):
            await self._grey_out(message)
        for track, where in tracked.items():
            await self.conversation.sent(track, where)

    async def _grey_out(self, message: Inbound) -> None:
        """Replace a pressed card's buttons by one grey label (its response code is one-use,
        and the press was handled, whatever it said)."""
        if isinstance(message, CardPress) and message.response_code:
            await self.sender.update_card(
                [message.user], message.response_code, replace_name=texts.PRESSED
            )

    async def _edit(self, message: Inbound, action: Edit) -> None:
        """Grey out the pressed card's buttons, then say what changed."""
        await self._grey_out(message)
        if action.text:
            await self.say(message.user, action.text, action.rows)
