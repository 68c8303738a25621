"""A fresh bot for every fuzzed input: the real Application over the fake Bot API, real stores
in a new data directory, and one user in each role.

Every example gets its own data directory and Application (so hypothesis can replay and shrink
an example exactly); the fake Bot API server is shared by the examples of one test.
"""

from __future__ import annotations

import hashlib
import itertools
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ContextTypes

from bot.answers.model import Knowledge
from bot.config import Secret, TelegramSettings
from bot.ledger.store import LedgerStore
from bot.store.storage import Store
from handlers.app import build_application
from handlers.context import Core
from tests.fakebotapi import FakeBotApi
from tests.fakebotapi.server import SentMessage
from tests.handlers.conftest import ADMIN, NOW, Harness, make_config, unpaced_limiter

STAFF, PENDING, STRANGER = 1002, 1003, 1004
STAFF_UNIT, PENDING_UNIT = "综合科", "办公室"
ROLES = {"stranger": STRANGER, "pending": PENDING, "staff": STAFF, "admin": ADMIN}
NAMES = {STRANGER: "赵六", PENDING: "王五", STAFF: "李四", ADMIN: "管理员"}
NUDGED = 16  # the task of the nudge each chat holds (综合科's, due 12-31)
GROUP = -100123  # 综合科's work group
STRAY_GROUP = -100456  # a group no unit registered


def snapshot(directory: Path) -> dict[str, str]:
    """Each file under `directory` (relative path) → the SHA-256 of its bytes."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@dataclass
class Bot:
    """One example's bot: the harness, its data directory, and where its buttons are."""

    harness: Harness
    data_dir: Path
    nudges: dict[int, int]  # chat → id of a bot message carrying a nudge's button there

    async def feed(self, raw: dict[str, Any]) -> list[SentMessage]:
        """Process one update; a handler's exception is raised here."""
        return await self.harness.feed(raw)


class World:
    """Makes a fresh `Bot` per example over one fake Bot API."""

    def __init__(self, api: FakeBotApi, knowledge: Knowledge, root: Path) -> None:
        self.api = api
        self.knowledge = knowledge
        self.root = root
        self._count = itertools.count()

    async def open(self, stack: AsyncExitStack) -> Bot:
        """A new data directory with the roles seeded, and a running Application over it."""
        data_dir = self.root / f"d{next(self._count)}"
        store = stack.enter_context(Store(data_dir / "bot.json"))
        outbox_store = stack.enter_context(Store(data_dir / "outbox.json"))
        ledger_store = stack.enter_context(LedgerStore(data_dir / "ledger"))
        settings = TelegramSettings(
            token=Secret(self.api.token),
            base_url=self.api.base_url,
            base_file_url=self.api.base_file_url,
            admins=frozenset({ADMIN}),
        )
        config = make_config(self.api, data_dir, settings.admins, telegram=settings)
        core = Core.open(config, self.knowledge, store, outbox_store, ledger_store, lambda: NOW)
        app = build_application(core, unpaced_limiter())
        harness = Harness(self.api, app, core)

        async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            harness.errors.append(context.error)

        app.add_error_handler(record)
        await app.initialize()
        stack.push_async_callback(app.shutdown)
        core.bindings.bind(STAFF, NAMES[STAFF], STAFF_UNIT, NOW)
        core.bindings.request(PENDING, NAMES[PENDING], PENDING_UNIT, NOW)
        core.groups.register(GROUP, "综合科工作群", STAFF_UNIT, STAFF, NOW)
        self.api.add_group(GROUP, "综合科工作群")
        self.api.add_group(STRAY_GROUP, "闲聊群")
        await harness.report(STAFF, "第17项：初稿已完成", NAMES[STAFF])  # confirmed
        await harness.text(
            STAFF, "申请延期 第16项 到2022年1月20日，理由：等待上级批复", NAMES[STAFF]
        )
        assert [e.kind for e in core.ledger.history()] == ["r", "x"], "seeding failed"
        due = self.knowledge.deadlines[NUDGED][0].due
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton("已完成", callback_data=f"s:{NUDGED}:{due:%Y%m%d}:c")]]
        )
        nudges = {}
        for chat in (*ROLES.values(), GROUP, STRAY_GROUP):
            message = await app.bot.send_message(chat, "提醒", reply_markup=keyboard)
            nudges[chat] = message.message_id
        return Bot(harness, data_dir, nudges)
