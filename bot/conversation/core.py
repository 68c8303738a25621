"""The running bot's state: settings, the notices, the stores, the clock and who is who."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.answers.model import Knowledge
from bot.clock import Clock
from bot.config import Config
from bot.conversation.events import CONSOLE, WECOM, Person, Place
from bot.grammar.vocabulary import Vocabulary, vocabulary_of
from bot.holidays.arrangement import Arrangement
from bot.importing.workflow import PendingImport
from bot.ledger.history import Ledger
from bot.ledger.store import LedgerStore
from bot.notices.catalog import NoticeEntry, read_catalog
from bot.notices.desks import Desk, Notice, active, ledger_dir, load_all
from bot.notices.office_files import STORE_FILE
from bot.notices.visibility import Viewer
from bot.people.addresses import Addresses
from bot.people.bindings import Bindings
from bot.people.office import Office, office_of
from bot.people.unit_groups import UnitGroups
from bot.people.unreachable import Unreachable
from bot.registry.units import Registry
from bot.reminders.outbox import Outbox
from bot.reminders.pauses import Pauses
from bot.store.storage import Store

OUTBOX_FILE = "outbox.json"
__all__ = ["OUTBOX_FILE", "STORE_FILE", "Core"]


@dataclass(slots=True)
class Core:
    """What every flow reads: settings, the notices (replaced on /reload), the stores, a clock.

    `store` holds users' records (bindings, pauses, unreachable marks); `outbox_store` holds
    only the outbox, whose writes come in bursts during a fan-out. Each notice is a `Desk`
    with its own ledger (monthly files); `desks[0]` is the first notice, archived or not.
    `arrangements` are the holiday arrangements shown to the office, by token, until decided;
    `imports` the notice files likewise (one import action at a time, one file read at a time).
    `addresses` numbers people known by a channel's text id (WeCom userids); `office` is the
    admins and leaders of every channel as person ids (`[telegram]`'s with `named_office`).
    """

    config: Config
    desks: list[Desk]
    store: Store
    outbox_store: Store
    clock: Clock
    bindings: Bindings
    pauses: Pauses
    unreachable: Unreachable
    outbox: Outbox
    groups: UnitGroups
    addresses: Addresses
    named_office: Office = Office()  # the office as other channels name it (WeCom userids)
    opened: list[LedgerStore] = field(default_factory=list)  # ledgers of notices added later
    arrangements: dict[str, Arrangement] = field(default_factory=dict)
    imports: dict[str, PendingImport] = field(default_factory=dict)
    import_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    import_reading: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))
    readable: list[Notice] = field(default_factory=list)  # notices without their ledgers
    console_admin: bool = False  # the console was started as the office
    # The grammar's vocabulary and the knowledge objects it was built from.
    read_with: tuple[tuple[Knowledge, ...], Vocabulary] | None = None
    # Set when something was recorded that the rounds send (a 批示): wake them now, not at
    # the next heartbeat (`bot.rounds.waking`); nothing waits on it in the console.
    rounds_wanted: asyncio.Event = field(default_factory=asyncio.Event)

    @classmethod
    def open(
        cls,
        config: Config,
        knowledge: Knowledge,
        store: Store,
        outbox_store: Store,
        ledger_store: LedgerStore,
        clock: Clock,
    ) -> Core:
        """The core over its open stores, with every record type loaded.

        `knowledge` and `ledger_store` are the first notice's; add later ones with `open_desk`.
        """
        first = next(e for e in read_catalog(config.data_dir) if e.primary)
        desks = [Desk(first, knowledge, Ledger(ledger_store, review=config.review.required))]
        return cls._over(config, desks, store, outbox_store, clock)

    @classmethod
    def _over(
        cls,
        config: Config,
        desks: list[Desk],
        store: Store,
        outbox_store: Store,
        clock: Clock,
    ) -> Core:
        """The core over `desks` and two open stores, each record type read from its store;
        the office is `[telegram]`'s admins and leaders with `[wecom]`'s (numbered here)."""
        addresses = Addresses(store)
        wecom = config.wecom
        named = [(WECOM, wecom.admins, wecom.leaders)] if wecom is not None else []
        office = office_of((), (), named, addresses)
        return cls(
            config,
            desks,
            store,
            outbox_store,
            clock,
            Bindings(store),
            Pauses(store),
            Unreachable(store),
            Outbox(outbox_store),
            UnitGroups(store),
            addresses,
            office,
        )

    @classmethod
    def console(
        cls,
        config: Config,
        notices: Sequence[Notice],
        clock: Clock,
        *,
        admin: bool = False,
        stores: tuple[Store, Store] | None = None,
    ) -> Core:
        """The console's core. When it holds the data directory, `notices` are desks (their
        ledgers open) and `stores` the bot's records and outbox; else it reads the notices
        only (nothing can be recorded) and keeps its records in memory."""
        store, outbox_store = stores or (Store.in_memory(), Store.in_memory())
        desks = [n for n in notices if isinstance(n, Desk)]
        readable = [] if desks else list(notices)
        core = cls._over(config, desks, store, outbox_store, clock)
        core.readable, core.console_admin = readable, admin
        return core

    @property
    def office(self) -> Office:
        """The office's admins and leaders on every channel, as person ids."""
        telegram = self.config.telegram
        return Office(
            telegram.admins | self.named_office.admins,
            telegram.leaders | self.named_office.leaders,
        )

    @property
    def recording(self) -> bool:
        """Whether the notices' ledgers are open here (not for a console beside the bot)."""
        return bool(self.desks)

    def notices_in_use(self) -> list[Notice]:
        """The notices answered from: the desks in use, or the notices read without ledgers."""
        return self.active_desks() if self.desks else active(self.readable) or self.readable[:1]

    @property
    def knowledge(self) -> Knowledge:
        """The first notice's plan, registry and deadlines."""
        return (self.desks or self.readable)[0].knowledge

    @knowledge.setter
    def knowledge(self, knowledge: Knowledge) -> None:
        self.desks[0].knowledge = knowledge

    def vocabulary(self) -> Vocabulary:
        """What the grammar knows of the notices in use: the registry's units and groups, and
        the most tasks and sections any of them has; rebuilt when the notices change (a
        reload, an import, an archive)."""
        knowledge = tuple(n.knowledge for n in self.notices_in_use())
        if self.read_with is not None:
            built, vocabulary = self.read_with
            if len(built) == len(knowledge) and all(
                a is b for a, b in zip(built, knowledge, strict=True)
            ):
                return vocabulary
        first = vocabulary_of(knowledge[0].plan, self.registry)
        vocabulary = replace(
            first,
            task_count=max(len(k.plan.tasks) for k in knowledge),
            section_count=max(len(k.plan.sections) for k in knowledge),
        )
        self.read_with = (knowledge, vocabulary)
        return vocabulary

    @property
    def ledger(self) -> Ledger:
        """The first notice's ledger."""
        return self.desks[0].ledger

    @property
    def registry(self) -> Registry:
        """The office's unit registry (one for every notice)."""
        return self.knowledge.registry

    def active_desks(self) -> list[Desk]:
        """The notices in use (not archived), first notice first; never empty.

        When the office archived every notice, the first one answers still.
        """
        return active(self.desks) or self.desks[:1]

    def open_desk(self, entry: NoticeEntry, knowledge: Knowledge) -> Desk:
        """Open the ledger of a notice added later and put it in use (in the ledger's thread
        or before the event loop runs: opening reads the ledger's files)."""
        store = LedgerStore(ledger_dir(self.config.data_dir, entry.key))
        self.opened.append(store)
        desk = Desk(entry, knowledge, Ledger(store, review=self.config.review.required))
        self.desks.append(desk)
        return desk

    def close(self) -> None:
        """Close the ledgers `open_desk` opened."""
        for store in self.opened:
            store.close()

    def is_admin(self, who: Person | int | None) -> bool:
        """True for the office's admins on any channel, by person id (`office`); on the
        console, when it was started as the office."""
        if isinstance(who, Person):
            if who.channel == CONSOLE:
                return self.console_admin
            who = who.id
        return who is not None and who in self.office.admins

    def may_read_reports(self, who: Person | int | None) -> bool:
        """Admins, and the leaders who observe: they may read the overview and the 台账."""
        if self.is_admin(who):
            return True
        if isinstance(who, Person):
            who = who.id if who.channel != CONSOLE else None
        return who is not None and who in self.office.leaders

    async def reload_knowledge(self) -> None:
        """Read the catalog, the notices, registry and deadlines again (off the event loop);
        on a `DataFileError` the old knowledge stays. New notices get their ledgers opened."""
        loaded = await asyncio.to_thread(load_all, self.config)
        for entry, knowledge in loaded:
            desk = next((d for d in self.desks if d.key == entry.key), None)
            if desk is None:
                await asyncio.to_thread(self.open_desk, entry, knowledge)
            else:
                desk.entry, desk.knowledge = entry, knowledge

    def unit_of_sender(self, user_id: int, chat_id: int) -> str | None:
        """The unit a message counts for: the group's, in a unit's work group; else the user's."""
        return self.groups.unit_of(chat_id) or self.bindings.unit_of(user_id)

    def unit_in(self, person: Person, place: Place) -> str | None:
        """`unit_of_sender` for a person in a place (run it in the store's thread)."""
        return self.unit_of_sender(person.id, place.id)

    def viewer(self, user_id: int, chat_id: int) -> Viewer:
        """Who reads an answer drawn from the ledger (`bot.notices.visibility`): in a group, the
        group's unit (every member reads it); in a private chat, the user's unit and, for
        admins and leaders, the office's reach. Run it in the store's thread."""
        if chat_id != user_id:
            return Viewer(self.groups.unit_of(chat_id), group=True)
        return Viewer(self.bindings.unit_of(user_id), office=self.may_read_reports(user_id))
