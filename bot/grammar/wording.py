"""A task named by the notice's own words instead of its number.

``“修订本部门政府信息公开指南”已完成``: a quote (in “”, 「」 or "") found word for word in one
task's requirement names that task; so does a phrase of at least `MIN_PHRASE` characters
opening the line, most of it (`MIN_SHARE`) word for word in one requirement
(``规范政府信息公开工作年度报告格式和内容 这个还在弄``). What follows is read as that task's
report. The words found in several tasks name none of them (the bot asks which); the words
alone, with nothing after them, say no status (the bot asks which). A line that asks, or
names a task by number, is left to the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from bot.grammar.safety import asks
from bot.grammar.taskrefs import CANONICAL

MIN_QUOTE = 4  # characters of a quote worth looking for
MIN_PHRASE = 8  # characters of an unquoted phrase worth looking for
MIN_SHARE = 0.8  # of an unquoted phrase, the share found word for word
_QUOTE = re.compile(r"^[“「\"‘『](?P<words>[^”」\"’』]+)[”」\"’』]")
# An unquoted phrase ends at a separator or where the line points back at it (这项, 那个).
_PHRASE = re.compile(
    r"^(?P<words>[^，,。；;：:！!\s—]+?)(?=[，,。；;：:！!\s—]|(?:这|那)(?:一)?[项个条块]|$)"
)
_POINTER = re.compile(
    r"^[，,。；;：:！!\s—]*(?:(?:这|那)(?:一)?[项个条块](?:任务|工作)?)?[，,：:\s]*"
)


def _found(words: str, wordings: Sequence[tuple[int, str]], share: float) -> tuple[int, ...]:
    """The tasks whose requirement holds `share` of `words` word for word."""
    need = max(1, round(len(words) * share))
    found = []
    for number, requirement in wordings:
        match = SequenceMatcher(None, words, requirement, autojunk=False).find_longest_match()
        if match.size >= need:
            found.append(number)
    return tuple(found)


def named_by_wording(
    text: str, wordings: Sequence[tuple[int, str]]
) -> tuple[tuple[int, ...], str] | None:
    """The tasks the notice's words opening `text` name, and what the line says after them;
    None when the line opens with no such words (or asks, or numbers a task)."""
    if not wordings or asks(text) or CANONICAL.search(text):
        return None
    quoted = _QUOTE.match(text)
    if quoted and len(quoted["words"]) >= MIN_QUOTE:
        tasks, end = _found(quoted["words"], wordings, 1.0), quoted.end()
    else:
        phrase = _PHRASE.match(text)
        if phrase is None or len(phrase["words"]) < MIN_PHRASE:
            return None
        tasks, end = _found(phrase["words"], wordings, MIN_SHARE), phrase.end()
    if not tasks:
        return None
    rest = text[end:]
    return tasks, rest[_POINTER.match(rest).end() :]
