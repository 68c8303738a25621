"""The notice's title among the lines above its first section or table. Pure.

A title is a heading, not a sentence: it names the plan (…方案, …要点, …清单 …), carries no
sentence punctuation and is short. It may be printed with spaces between its characters,
broken over two lines, or printed twice (on the cover and above the plan): the last title
found wins, as it heads the plan itself rather than the covering notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.reading.traditional import simplified

TITLE_WORDS = ("方案", "要点", "计划", "清单", "任务表", "分解", "台账", "安排", "分工")
MAX_TITLE = 80
_SENTENCE = re.compile(r"[，。；：:;!！?？]")
_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"\s+")
_NOT_A_TITLE = re.compile(
    r"^(?:[（(][^（）()]*[）)]|附件\s*\d*|\d{4}年\d{1,2}月\d{1,2}日|.*〔\d{4}〕\d+号"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
# A page's metadata (the 政府信息公开 box: 索引号 …, 成文日期 2021-04-20, 有效性) is no title.
_METADATA = re.compile(
    r"^(?:索引号|公开方式|公开范围|公开时限|发布机构|组配分类|主题分类|成文日期|废止日期|有效性"
    r"|发布日期)|\d{4}-\d{1,2}-\d{1,2}"
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
        and not _METADATA.search(line.replace(" ", ""))
    )


def _names_plan(text: str) -> bool:
    return any(word in simplified(text) for word in TITLE_WORDS)


def _open_bracket(text: str) -> bool:
    return text.count("《") > text.count("》") or text.count("（") > text.count("）")


_MAX_TITLE_LINES = 3
_PART_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _broken_title(tidied: Sequence[str], index: int) -> tuple[str, int]:
    """The title broken over two or three heading lines from `index`, and how many lines it
    takes; ("", 0) if none. Each line but the last must leave the title unfinished: a
    bracket open, or neither naming the plan nor ending as a whole name."""
    joined = tidied[index]
    for count in range(2, _MAX_TITLE_LINES + 1):
        if index + count > len(tidied):
            break
        unfinished = _open_bracket(joined) or not (
            _names_plan(joined) or joined.endswith(_WHOLE_NAME)
        )
        after = tidied[index + count - 1]
        if not (unfinished and _heading(after) and _heading(joined + after)):
            break
        joined += after
        if _names_plan(joined) and not _open_bracket(joined):
            return joined, count
    return "", 0


def notice_title(lines: Sequence[str]) -> str:
    """The title among `lines` (the text above the plan's body, in order), or "" if none.

    Rule "part heading": a line numbered as a part of the text (一、专项整治安排表) names the
    plan only when no other line does. Two or three heading lines in a row are one title when each but the last leaves a
    bracket open, or is neither a title nor a whole name (a letterhead, a signature), while
    all together name the plan.
    """
    tidied = [tidy_title(line) for line in lines]
    found, part = "", ""
    index = 0
    while index < len(tidied):
        line = tidied[index]
        if not _heading(line):
            index += 1
            continue
        broken, count = _broken_title(tidied, index)
        if broken:
            found, index = broken, index + count
            continue
        if _names_plan(line) and _PART_HEADING.match(line):
            part = line
        elif _names_plan(line):
            found = line
        index += 1
    return found or part
