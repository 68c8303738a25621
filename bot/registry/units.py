"""The unit registry: units, their aliases and kinds, and the group phrases that stand for many.

Read from a TOML file a clerk can edit. This module is the only user of rapidfuzz.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.errors import RegistryError, toml_problem
from bot.normalize import match_key, name_key

CONFIDENT_SCORE = 90
SUGGEST_SCORE = 60


@dataclass(frozen=True, slots=True)
class Unit:
    """A concrete unit: a 科室, a 分局, a 直属事业单位, a 党组织 …"""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """A group phrase such as 各市（区）分局, with the units it stands for.

    A group with neither `members` nor `kinds` is pending: only the office can say who it
    covers (具有审批职能的各相关科室), so answers show it as 待办公室明确.
    """

    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @property
    def pending(self) -> bool:
        """True while the office has not said which units the group covers."""
        return not self.members and not self.kinds


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The registry entry a piece of text most likely names, and how sure the match is."""

    entry: Unit | Group
    score: float

    @property
    def confident(self) -> bool:
        """True when the match is good enough to answer without asking back."""
        return self.score >= CONFIDENT_SCORE


class Registry:
    """Looks up units and groups by canonical name, alias or a fuzzy spelling."""

    def __init__(self, units: list[Unit], groups: list[Group]) -> None:
        self.units = tuple(units)
        self.groups = tuple(groups)
        self._by_key: dict[str, Unit | Group] = {}
        for entry in (*self.units, *self.groups):
            for spelling in (entry.name, *entry.aliases):
                self._claim(name_key(spelling), entry)
        self._fuzzy_keys = {match_key(k): e for k, e in self._by_key.items()}
        self._fuzzy_choices = list(self._fuzzy_keys)
        self._members = {g.name: self._expand(g) for g in self.groups}

    def _claim(self, key: str, entry: Unit | Group) -> None:
        owner = self._by_key.get(key)
        if owner is not None and owner is not entry:
            raise RegistryError("", f"名称“{key}”同时属于“{owner.name}”和“{entry.name}”")
        self._by_key[key] = entry

    def _expand(self, group: Group) -> tuple[Unit, ...]:
        named = []
        for member in group.members:
            unit = self.unit(member)
            if unit is None:
                raise RegistryError("", f"统称“{group.name}”的成员“{member}”不在单位列表中")
            named.append(unit)
        by_kind = [u for u in self.units if u.kind in group.kinds]
        return tuple(dict.fromkeys([*named, *by_kind]))

    def lookup(self, name: str) -> Unit | Group | None:
        """The unit or group `name` spells exactly (any alias, any bracket width), or None."""
        return self._by_key.get(name_key(name))

    def unit(self, name: str) -> Unit | None:
        """The unit `name` spells exactly, or None (also None for a group)."""
        entry = self.lookup(name)
        return entry if isinstance(entry, Unit) else None

    def members(self, group: Group) -> tuple[Unit, ...]:
        """The units a group covers; empty while the group is pending."""
        return self._members.get(group.name, ())

    def groups_of(self, unit: Unit) -> tuple[Group, ...]:
        """Every group whose members include `unit`."""
        return tuple(g for g in self.groups if unit in self._members[g.name])

    def find(self, text: str) -> NameMatch | None:
        """The unit or group `text` most likely names: exact, contained, or fuzzy.

        A registry spelling found inside `text` wins, the longest first, so "综合科负责什么"
        finds 综合科 outright. Otherwise rapidfuzz scores the whole text against every
        spelling, with Arabic digits read as Chinese ones (执法2科 → 执法二科).
        """
        key = match_key(text)
        if not key:
            return None
        contained = [k for k in self._fuzzy_keys if k in key]
        if contained:
            return NameMatch(self._fuzzy_keys[max(contained, key=len)], 100.0)
        best = process.extractOne(key, self._fuzzy_choices, scorer=fuzz.WRatio)
        if best is None or best[1] < SUGGEST_SCORE:
            return None
        return NameMatch(self._fuzzy_keys[best[0]], best[1])


def _strings(entry: dict, field: str, where: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError("", f"{where} 的 {field} 应是非空字符串列表")
    return tuple(name_key(v) for v in value)


def _name(entry: dict, where: str) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not name_key(name):
        raise RegistryError("", f"{where} 缺少 name")
    return name_key(name)


def _units(data: dict) -> list[Unit]:
    units = []
    for i, entry in enumerate(data.get("units", []), 1):
        where = f"第 {i} 个 [[units]]"
        kind = entry.get("kind")
        if not isinstance(kind, str) or not kind.strip():
            raise RegistryError("", f"{where} 缺少 kind")
        units.append(Unit(_name(entry, where), kind.strip(), _strings(entry, "aliases", where)))
    return units


def _groups(data: dict) -> list[Group]:
    groups = []
    for i, entry in enumerate(data.get("groups", []), 1):
        where = f"第 {i} 个 [[groups]]"
        groups.append(
            Group(
                _name(entry, where),
                _strings(entry, "aliases", where),
                _strings(entry, "members", where),
                tuple(k.strip() for k in _strings(entry, "kinds", where)),
            )
        )
    return groups


def _with_aliases(data: dict, entries: list[Unit | Group]) -> list[Unit | Group]:
    """Entries with the aliases ``[[aliases]]`` tables add (``name`` is another spelling of
    ``of``), as an import appends them to the end of the file."""
    index = {name_key(s): i for i, e in enumerate(entries) for s in (e.name, *e.aliases)}
    entries = list(entries)
    for i, extra in enumerate(data.get("aliases", []), 1):
        where = f"第 {i} 个 [[aliases]]"
        alias = _name(extra, where)
        of = extra.get("of")
        target = index.get(name_key(of)) if isinstance(of, str) else None
        if target is None:
            raise RegistryError("", f"{where} 的 of 应是名录中的单位或统称")
        entry = entries[target]
        entries[target] = replace(entry, aliases=(*entry.aliases, alias))
    return entries


def parse_registry(text: str) -> Registry:
    """Build a registry from TOML text with ``[[units]]``, ``[[groups]]`` and ``[[aliases]]``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RegistryError("", toml_problem(error)) from error
    entries = _with_aliases(data, [*_units(data), *_groups(data)])
    return Registry(
        [e for e in entries if isinstance(e, Unit)], [e for e in entries if isinstance(e, Group)]
    )


def load_registry(path: Path) -> Registry:
    """Read the registry file at `path`; errors name the file."""
    try:
        return parse_registry(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise RegistryError(path, f"无法打开（{error.strerror}）") from error
    except UnicodeDecodeError as error:
        raise RegistryError(path, "不是 UTF-8 编码的文本，请另存为 UTF-8") from error
    except RegistryError as error:
        raise RegistryError(path, error.detail) from error
