"""Responsibility notes written inside a paragraph: which bracket is a note, and where they are.

A note names units with a label (责任单位：…) or with role words (甲牵头，乙配合); it may hold
time clauses (6月底前完成) and a scope note (以下均需…落实，不再列出), which are read elsewhere.
"""

from __future__ import annotations

import re

from bot.normalize import name_key
from bot.reading.layout import time_clauses
from bot.reading.responsibility import LABEL, SAME_BELOW_NOTE, SCOPE_NOTE, is_role_note
from bot.reading.traditional import simplified, without_matches

OPENERS = "（(〔[【"
CLOSERS = "）)〕]】"
_SENTENCE_GAP = re.compile(r"[。；]*；[。；]*|。+")


def without_scope_notes(note: str) -> str:
    """`note` with its scope notes taken out; the sentences around one are kept apart by ``；``."""
    for pattern in (SCOPE_NOTE, SAME_BELOW_NOTE):
        note = without_matches(pattern, note)
    return _SENTENCE_GAP.sub("；", note).strip("；")


def is_party_note(inner: str) -> bool:
    """True if a bracket's content `inner` is a responsibility note."""
    key = name_key(inner)
    units = without_scope_notes(time_clauses(key)[0])
    return bool(LABEL.match(simplified(key)) or (units and is_role_note(units)))


def top_brackets(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the outermost brackets in `text`, closers included."""
    spans, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in OPENERS:
            start = index if depth == 0 else start
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def mid_notes(text: str) -> tuple[str, list[str]]:
    """Rule "a note after each sentence": ``甲事。〔市甲局牵头〕乙事。`` → the text without
    every bracketed responsibility note inside it, and those notes in order. A bracket
    that is no note (（AQI达标率）, 〔2018〕) stays in the text."""
    kept, notes, last = [], [], 0
    for start, end in top_brackets(text):
        inner = text[start + 1 : end - 1]
        if is_party_note(inner):
            kept.append(text[last:start])
            notes.append(inner)
            last = end
    return "".join(kept) + text[last:], notes
