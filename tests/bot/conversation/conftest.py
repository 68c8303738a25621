"""A conversation over the shipped notice, with real stores in a temporary folder and no
channel: tests hand it events and read the actions it returns."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path

import pytest

from bot.answers.model import ChatState
from bot.config import Config, TelegramSettings
from bot.conversation.actions import Reply, Result
from bot.conversation.core import Core
from bot.conversation.events import CONSOLE, TELEGRAM, Command, Person, Place, Press, Text
from bot.conversation.router import Conversation
from bot.ledger.history import Ledger
from bot.ledger.store import LedgerStore
from bot.notices.catalog import read_catalog
from bot.notices.desks import Desk
from bot.plan import Plan
from bot.registry.units import Registry
from bot.store.storage import Store
from tests.conftest import NOTICE, UNITS
from tests.handlers.conftest import NOW, ZONE, shipped_knowledge

ADMIN = 9001
ZHANG = 1001  # bound to 综合科
STRANGER = 1002  # bound to no unit
CONSOLE_PERSON = Person(CONSOLE, 0, "控制台")


class Talk:
    """One conversation and the events a person on a channel sends it."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.core = conversation.core
        self.moment = 0

    def next_id(self) -> int:
        """A new message (or press) id."""
        self.moment += 1
        return self.moment

    async def say(self, text: str, who: Person, place: Place | None = None, replied=()) -> Result:
        place = place or Place(who.id, group=False)
        event = Text(who, place, text, self.next_id(), tuple(replied))
        return await self.conversation.handle(event)

    async def command(self, line: str, who: Person, place: Place | None = None) -> Result:
        name, *args = line.removeprefix("/").split()
        place = place or Place(who.id, group=False)
        return await self.conversation.handle(
            Command(who, place, name, tuple(args), self.next_id())
        )

    async def press(self, data: str, who: Person, *, message_id: int = 0) -> Result:
        event = Press(who, Place(who.id, group=False), data, self.next_id(), message_id)
        return await self.conversation.handle(event)


def telegram(user_id: int, name: str = "张三") -> Person:
    return Person(TELEGRAM, user_id, name)


def replies(result: Result) -> list[str]:
    """The texts of the replies in the place the event came from."""
    return [a.text for a in result.actions if isinstance(a, Reply)]


def config(data_dir: Path) -> Config:
    return Config(
        NOTICE,
        UNITS,
        ZONE,
        data_dir=data_dir,
        telegram=TelegramSettings(admins=frozenset({ADMIN})),
    )


Build = Callable[[str], Awaitable[Talk]]


@pytest.fixture
async def build(plan: Plan, registry: Registry, tmp_path: Path) -> AsyncIterator[Build]:
    """`await build("telegram")`: the bot's core (张三 bound to 综合科); `build("console")`:
    the console's core as 综合科, over its own data folder."""
    with ExitStack() as stack:

        async def make(channel: str) -> Talk:
            data_dir = tmp_path / f"{channel}{len(list(tmp_path.iterdir()))}"
            settings = config(data_dir)
            knowledge = shipped_knowledge(plan, registry)
            ledger_store = stack.enter_context(LedgerStore(data_dir / "ledger"))
            if channel == CONSOLE:
                first = next(e for e in read_catalog(data_dir) if e.primary)
                desk = Desk(first, knowledge, Ledger(ledger_store))
                conversation = Conversation(Core.console(settings, [desk], lambda: NOW))
                conversation.sessions.of(CONSOLE_PERSON).chat = ChatState(unit="综合科")
                return Talk(conversation)
            store = stack.enter_context(Store(data_dir / "bot.json"))
            outbox = stack.enter_context(Store(data_dir / "outbox.json"))
            core = Core.open(settings, knowledge, store, outbox, ledger_store, lambda: NOW)
            core.bindings.bind(ZHANG, "张三", "综合科", NOW)
            return Talk(Conversation(core))

        yield make
