"""领导批示 to the units: each 批示 once to each person (or work group) of its task's lead and
responsible units, under an outbox key, in the send hours.

The 台账 holds the 批示 (written before the leader was told); a wake-up sends every one
recorded in the last `OWED_FOR` to the chats that have not had it: the units' nudge
recipients (`bot.reminders.recipients`, from the rounds: a work group in place of its people,
never leaders, paused or unreachable people), and of people only those bound by the time of
the 批示. Each delivery is
begun in the outbox before it is sent, so a restart never sends it again: one caught mid-send
by a crash is settled as stale at the next start, not resent. A failed send is tried again at
the next wake-ups of the same day.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.conversation.instructions import unit_message
from bot.instructions.units import OWED_FOR, instructed_units
from bot.ledger.history import Entry
from bot.notices.desks import Desk
from bot.reminders.office_mail import chat_key
from bot.reminders.outbox import State
from bot.rounds.sender import Outgoing

__all__ = ["Owed", "deliver_instructions", "instruction_item", "owed"]

Recipients = Mapping[str, Sequence[int]]  # unit → its chats today


def instruction_item(notice: str, entry: int) -> str:
    """The stable id of 批示 `entry` in notice `notice`'s ledger (its outbox keys add a chat)."""
    return f"instruction:{notice}:{entry}"


@dataclass(frozen=True, slots=True)
class Owed:
    """One 批示 owed to one chat of one unit."""

    desk: Desk
    entry: Entry
    unit: str
    chat: int

    @property
    def item(self) -> str:
        """The 批示's stable id."""
        return instruction_item(self.desk.key, self.entry.id)


def owed(
    desks: Sequence[Desk],
    chats: Recipients,
    bound_since: Mapping[int, datetime],
    went: Callable[[str, int], bool],
    now: datetime,
) -> list[Owed]:
    """Every (批示, chat) still to send at `now`, oldest 批示 first. Pure.

    `chats` are each unit's recipients today; `bound_since` when each person was bound (a
    chat not in it is a work group); `went(item, chat)` whether the outbox has it already.
    """
    found = []
    for desk in desks:
        know = desk.knowledge
        for entry in desk.ledger.instructions():
            if not now - OWED_FOR <= entry.at <= now:
                continue
            [task] = entry.tasks
            for unit in instructed_units(task, know.plan, know.registry):
                for chat in chats.get(unit, ()):
                    since = bound_since.get(chat)
                    if since is not None and since > entry.at:
                        continue
                    if not went(instruction_item(desk.key, entry.id), chat):
                        found.append(Owed(desk, entry, unit, chat))
    return found


async def deliver_instructions(
    out: Outgoing, now: datetime, recipients: Callable[[date], Awaitable[Recipients]]
) -> int:
    """Send every 批示 owed now, one delivery at a time, to the units' chats `recipients`
    names for the day (the nudges'); returns how many went out."""
    core = out.core
    desks = core.active_desks()
    if not any(desk.ledger.instructions() for desk in desks):
        return 0
    chats = await recipients(now.date())
    since = await core.store.run(
        lambda: {b.user_id: b.since for b in core.bindings.all_bindings()}
    )

    def had(item: str, chat: int) -> bool:
        """Sent, or may have been; a failed send is tried again only the same day."""
        record = core.outbox.get(chat_key(item, chat))
        failed = record is not None and record.state is State.FAILED
        return record is not None and (not failed or record.updated.date() < now.date())

    sent = 0
    for owe in owed(desks, chats, since, had, now):
        text, rows = unit_message(owe.desk, desks, owe.entry, owe.unit)
        key = chat_key(owe.item, owe.chat)
        await out.once(key, owe.chat, owe.entry.at, (owe.item,), text, rows, now=now)
        sent += 1
    return sent
