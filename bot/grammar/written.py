"""Written forms read as the simplified words the other rules know, before anything is read.

* Traditional characters (``第十一項有困難``, ``我們配合的任務``, ``暫停提醒``) as simplified,
  by OpenCC's t2s table (`bot.reading.traditional`), one character for one;
* slips of the pen that a reader reads through: ``进形中`` (形 for 行), ``完城`` (城 for 成).

Task references written with slips or formal numerals (``笫23项``, ``第33像``, ``第叁拾项``)
are read in `bot.grammar.taskrefs`.
"""

from __future__ import annotations

import re

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
