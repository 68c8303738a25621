"""The rounds over the shipped notice with real stores in a temporary folder and an
in-memory sender in place of a channel.

Expected nudges come from the notice: task 24 (led by 办公室) is due 2021年11月20日 (a
Saturday); five working days before it is Monday 11-15, 09:00, the send time. On 11-15 only
办公室 is nudged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Config, ReviewSettings, TelegramSettings
from bot.conversation.actions import Rows
from bot.conversation.core import Core
from bot.ledger.store import LedgerStore
from bot.plan import Plan
from bot.registry.units import Registry
from bot.reminders.outbox import State
from bot.rounds.service import Rounds
from bot.store.storage import Store
from tests.conftest import NOTICE, UNITS
from tests.handlers.conftest import ZONE, shipped_knowledge

ADMIN, LEADER = 9001, 9002
ZHANG, LI, WANG = 1001, 1002, 2001


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2021, month, day, hour, minute, tzinfo=ZONE)


class Crash(BaseException):
    """The process dies in the middle of a send."""


@dataclass(frozen=True, slots=True)
class Sent:
    chat: int
    text: str
    choices: Rows
    key: str


@dataclass
class FakeSender:
    """Records every send; `outcomes` gives a chat's outcome (SENT when not listed), and a
    chat in `crash_on` kills the process at its next send (once)."""

    sent: list[Sent] = field(default_factory=list)
    outcomes: dict[int, State] = field(default_factory=dict)
    crash_on: set[int] = field(default_factory=set)

    async def send(self, chat: int, text: str, choices: Rows = (), *, key: str) -> State:
        self.sent.append(Sent(chat, text, choices, key))
        if chat in self.crash_on:
            self.crash_on.discard(chat)
            raise Crash
        return self.outcomes.get(chat, State.SENT)

    def to(self, chat: int) -> list[Sent]:
        return [s for s in self.sent if s.chat == chat]


@dataclass
class Office:
    """A core with 张三 and 李四 of 办公室 and 王五 of 综合科, a sender, and its rounds."""

    core: Core
    sender: FakeSender
    rounds: Rounds

    async def wake(self, moment: datetime, *, restart: bool = False) -> None:
        """One wake-up at `moment`; `restart` starts fresh rounds (a restarted bot)."""
        self.core.clock = lambda: moment
        if restart:
            self.rounds = Rounds(self.core, self.sender)
        await self.rounds.wake()


@pytest.fixture
async def office(plan: Plan, registry: Registry, tmp_path: Path) -> Iterator[Office]:
    """Reminders first started at 08:00 on 2021-11-15, before the 09:00 send time."""
    settings = Config(
        NOTICE,
        UNITS,
        ZONE,
        data_dir=tmp_path,
        telegram=TelegramSettings(admins=frozenset({ADMIN}), leaders=frozenset({LEADER})),
        review=ReviewSettings(
            gather=timedelta(0)
        ),  # a batch at each wake-up (see test_review_batches)
    )
    with ExitStack() as stack:
        ledger = stack.enter_context(LedgerStore(tmp_path / "ledger"))
        store = stack.enter_context(Store(tmp_path / "bot.json"))
        outbox = stack.enter_context(Store(tmp_path / "outbox.json"))
        knowledge = shipped_knowledge(plan, registry)
        core = Core.open(settings, knowledge, store, outbox, ledger, lambda: at(15, 8))
        for user, name, unit in ((ZHANG, "张三", "办公室"), (LI, "李四", "办公室")):
            core.bindings.bind(user, name, unit, at(15, 8))
        core.bindings.bind(WANG, "王五", "综合科", at(15, 8))
        core.bindings.bind(LEADER, "领导", "办公室", at(15, 8))
        sender = FakeSender()
        bot = Office(core, sender, Rounds(core, sender))
        await bot.wake(at(15, 8))
        yield bot
