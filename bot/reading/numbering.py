"""Task numbers as notices print them, and the numbers a plan gives its tasks.

Knows numbering styles (``1.`` ``1、`` ``1．`` ``（1）`` ``（一）`` ``①`` and a bare ``1`` alone
on a line), not layouts or parties.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.normalize import cjk_to_int

_NUMERAL = "[一二三四五六七八九十]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class Style(StrEnum):
    """A way of printing a task number; headings and tasks use different ones."""

    DOT = "1."  # 1. 1、 1．
    PAREN = "(1)"  # （1） (1)
    CJK_PAREN = "(一)"  # （一） (一)
    CIRCLED = "①"
    BARE = "1"  # a number alone on its line or in its cell


_PATTERNS: tuple[tuple[Style, re.Pattern[str]], ...] = (
    (Style.DOT, re.compile(r"^(\d{1,4})\s*[.．、](?!\d)\s*(.*)$", re.S)),
    (Style.PAREN, re.compile(r"^[（(]\s*(\d{1,4})\s*[）)]\s*(.*)$", re.S)),
    (Style.CJK_PAREN, re.compile(rf"^[（(]({_NUMERAL})[）)]\s*(.*)$", re.S)),
    (Style.CIRCLED, re.compile(rf"^([{_CIRCLED}])\s*(.*)$", re.S)),
)
_BARE = re.compile(r"^(\d{1,3})[.．、]?$")


@dataclass(frozen=True, slots=True)
class TaskNumber:
    """A number at the start of a cell: its value, as printed, its style and the text after it."""

    value: int
    printed: str
    style: Style
    rest: str


def _value(style: Style, digits: str) -> int | None:
    if style is Style.CIRCLED:
        return _CIRCLED.index(digits) + 1
    if style is Style.CJK_PAREN:
        return cjk_to_int(digits)
    return int(digits) or None


def task_number(cell: str, *, bare: bool = False) -> TaskNumber | None:
    """The task number `cell` starts with, if any; ``bare`` also accepts a lone ``1``.

    ``1.5万条`` and ``3．5个工作日`` are decimals, not numbers followed by text.
    """
    if bare:
        match = _BARE.match(cell.strip())
        if match and int(match.group(1)):
            return TaskNumber(int(match.group(1)), match.group(1), Style.BARE, "")
    for style, pattern in _PATTERNS:
        match = pattern.match(cell)
        if match:
            value = _value(style, match.group(1))
            if value is None:
                return None
            # As printed, without the dot or 、 after a plain number (``1.`` → ``1``).
            printed = cell[: match.start(2)].strip() if match.group(2) else cell.strip()
            if style is Style.DOT:
                printed = match.group(1)
            return TaskNumber(value, printed, style, match.group(2))
    return None


def plan_numbers(printed: Sequence[int | None]) -> list[int]:
    """The numbers a plan gives its tasks (the issue's contract).

    The printed numbers when they run once, rising (1…N); otherwise (restarts, repeats, no
    numbers) 1…N in reading order. A gap in a rising run (1, 2, 4) keeps the printed
    numbers, so a missing task shows as a gap rather than as a shift.
    """
    values = [p for p in printed if p is not None]
    rising = len(values) == len(printed) and all(
        b > a for a, b in zip(values, values[1:], strict=False)
    )
    if rising and values:
        return list(values)
    return list(range(1, len(printed) + 1))
