"""How much room text takes in a spreadsheet cell: column widths and wrapped row heights. Pure.

Widths are in Excel's column units (the width of a digit of the default font, 7 px at Calibri
11). Cells are set in a CJK font at 11 pt, whose Chinese characters and full-width punctuation
are one em wide: a little over two units; Latin letters and digits take about one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime

__all__ = [
    "DATE_FORMAT",
    "MOMENT_FORMAT",
    "fitted_width",
    "lines",
    "row_height",
    "shown_text",
    "text_width",
]

DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
WIDE_UNITS = 2.1  # a CJK character at 11 pt (one em) in digit widths
PADDING = 1.5  # units a cell keeps free beside its text
LINE_POINTS = 16.5  # one line of 11 pt CJK text, with the fonts' own line gap
ROW_PADDING = 4.0  # points above and below the text
# East Asian wide and full-width characters (CJK, kana, hangul, full-width forms).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def shown_text(value: object) -> str:
    """What a cell shows for `value`: dates and times in the workbook's formats."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text_width(line: str) -> float:
    """The units one line of text takes: wide characters a little over two, others one."""
    wide = len(_WIDE.findall(line))
    return len(line) + wide * (WIDE_UNITS - 1)


def fitted_width(texts: Iterable[str], least: float, most: float) -> float:
    """A column width that shows the longest line of `texts` whole, within [least, most]
    (longer lines wrap)."""
    widest = 0.0
    for text in texts:
        for line in text.split("\n"):
            widest = max(widest, text_width(line))
        if widest + PADDING >= most:
            return most
    return max(least, math.ceil(widest + PADDING))


def lines(text: str, width: float) -> int:
    """About how many lines `text` wraps to in a column `width` units wide."""
    room = max(WIDE_UNITS, width - PADDING)
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))


def row_height(count: int) -> float:
    """The height (points) of a row showing `count` lines of text."""
    return LINE_POINTS * max(1, count) + ROW_PADDING
