"""Rule "units separated by spaces": a table cell listing units with a space between them.

Only cells of rows of several cells are cut (a line of prose or a signature is no list). Pages
print a 责任单位 cell as ``安监站 安监所`` or ``县教体局 各相关乡镇政府``; the text export
keeps the spaces, which later tidying would drop, joining the names into one. A cell is cut
at its spaces only when every piece reads as a unit name (by its ending and by what
`bot.registry.kinds` says of it); a space with a piece on either side that is no unit name is an
export's (a name wrapped in its cell) and is closed up. Nothing else is cut, so a requirement
with spaces stays as it is.

Rule "run-together units": in such a list, a piece that is a unit name printed separately
elsewhere in the notice with another unit name run onto it (``派出所工商质监所`` beside
``工商质监所``) is cut in two. Both rules list the cuts they are not sure of as 待确认.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.normalize import strip_markup
from bot.plan import Problem
from bot.reading.responsibility import is_unit_name
from bot.registry.kinds import is_collective, usual_kind

Row = tuple[int, Sequence[str]]
_ROLE_TAIL = re.compile(r"(?:牵头|配合|负责|协办|主办|参与|落实)+$")
_WORD = re.compile(r"^[^\W_（(][\w（）()]*$")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_SHORT = 2  # a piece this short (市委, 各科) may be the first half of a wrapped name
_KNOWN_MIN = 4  # a name run onto another must be this long to be recognised in it
_SHORT_WHY = "以空格分开的“{text}”按一个单位读，其中一段很短，也可能是两个单位（待确认）"
_RUN_WHY = "“{name}”按本通知另列的“{known}”分为“{first}”“{second}”两个单位（待确认）"


def _unit_word(bare: str) -> bool:
    """True for a whole word (no punctuation, no bracket left open or at its start) with a
    unit ending and a kind, or a collective."""
    return (
        bool(_WORD.match(bare))
        and bare.count("（") + bare.count("(") == bare.count("）") + bare.count(")")
        and is_unit_name(bare)
        and (usual_kind(bare) is not None or is_collective(bare))
    )


def _core(name: str) -> str:
    """`name` without a role word after it and without its brackets, to measure it."""
    return _BRACKETED.sub("", _ROLE_TAIL.sub("", name))


def looks_like_unit(name: str) -> bool:
    """True for a piece that names a body, and is long enough to be a whole name."""
    return len(_core(name)) > _SHORT and _unit_word(_ROLE_TAIL.sub("", name))


def _short_unit(name: str) -> bool:
    """True for a two-character piece that would name a body (市委, 各科): maybe a name's
    first half that the export wrapped, maybe a unit."""
    return len(_core(name)) == _SHORT and _unit_word(_ROLE_TAIL.sub("", name))


def _cut(cell: str) -> tuple[list[str], list[str]] | None:
    """A cell's unit names, cut at the spaces between two of them, and the pairs closed up
    although both might be units; None when the cell does not list units."""
    pieces = strip_markup(cell).split()
    if len(pieces) < 2:
        return None
    names, doubts = [pieces[0]], []
    for piece in pieces[1:]:
        if looks_like_unit(names[-1]) and looks_like_unit(piece):
            names.append(piece)
            continue
        before, after = names[-1], piece
        if (_short_unit(before) and looks_like_unit(after)) or (
            looks_like_unit(before) and _short_unit(after)
        ):
            doubts.append(f"{before} {after}")
        names[-1] += piece  # a wrapped name
    return (names, doubts) if all(map(looks_like_unit, names)) else None


def spaced_units(cell: str) -> list[str] | None:
    """The names of a cell that lists units separated by spaces; None for any other cell."""
    found = _cut(cell)
    return found[0] if found is not None and len(found[0]) > 1 else None


def _run_together(name: str, known: set[str]) -> tuple[str, str, str] | None:
    """(first, second, the known one) when `name` is two unit names run together."""
    for other in sorted(known, key=len, reverse=True):
        if (
            len(other) < _KNOWN_MIN
            or other == name
            or other not in (name[: len(other)], name[-len(other) :])
        ):
            continue
        first, second = (
            (other, name[len(other) :])
            if name.startswith(other)
            else (
                name[: -len(other)],
                other,
            )
        )
        rest = second if first == other else first
        if len(rest) > _SHORT and looks_like_unit(rest):
            return first, second, other
    return None


def _list_text(line: int, names: list[str], known: set[str]) -> tuple[str, list[Problem]]:
    """The names written with ``、``, two names run together cut apart, and those cuts."""
    cut: list[str] = []
    problems = []
    for name in names:
        found = _run_together(name, known - {name})
        if found is None:
            cut.append(name)
            continue
        first, second, other = found
        cut += [first, second]
        why = _RUN_WHY.format(name=name, known=other, first=first, second=second)
        problems.append(Problem(line, name, why))
    return "、".join(cut), problems


def split_spaced_units(rows: Iterable[Row]) -> tuple[list[Row], list[Problem]]:
    """The rows with every space-separated unit list written with ``、``, and the 待确认
    problems for the readings that may be wrong."""
    rows = list(rows)
    lists: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    known: set[str] = set()
    for at, (_, cells) in enumerate(rows):
        for column, cell in enumerate(cells):
            found = _cut(cell) if len(cells) > 1 else None
            if found is not None:
                lists[at, column] = found
                known.update(found[0])
            elif looks_like_unit(bare := "".join(strip_markup(cell).split())):
                known.add(bare)
    out: list[Row] = [(line, list(cells)) for line, cells in rows]
    problems: list[Problem] = []
    for (at, column), (names, doubts) in lists.items():
        line, cells = out[at]
        problems += [Problem(line, d, _SHORT_WHY.format(text=d)) for d in doubts]
        cells[column], cut = _list_text(line, names, known)
        problems += cut
    return out, problems
