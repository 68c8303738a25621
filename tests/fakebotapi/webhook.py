"""The fake server's webhook: pending updates POSTed to the bot, as Telegram delivers them.

Each update is posted as JSON with the ``X-Telegram-Bot-Api-Secret-Token`` header and stays
pending until the bot answers 2xx; a refused connection or any other status is retried after a
short delay, without end (Telegram documents only that it gives up "after a reasonable amount
of attempts"). One chat's updates go one at a time, in order (the next only after the previous
was answered 2xx), different chats' concurrently, up to the webhook's ``max_connections``: the
fake's model of an order Telegram does not document.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp

if TYPE_CHECKING:
    from .server import FakeBotApi

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
POST_TIMEOUT = 60.0  # seconds the bot may take to answer one update
IDLE_WAIT = 3600.0  # the delivery loop is woken by every change; this only bounds one wait


@dataclass(frozen=True)
class Webhook:
    """A webhook the bot set: where to post, the secret header's value, how many at once."""

    url: str
    secret_token: str = ""
    max_connections: int = 40


@dataclass(frozen=True)
class Delivery:
    """One POST of an update to the webhook.

    Attributes:
        update_id: The update posted.
        status: The HTTP status the bot answered, 0 if the connection failed.
        time: Server-side ``time.monotonic()`` when the answer (or the failure) came.
        error: Telegram's ``last_error_message`` for a failure, else empty.
    """

    update_id: int
    status: int
    time: float
    error: str = ""

    @property
    def ok(self) -> bool:
        """Whether the bot accepted the update (2xx)."""
        return 200 <= self.status < 300


def lane_of(update: dict[str, Any]) -> tuple[str, int]:
    """The fake's delivery lane: the update's chat, else its sender, else the update itself."""
    body = next((v for k, v in update.items() if k != "update_id" and isinstance(v, dict)), {})
    chat = body.get("chat") or body.get("message", {}).get("chat")
    if chat:
        return ("chat", chat["id"])
    if body.get("from"):
        return ("user", body["from"]["id"])
    return ("update", update["update_id"])


class WebhookPusher:
    """Delivers the server's pending updates to one webhook until stopped."""

    def __init__(self, api: FakeBotApi, webhook: Webhook, retry_delay: float) -> None:
        """Creates an idle pusher; :meth:`run` delivers."""
        self.api = api
        self.webhook = webhook
        self.retry_delay = retry_delay
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopped = False

    def stop(self) -> None:
        """Posts nothing new; a post under way still finishes. Call with the server's lock."""
        self._stopped = True
        self.api._changed()

    async def run(self) -> None:
        """Posts pending updates until stopped; cancelling it cancels the posts under way."""
        timeout = aiohttp.ClientTimeout(total=POST_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            try:
                await self._dispatch(session)
                await asyncio.gather(*self._tasks)
            finally:
                for task in self._tasks:
                    task.cancel()
                await asyncio.gather(*self._tasks, return_exceptions=True)

    def _done(self) -> bool:
        return self._stopped or self.api._closing

    async def _dispatch(self, session: aiohttp.ClientSession) -> None:
        batch: list[dict[str, Any]] = []

        def ready() -> bool:
            if self._done():
                return True
            batch[:] = self.api._deliverable(self.webhook.max_connections - len(self._tasks))
            return bool(batch)

        while True:
            await self.api.wait_for(ready, IDLE_WAIT)
            if self._done():
                return
            for update in batch:
                task = asyncio.create_task(self._deliver(session, update))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _deliver(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> None:
        try:
            while True:
                status, error = await self._post(session, update)
                self.api._delivered(Delivery(update["update_id"], status, time.monotonic(), error))
                if 200 <= status < 300 or await self.api.wait_for(self._done, self.retry_delay):
                    return
        finally:
            self.api._posted(update["update_id"])

    async def _post(
        self, session: aiohttp.ClientSession, update: dict[str, Any]
    ) -> tuple[int, str]:
        headers = {SECRET_HEADER: self.webhook.secret_token} if self.webhook.secret_token else {}
        try:
            async with session.post(self.webhook.url, json=update, headers=headers) as response:
                await response.read()
        except TimeoutError:
            return 0, "Read timeout expired"
        except aiohttp.ClientError as error:
            return 0, f"Connection failed: {error}"
        if 200 <= response.status < 300:
            return response.status, ""
        return response.status, (
            f"Wrong response from the webhook: {response.status} {response.reason}"
        )
