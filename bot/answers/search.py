"""Find the tasks a few words mean: words in any order, long words in pieces, light synonyms.

Pure: reads the plan. A word counts when the requirement or the section title holds it, or
holds its pieces (预算公开 → 预算 + 公开, so it finds 预算、决算及相关报表公开), or a synonym.
Tasks are ranked by how directly their words matched; a miss suggests the closest tasks.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

import bot.answers.texts as answer_texts
from bot.answers.model import Answer, Knowledge
from bot.plan import Plan, Task

# Words staff use for one another, kept short on purpose: each set is one meaning.
SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"公开", "公布", "发布"}),
    frozenset({"信息", "资料"}),
    frozenset({"解读", "解释"}),
    frozenset({"网站", "网页", "门户"}),
    frozenset({"培训", "学习"}),
    frozenset({"年报", "年度报告"}),
)
DIRECT, IN_PIECES, BY_SYNONYM = 0, 1, 2  # the cost of a word's match; lower ranks first
PIECE = 2  # a long word is tried as two-character pieces
CLOSEST = 3
CLOSEST_SCORE = 50  # rapidfuzz partial_ratio, 0–100
_SPLIT = re.compile(r"[\s的和与及、，,；;/]+")


def words(keyword: str) -> list[str]:
    """The keyword's words: split at spaces, 、, commas and 的/和/与/及."""
    return [w for w in _SPLIT.split(keyword) if w] or [keyword]


def _pieces(word: str) -> list[str]:
    """``预算公开`` → ``预算``, ``公开``; an odd last character joins the piece before it."""
    if len(word) < 2 * PIECE:
        return [word]
    pieces = [word[i : i + PIECE] for i in range(0, len(word) - len(word) % PIECE, PIECE)]
    pieces[-1] += word[len(word) - len(word) % PIECE :]
    return pieces


def _synonyms(word: str) -> set[str]:
    return {other for group in SYNONYMS if word in group for other in group - {word}}


def _cost(word: str, text: str) -> int | None:
    """How directly `text` holds `word` (DIRECT, through pieces, through a synonym), or None."""
    if word in text:
        return DIRECT
    if any(other in text for other in _synonyms(word)):
        return BY_SYNONYM
    pieces = _pieces(word)
    if len(pieces) > 1:
        costs = [_cost(piece, text) for piece in pieces]
        if all(cost is not None for cost in costs):
            return IN_PIECES + max(c for c in costs if c is not None)
    return None


def _haystack(task: Task, titles: dict[int, str]) -> str:
    return (task.requirement + titles.get(task.section, "")).replace(" ", "")


def search(plan: Plan, keyword: str) -> list[Task]:
    """Tasks holding every word of `keyword`, most directly matched first, else in notice order."""
    titles = {s.number: s.title for s in plan.sections}
    ranked = []
    for task in plan.tasks:
        text = _haystack(task, titles)
        costs = [_cost(word, text) for word in words(keyword)]
        if all(cost is not None for cost in costs):
            ranked.append((sum(c for c in costs if c is not None), task.number, task))
    return [task for *_, task in sorted(ranked, key=lambda r: (r[0], r[1]))]


def closest(plan: Plan, keyword: str, limit: int = CLOSEST) -> list[Task]:
    """The tasks nearest to a keyword that found nothing: most of its pieces held, then the
    closest spelling (rapidfuzz), at most `limit`; none when nothing is near."""
    titles = {s.number: s.title for s in plan.sections}
    pieces = [piece for word in words(keyword) for piece in _pieces(word)]
    scored = []
    for task in plan.tasks:
        text = _haystack(task, titles)
        held = sum(_cost(piece, text) is not None for piece in pieces)
        likeness = fuzz.partial_ratio(keyword, text)
        if held or likeness >= CLOSEST_SCORE:
            scored.append((-held, -likeness, task.number, task))
    return [task for *_, task in sorted(scored, key=lambda s: s[:3])[:limit]]


def search_answer(keyword: str, know: Knowledge, *, lead_only: bool = False) -> Answer:
    """The tasks a keyword finds with who holds them (谁牵头…: the leads only); a miss names
    the closest tasks instead."""
    found = search(know.plan, keyword)
    if found:
        text = answer_texts.search_results(keyword, found, know.registry, lead_only=lead_only)
        return Answer(text, tuple(t.number for t in found))
    near = closest(know.plan, keyword)
    return Answer(answer_texts.no_match(keyword, near), tuple(t.number for t in near))
