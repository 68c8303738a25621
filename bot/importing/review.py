"""A notice under review before it takes effect: what it reads to with the registry of the
moment, what the office may do about each name the registry lacks, and the revision diff under
the office's decisions. Pure but for the ledger write of `follow_revision`; no Telegram.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.importing.registry_file import Addition, NewAlias, NewGroup, NewUnit
from bot.importing.registry_proposal import propose_kind
from bot.ledger.history import Ledger
from bot.notice_files.importers import UnknownName, plan_of, unknown_names
from bot.people.picker import kinds
from bot.plan import PartyKind, Plan
from bot.reading.loader import RawRow
from bot.registry.kinds import is_collective
from bot.registry.units import Registry
from bot.revisions.diff import Decisions, Doubt, PlanDiff, diff_plans, replacement


@dataclass(frozen=True, slots=True)
class Review:
    """An imported notice as read with `registry`, the names the registry lacks, and the diff
    to `current`, the notice in use (both None when there is none to compare with)."""

    plan: Plan
    registry: Registry
    unknown: tuple[UnknownName, ...]
    current: Plan | None
    diff: PlanDiff | None
    replaces: bool = False  # a new office's first notice: replaces `current`, the sample

    @property
    def doubts(self) -> tuple[Doubt, ...]:
        """The doubtful matches, answered or not."""
        return self.diff.doubts if self.diff is not None else ()

    @property
    def open_doubts(self) -> tuple[Doubt, ...]:
        """The doubtful matches the office has still to answer; 启用 waits for them."""
        return self.diff.open_doubts if self.diff is not None else ()

    def decided(self, decisions: Decisions) -> Review:
        """The same notice with the office's answers on doubtful matches applied to the diff."""
        if self.current is None or self.replaces:
            return self
        return replace(self, diff=diff_plans(self.current, self.plan, self.registry, decisions))


def review_notice(
    rows: Sequence[RawRow],
    filename: str,
    registry: Registry,
    current: Plan | None,
    decisions: Decisions | None = None,
) -> Review:
    """Read a notice's rows (`bot.notice_files.worker.read_rows`) with `registry` and compare it
    with `current`, the notice in use.

    Raises:
        NoticeError: the rows hold no task.
    """
    plan = plan_of(rows, filename, registry)
    unknown = tuple(unknown_names(plan, registry))
    return Review(plan, registry, unknown, current, None).decided(decisions or {})


def replacing_review(
    rows: Sequence[RawRow], filename: str, registry: Registry, sample: Plan
) -> Review:
    """A new office's first notice read with its `registry`: it replaces the shipped
    `sample` outright, with no task matched to the sample's and no doubt to settle.

    Raises:
        NoticeError: the rows hold no task.
    """
    plan = plan_of(rows, filename, registry)
    unknown = tuple(unknown_names(plan, registry))
    return Review(plan, registry, unknown, sample, replacement(sample, plan, registry), True)


def continuing(review: Review) -> int:
    """How many of the file's tasks continue tasks of the notice it was compared with."""
    return len(review.diff.renumbered) if review.diff is not None else 0


def revises(review: Review) -> bool:
    """True when at least half of the file's tasks continue tasks of the notice compared with:
    then it is taken for a revision of that notice, else for a notice of its own."""
    return 2 * continuing(review) >= max(len(review.plan.tasks), 1)


@dataclass(frozen=True, slots=True)
class Offer:
    """A name the registry lacks and what the office may do with it (None: leave it out)."""

    item: UnknownName
    choices: tuple[Addition | None, ...]


def offers(review: Review) -> tuple[Offer, ...]:
    """The choices for each name the registry lacks, in the notice's order."""
    return tuple(Offer(item, choices(item, review.registry)) for item in review.unknown)


def choices(item: UnknownName, registry: Registry) -> tuple[Addition | None, ...]:
    """What the office may do with a name the registry lacks, the likeliest first.

    An alias of the closest known entry comes first when the match is confident; a unit may
    be added with any kind the registry uses, the kind its name suggests first; any name may
    be added as a group, its members left for the office (first for a group phrase). The last
    choice, None, leaves the name out.
    """
    alias = (NewAlias(item.name, item.closest.entry.name),) if item.closest else ()
    group = NewGroup(item.name)
    if item.kind is PartyKind.GROUP:
        new: tuple[Addition, ...] = (group,)
    else:
        guess = propose_kind(item.name, registry)
        units = tuple(
            NewUnit(item.name, kind) for kind in dict.fromkeys([guess, *kinds(registry)])
        )
        new = (group, *units) if is_collective(item.name) else (*units, group)
    confident = item.closest is not None and item.closest.confident
    return (*alias, *new, None) if confident else (*new, *alias, None)


def notice_digest(data: bytes) -> str:
    """The id of a notice file's content, under which the ledger records its renumbering."""
    return hashlib.sha256(data).hexdigest()


def follow_revision(
    ledger: Ledger,
    diff: PlanDiff,
    digest: str,
    *,
    user: int,
    name: str,
    chat: int,
    message: int,
    now: datetime,
) -> None:
    """Before a revised notice takes effect, the ledger's reports follow their tasks.

    Written before the notice is stored and keyed by the file's digest: if a crash comes in
    between, importing the same file again stores it without renumbering twice. Nothing is
    written when every old task keeps its number.
    """
    if diff.keeps_numbers or ledger.renumbered_for(digest):
        return
    ledger.renumber(
        diff.renumbered, digest, user=user, name=name, chat=chat, message=message, now=now
    )
