"""The simple-form rule: which reports are recorded at once, and which are confirmed first.

A wrong record is worse than a question, and no set of reading rules reads every unseen line
right. So a report is recorded at once only when its line is made of simple report clauses
alone, each:

* one task reference (``第8项``, ``第3、5项``: the canonical form of any accepted writing),
* then only a clear status word (已完成, 办结了, 进行中, 正在推进, 有困难, 卡住了 …), perhaps
  after 工作 / 任务 or a short object and before one (``第1项 已完成规划公开``, ``第24项：目录
  正在编制``, ``第17项有困难：缺少经费``),
* saying the status the grammar read, with nothing that could change it: no list marker, no
  unit or group named, no number, count or percentage, no negation, no hedge, condition,
  plan, part or contrast, no second task, no clause that is not such a report, and at most
  `MAX_CLAUSE` characters.

Every other report of the grammar is proposed with one press to confirm (`Unsure` says which
part of the rule the line breaks); a line of several reports is confirmed as a whole when any
of them is not simple.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.grammar.intents import Intent, Report, Unsure
from bot.grammar.safety import COUNT
from bot.grammar.taskrefs import CANONICAL, numbers, unmarked, widen
from bot.grammar.vocabulary import Vocabulary
from bot.grammar.written import rewritten
from bot.ledger.reports import Status

_TOLD_ELSEWHERE = 0  # the task of a report that names none (no task is numbered 0)
MIN_NAME = 2  # characters of a unit's name worth looking for
MAX_CLAUSE = 24  # characters of one simple report clause, task references included
MAX_OBJECT = 10  # characters of what was done or is going on, before or after the word
_JOINED = r"\s*(?:、|和|与|及|跟)\s*"
_REFS = rf"{CANONICAL.pattern}(?:{_JOINED}{CANONICAL.pattern.replace('(?P<list>', '(?:')})*"
# A clause ends at a separator, or before a task reference not joined to the one before it.
_CLAUSE_END = re.compile(
    r"[，,；;。！!.\n]+|(?<![、和与及跟])(?<![、和与及跟]\s)(?=第[^项]{1,12}项)"
)
_ALREADY = r"(?:已经?|[己以]经?|均已|都已|全部|已经?全部|都|均)?(?:按要求|按时|按期|如期|顺利)?"
_WORDS = {
    Status.DONE: rf"{_ALREADY}(?:完成|办结|做完|办完|弄完|搞定|完毕)(?:了|啦)?|done|finished"
    r"|(?:已经?)?(?:弄好|做好|办好|搞完|ok|OK)了(?=[了啦哈啊呀~～\s]*$)",
    Status.ONGOING: r"(?:都|均|也)?(?:(?:正在|还在|一直在|在)(?:做|弄|办|推进|办理|处理|落实|进行|跟进)中?"
    r"|正在进行中|正在|(?:持续|稳步|正常|有序)推进中?|推进中|进行中|进展中|跟进中|办理中|处理中"
    r"|doing|in progress)",
    Status.BLOCKED: r"(?:有|遇到|存在)(?:一些|些|点)?困难|卡住了?|推进困难|难度(?:很|较|比较|非常)?大",
}
_SIMPLE = re.compile(
    rf"^(?:{_REFS})[：:\s]*(?:的?(?:工作|任务))?(?P<before>[\u4e00-\u9fffA-Za-z]{{0,{MAX_OBJECT}}}?)\s*"
    + "(?:"
    + "|".join(f"(?P<{s.name}>{w})" for s, w in _WORDS.items())
    + rf")[：:\s]*(?P<after>[\u4e00-\u9fffA-Za-z]{{0,{MAX_OBJECT}}}?)[了啦呢哈啊呀~～\s]*$",
    re.I,
)
_ONLY_REFS = re.compile(rf"(?:{_REFS})[：:\s]*")
_NEGATION = re.compile(r"[不没未无非别勿]")
# A hedge, condition, plan, part or contrast: words that could change the status said.
_HEDGE = re.compile(
    r"[吧吗么？?/／]|应该|可能|好像|大概|估计|也许|似乎|差不多|基本|初步|大体|部分|一半|大半"
    r"|阶段|初稿|草案|框架|方案|计划|准备|打算|预计|争取|即将|马上|快|如果|若|要是|假如|除非|只要"
    r"|[之以]?[前后]|待|还差|但|不过|只是|其余|剩|其中|分别|或|还是|先|再|又"
)
# Words of another status in what was done (已完成初稿, 在做完成前的准备).
_OTHER_STATUS = re.compile(r"完成|办结|进行|推进|正在|在做|困难|已|还")


def _number(text: str) -> bool:
    return re.search(r"[0-9%％]", text) is not None or COUNT.search(text) is not None


def _why_not(clause: str) -> Unsure | tuple[tuple[int, ...], Status]:
    """What one clause says when it is a simple report: its tasks and status; else why not."""
    refs = list(CANONICAL.finditer(clause))
    if not refs:
        return Unsure.CLAUSES
    rest = CANONICAL.sub("", clause)
    if len(clause) > MAX_CLAUSE:
        return Unsure.LONG
    if _number(rest):
        return Unsure.NUMBER
    if _NEGATION.search(rest):
        return Unsure.NEGATION
    if _HEDGE.search(rest):
        return Unsure.HEDGE
    simple = _SIMPLE.match(clause)
    if simple is None and len(refs) > 1:
        return Unsure.TASKS
    if simple is None or _OTHER_STATUS.search(simple["before"] + simple["after"]):
        return Unsure.WORDING
    status = next(s for s in _WORDS if simple[s.name] is not None)
    return tuple(n for ref in refs for n in numbers(ref["list"])), status


def _clauses(text: str) -> list[str]:
    """`text` cut into clauses; a task reference alone (``第27项,已完成``) opens the next."""
    clauses: list[str] = []
    for clause in (c.strip() for c in _CLAUSE_END.split(text) if c.strip()):
        if clauses and _ONLY_REFS.fullmatch(clauses[-1]):
            clause = f"{clauses.pop()}：{clause}"
        clauses.append(clause)
    return clauses


def unsure(
    line: str, text: str, reports: Sequence[Report], units: Sequence[str] = ()
) -> Unsure | None:
    """Why the `reports` read from `text` (the read form of the typed `line`) are confirmed
    before they are recorded; None when they are all simple and recorded at once. Reports
    naming no task (a reply to a nudge: its task is the nudge's) are judged as if the line
    opened with their task. `units` are the names (and other names) of the units and groups."""
    if unmarked(widen(line)) != widen(line):
        return Unsure.LIST
    if rewritten(line):
        return Unsure.SPELLING
    if any(name in text for name in units):
        return Unsure.UNIT
    if all(r.task is None for r in reports):
        text = f"第{_TOLD_ELSEWHERE}项{text}"
    said: list[tuple[int | None, Status]] = []
    for clause in _clauses(text):
        told = _why_not(clause)
        if isinstance(told, Unsure):
            return told
        said += [(None if t == _TOLD_ELSEWHERE else t, told[1]) for t in told[0]]
    if said != [(r.task, r.status) for r in reports]:
        return Unsure.WORDING
    return None


def unit_names(vocabulary: Vocabulary) -> tuple[str, ...]:
    """Every name of a unit or group a report could mention (two characters or more)."""
    named = (*vocabulary.units, *vocabulary.groups)
    return tuple(n for u in named for n in (u.name, *u.aliases) if len(n) >= MIN_NAME)


def settle(line: str, text: str, read: Sequence[Intent], vocabulary: Vocabulary) -> list[Intent]:
    """`read` with every report marked simple or not, by the line as a whole: a line of
    several reports is confirmed together when any of them is not simple."""
    reports = [i for i in read if isinstance(i, Report)]
    why = unsure(line, text, reports, unit_names(vocabulary)) if reports else None
    if why is None:
        return list(read)
    return [replace(i, unsure=why) if isinstance(i, Report) else i for i in read]
