"""What a person typed, kept in the 台账: each report's own words as written.

The grammar reads a rewritten line (Cantonese as Mandarin, 己 as 已, spaces as "，", emoji
dropped), and a report intent's `text` is that rewritten part. `Typed.part` finds the same
part in the line as typed: the stretch of the typed line its characters align with, after the
part found before it (several reports in one line are found in order). A part too little of
which aligns (a reordered sentence) is kept as the whole line typed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

MIN_ALIGNED = 1 / 3  # share of a part's characters that must be found in the typed line
# A part ends before a separator or the next task and never begins inside a task reference
# (第17项|做紧, 搞掂咗|，第10项); it keeps the words the grammar dropped up to there (做紧).
_EDGE = re.compile(r"[第0-9０-９项条項條号\s，,：:；;。！!？?]")


class Typed:
    """The line as typed, read part by part in the order the grammar found the parts."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._cursor = 0
        self._last: tuple[str, str] | None = None

    def part(self, rewritten: str) -> str:
        """The typed words of the part the grammar read as `rewritten`; the same rewritten
        words twice in a row (第3、5项已完成) are the same typed words."""
        if not rewritten.strip():
            return rewritten
        if self._last is not None and self._last[0] == rewritten:
            return self._last[1]
        found = self._align(rewritten)
        self._last = (rewritten, found)
        return found

    def _align(self, rewritten: str) -> str:
        rest = self.line[self._cursor :]
        blocks = [
            b
            for b in SequenceMatcher(None, rest, rewritten, autojunk=False).get_matching_blocks()
            if b.size
        ]
        if sum(b.size for b in blocks) < MIN_ALIGNED * len(rewritten.strip()):
            return self.line.strip()
        first, last = blocks[0], blocks[-1]
        start = first.a
        for _ in range(first.b):
            if start == 0 or _EDGE.match(rest[start - 1]):
                break
            start -= 1
        end = last.a + last.size
        while end < len(rest) and not _EDGE.match(rest[end]):
            end += 1
        self._cursor += end
        return rest[start:end].strip() or self.line.strip()
