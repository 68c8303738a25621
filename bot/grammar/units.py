"""Unit mentions: the asker's own unit, exact names, several names, abbreviations, vague ones.

An abbreviation names a unit when the unit's name holds every typed character in order
(财务科 → 财务与审计科) and exactly one unit does; a mention several units fit (分局, 执法科)
is never resolved, it becomes a question with every candidate and the group that is exactly
them. Only a mention ending like a unit's name (科, 室, 局, 中心, 委) is read as an
abbreviation, so a topic word is not taken for a unit.
"""

from __future__ import annotations

import re

from bot.grammar.intents import Duties, Role, WhichUnit
from bot.grammar.vocabulary import Vocabulary
from bot.normalize import match_key

ME_WORDS = (
    "我们科室",
    "我们中心",
    "我中心",
    "本中心",
    "俺们",
    "我们单位",
    "我们部门",
    "我们分局",
    "我们科",
    "我们局",
    "咱们科室",
    "咱们单位",
    "咱们",
    "我科室",
    "我单位",
    "我部门",
    "我科",
    "本科室",
    "本单位",
    "本部门",
    "本分局",
    "本科",
    "我们的",
    "我们",
    "我的",
    "我",
)
_ME = re.compile("(?:" + "|".join(ME_WORDS) + ")")
UNIT_ENDINGS = ("科", "室", "局", "中心", "委")
_JOINS = re.compile(r"(\s*(?:以及|还有|和|与|及|跟|、|，|,|/)\s*|\s+)")


def is_me(text: str) -> bool:
    """True when `text` is only a way of saying "my unit" (我科室, 我们, 本单位 …)."""
    return _ME.fullmatch(text.strip()) is not None


def mentions_me(text: str) -> bool:
    """True when `text` speaks of the asker's unit somewhere."""
    return _ME.search(text) is not None


def _spellings(vocabulary: Vocabulary) -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in (*vocabulary.units, *vocabulary.groups):
        for spelling in (entry.name, *entry.aliases):
            names[match_key(spelling)] = entry.name
    return names


def _in_order(typed: str, name: str) -> bool:
    rest = iter(name)
    return all(char in rest for char in typed)


def _abbreviated(key: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    if len(key) < 2 or not key.endswith(UNIT_ENDINGS):
        return ()
    return tuple(
        u.name
        for u in vocabulary.units
        if any(_in_order(key, match_key(s)) for s in (u.name, *u.aliases))
    )


def _group_of(candidates: tuple[str, ...], vocabulary: Vocabulary) -> str | None:
    wanted = set(candidates)
    return next((g.name for g in vocabulary.groups if set(g.members) == wanted), None)


def _names(text: str, spellings: dict[str, str]) -> list[str]:
    """`text` cut at its joining words, except inside a unit's own name (法规与标准科 和 综合科:
    two names, the first keeping its 与)."""
    pieces = _JOINS.split(text)  # names at even places, the joins between them at odd ones
    names: list[str] = []
    start = 0
    while start < len(pieces):
        end = next(
            (
                e
                for e in range(len(pieces) - 1, start, -2)
                if match_key("".join(pieces[start : e + 1])) in spellings
            ),
            start,
        )
        names.append("".join(pieces[start : end + 1]))
        start = end + 2
    return names


def resolve(
    text: str, vocabulary: Vocabulary, role: Role | None = None
) -> Duties | WhichUnit | None:
    """The units `text` names (one or several, joined by 和、…), or which to ask, or None."""
    spellings = _spellings(vocabulary)
    parts = [p.strip("的 ") for p in _names(text.strip(), spellings) if p.strip("的 ")]
    if not parts:
        return None
    if len(parts) == 1 and is_me(parts[0]):
        return Duties((), role)
    found: list[str] = []
    for part in parts:
        key = match_key(part)
        if key in spellings:
            found.append(spellings[key])
            continue
        candidates = _abbreviated(key, vocabulary)
        if len(candidates) > 1:
            return WhichUnit(part, candidates, _group_of(candidates, vocabulary))
        if not candidates:
            return None
        found.append(candidates[0])
    return Duties(tuple(dict.fromkeys(found)), role)


def unit_named(text: str, vocabulary: Vocabulary) -> str | WhichUnit | None:
    """The one unit `text` names (set_unit), which to ask, or None."""
    read = resolve(text, vocabulary)
    if isinstance(read, Duties) and len(read.units) == 1:
        return read.units[0]
    return read if isinstance(read, WhichUnit) else None
