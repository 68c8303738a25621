"""People known by a channel's text id (a WeCom userid) get a number of their own, forever.

Knows channels by name and their ids as text, not any channel. The conversation and the
stores key people by int: Telegram's user ids (below 2**52) are used as they are; anyone
else gets the next number from 2**53 upward, written durably before it is first used, so
the two never meet and an id never changes or goes to someone else.
"""

from __future__ import annotations

from tinydb.table import Document

from bot.store.storage import Store

__all__ = ["FIRST_ID", "Addresses"]

TABLE = "addresses"
FIRST_ID = 2**53


class Addresses:
    """The address book, one doc per allocated id (doc_id = the id), mirrored both ways.

    Lookups are in memory; `id_for` on a first contact is one durable write under the
    store's lock, so concurrent first contacts of one person get one id.
    """

    def __init__(self, store: Store) -> None:
        """Load the address book from `store`'s table `addresses`."""
        self._store = store
        self._table = store.table(TABLE)
        with store.lock:
            self._by_id = {doc.doc_id: (doc["channel"], doc["key"]) for doc in self._table.all()}
        self._by_key = {address: number for number, address in self._by_id.items()}

    def id_for(self, channel: str, key: str) -> int:
        """The person id of `key` on `channel`, allocated and recorded on first contact."""
        if not channel or not key:
            raise ValueError(f"渠道和账号不能为空：{channel!r} {key!r}")
        known = self._by_key.get((channel, key))
        if known is not None:
            return known
        with self._store.lock:
            known = self._by_key.get((channel, key))
            if known is not None:
                return known
            number = max(self._by_id, default=FIRST_ID - 1) + 1
            self._table.insert(Document({"channel": channel, "key": key}, doc_id=number))
            self._by_id[number] = (channel, key)
            self._by_key[(channel, key)] = number
            return number

    def find(self, channel: str, key: str) -> int | None:
        """The person id of `key` on `channel`, or None before their first contact."""
        return self._by_key.get((channel, key))

    def key_of(self, person_id: int) -> str | None:
        """The channel's own id (text) of an allocated person id, else None."""
        address = self._by_id.get(person_id)
        return address[1] if address else None

    def channel_of(self, person_id: int) -> str | None:
        """The channel an allocated person id belongs to; None for an id below FIRST_ID (a
        channel's own number, such as a Telegram user or chat id) or one never allocated."""
        address = self._by_id.get(person_id)
        return address[0] if address else None
