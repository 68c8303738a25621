"""A leader's 批示 in words: ``批示 第24项：请抓紧推进``, ``第24项批示：…``, ``对第24项批示：…``.

The keyword 批示 opens the line (after 领导, or right after the task it is on); its words are
kept as typed (a 批示 may well ask: ``批示 第24项：为何逾期？请说明``). A line that opens
with 批示 but names no task and asks (``批示怎么写``) is a question, as is ``第24项的批示是
什么``. A line replied to the weekly digest names its task without the keyword
(``第24项：请抓紧推进``): `on_task`.
"""

from __future__ import annotations

import re

from bot.grammar.intents import Instruction
from bot.grammar.safety import asks
from bot.grammar.taskrefs import CANONICAL, canonical, numbers

_SEPARATORS = " \t\u3000，,：:；;。、"
# The keyword stands alone: a separator, the task or the end follows (批示精神已传达 reports).
_KEYWORD_FIRST = re.compile(
    r"^(?:领导|我的|作出|做出)?批示(?:如下|意见)?(?=[\s，,：:]|第|[0-9]|$)[\s，,：:]*"
)
# 第24项批示：…, 对第24项批示 …: the keyword then a separator (第24项批示是什么 asks).
_TASK_FIRST = re.compile(
    r"^(?:对|关于|就)?\s*(?P<ref>第[^项]{1,20}项)\s*(?:的)?(?:领导)?批示(?:如下)?[\s，,：:]+"
)
_OPENING_REF = re.compile(rf"^(?:对|关于|就)?\s*{CANONICAL.pattern}[\s，,：:]*")
# 批示 24 请抓紧: a bare number right after the keyword, as in /instruct 24.
_BARE_NUMBER = re.compile(r"^(?P<list>[0-9]{1,3})(?:[\s，,：:]+|$)")


def _first(listed: str) -> int | None:
    found = numbers(listed)
    return found[0] if found else None


def _typed_after(line: str, head: str) -> str:
    """The words of `line` as typed after its opening part, whose canonical form is `head`
    (the keyword and the task reference as the grammar reads them)."""
    wanted = head.rstrip(_SEPARATORS)
    found = None  # the last prefix of the first run that reads as `head` (24 → 第24项 too)
    for end in range(len(line) + 1):
        if canonical(line[:end]).rstrip(_SEPARATORS) == wanted:
            found = end
        elif found is not None:
            break
    if found is None:
        return canonical(line)[len(head) :].lstrip(_SEPARATORS).rstrip()
    return line[found:].lstrip(_SEPARATORS).rstrip()


def instruction(line: str) -> Instruction | None:
    """The 批示 `line` writes, when it opens with the keyword (or a task, then the keyword)."""
    typed = line.strip()
    text = canonical(typed)
    task_first = _TASK_FIRST.match(text)
    if task_first is not None:
        task = _first(task_first["ref"].removeprefix("第").removesuffix("项"))
        return Instruction(task, _typed_after(typed, text[: task_first.end()]))
    keyword = _KEYWORD_FIRST.match(text)
    if keyword is None:
        return None
    rest = text[keyword.end() :]
    opening = _OPENING_REF.match(rest) or _BARE_NUMBER.match(rest)
    if opening is not None:
        head = text[: keyword.end() + opening.end()]
        return Instruction(_first(opening["list"]), _typed_after(typed, head))
    named = CANONICAL.search(rest)
    if named is None and asks(rest):
        return None
    task = _first(named["list"]) if named is not None else None
    return Instruction(task, _typed_after(typed, text[: keyword.end()]))


def on_task(line: str) -> Instruction | None:
    """A line replied to the weekly digest: a 批示 on the first task it names (the keyword
    may be left out); None when it names no task, or asks without the keyword."""
    found = instruction(line)
    if found is not None and found.task is not None:
        return found
    typed = line.strip()
    text = canonical(typed)
    named = CANONICAL.search(text)
    if named is None or asks(text):
        return None
    opening = _OPENING_REF.match(text)
    head = text[: opening.end()] if opening is not None else ""
    return Instruction(_first(named["list"]), _typed_after(typed, head) if head else typed)
