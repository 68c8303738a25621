"""The notice's title among the lines above its first section or table. Pure.

A title is a heading, not a sentence: it names the plan (…方案, …要点, …清单 …), carries no
sentence punctuation and is short. It may be printed with spaces between its characters,
broken over two lines, or printed twice (on the cover and above the plan): the last title
found wins, as it heads the plan itself rather than the covering notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.traditional import simplified

TITLE_WORDS = ("方案", "要点", "计划", "清单", "任务表", "分解", "台账", "安排", "分工")
MAX_TITLE = 80
_SENTENCE = re.compile(r"[，。；：:;!！?？]")
_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"\s+")
_NOT_A_TITLE = re.compile(
    r"^(?:[（(][^（）()]*[）)]|附件\s*\d*|\d{4}年\d{1,2}月\d{1,2}日|.*〔\d{4}〕\d+号)$"
)
# A line ending so is a whole name (a letterhead, a signature), not the first half of a title.
_WHOLE_NAME = ("局", "委", "府", "院", "办", "室", "厅", "部", "会", "文件", "中心", "小组")


# A web page's label in 【】 set before the title it repeats: 【重点工作分解】…的通知.
_PAGE_LABEL = re.compile(r"^【[^【】]*】(?=.)")


def tidy_title(line: str) -> str:
    """`line` without the spaces printed beside Chinese characters, other runs made one, and
    without a page's 【label】 before it."""
    return _PAGE_LABEL.sub("", _SPACES.sub(" ", _SPACE_BY_CJK.sub("", line)).strip())


def _heading(line: str) -> bool:
    """True for a line that may be (part of) a title: short, no sentence, no date or 文号."""
    return (
        bool(line)
        and len(line) <= MAX_TITLE
        and not _SENTENCE.search(line)
        and not _NOT_A_TITLE.match(line)
    )


def _names_plan(text: str) -> bool:
    return any(word in simplified(text) for word in TITLE_WORDS)


def _open_bracket(text: str) -> bool:
    return text.count("《") > text.count("》") or text.count("（") > text.count("）")


def notice_title(lines: Sequence[str]) -> str:
    """The title among `lines` (the text above the plan's body, in order), or "" if none.

    Two heading lines in a row are one title when the first leaves a bracket open, or is
    neither a title nor a whole name (a letterhead, a signature) while the two together name
    the plan.
    """
    tidied = [tidy_title(line) for line in lines]
    found = ""
    index = 0
    while index < len(tidied):
        line = tidied[index]
        after = tidied[index + 1] if index + 1 < len(tidied) else ""
        if not _heading(line):
            index += 1
            continue
        joined = line + after
        if (
            _heading(after)
            and _heading(joined)
            and (_open_bracket(line) or not (_names_plan(line) or line.endswith(_WHOLE_NAME)))
            and _names_plan(joined)
        ):
            found, index = joined, index + 2
            continue
        if _names_plan(line):
            found = line
        index += 1
    return found
