"""Find the tasks a few words mean: words in any order, long words in pieces, light synonyms.

Pure: reads the plan. A word counts when the requirement or the section title (quote marks
ignored) holds it, or holds its pieces (预算公开 → 预算 + 公开, so it finds 预算、决算及相关报表
公开), or a synonym, or else overlapping two-character pieces covering every character.
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
    frozenset({"收费", "计收"}),
    frozenset({"政务公开", "政府信息公开"}),
    frozenset({"账号", "账户"}),
    frozenset({"留言", "来信"}),
    frozenset({"预决算", "预算、决算", "预算决算"}),  # a contracted pair, as staff say it
)
DIRECT, IN_PIECES, BY_SYNONYM = 0, 1, 2  # the cost of a word's match; lower ranks first
OVERLAPPING = 3  # every character covered by a two-character piece the text holds
LONG, MOST = 8, 0.85  # a phrase this long counts when this share of its characters is covered
PIECE = 2  # a long word is tried as two-character pieces
CLOSEST = 3
CLOSEST_SCORE = 50  # rapidfuzz partial_ratio, 0–100
_SPLIT = re.compile(r"[\s的和与及、，,；;/]+")
_QUOTES = re.compile(r"[“”‘’\"'《》「」『』〈〉]")
_RUNS = re.compile(r"[0-9A-Za-z]+|[^0-9A-Za-z]+")


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


def _covered(word: str, text: str) -> float:
    """The share of `word`'s characters inside a two-character piece `text` holds (directly
    or by a synonym), pieces overlapping (政务新媒体账号: 政务, 新媒, 媒体, 账号); a run of digits
    or Latin letters (12345) must be held whole, else nothing is covered."""
    covered: list[bool] = []
    for run in _RUNS.findall(word):
        if run[0].isascii() or len(run) < PIECE:
            if run not in text:
                return 0.0
            covered += [True] * len(run)
            continue
        held = [_cost(run[i : i + PIECE], text) is not None for i in range(len(run) - PIECE + 1)]
        covered += [held[max(i - 1, 0)] or held[min(i, len(held) - 1)] for i in range(len(run))]
    return sum(covered) / len(covered) if covered else 0.0


def _synonyms(word: str) -> set[str]:
    return {other for group in SYNONYMS if word in group for other in group - {word}}


def _cost(word: str, text: str, *, respell: bool = True) -> int | None:
    """How directly `text` holds `word` (DIRECT, through pieces, through a synonym), or None."""
    if word in text:
        return DIRECT
    if any(other in text for other in _synonyms(word)):
        return BY_SYNONYM
    pieces = _pieces(word)
    if len(pieces) > 1:
        costs = [_cost(piece, text, respell=respell) for piece in pieces]
        if all(cost is not None for cost in costs):
            return IN_PIECES + max(c for c in costs if c is not None)
    if len(word) > PIECE:
        share = _covered(word, text)
        if share == 1.0:
            return OVERLAPPING
        if len(word) >= LONG and share >= MOST:
            return OVERLAPPING + 1  # 依申请公开新系统启用: a long phrase, one word put otherwise
    return _respelled(word, text) if respell else None


def _respelled(word: str, text: str) -> int | None:
    """A synonym inside a longer word (政务公开培训 → 政府信息公开培训), one at a time."""
    for group in SYNONYMS:
        for inside in (w for w in group if w in word and w != word):
            for other in group - {inside}:
                if other in word:
                    continue
                cost = _cost(word.replace(inside, other), text, respell=False)
                if cost is not None:
                    return BY_SYNONYM + cost
    return None


def _haystack(task: Task, titles: dict[int, str]) -> str:
    return _QUOTES.sub("", task.requirement + titles.get(task.section, "")).replace(" ", "")


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
