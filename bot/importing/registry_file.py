"""Adding units, groups and aliases to the clerk's registry file, as text appended to its end.

The clerk's own text, comments included, is never rewritten: each addition is a commented
``[[units]]``, ``[[groups]]`` or ``[[aliases]]`` table after it. The new file must load before it
replaces the old one, atomically. Knows the registry and files, not Telegram.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import tomli_w

from bot.errors import RegistryError
from bot.normalize import name_key, printable, safe_filename
from bot.notices.knowledge import write_atomically
from bot.registry.kinds import usual_kind
from bot.registry.units import Registry, load_registry

MAX_NAME = 40
_BAD_CHARACTERS = re.compile(r'[\x00-\x1f\x7f"\\]')


class RegistryEditError(ValueError):
    """An addition to the registry that cannot be made; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A unit the notice names, added with its kind."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class NewGroup:
    """A group phrase the notice names, added as pending: the office fills in its members."""

    name: str


@dataclass(frozen=True, slots=True)
class NewAlias:
    """Another spelling of a unit or group the registry has (`of`, its canonical name)."""

    name: str
    of: str


Addition = NewUnit | NewGroup | NewAlias


def infer_kind(name: str, registry: Registry) -> str | None:
    """The kind a new unit's name suggests (宣传教育科 → 科室), or None when it says none.

    The kind the registry gives its units of the same usual kind wins (a registry may file its
    中心 as 局属单位); without such units, the usual kind (`bot.registry.kinds.usual_kind`).
    """
    usual = usual_kind(name)
    if usual is None:
        return None
    alike = Counter(u.kind for u in registry.units if usual_kind(u.name) == usual)
    return alike.most_common(1)[0][0] if alike else usual


def groups_of_kind(kind: str, registry: Registry) -> tuple[str, ...]:
    """The groups a new unit of `kind` falls into (those that take their members by kind)."""
    return tuple(g.name for g in registry.groups if kind in g.kinds)


def check_name(name: str, registry: Registry, what: str = "名称") -> str:
    """The canonical spelling of a name to add; refuses one the registry cannot hold.

    Raises:
        RegistryEditError: the name is empty, too long, has an ASCII quote, a backslash or a
            control character, or the registry already has it.
    """
    key = name_key(name)
    if not key:
        raise RegistryEditError(f"{what}不能为空")
    if len(key) > MAX_NAME or _BAD_CHARACTERS.search(key):
        raise RegistryEditError(
            f"{what}“{key[:MAX_NAME]}”不能用作单位名称：最多 {MAX_NAME} 个字，"
            "不能含英文引号、反斜杠或控制字符"
        )
    known = registry.lookup(key)
    if known is not None:
        raise RegistryEditError(f"“{key}”已在单位名录中（{known.name}）")
    return key


def _checked(addition: Addition, registry: Registry) -> Addition:
    name = check_name(addition.name, registry)
    if isinstance(addition, NewUnit):
        kind = name_key(addition.kind)
        if not kind or len(kind) > MAX_NAME or _BAD_CHARACTERS.search(kind):
            raise RegistryEditError(f"单位“{name}”的类别“{addition.kind}”不能使用")
        return NewUnit(name, kind)
    if isinstance(addition, NewAlias):
        entry = registry.lookup(addition.of)
        if entry is None:
            raise RegistryEditError(f"单位名录中没有“{addition.of}”，无法为它添加别名“{name}”")
        return NewAlias(name, entry.name)
    return NewGroup(name)


def _comment(text: str) -> str:
    """`text` as one comment line: a line break in a name cannot end the comment early."""
    return "# " + " ".join(printable(text).split())


def addition_text(addition: Addition, *, day: date, source: str) -> str:
    """The commented TOML table that records one addition, as appended to the file."""
    origin = f"{day.isoformat()} 导入通知“{safe_filename(source)}”时由分工助手添加"
    if isinstance(addition, NewUnit):
        kind, fields = "units", {"name": addition.name, "kind": addition.kind}
    elif isinstance(addition, NewAlias):
        origin += f"：“{addition.name}”即“{addition.of}”"
        kind, fields = "aliases", {"name": addition.name, "of": addition.of}
    else:
        origin += "：统称的范围待办公室明确，确定后在 members 或 kinds 里填上"
        kind, fields = "groups", {"name": addition.name, "members": []}
    # The table's header by hand: tomli-w writes a list of tables inline, which could not
    # follow the clerk's own [[units]] tables; the values are its, quoted and escaped.
    return "\n".join(["", _comment(origin), f"[[{kind}]]", tomli_w.dumps(fields)])


def add_to_registry(
    path: Path, additions: Sequence[Addition], *, day: date, source: str
) -> Registry:
    """Append `additions` to the registry file at `path` and return the registry it now holds.

    The file's bytes stay as they were, with the new tables after them; the result must load
    (`load_registry`) before it replaces the file. `source` names the notice being imported.

    Raises:
        RegistryEditError: a name is refused, the result would not load, or the file cannot
            be read or written; the file is then unchanged.
    """
    target = path.resolve()  # a symlinked registry stays a symlink
    try:
        old = target.read_bytes()
        registry = load_registry(target)
    except RegistryError as error:
        raise RegistryEditError(f"{error}；请先修正名录，再添加单位") from error
    except OSError as error:
        raise RegistryEditError(f"无法读取单位名录 {path}（{error.strerror or error}）") from error
    checked = _checked_all(additions, registry)
    appended = "".join(addition_text(a, day=day, source=source) for a in checked)
    separator = b"" if not old or old.endswith(b"\n") else b"\n"
    try:
        write_atomically(target, old + separator + appended.encode("utf-8"), check=_loads)
    except RegistryError as error:
        raise RegistryEditError(f"添加后单位名录无法读取（{error.detail}），名录未改动") from error
    except OSError as error:
        raise RegistryEditError(
            f"无法写入单位名录 {path}（{error.strerror or error}），名录未改动"
        ) from error
    return load_registry(target)


def _checked_all(additions: Sequence[Addition], registry: Registry) -> list[Addition]:
    """Each addition checked; an alias may name a unit or group added in the same batch."""
    added = {name_key(a.name) for a in additions if not isinstance(a, NewAlias)}
    checked = [
        NewAlias(check_name(a.name, registry), name_key(a.of))
        if isinstance(a, NewAlias) and name_key(a.of) in added
        else _checked(a, registry)
        for a in additions
    ]
    names = [a.name for a in checked]
    repeated = next((n for n in names if names.count(n) > 1), None)
    if repeated is not None:
        raise RegistryEditError(f"“{repeated}”只能添加一次")
    return checked


def _loads(path: Path) -> None:
    load_registry(path)
