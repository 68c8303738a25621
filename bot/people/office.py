"""Who the office is across channels: its admins and the leaders who observe, as person ids.

Knows person ids, not channels: each channel names its office people in its own way (Telegram
user ids, WeCom userids through the address book) and the union is what every flow reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.people.addresses import Addresses

__all__ = ["Office", "office_of"]


@dataclass(frozen=True, slots=True)
class Office:
    """The office's admins and the leaders who observe, over every channel."""

    admins: frozenset[int] = frozenset()
    leaders: frozenset[int] = frozenset()

    @property
    def observers(self) -> frozenset[int]:
        """Who gets the weekly digest: the admins and the leaders."""
        return self.admins | self.leaders


def office_of(
    admins: Iterable[int],
    leaders: Iterable[int],
    named: Iterable[tuple[str, Iterable[str], Iterable[str]]],
    addresses: Addresses,
) -> Office:
    """The union of person ids (`admins`, `leaders`) and, for each (channel, admins,
    leaders) in `named`, the channel's text ids given numbers in the address book (a first
    mention allocates one, durably, so the person is known before they first write)."""
    every_admin, every_leader = set(admins), set(leaders)
    for channel, their_admins, their_leaders in named:
        every_admin.update(addresses.id_for(channel, key) for key in sorted(their_admins))
        every_leader.update(addresses.id_for(channel, key) for key in sorted(their_leaders))
    return Office(frozenset(every_admin), frozenset(every_leader))
