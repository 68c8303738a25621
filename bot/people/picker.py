"""The unit picker: units grouped by kind and cut into pages of buttons. Pure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.registry.units import Registry, Unit

PAGE_SIZE = 8


@dataclass(frozen=True, slots=True)
class PickerPage:
    """One page of units of one kind, with their positions in the registry."""

    kind: str
    page: int
    pages: int
    units: tuple[tuple[int, Unit], ...]


def kinds(registry: Registry) -> list[str]:
    """Unit kinds in the order the registry first names them (科室, 党组织, 分局 …)."""
    return list(dict.fromkeys(u.kind for u in registry.units))


def picker_page(registry: Registry, kind_index: int, page: int) -> PickerPage | None:
    """Page `page` (from 0) of the units of the `kind_index`-th kind; None if out of range."""
    all_kinds = kinds(registry)
    if not 0 <= kind_index < len(all_kinds):
        return None
    kind = all_kinds[kind_index]
    members = [(i, u) for i, u in enumerate(registry.units) if u.kind == kind]
    pages = max(1, -(-len(members) // PAGE_SIZE))
    if not 0 <= page < pages:
        return None
    chosen = members[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    return PickerPage(kind, page, pages, tuple(chosen))


def fingerprint(registry: Registry) -> str:
    """A short id of the registry's unit list, so buttons made before a reload can be refused."""
    names = "\n".join(f"{u.kind}:{u.name}" for u in registry.units)
    return hashlib.sha256(names.encode("utf-8")).hexdigest()[:6]
