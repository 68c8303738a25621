"""Written forms read as the simplified words the other rules know, before anything is read.

* Traditional characters (``第十一項有困難``, ``我們配合的任務``, ``暫停提醒``) as simplified,
  by OpenCC's t2s table (`bot.reading.traditional`), one character for one;
* slips of the pen that a reader reads through: ``进形中`` (形 for 行), ``完城`` (城 for 成).

Task references written with slips or formal numerals (``笫23项``, ``第33像``, ``第叁拾项``)
are read in `bot.grammar.taskrefs`.
"""

from __future__ import annotations

import re

from bot.grammar.spoken import filler, mandarin
from bot.grammar.taskrefs import read_through, widen
from bot.reading.traditional import simplified

_SLIPS = (
    (re.compile("进形"), "进行"),
    (re.compile("完城"), "完成"),
)


def written(text: str) -> str:
    """`text` in simplified characters, with the common slips of the pen read as meant."""
    text = simplified(text)
    for slip, meant in _SLIPS:
        text = slip.sub(meant, text)
    return text


def rewritten(line: str) -> bool:
    """True when the typed `line` is read through another script, a slip of the pen, formal
    numerals, task references said in a row or a filler: what it says is then proposed with
    one press, never recorded at once (项 for 項 was always read as typed)."""
    spoken = mandarin(widen(line))
    return written(spoken) != spoken or read_through(line) or filler(line)
