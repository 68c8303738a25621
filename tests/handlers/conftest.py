"""The handler layer: the real Application, in process, fed one update at a time.

`build_application(core)` is pointed at an in-process `FakeBotApi`; nothing polls. A test makes
the fake server produce an update (a user typing, a button press) and hands it straight to
`Application.process_update`, which awaits the handler (handlers block by default and
`concurrent_updates` is off), so once `feed` returns everything the handler sent is in
`api.sent()`. An exception in a handler fails the test instead of becoming 出错了.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.answers.model import Knowledge
from bot.config import Config, Secret, TelegramSettings
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.store import LedgerStore
from bot.plan import Plan
from bot.registry.units import Registry
from bot.store.storage import Store
from handlers.app import build_application
from handlers.context import Core
from handlers.transport.ratelimit import FairRateLimiter
from tests.conftest import NOTICE, UNITS
from tests.fakebotapi import FakeBotApi
from tests.fakebotapi.server import SentMessage

ADMIN = 9001
ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
YEAR_END = date(2021, 12, 31)


def user(user_id: int, name: str = "张三") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


def unpaced_limiter() -> FairRateLimiter:
    """Our limiter with no per-chat spacing, no spreading of a second's sends (1/28 s apart by
    default) and a short backoff: these tests are about handlers, not limits, which
    `tests/handlers/transport/test_ratelimit.py` and the e2e tests check."""
    return FairRateLimiter(
        overall_per_second=10_000,
        bulk_per_second=10_000,
        chat_interval=0,
        margin=0,
        network_backoff=0.01,
    )


@dataclass
class Harness:
    """The application, its core, the fake server, and helpers that play the users."""

    api: FakeBotApi
    app: Application
    core: Core
    errors: list[BaseException] = field(default_factory=list)

    async def feed(self, raw: dict[str, Any]) -> list[SentMessage]:
        """Process one raw update; returns the messages sent meanwhile (to any chat)."""
        before = len(self.api.sent())
        await self.app.process_update(Update.de_json(raw, self.app.bot))
        if self.errors:
            raise self.errors[0]
        return self.api.sent()[before:]

    async def text(self, chat: int, text: str, name: str = "张三") -> list[SentMessage]:
        """The user `chat` types `text` in their private chat."""
        return await self.feed(self.api.send_text(chat, text, user=user(chat, name)))

    async def ask(self, chat: int, text: str, name: str = "张三") -> str:
        """The text of the first reply to `chat` after typing `text`."""
        sent = [m for m in await self.text(chat, text, name) if m.chat_id == chat]
        assert sent, f"no reply to {text!r}"
        return sent[0].text

    async def report(self, chat: int, text: str, name: str = "张三") -> str:
        """`chat` reports `text`; a report proposed for confirmation (将记录为…) is confirmed
        with its first button. The text of the reply that says what was recorded."""
        sent = [m for m in await self.text(chat, text, name) if m.chat_id == chat]
        assert sent, f"no reply to {text!r}"
        if not sent[0].text.startswith("将记录为"):
            return sent[0].text
        _, after = await self.press(chat, sent[0].message_id, sent[0].callback_data[0])
        return next(m.text for m in after if m.chat_id == chat)

    async def press(
        self,
        chat: int,
        message_id: int,
        data: str,
        who: int | None = None,
        *,
        name: str = "张三",
        forged: bool = False,
    ) -> tuple[dict[str, Any] | None, list[SentMessage]]:
        """`who` (default: the chat's user) taps a button; returns its answer and new messages."""
        answers = len(self.api.callback_answers())
        raw = self.api.press_button(
            chat, message_id, data, user=user(who or chat, name), forged=forged
        )
        sent = await self.feed(raw)
        new = self.api.callback_answers()[answers:]
        assert len(new) <= 1, new
        return (new[0] if new else None), sent

    def store_bytes(self) -> bytes:
        path = self.core.store.path
        return path.read_bytes() if path.exists() else b""


Build = Callable[..., Awaitable[Harness]]


def shipped_knowledge(plan: Plan, registry: Registry) -> Knowledge:
    """The shipped notice with its due dates (the office has set none; the year ends 12-31)."""
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=YEAR_END))


def make_config(
    api: FakeBotApi, data_dir: Path, admins: frozenset[int], **overrides: Any
) -> Config:
    settings = TelegramSettings(
        token=Secret(api.token),
        base_url=api.base_url,
        base_file_url=api.base_file_url,  # downloads, too, go to the fake server
        admins=admins,
    )
    values: dict[str, Any] = {
        "notice": NOTICE,
        "registry": UNITS,
        "timezone": ZONE,
        "data_dir": data_dir,
        "telegram": settings,
    }
    return Config(**{**values, **overrides})


@pytest.fixture
async def build(plan: Plan, registry: Registry, tmp_path: Path) -> AsyncIterator[Build]:
    """A factory: `await build()` gives a running harness; knowledge, admins, config fields vary."""
    async with AsyncExitStack() as stack:

        async def make(
            knowledge: Knowledge | None = None,
            admins: frozenset[int] = frozenset({ADMIN}),
            **config: Any,
        ) -> Harness:
            api = await stack.enter_async_context(FakeBotApi())
            data_dir = tmp_path / f"data{id(api)}"
            store = stack.enter_context(Store(data_dir / "bot.json"))
            outbox_store = stack.enter_context(Store(data_dir / "outbox.json"))
            ledger_store = stack.enter_context(LedgerStore(data_dir / "ledger"))
            core = Core.open(
                make_config(api, data_dir, admins, **config),
                knowledge or shipped_knowledge(plan, registry),
                store,
                outbox_store,
                ledger_store,
                lambda: NOW,
            )
            app = build_application(core, unpaced_limiter())
            harness = Harness(api, app, core)

            async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
                harness.errors.append(context.error)

            app.add_error_handler(record)
            await app.initialize()
            stack.push_async_callback(app.shutdown)
            return harness

        yield make


@pytest.fixture
async def bot(build: Build) -> Harness:
    """The bot on the shipped notice and registry, with 9001 as the office's admin."""
    return await build()
