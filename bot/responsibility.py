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
    ("分别牵头", Role.LEAD),
    ("牵头落实", Role.LEAD),
    ("牵头负责", Role.LEAD),
    ("配合落实", Role.COOPERATE),
    ("负责落实", Role.RESPONSIBLE),
    ("牵头", Role.LEAD),
    ("主办", Role.LEAD),
    ("配合", Role.COOPERATE),
    ("协办", Role.COOPERATE),
    ("参与", Role.COOPERATE),
    ("负责", Role.RESPONSIBLE),
    ("落实", Role.RESPONSIBLE),
)
# A note that makes the first-listed unit the lead from where it stands on.
FIRST_IS_LEAD = re.compile(
    r"[（(]?[^（()）]{0,6}(?:列|排)?(?:第一位|首位|第一个)[^（()）]{0,4}为牵头单位[^（()）]{0,8}[）)]?"
)
_SOME_OTHERS = re.compile(r"等(?=(?:其他)?(?:有关|相关)\S*$)")
_LABEL_ROLES = {
    "牵头": Role.LEAD,
    "主责": Role.LEAD,
    "主办": Role.LEAD,
    "负责": Role.RESPONSIBLE,
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


PLACEHOLDERS = frozenset({"/", "／", "-", "—", "——", "－", "–", "无", "暂无", "/无"})


def _strip_role_word(names: str, default: Role) -> tuple[str, Role]:
    for suffix, role in _ROLE_SUFFIXES:
        if names.endswith(suffix):
            # 分别 (each) and 按职责分工 (by their duties) qualify the role word before them.
            return names[: -len(suffix)].removesuffix("分别").removesuffix("按职责分工"), role
    return names, default


def split_names(names: str) -> list[str]:
    """Split ``甲、乙、各县（市、区）分局`` on ``、``, never inside brackets."""
    parts, depth, current = [], 0, []
    for char in names:
        depth += char in "（(〔["
        depth -= depth > 0 and char in "）)〕]"
        if char == "、" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    if parts:
        # …等有关部门 names the units and the group; a bare trailing 等 adds nothing.
        head, _, group = _SOME_OTHERS.sub("\0", parts[-1]).partition("\0")
        parts[-1:] = [head, group] if group else [head.removesuffix("等")]
    return [p for p in parts if p and p not in PLACEHOLDERS]


def split_responsibility(text: str) -> tuple[list[NamedRole], list[str]]:
    """Read names and roles from a responsibility string.

    Segments are separated by ``；`` and clauses within a segment by ``，`` (either width).
    A clause ending in a role word (牵头, 配合, 参照落实, 按职责分工落实 …) takes that role;
    a label (牵头单位：, 责任单位：) gives its role to the clauses after it in the same
    segment, so ``配合单位：甲，乙`` makes both cooperate; otherwise the role is
    ``responsible``. Names inside a clause are separated by ``、``.

    Returns the names in order and the clauses that held no name (for the problem report).
    """
    named: list[NamedRole] = []
    empty: list[str] = []
    for segment in name_key(text).rstrip("。").split("；"):
        carried = Role.RESPONSIBLE
        for clause in segment.split("，"):
            if not clause or clause in PLACEHOLDERS:
                continue
            label = LABEL.match(clause)
            if label:
                carried = _LABEL_ROLES[label.group(1)]
            names, role = _strip_role_word(clause[label.end() :] if label else clause, carried)
            parts = split_names(names)
            if not parts:
                empty.append(clause)
            named.extend(NamedRole(part, role) for part in parts)
    return named, empty
