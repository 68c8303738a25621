"""Split a responsibility string (责任单位) into names, each with its role.

Knows the role words of Chinese allocation notices, not any particular office's units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.normalize import name_key
from bot.plan import Role

# Longest first, so 按职责分工落实 is not read as 落实 and 参照落实 not as 落实.
_ROLE_SUFFIXES: tuple[tuple[str, Role], ...] = (
    ("按职责分工落实", Role.RESPONSIBLE),
    ("按职责分工负责", Role.RESPONSIBLE),
    ("按职责落实", Role.RESPONSIBLE),
    ("参照落实", Role.REFERENCE),
    ("参照执行", Role.REFERENCE),
    ("牵头", Role.LEAD),
    ("配合", Role.COOPERATE),
    ("协办", Role.COOPERATE),
    ("负责", Role.RESPONSIBLE),
)
_LABEL_ROLES = {
    "牵头": Role.LEAD,
    "主责": Role.LEAD,
    "配合": Role.COOPERATE,
    "协办": Role.COOPERATE,
    "责任": Role.RESPONSIBLE,
    "参照落实": Role.REFERENCE,
}
_LABEL_WORDS = "|".join(_LABEL_ROLES)
LABEL = re.compile(rf"^({_LABEL_WORDS})(?:单位|部门|科室|处室|主体)?：")


@dataclass(frozen=True, slots=True)
class NamedRole:
    """A name as written in the responsibility string, with the role it was given."""

    name: str
    role: Role


def _clause_role(clause: str) -> tuple[str, Role]:
    label = LABEL.match(clause)
    if label:
        return clause[label.end() :], _LABEL_ROLES[label.group(1)]
    for suffix, role in _ROLE_SUFFIXES:
        if clause.endswith(suffix):
            return clause[: -len(suffix)], role
    return clause, Role.RESPONSIBLE


def split_responsibility(text: str) -> tuple[list[NamedRole], list[str]]:
    """Read names and roles from a responsibility string.

    Clauses are separated by ``，`` or ``；`` (either width); a clause ends in a role word
    (牵头, 配合, 参照落实, 按职责分工落实 …), starts with a label (牵头单位：), or has
    neither and is then ``responsible``. Names inside a clause are separated by ``、``.

    Returns the names in order and the clauses that held no name (for the problem report).
    """
    named: list[NamedRole] = []
    empty: list[str] = []
    for clause in re.split(r"[，；]", name_key(text).rstrip("。")):
        if not clause:
            continue
        names, role = _clause_role(clause)
        parts = [part for part in names.split("、") if part]
        if not parts:
            empty.append(clause)
        named.extend(NamedRole(part, role) for part in parts)
    return named, empty
