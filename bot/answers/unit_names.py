"""Which units a typed mention means: one, several, or a vague word to ask back about.

Pure: reads the registry and never picks one of several candidates. Rules, in order, for each
part of the text: a registry spelling (name or alias, longest first, anywhere in the text:
执法一科和执法二科 → both); else a unique abbreviation (its characters in order in one unit's
name: 财务科 → 财务与审计科); else a vague word (分局, 执法科) → every unit it abbreviates,
with the group phrase whose members are exactly those units, if there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.normalize import match_key
from bot.registry.units import Group, Registry, Unit

_JOIN = re.compile(r"(?:以及|和|与|及|跟|、|，|,|/|\s)+")
_ASKING = re.compile(r"(?:的|都|有)?(?:任务|工作|事项|分工|负责什么|要做什么)+.*$")
MIN_ABBREVIATION = 2


@dataclass(frozen=True, slots=True)
class Vague:
    """A word that names several units: the candidates, and the group covering exactly them."""

    said: str
    candidates: tuple[Unit, ...]
    group: Group | None = None


@dataclass(frozen=True, slots=True)
class UnitMention:
    """What a mention resolved to: units (in the order said), vague words, words not found."""

    units: tuple[Unit, ...] = ()
    groups: tuple[Group, ...] = ()
    vague: tuple[Vague, ...] = ()
    unknown: tuple[str, ...] = ()


def _abbreviates(short: str, name: str) -> bool:
    """True when every character of `short` occurs in `name`, in order."""
    rest = iter(name)
    return all(char in rest for char in short)


def _covering(units: tuple[Unit, ...], registry: Registry) -> Group | None:
    return next((g for g in registry.groups if set(registry.members(g)) == set(units)), None)


def _spellings(registry: Registry) -> list[tuple[str, Unit | Group]]:
    """Every registry spelling as a matching key, longest first."""
    found = [
        (match_key(spelling), entry)
        for entry in (*registry.units, *registry.groups)
        for spelling in (entry.name, *entry.aliases)
    ]
    return sorted(found, key=lambda pair: -len(pair[0]))


def resolve_units(text: str, registry: Registry) -> UnitMention:
    """The units (and group phrases) `text` names, and the vague or unknown words in it."""
    key = _ASKING.sub("", match_key(text))
    named: list[tuple[int, Unit | Group]] = []
    for spelling, entry in _spellings(registry):
        at = key.find(spelling)
        while spelling and at >= 0:
            named.append((at, entry))
            key = key[:at] + "\0" * len(spelling) + key[at + len(spelling) :]
            at = key.find(spelling)
    units = [e for _, e in sorted(named, key=lambda n: n[0]) if isinstance(e, Unit)]
    groups = [e for _, e in sorted(named, key=lambda n: n[0]) if isinstance(e, Group)]
    vague, unknown = [], []
    for part in _JOIN.split(key.replace("\0", " ")):
        if len(part) < MIN_ABBREVIATION:
            continue
        candidates = tuple(u for u in registry.units if _abbreviates(part, match_key(u.name)))
        if len(candidates) == 1:
            units.append(candidates[0])
        elif candidates:
            vague.append(Vague(part, candidates, _covering(candidates, registry)))
        else:
            unknown.append(part)
    return UnitMention(
        tuple(dict.fromkeys(units)), tuple(dict.fromkeys(groups)), tuple(vague), tuple(unknown)
    )
