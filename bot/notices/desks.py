"""Each notice in use as a desk: its catalog entry, what answers read from it, and its ledger.

The first notice keeps the files it always had (``ledger/``, the configured deadline file);
a notice added later has ``ledger-<key>/`` and ``deadlines-<key>.toml`` in the data directory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.answers.model import Knowledge
from bot.config import Config
from bot.ledger.deadlines import load_office_deadlines, notice_year_end, plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.store import LEDGER_DIR
from bot.notice_files.importers import load_notice
from bot.notices.catalog import PRIMARY, NoticeEntry, notice_file, read_catalog, short_name
from bot.notices.knowledge import load_knowledge
from bot.registry.units import Registry

_SHORTER = ("工作要点", "要点", "工作方案", "方案", "工作计划", "计划", "清单")
_MIN_HANDLE = 2


@dataclass(slots=True)
class Notice:
    """One notice: its entry in the catalog, and its plan and deadlines (what answers need)."""

    entry: NoticeEntry
    knowledge: Knowledge

    @property
    def key(self) -> str:
        """The notice's key in the catalog (`PRIMARY` for the first)."""
        return self.entry.key

    @property
    def name(self) -> str:
        """The short name users see and may type, e.g. 政务公开工作要点."""
        return self.entry.name or short_name(self.knowledge.plan.title)

    @property
    def tag(self) -> str:
        """The name's first few characters, for buttons: 政务公开."""
        return self.name[:4]

    @property
    def label(self) -> str:
        """The name in title marks, as answers and nudges show it: 《政务公开工作要点》."""
        return f"《{self.name}》"

    @property
    def archived(self) -> bool:
        """True once the office archived the notice."""
        return self.entry.archived


@dataclass(slots=True)
class Desk(Notice):
    """A notice with its ledger open: what reports, nudges and the office's views need."""

    ledger: Ledger


N = TypeVar("N", bound=Notice)


def ledger_dir(data_dir: Path, key: str) -> Path:
    """The ledger directory of notice `key`."""
    return data_dir / (LEDGER_DIR if key == PRIMARY else f"{LEDGER_DIR}-{key}")


def deadlines_file(config: Config, entry: NoticeEntry) -> Path:
    """The office's deadline file for a notice: the configured one for the first notice."""
    return config.deadlines if entry.primary else config.data_dir / f"deadlines-{entry.key}.toml"


def knowledge_of(config: Config, entry: NoticeEntry, registry: Registry) -> Knowledge:
    """A later notice's plan and deadlines read with the office's registry."""
    plan = load_notice(notice_file(config.data_dir, entry), registry)
    office = load_office_deadlines(deadlines_file(config, entry))
    dates = plan_deadlines(plan, office=office, year_end=notice_year_end(plan, config.year_end))
    return Knowledge(plan, registry, dates)


def load_all(config: Config) -> list[tuple[NoticeEntry, Knowledge]]:
    """Every notice in the catalog with its knowledge, the first notice first."""
    first = load_knowledge(config)
    primary = next(e for e in read_catalog(config.data_dir) if e.primary)
    return [(primary, first), *load_later(config, first.registry)]


def load_later(config: Config, registry: Registry) -> list[tuple[NoticeEntry, Knowledge]]:
    """The notices added after the first, with their knowledge, in catalog order."""
    return [
        (entry, knowledge_of(config, entry, registry))
        for entry in read_catalog(config.data_dir)
        if not entry.primary
    ]


def active(desks: Iterable[N]) -> list[N]:
    """The desks whose notice is not archived, in catalog order."""
    return [d for d in desks if not d.archived]


def handles(name: str) -> tuple[str, ...]:
    """What a user may type for a notice: its name, or without 工作要点 / 方案 … at the end."""
    tail = next((t for t in _SHORTER if name.endswith(t)), "")
    shorter = name.removesuffix(tail)
    return (name, shorter) if tail and len(shorter) >= _MIN_HANDLE else (name,)


def mention(notice: Notice, text: str) -> str | None:
    """The longest of the notice's handles that `text` contains."""
    return next((h for h in handles(notice.name) if h in text), None)


def named_in(desks: Sequence[N], text: str) -> N | None:
    """The notice `text` names (the longest mention wins), if any."""
    found = [(len(found), d) for d in desks if (found := mention(d, text))]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def by_key(desks: Iterable[N], key: str) -> N | None:
    """The desk of notice `key`."""
    return next((d for d in desks if d.key == key), None)


def split_notice(desks: Sequence[N], args: Sequence[str]) -> tuple[N | None, list[str]]:
    """A command's leading notice name, if its first word names one, and the other words."""
    named = named_in(desks, args[0]) if args else None
    return (named, list(args[1:])) if named is not None else (None, list(args))
