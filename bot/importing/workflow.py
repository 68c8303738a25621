"""The import workflow, one for the command line and the bot: which notice a file is, the
import waiting for the office's answers, and the writes that make it take effect.

The one rule for which notice a file revises: it is compared with every notice in use and
taken for a revision of the one it most resembles when at least half of its tasks continue
(`revises`), else for a further notice. A new office's first file, sent while the untouched
sample is in force, replaces the sample. No Telegram, no terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import bot.importing.texts as import_texts
from bot.config import Config
from bot.importing.review import (
    Offer,
    Review,
    continuing,
    offers,
    replacing_review,
    review_notice,
    revises,
)
from bot.notices.catalog import add_notice, notice_file, replace_file, short_name
from bot.notices.desks import N
from bot.notices.knowledge import activate_notice
from bot.notices.office_files import starts_clean
from bot.reading.loader import RawRow
from bot.registry.units import Registry


def closest(
    rows: list[RawRow], filename: str, registry: Registry, notices: Sequence[N]
) -> tuple[N, Review]:
    """The notice in use the file most resembles (most tasks continuing), and the review
    against it; the first of equals wins."""
    reviews = [(n, review_notice(rows, filename, registry, n.knowledge.plan)) for n in notices]
    return max(reviews, key=lambda pair: continuing(pair[1]))


def first_review(
    rows: list[RawRow], filename: str, registry: Registry, notices: Sequence[N], config: Config
) -> tuple[N, Review]:
    """`closest`, or a new office's first file replacing the untouched sample: when the file
    does not revise the first notice and the data directory starts clean."""
    notice, review = closest(rows, filename, registry, notices)
    if notice.entry.primary and not revises(review) and starts_clean(config):
        sample = notice.knowledge.plan
        review = replacing_review(rows, filename, registry, sample)
    return notice, review


def as_new(review: Review) -> bool:
    """True when the file is taken for a further notice, not a revision of the one compared
    with (nor the sample it replaces)."""
    return not (review.replaces or revises(review))


def keep_revision(
    data_dir: Path, key: str, primary: bool, filename: str, data: bytes, now: datetime
) -> Path:
    """Store the revision of notice `key` as the one in force; returns where it went."""
    if primary:
        return activate_notice(data_dir, filename, data, at=now)
    return notice_file(data_dir, replace_file(data_dir, key, filename, data, at=now))


def keep_new(data_dir: Path, filename: str, data: bytes, name: str, now: datetime) -> str:
    """Store the file as a further notice named `name` (from its title when empty); its key."""
    return add_notice(data_dir, filename, data, name, at=now).key


@dataclass(slots=True)
class PendingImport:
    """A file read and shown to the office, waiting for its answers and for 启用 or 取消.

    `names` are the names the registry lacked when the file came, each with its choices;
    `review` is the notice as read with the registry of now and the answers given so far in
    `decisions`; `closest` is the notice in use it most resembles. `panel` is the message
    carrying 启用 / 取消 when it stands apart from the summary (there were questions to ask).
    `rows` are what the worker read from `data`, read again with each change of the registry.
    """

    filename: str
    data: bytes
    rows: list[RawRow]
    review: Review
    names: tuple[Offer, ...]
    closest_key: str
    closest_label: str
    as_new: bool
    name: str = ""
    decisions: dict[tuple[int, int], bool] = field(default_factory=dict)
    answered: set[int] = field(default_factory=set)
    panel: int | None = None

    @classmethod
    def of(
        cls, filename: str, data: bytes, rows: list[RawRow], review: Review, key: str, label: str
    ) -> PendingImport:
        """The import of a file just read and reviewed against notice `key` (`label`)."""
        return cls(filename, data, rows, review, offers(review), key, label, as_new(review))

    def panel_text(self) -> str:
        """启用 / 取消's message: the question, what 启用 will do, and what is still open."""
        pending = import_texts.pending_line(len(self.names) - len(self.answered), self.open_doubts)
        if self.review.replaces:
            return f"{import_texts.ASK}\n{import_texts.AS_FIRST}\n{pending}"
        if self.as_new:
            shown = self.name or short_name(self.review.plan.title)
            return f"{import_texts.ASK}\n{import_texts.AS_NEW.format(name=shown)}\n{pending}"
        label = self.closest_label
        return f"{import_texts.ASK}\n{import_texts.AS_REVISION.format(label=label)}\n{pending}"

    @property
    def open_doubts(self) -> int:
        """Doubtful matches still to answer: none when the file is a notice of its own."""
        return 0 if self.as_new else len(self.review.open_doubts)

    def reread(self, registry: Registry) -> Review:
        """The file read again with `registry`, compared as before."""
        current = self.review.current
        if self.review.replaces and current is not None:
            return replacing_review(self.rows, self.filename, registry, current)
        return review_notice(self.rows, self.filename, registry, current, self.decisions)
