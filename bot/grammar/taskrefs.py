"""Task references as people write them, rewritten to the one form ``第N项``.

Reads 第24项, 第24条, 第24項, 第 24 项, 第二十四项, ２４ (full width), 24项 at the start of a
clause, 任务24, 24号任务, 序号27, #27, No.28, 【第1项】 (a work log's bracket), numbers spaced apart opening a line (``13 16 已完成``),
and lists (第8、10项, 8、10项, 第3至5项), and one number opening a line, set apart by a space
before a status word (``28 进行中``). A bare ``N条`` is never a
task (``已办结留言128条``) unless it opens a question about what it says (``三十一条讲的啥``),
nor ``N项`` inside a clause (``完成3项``).

A list marker (``一、``, ``1.``, ``2）``, ``(3)``, ``①``) opening a clause numbers the
writer's points, never a task: it is dropped before anything else is read, unless a task
number follows it (``8、10项`` is a list of tasks). A circled number (``①…②…``) is a list
marker wherever it stands: inside a line it ends the point before it. Slips: ``弟17项`` and
``笫23项`` (弟, 笫 for 第), ``第二十四向`` and ``第33像`` (向, 像 for 项) are task references, and
so are formal numerals (``第叁拾项``, ``第拾伍项``: 壹 … 玖, 拾 as 一 … 九, 十). References said
one after another (``第二十五项第二十六项``) are one list.
"""

from __future__ import annotations

import re

from bot.normalize import parse_number

_WIDE = str.maketrans("０１２３４５６７８９項條", "0123456789项条")
NUM = r"[0-9]{1,3}|[〇零一二两三四五六七八九十]{1,4}"
_RANGE = r"\s*(?:-|－|—|~|～|至|到)\s*"
_ITEM = rf"(?:{NUM})(?:{_RANGE}(?:{NUM}))?"
_LIST = rf"{_ITEM}(?:\s*(?:、|,|，|和|与|及)\s*第?\s*{_ITEM})*"
_CLAUSE_START = r"(?:(?<=^)|(?<=[\s,，;；。:：!！?？]))"
_FORMS = (
    re.compile(rf"第\s*(?P<list>{_LIST})\s*[项条]"),
    re.compile(rf"{_CLAUSE_START}(?P<list>{_LIST})\s*项(?!目)"),
    re.compile(r"任务\s*第?\s*(?P<list>[0-9]{1,3}|[一二三四五六七八九十]{1,4})(?:\s*[号项])?"),
    re.compile(rf"(?P<list>{NUM})\s*号\s*任务"),
    # ``三十一条讲的啥``: N条 opening a question about what it says
    re.compile(rf"^(?P<list>{NUM})\s*条(?=\s*(?:讲|说|写|是|的?具体|的?内容|什么|啥))"),
    re.compile(
        r"(?:序号|编号|[#＃]|(?<![A-Za-z])[Nn][Oo]\.?)\s*(?P<list>[0-9]{1,3})(?:\s*[号项])?(?![0-9])"
    ),
)
# ``【第1项】…``, ``[第10项]…``: a work log's bracketed task opens its report.
_BRACKETED = re.compile(r"[【\[〔［]\s*(?P<ref>第[^】\]〕］]{1,12}项)\s*[】\]〕］][：:\s]*")
# ``13 16 已完成``: task numbers only spaced apart, opening the line before its words;
# ``28 进行中``: one number, spaced apart before a status word.
_STATUS_WORD = r"已|正在|进行|在做|完成|办结|有困难|卡住|搞定|还没|未完成|尚未"
_SPACED = re.compile(
    r"^\s*(?P<list>[0-9]{1,3}(?:\s+[0-9]{1,3})+)\s*(?=[\u4e00-\u9fff])"
    rf"|^\s*(?P<one>[0-9]{{1,3}})\s+(?=(?:{_STATUS_WORD}))"
)
_MARKER = re.compile(
    rf"{_CLAUSE_START}(?:[一二三四五六七八九十]{{1,3}}、|[0-9]{{1,2}}\s*[.．、)）](?![0-9])"
    r"|[(（]\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|[\u2460-\u2473\u2776-\u277f])"
    rf"\s*(?!\s*(?:{NUM})\s*(?:[、,，和与及项条]|{_RANGE}))(?=\s*[^\s。.！!？?])"
)
_CIRCLED_INSIDE = re.compile(r"(?<=[^\s，,；;。:：!！?？])\s*(?=[\u2460-\u2473\u2776-\u277f])")
_FORMAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")
_FORMAL_REF = re.compile(r"(?<=[第弟笫])\s*[壹贰叁肆伍陆柒捌玖拾]{1,4}(?=\s*[项条像向])")
_SLIPS = (
    (re.compile(rf"[弟笫](?=\s*(?:{NUM})\s*[项条像向])"), "第"),
    (re.compile(rf"(?<=第)(?P<n>\s*(?:{NUM})\s*)[向像]"), r"\g<n>项"),
)
# Since round 6: slips read through (笫, 像) and formal numerals, proposed, never recorded at once.
_LATER_SLIPS = re.compile(rf"笫(?=\s*(?:{NUM})\s*[项条])|(?<=第)\s*(?:{NUM})\s*像")
_BARE = re.compile(r"\s*([0-9]{1,3})\s*[。.！!？?]*")
_NUMBERS = re.compile(rf"({NUM})(?:{_RANGE}({NUM}))?")
CANONICAL = re.compile(rf"第(?P<list>{_LIST})项")


def widen(text: str) -> str:
    """Full-width digits as ASCII and 項/條 as 项/条, so one set of patterns reads all."""
    return text.translate(_WIDE)


def _tidy_list(raw: str) -> str:
    return re.sub(r"\s+|第", "", raw)


def unmarked(text: str) -> str:
    """`text` without the list markers numbering its points (``一、第9项…；二、第16项…``)."""
    return _MARKER.sub("", _CIRCLED_INSIDE.sub("；", text))


def read_through(text: str) -> bool:
    """True when a task reference in `text` is read through a slip (笫, 像), formal numerals
    (第叁拾项) or from references said in a row (第25项第26项)."""
    typed = widen(text)
    return bool(
        _LATER_SLIPS.search(typed) or _FORMAL_REF.search(typed) or _ADJACENT.search(_refs(typed))
    )


def canonical(text: str) -> str:
    """`text` with every task reference written ``第N项`` (lists as ``第8、10项``)."""
    text = _refs(text)
    while _ADJACENT.search(text):
        text = _ADJACENT.sub(r"第\g<a>、\g<b>项", text, count=1)
    return text


def _refs(text: str) -> str:
    text = _FORMAL_REF.sub(lambda m: m.group().translate(_FORMAL), widen(text))
    for slip, meant in _SLIPS:
        text = slip.sub(meant, text)
    text = unmarked(text)
    if _BARE.fullmatch(text):
        return f"第{text.strip(' 。.！!？?')}项"
    text = _SPACED.sub(lambda m: f"第{'、'.join((m['list'] or m['one']).split())}项", text)
    for form in _FORMS:
        text = form.sub(lambda m: f"第{_tidy_list(m['list'])}项", text)
    return _BRACKETED.sub(lambda m: f"{m['ref']}：", text)


# ``第二十五项第二十六项``: references said one after another, nothing between, are one list.
_ADJACENT = re.compile(rf"第(?P<a>{_LIST})项\s*第(?P<b>{_LIST})项")


def numbers(listed: str) -> tuple[int, ...]:
    """The task numbers of a list such as ``8、10`` or ``3至5``, in order, without repeats."""
    found: list[int] = []
    for item in _NUMBERS.finditer(listed):
        first = parse_number(item.group(1))
        last = parse_number(item.group(2)) if item.group(2) else first
        if first is None or last is None:
            continue
        found += [n for n in range(first, max(first, last) + 1) if n not in found]
    return tuple(found)


def tasks_in(text: str) -> tuple[int, ...]:
    """Every task number a canonical text names, in order."""
    found: list[int] = []
    for ref in CANONICAL.finditer(text):
        found += [n for n in numbers(ref["list"]) if n not in found]
    return tuple(found)
