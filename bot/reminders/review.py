"""What waits for the office's 复核, and which of it the admins are still owed: each 已完成
report awaiting review is announced once, in one message per batch, to every admin under a
per-chat outbox key. A batch gathers: it begins once the first report in no batch yet has
waited `gather` (or a full batch waits), and takes every report waiting then, so reports
trickling in over half an hour make one message, not one each.

Reads the ledgers' waiting reports and the outbox; sends nothing. A batch's key and items are
stable, so a restart resumes a batch an admin has not had and never begins it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.ledger.history import Entry
from bot.reminders.office_mail import still_owed
from bot.reminders.outbox import Outbox
from bot.reminders.recovery import KEEP_DELIVERIES

REVIEW_PREFIX = "review:"
BATCH_LIMIT = 20  # reports in one message (two buttons each); the rest go at the next wake-up


@dataclass(frozen=True, slots=True)
class Waiting:
    """A 已完成 report of notice `notice` awaiting the office's review, with the names of the
    evidence (佐证) sent for it."""

    notice: str
    report: Entry
    evidence: tuple[str, ...] = ()

    @property
    def item(self) -> str:
        """Its stable id in the outbox: ``review:<notice>:<report id>``."""
        return f"{REVIEW_PREFIX}{self.notice}:{self.report.id}"


@dataclass(frozen=True, slots=True)
class Batch:
    """One message listing `waiting` for review, owed to `chats` under outbox key `key`."""

    key: str
    chats: tuple[int, ...]
    waiting: tuple[Waiting, ...]

    @property
    def items(self) -> tuple[str, ...]:
        """The stable ids of the reports it lists."""
        return tuple(w.item for w in self.waiting)


def batch_key(items: Iterable[str]) -> str:
    """A stable key for one batch of items."""
    digest = hashlib.sha256("\n".join(sorted(items)).encode()).hexdigest()[:16]
    return f"{REVIEW_PREFIX}{digest}"


def _announced(outbox: Outbox) -> dict[str, tuple[str, ...]]:
    """Each batch begun (its key without the chat) → its items."""
    return {
        record.key.rsplit("@", 1)[0]: record.items
        for record in outbox.records()
        if record.key.startswith(REVIEW_PREFIX) and record.chat is not None
    }


def review_batches(
    waiting: Sequence[Waiting],
    outbox: Outbox,
    admins: Iterable[int],
    *,
    now: datetime,
    gather: timedelta,
) -> list[Batch]:
    """The batches owed now: those begun that some admin still lacks (listing only what still
    waits), then one new batch of the waiting reports in no batch yet (the oldest
    `BATCH_LIMIT`), once the oldest of them has waited `gather` or `BATCH_LIMIT` wait.

    A report older than the outbox keeps its deliveries (`KEEP_DELIVERIES`) is never begun
    anew: it was announced then, or the bot was not running; /pending and the digests list it.
    """
    chats = sorted(admins)
    by_item = {w.item: w for w in waiting}
    begun = _announced(outbox)
    batches = []
    for key, items in begun.items():
        owed = still_owed(outbox, key, chats)
        left = tuple(by_item[i] for i in items if i in by_item)
        if owed and left:
            batches.append(Batch(key, tuple(owed), left))
    seen = {i for items in begun.values() for i in items}
    new = tuple(w for w in waiting if w.item not in seen and now - w.report.at <= KEEP_DELIVERIES)
    ripe = len(new) >= BATCH_LIMIT or any(now - w.report.at >= gather for w in new)
    new = new[:BATCH_LIMIT]
    if new and chats and ripe:
        batches.append(Batch(batch_key(w.item for w in new), tuple(chats), new))
    return batches
