"""Sending to WeCom members, paced per member, with each send's outcome as the outbox's State.

SENT: WeCom accepted it. AMBIGUOUS: accepted after a timed-out attempt (that attempt may have
arrived; the retry went with the duplicate check on, so the member sees it once).
UNREACHABLE: 81013 / 60111, or the member listed in ``invaliduser``. FAILED: anything else,
after the retries (the outbox decides what comes next).

The duplicate check: ``dedupe=True`` asks WeCom not to show a message whose content equals one
shown to the member within ``duplicate_interval`` (default 1800 s) — right for a nudge or a
resend of the same logical message, wrong for an answer, since two questions with the same
answer would lose the second. A send without it still turns the check on for its retries after
a timeout, with an interval just covering the attempt in doubt.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.reminders.outbox import State
from handlers.wecom import client_texts, messages
from handlers.wecom.api import Media, WeComApi
from handlers.wecom.errors import GaveUp, IpNotTrusted, Unreachable, WeComError
from handlers.wecom.messages import Button
from handlers.wecom.pacing import MemberPacer

__all__ = ["MAX_FILE_BYTES", "Outcome", "WeComSender"]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
DUPLICATE_INTERVAL = 1800
RETRY_WINDOW = 60  # seconds added to the time in doubt when a retry turns the check on


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a send ended; ``response_code`` is set for a card (to update it later)."""

    state: State
    msgid: str | None = None
    response_code: str | None = None


class WeComSender:
    """Sends messages to single members through ``api``, each attempt in the member's turn."""

    def __init__(
        self,
        api: WeComApi,
        pacer: MemberPacer | None = None,
        *,
        duplicate_interval: int = DUPLICATE_INTERVAL,
    ) -> None:
        """Paces with ``pacer`` (a default one on the api's timer if none is given)."""
        self.api = api
        self.pacer = pacer or MemberPacer(api.timer)
        self.duplicate_interval = duplicate_interval

    async def send(self, user: str, message: Mapping[str, Any], *, dedupe: bool) -> Outcome:
        """Sends one message body (see :mod:`handlers.wecom.messages`) to ``user``."""
        body = {"touser": user, **message, **self._duplicate_check(dedupe)}
        started = self.api.timer.now()

        def on_timeout() -> dict[str, Any]:
            if dedupe:
                return {}
            log.warning(client_texts.AMBIGUOUS.format(endpoint="message/send", user=user))
            window = math.ceil(self.api.timer.now() - started) + RETRY_WINDOW
            return {"enable_duplicate_check": 1, "duplicate_check_interval": window}

        try:
            answer = await self.api.post(
                "message/send", body, turn=lambda: self.pacer.turn(user), on_timeout=on_timeout
            )
        except Unreachable as error:
            log.warning(client_texts.UNREACHABLE.format(user=user, errcode=error.errcode))
            return Outcome(State.UNREACHABLE)
        except IpNotTrusted:
            return Outcome(State.FAILED)  # the hint was logged once by the api
        except (GaveUp, WeComError) as error:
            log.error(client_texts.GAVE_UP.format(user=user, error=error))
            return Outcome(State.FAILED)
        if user in str(answer.body.get("invaliduser", "")).split("|"):
            log.warning(client_texts.UNREACHABLE.format(user=user, errcode=0))
            return Outcome(State.UNREACHABLE)
        state = State.AMBIGUOUS if answer.ambiguous else State.SENT
        return Outcome(state, answer.body.get("msgid"), answer.body.get("response_code"))

    async def send_text(self, user: str, content: str, *, dedupe: bool = False) -> Outcome:
        """A text message."""
        return await self.send(user, messages.text(content), dedupe=dedupe)

    async def send_markdown(self, user: str, content: str, *, dedupe: bool = False) -> Outcome:
        """A markdown message."""
        return await self.send(user, messages.markdown(content), dedupe=dedupe)

    async def send_card(
        self,
        user: str,
        task_id: str,
        title: str,
        buttons: Sequence[Button],
        *,
        desc: str = "",
        detail: str = "",
    ) -> Outcome:
        """A ``button_interaction`` card; its ``task_id`` makes it unique, so no dedupe."""
        card = messages.button_card(task_id, title, buttons, desc=desc, detail=detail)
        return await self.send(user, card, dedupe=False)

    async def send_file(self, user: str, filename: str, content: bytes) -> Outcome:
        """Uploads the file (``media/upload``), then sends it as a ``file`` message."""
        if len(content) > MAX_FILE_BYTES:
            log.error(client_texts.TOO_LARGE.format(name=filename, size=len(content)))
            return Outcome(State.FAILED)
        try:
            media_id = await self.api.upload(filename, content)
        except IpNotTrusted:
            return Outcome(State.FAILED)
        except (GaveUp, WeComError) as error:
            log.error(client_texts.GAVE_UP.format(user=user, error=error))
            return Outcome(State.FAILED)
        return await self.send(user, messages.file(media_id), dedupe=False)

    async def update_card(
        self, users: Sequence[str], response_code: str, *, replace_name: str
    ) -> State:
        """Replaces the pressed card's buttons with one grey label (the code is used once)."""
        body = {
            "userids": list(users),
            "response_code": response_code,
            "button": {"replace_name": replace_name},
        }
        try:
            await self.api.post("message/update_template_card", body)
        except IpNotTrusted:
            return State.FAILED
        except (GaveUp, WeComError) as error:
            log.error(client_texts.REFUSED.format(user="|".join(users), error=error))
            return State.FAILED
        return State.SENT

    async def fetch_media(self, media_id: str) -> Media:
        """The bytes of a file a member sent; raises WeComError or GaveUp when it cannot."""
        return await self.api.media(media_id)

    def _duplicate_check(self, dedupe: bool) -> dict[str, int]:
        if not dedupe:
            return {}
        return {"enable_duplicate_check": 1, "duplicate_check_interval": self.duplicate_interval}
