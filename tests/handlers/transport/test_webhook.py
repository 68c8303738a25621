"""Webhook mode (`handlers.transport.webhook`): an update is answered 200 only after it was handled.

The fake server posts its pending updates to the webhook app (on 127.0.0.1) and forgets one
only when it is answered 2xx, as Telegram does. A crash is played by stopping the app while a
handler still runs: the update must still be on the server, and the next app handles it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from handlers.transport.webhook import SECRET_HEADER, webhook_app
from tests.handlers.conftest import Harness, user

ZHANG, LI = 1001, 1002
SECRET = "s3cret_-token"
WAIT = 5


class Gate:
    """Holds the first `held` updates of 张三 in a handler until opened; counts every entry."""

    def __init__(self, held: int = 1) -> None:
        self.held = held
        self.open = asyncio.Event()
        self.entered: list[int] = []

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.entered.append(update.update_id)
        if update.effective_user.id == ZHANG and len(self.entered) <= self.held:
            await self.open.wait()


class Hook:
    """The webhook app listening on a port of 127.0.0.1; `crash` and `start` again."""

    def __init__(self, bot: Harness) -> None:
        self.bot = bot
        self.port = 0
        self.runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self) -> None:
        app = webhook_app(self.bot.app, path="/hook", secret=SECRET)
        self.runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        self.port = self.runner.addresses[0][1]

    async def crash(self) -> None:
        """Stop at once: handlers under way are cancelled and their requests never answered."""
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    async def post(self, body: object, secret: str | None = SECRET) -> int:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=json.dumps(body), headers=headers) as response,
        ):
            return response.status


@pytest.fixture
async def gate(bot: Harness) -> Gate:
    gate = Gate()
    bot.app.add_handler(TypeHandler(Update, gate), group=-2)
    return gate


@pytest.fixture
async def hook(bot: Harness) -> AsyncIterator[Hook]:
    hook = Hook(bot)
    await hook.start()
    yield hook
    await hook.crash()


async def _until(predicate, timeout: float = WAIT) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


async def test_an_update_is_confirmed_only_after_it_was_handled(
    bot: Harness, gate: Gate, hook: Hook
):
    raw = bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    await bot.app.bot.set_webhook(hook.url, secret_token=SECRET)
    await _until(lambda: gate.entered)
    await asyncio.sleep(0.1)
    assert [u["update_id"] for u in bot.api.pending_updates()] == [raw["update_id"]]
    assert bot.api.webhook_deliveries() == []  # no answer yet

    gate.open.set()
    await _until(lambda: not bot.api.pending_updates())
    assert bot.api.texts(ZHANG)[0].startswith("综合科")
    [delivery] = bot.api.webhook_deliveries()
    assert delivery.status == 200


async def test_a_crash_mid_handling_leaves_the_update_to_be_delivered_again(
    bot: Harness, gate: Gate, hook: Hook
):
    raw = bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    await bot.app.bot.set_webhook(hook.url, secret_token=SECRET)
    await _until(lambda: gate.entered)
    await hook.crash()  # the process dies while the handler runs
    await _until(lambda: bot.api.webhook_deliveries())
    assert [u["update_id"] for u in bot.api.pending_updates()] == [raw["update_id"]]
    assert bot.api.texts(ZHANG) == []

    gate.open.set()
    await hook.start()  # restarted on the same port: Telegram's retry reaches it
    await _until(lambda: not bot.api.pending_updates())
    assert len(bot.api.texts(ZHANG)) == 1
    assert bot.api.texts(ZHANG)[0].startswith("综合科")
    assert gate.entered == [raw["update_id"], raw["update_id"]]
    statuses = [d.status for d in bot.api.webhook_deliveries()]
    assert statuses[-1] == 200
    assert 0 in statuses[:-1]  # refused or dropped while it was down


async def test_one_users_slow_update_does_not_hold_back_another_user(
    bot: Harness, gate: Gate, hook: Hook
):
    bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    await bot.app.bot.set_webhook(hook.url, secret_token=SECRET)
    await _until(lambda: bot.api.texts(LI))
    assert bot.api.texts(LI)[0].startswith("办公室")
    assert bot.api.texts(ZHANG) == []
    gate.open.set()
    await _until(lambda: bot.api.texts(ZHANG))


async def test_one_users_updates_posted_at_once_are_handled_in_order(
    bot: Harness, gate: Gate, hook: Hook
):
    first = bot.api.send_text(ZHANG, "综合科负责什么", user=user(ZHANG))
    second = bot.api.send_text(ZHANG, "第24项谁负责", user=user(ZHANG))
    posts = asyncio.gather(hook.post(first), hook.post(second))
    await _until(lambda: gate.entered)
    await asyncio.sleep(0.1)
    assert gate.entered == [first["update_id"]]  # the second waits behind the first
    gate.open.set()
    assert await posts == [200, 200]
    assert gate.entered == [first["update_id"], second["update_id"]]
    reply, then = bot.api.texts(ZHANG)
    assert reply.startswith("综合科")
    assert "第24项" in then


@pytest.mark.parametrize(
    ("secret", "body", "status"),
    [
        ("wrong", None, 403),
        (None, None, 403),
        (SECRET.upper(), None, 403),
        (SECRET, {"update": "none"}, 400),
        (SECRET, [1, 2], 400),
        (SECRET, {"update_id": "1", "message": {}}, 400),
    ],
    ids=["wrong-secret", "no-secret", "secret-other-case", "no-update-id", "not-an-object", "id"],
)
async def test_a_refused_request_is_not_handled(
    bot: Harness, gate: Gate, hook: Hook, secret, body, status
):
    raw = bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    assert await hook.post(raw if body is None else body, secret) == status
    assert gate.entered == []
    assert bot.api.texts(LI) == []


async def test_a_body_that_is_not_json_is_400(bot: Harness, hook: Hook):
    async with (
        aiohttp.ClientSession() as session,
        session.post(hook.url, data=b"\xff{", headers={SECRET_HEADER: SECRET}) as response,
    ):
        assert response.status == 400


@pytest.mark.parametrize(
    ("broken", "told"),
    [({"text": "hi", "entities": [{"type": "bold"}]}, True), ("hi", False)],
    ids=["bad-entity", "message-not-an-object"],
)
async def test_a_poison_update_is_answered_200_and_its_sender_told(
    bot: Harness, gate: Gate, hook: Hook, broken, told
):
    raw = bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    if isinstance(broken, dict):
        raw["message"].update(broken)
    else:
        raw["message"] = broken
    assert await hook.post(raw) == 200  # else Telegram posts it again and again
    assert gate.entered == []
    assert bot.api.texts(LI) == (["出错了，请稍后再试。"] if told else [])


async def test_an_error_escaping_the_application_is_answered_200_and_told(
    bot: Harness, hook: Hook, monkeypatch: pytest.MonkeyPatch
):
    async def fail(update: Update) -> None:
        raise RuntimeError("persistence failed")

    monkeypatch.setattr(bot.app, "process_update", fail)
    raw = bot.api.send_text(LI, "办公室负责什么", user=user(LI, "李四"))
    assert await hook.post(raw) == 200
    assert bot.api.texts(LI) == ["出错了，请稍后再试。"]
