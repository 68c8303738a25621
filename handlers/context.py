"""The core objects handlers need, reached through typed accessors instead of string keys."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.answers.respond import ChatState, Knowledge
from bot.clock import Clock
from bot.config import Config
from bot.ledger.history import Ledger
from bot.ledger.store import LedgerStore
from bot.normalize import printable
from bot.notices.catalog import NoticeEntry, read_catalog
from bot.notices.desks import Desk, active, ledger_dir, load_all
from bot.notices.visibility import Viewer
from bot.people.bindings import Bindings
from bot.people.unit_groups import UnitGroups
from bot.people.unreachable import Unreachable
from bot.registry.units import Registry
from bot.reminders.outbox import Outbox
from bot.reminders.pauses import Pauses
from bot.store.storage import Store

_CORE = "core"
_CHAT_STATE = "chat_state"


@dataclass(slots=True)
class Core:
    """What every handler reads: settings, the notices (replaced on /reload), the stores, a clock.

    `store` holds users' records (bindings, pauses, unreachable marks); `outbox_store` holds
    only the outbox, whose writes come in bursts during a fan-out. Each notice is a `Desk`
    with its own ledger (monthly files); `desks[0]` is the first notice, archived or not.
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
    opened: list[LedgerStore] = field(default_factory=list)  # ledgers of notices added later

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
        return cls(
            config,
            [Desk(first, knowledge, Ledger(ledger_store))],
            store,
            outbox_store,
            clock,
            Bindings(store),
            Pauses(store),
            Unreachable(store),
            Outbox(outbox_store),
            UnitGroups(store),
        )

    @property
    def knowledge(self) -> Knowledge:
        """The first notice's plan, registry and deadlines."""
        return self.desks[0].knowledge

    @knowledge.setter
    def knowledge(self, knowledge: Knowledge) -> None:
        self.desks[0].knowledge = knowledge

    @property
    def ledger(self) -> Ledger:
        """The first notice's ledger."""
        return self.desks[0].ledger

    @property
    def registry(self) -> Registry:
        """The office's unit registry (one for every notice)."""
        return self.desks[0].knowledge.registry

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
        desk = Desk(entry, knowledge, Ledger(store))
        self.desks.append(desk)
        return desk

    def close(self) -> None:
        """Close the ledgers `open_desk` opened."""
        for store in self.opened:
            store.close()

    def is_admin(self, user_id: int | None) -> bool:
        """True for the office's admins, as configured by Telegram user id."""
        return user_id is not None and user_id in self.config.telegram.admins

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

    def viewer(self, user_id: int, chat_id: int) -> Viewer:
        """Who reads an answer drawn from the ledger (`bot.notices.visibility`): in a group, the group's
        unit (every member reads it); in a private chat, the user's unit and, for admins and
        leaders, the office's reach. Run it in the store's thread."""
        if chat_id != user_id:
            return Viewer(self.groups.unit_of(chat_id), group=True)
        return Viewer(self.bindings.unit_of(user_id), office=self.may_read_reports(user_id))

    def may_read_reports(self, user_id: int | None) -> bool:
        """Admins, and the leaders who observe: they may read the overview and the 台账."""
        telegram = self.config.telegram
        return user_id is not None and (user_id in telegram.admins or user_id in telegram.leaders)


def install(bot_data: dict, core: Core) -> None:
    """Put the core into the application's bot_data once, at build time."""
    bot_data[_CORE] = core


def core_of(context: ContextTypes.DEFAULT_TYPE) -> Core:
    """The core objects of the running application."""
    return core_in(context.bot_data)


def core_in(bot_data: dict) -> Core:
    """The core installed in an application's bot_data (for hooks that get no context)."""
    return bot_data[_CORE]


def chat_state(context: ContextTypes.DEFAULT_TYPE) -> ChatState:
    """This user's conversation state (a pending 您是说…吗 suggestion)."""
    if context.user_data is None:
        return ChatState()
    return context.user_data.get(_CHAT_STATE, ChatState())


def save_chat_state(context: ContextTypes.DEFAULT_TYPE, state: ChatState) -> None:
    """Remember this user's conversation state until the next message."""
    if context.user_data is not None:
        context.user_data[_CHAT_STATE] = state


async def edit(
    query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the pressed message; a repeated tap that would change nothing is not an error."""
    try:
        await query.edit_message_text(printable(text), reply_markup=keyboard)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def not_admin_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether a button was pressed by someone not of the office; if so, it is answered so."""
    if core_of(context).is_admin(update.effective_user.id):
        return False
    await update.callback_query.answer(texts.OFFICE_ONLY, show_alert=True)
    return True


async def send(
    bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message:
    """Send `text` to a chat other than the one being answered (an admin, a unit's staff)."""
    return await bot.send_message(chat_id, printable(text), reply_markup=keyboard)


async def reply(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send a reply, split at line boundaries under Telegram's limit; buttons go on the last part."""
    message = update.effective_message
    if message is None:
        return
    parts = texts.split_long(printable(text))
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await message.reply_text(part, reply_markup=keyboard if last else None)
