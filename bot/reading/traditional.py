"""Traditional characters made simplified, for matching only. Pure.

A notice mirrored in traditional characters (牽頭單位：州行政審批服務局) is read with the same
label, role, date and title words as a simplified one, while names stay as printed (the
answer keys keep them so). The tables are OpenCC's t2s (opencc-python-reimplemented): every
phrase and character maps to one of the same length, so a position in the simplified text
is the same position in the printed one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")


@lru_cache(maxsize=8192)
def simplified(text: str) -> str:
    """`text` in simplified characters, of the same length (for matching, never for names)."""
    converted = _T2S.convert(text)
    return converted if len(converted) == len(text) else text


def without_matches(pattern: re.Pattern[str], text: str) -> str:
    """`text` as printed with every span `pattern` finds in its simplified form removed."""
    kept, start = [], 0
    for match in pattern.finditer(simplified(text)):
        kept.append(text[start : match.start()])
        start = match.end()
    return "".join(kept) + text[start:]
