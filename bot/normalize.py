"""Text clean-up shared by the loader, the registry and the question parser."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import PurePath

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_HALF_TO_FULL = str.maketrans(
    {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
)
_CJK_DIGITS = "零一二三四五六七八九"
_HALF_BESIDE_CJK = re.compile(rf"(?<=[{_CJK}])[(),;:?!]|[(),;:?!](?=[{_CJK}])")
# Characters that end a line in some editor: CR, CR LF, Word's manual line break (VT), form
# feed, the information separators and NEL. Every other C0 and C1 control, DEL, the two
# non-characters XML refuses and lone surrogates (which UTF-8 cannot hold) are not text at all.
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85]")
# C0 and C1 controls, DEL, non-characters, lone surrogates, and the bidi marks, embeddings,
# overrides and isolates, which let a user's text show itself reversed inside ours.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def strip_markup(text: str) -> str:
    """Remove HTML fragments such as ``<p>…</p>``, entities like ``&nbsp;`` and invisible marks.

    Repeats until nothing changes, so doubly escaped text (``&amp;nbsp;``) and tags hidden
    inside tags come out clean and a second call changes nothing.
    """
    while True:
        cleaned = _INVISIBLE.sub("", html.unescape(_TAG.sub("", text)))
        if cleaned == text:
            return cleaned
        text = cleaned


def printable(text: str) -> str:
    """`text` as it can be shown anywhere: a workbook cell, a chart, a message, the console.

    Line breaks of every kind become ``\\n``; other control characters, DEL, U+FFFE, U+FFFF,
    lone surrogates and bidi controls are dropped. Tabs and ``\\n`` stay. User text is stored as received and
    passed through this where it is rendered.
    """
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def spaced(text: str) -> str:
    """`text` for reading its meaning: every control character is taken for a space."""
    return _CONTROL.sub(" ", text)


def full_width_punctuation(text: str) -> str:
    """Write brackets, commas, semicolons and colons the way the notice's body does (full width)."""
    return text.translate(_HALF_TO_FULL)


def cjk_punctuation(text: str) -> str:
    """Make half-width punctuation next to a Chinese character full width (``工作,主动`` → ``工作，主动``).

    Punctuation between Latin letters or digits (``1,000``) is left alone.
    """
    return _HALF_BESIDE_CJK.sub(lambda m: m.group(0).translate(_HALF_TO_FULL), text)


def tidy_prose(text: str) -> str:
    """Collapse whitespace and drop the stray spaces an export puts around Chinese characters."""
    text = unicodedata.normalize("NFC", text)
    return _SPACE_NEXT_TO_CJK.sub("", _SPACES.sub(" ", text)).strip()


def name_key(name: str) -> str:
    """The canonical spelling of a unit or group name: no spaces, full-width punctuation."""
    return full_width_punctuation(_SPACES.sub("", strip_markup(name)))


def match_key(text: str) -> str:
    """A looser key for fuzzy matching: canonical spelling with Arabic digits as Chinese ones."""
    return "".join(_CJK_DIGITS[int(c)] if c.isdecimal() else c for c in name_key(text))


def cjk_to_int(numeral: str) -> int | None:
    """Read a Chinese numeral up to 99 (``十五`` → 15, ``二十三`` → 23); None if it is not one."""
    if not numeral or any(c not in _CJK_DIGITS + "十〇两" for c in numeral):
        return None
    digits = numeral.replace("〇", "零").replace("两", "二")
    if "十" not in digits:
        return _CJK_DIGITS.index(digits) or None if len(digits) == 1 else None
    tens, _, ones = digits.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (_CJK_DIGITS.index(tens) if tens else 1) * 10 + (
        _CJK_DIGITS.index(ones) if ones else 0
    )
    return value or None


def int_to_cjk(number: int) -> str:
    """Write 1–99 as a Chinese numeral (15 → ``十五``), as section headings do."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _CJK_DIGITS[ones]
    head = "" if tens == 1 else _CJK_DIGITS[tens]
    return head + "十" + (_CJK_DIGITS[ones] if ones else "")


def parse_number(text: str) -> int | None:
    """Read an Arabic (``17``) or Chinese (``十七``) number; None if it is neither."""
    text = text.strip()
    if text.isdecimal():
        return int(text)  # int() reads full-width digits (１７) as well
    return cjk_to_int(text)


_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_filename(filename: str) -> str:
    """The file name without any directory, with characters no file system likes replaced."""
    name = _UNSAFE_IN_FILENAME.sub("_", PurePath(filename.replace("\\", "/")).name).strip(" .")
    return name or "notice"
