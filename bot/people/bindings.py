"""Which Telegram user belongs to which unit, with the office's approval.

Knows users and unit names, not Telegram and not the registry: callers pass canonical names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tinydb.table import Document

from bot.store.storage import Store

__all__ = ["Binding", "Bindings", "Decision", "Request", "clean_name"]

TABLE = "bindings"
NAME_LIMIT = 30  # characters of a user's name shown to the office
# Format characters (the bidi marks and isolates U+200E/F, U+202A–202E, U+2066–2069, U+061C,
# zero-width characters) are dropped; controls and line or paragraph breaks become spaces.
_DROPPED, _BREAKS = "Cf", frozenset({"Cc", "Zl", "Zp"})


@dataclass(frozen=True, slots=True)
class Binding:
    """A user who belongs to a unit since a given moment."""

    user_id: int
    name: str
    unit: str
    since: datetime


@dataclass(frozen=True, slots=True)
class Request:
    """A user's pending request to join a unit, waiting for the office.

    `number` tells the user's requests apart (buttons carry it); `shown` lists the office's
    messages about the request as (chat id, message id), so a new request can update them.
    """

    user_id: int
    name: str
    unit: str
    at: datetime
    number: int = 0
    shown: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    """What an admin's 批准 or 拒绝 of one request did.

    `decided` is the request approved or rejected, None if the decision was refused (the
    request was decided already, replaced, or its unit is not allowed); `pending` is the
    user's pending request afterwards.
    """

    decided: Request | None
    pending: Request | None


def clean_name(name: str, limit: int = NAME_LIMIT) -> str:
    """A user's name fit to show: no controls, bidi marks or line breaks, at most `limit` chars."""
    kept = (c for c in name if unicodedata.category(c) != _DROPPED)
    visible = "".join(" " if unicodedata.category(c) in _BREAKS else c for c in kept)
    words = " ".join(visible.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


# One document per user, doc_id = user id, holding the binding, the pending request and how
# many requests the user has made (it numbers them; kept, so a number is never used twice). A
# change to a user is therefore one document and one durable write, even when it both binds
# and clears the request.
_EMPTY: dict[str, Any] = {"binding": None, "pending": None, "requests": 0}


def _iso(now: datetime) -> str:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"时间必须带时区：{now.isoformat()}")
    return now.isoformat()


def _binding(user_id: int, raw: dict[str, Any] | None) -> Binding | None:
    if raw is None:
        return None
    return Binding(user_id, raw["name"], raw["unit"], datetime.fromisoformat(raw["since"]))


def _request(user_id: int, raw: dict[str, Any] | None) -> Request | None:
    if raw is None:
        return None
    at = datetime.fromisoformat(raw["at"])
    shown = tuple((chat, message) for chat, message in raw.get("shown", ()))
    return Request(user_id, raw["name"], raw["unit"], at, raw.get("number", 0), shown)


class Bindings:
    """Users bound to units: requests, the office's decisions and direct edits.

    A user belongs to at most one unit and has at most one pending request. Every method that
    changes state makes exactly one durable write and holds the store's lock while it reads and
    writes; a repeated decision (a button pressed twice) changes nothing.
    Datetimes come back with their UTC offset, not their `ZoneInfo`.
    """

    def __init__(self, store: Store) -> None:
        """Keep bindings in `store`'s table `bindings`."""
        self._store = store
        self._table = store.table(TABLE)

    def request(self, user_id: int, name: str, unit: str, now: datetime) -> Request | Binding:
        """Ask to join `unit`, replacing any earlier pending request of the user.

        The name is stored cleaned (`clean_name`; the user id if nothing is left). Asking again
        for the unit already pending keeps that request, its number and time.

        Returns:
            The pending `Request`, with the office's messages about the request it replaces;
            or the user's current `Binding` if they already belong to `unit`, in which case a
            pending request to move elsewhere is withdrawn.
        """
        name = clean_name(name) or str(user_id)
        with self._store.lock:
            doc = self._doc(user_id)
            current = _binding(user_id, doc["binding"])
            if current is not None and current.unit == unit:
                if doc["pending"] is not None:
                    self._save(user_id, {**doc, "pending": None})
                return current
            before = doc["pending"] or {}
            if before.get("unit") == unit:
                pending = {**before, "name": name}
            else:
                number = doc["requests"] + 1
                pending = {"name": name, "unit": unit, "at": _iso(now), "number": number}
                pending["shown"] = before.get("shown", [])
                doc["requests"] = number
            if pending != before:
                self._save(user_id, {**doc, "pending": pending})
            return _request(user_id, pending)

    def remember(self, user_id: int, number: int, shown: tuple[tuple[int, int], ...]) -> bool:
        """Record the office's messages about request `number`, if it is still pending.

        Returns:
            Whether they were recorded.
        """
        with self._store.lock:
            doc = self._doc(user_id)
            req = _request(user_id, doc["pending"])
            if req is None or req.number != number:
                return False
            if req.shown != shown:
                refs = [list(ref) for ref in shown]
                self._save(user_id, {**doc, "pending": {**doc["pending"], "shown": refs}})
            return True

    def pending(self) -> list[Request]:
        """All pending requests, oldest first."""
        found = self._collect(lambda uid, doc: _request(uid, doc["pending"]))
        return sorted(found, key=lambda r: (r.at, r.user_id))

    def pending_of(self, user_id: int) -> Request | None:
        """The user's pending request, if any."""
        return _request(user_id, self._doc(user_id)["pending"])

    def approve(self, user_id: int, number: int, now: datetime, units: Container[str]) -> Decision:
        """Bind the user to the unit of request `number`, if it is the one pending.

        Checked and done in one step under the store's lock: a request that replaced it, or
        one for a unit not in `units`, is never approved by this call.
        """
        with self._store.lock:
            doc = self._doc(user_id)
            req = _request(user_id, doc["pending"])
            if req is None or req.number != number or req.unit not in units:
                return Decision(None, req)
            binding = {"name": req.name, "unit": req.unit, "since": _iso(now)}
            self._save(user_id, {**doc, "binding": binding, "pending": None})
            return Decision(req, None)

    def reject(self, user_id: int, number: int) -> Decision:
        """Drop request `number` if it is the one pending; a current binding stays."""
        with self._store.lock:
            doc = self._doc(user_id)
            req = _request(user_id, doc["pending"])
            if req is None or req.number != number:
                return Decision(None, req)
            self._save(user_id, {**doc, "pending": None})
            return Decision(req, None)

    def bind(self, user_id: int, name: str, unit: str, now: datetime) -> Binding:
        """Bind the user to `unit` directly (an admin's edit), clearing any pending request.

        Binding a user again to the unit and name they already have changes nothing.
        """
        with self._store.lock:
            doc = self._doc(user_id)
            current = _binding(user_id, doc["binding"])
            if current is not None and (current.unit, current.name) == (unit, name):
                if doc["pending"] is not None:
                    self._save(user_id, {**doc, "pending": None})
                return current
            binding = {"name": name, "unit": unit, "since": _iso(now)}
            self._save(user_id, {**doc, "binding": binding, "pending": None})
            return Binding(user_id, name, unit, now)

    def unbind(self, user_id: int) -> Binding | None:
        """Remove the user from their unit; a pending request stays.

        Returns:
            The removed binding, or None if the user was not bound.
        """
        with self._store.lock:
            doc = self._doc(user_id)
            current = _binding(user_id, doc["binding"])
            if current is not None:
                self._save(user_id, {**doc, "binding": None})
            return current

    def binding_of(self, user_id: int) -> Binding | None:
        """The user's binding, if any."""
        return _binding(user_id, self._doc(user_id)["binding"])

    def unit_of(self, user_id: int) -> str | None:
        """The unit the user belongs to, if any."""
        binding = self.binding_of(user_id)
        return None if binding is None else binding.unit

    def users_of(self, unit: str) -> list[Binding]:
        """The users bound to `unit`, earliest first."""
        return [b for b in self.all_bindings() if b.unit == unit]

    def all_bindings(self) -> list[Binding]:
        """Every binding, earliest first."""
        found = self._collect(lambda uid, doc: _binding(uid, doc["binding"]))
        return sorted(found, key=lambda b: (b.since, b.user_id))

    def _doc(self, user_id: int) -> dict[str, Any]:
        doc = self._table.get(doc_id=user_id)
        return dict(_EMPTY) if doc is None else {**_EMPTY, **doc}

    def _collect(self, pick: Callable[[int, dict[str, Any]], Any]) -> list[Any]:
        with self._store.lock:
            docs = self._table.all()
        found = (pick(doc.doc_id, {**_EMPTY, **doc}) for doc in docs)
        return [item for item in found if item is not None]

    def _save(self, user_id: int, doc: dict[str, Any]) -> None:
        # Each branch is one TinyDB call, hence one write; the lock rules out a race between
        # the check and the write.
        if doc["binding"] is None and doc["pending"] is None and not doc["requests"]:
            self._table.remove(doc_ids=[user_id])
        elif self._table.contains(doc_id=user_id):
            self._table.update(doc, doc_ids=[user_id])
        else:
            self._table.insert(Document(doc, doc_id=user_id))
