"""Search finds what people mean: words in any order, in pieces, light synonyms; a miss suggests.

Expectations read from the notice: 5 and 6 are the 预算、决算及相关报表公开 tasks; 27 is the only
task with 信息处理费; 31 the only one with 培训 beside 依申请公开.
"""

from __future__ import annotations

import pytest

from bot.answers.model import Knowledge
from bot.answers.search import closest, search, search_answer, words


def numbers(tasks):
    return [t.number for t in tasks]


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("预算公开", [5, 6]),
        ("公开 预算", [5, 6]),
        ("决算、预算", [5, 6]),
        ("预算公布", [5, 6]),
        ("信息处理费", [27]),
        ("依申请公开 培训", [31]),
    ],
    ids=["pieces", "any-order", "list", "synonym-公布", "exact", "two-words"],
)
def test_search_finds_what_people_mean(plan, keyword, expected):
    assert numbers(search(plan, keyword)) == expected


def test_direct_matches_rank_before_synonyms(plan):
    # 资料 is in 13 (解读资料) only; 信息 is in many: 13 holds 资料 directly, so it comes first.
    found = numbers(search(plan, "资料"))
    assert found[0] == 13
    assert 14 in found  # 政府信息公开指南, through 信息


def test_words_split_lists_and_spaces():
    assert words("预算、决算 公开") == ["预算", "决算", "公开"]


def test_a_miss_suggests_the_closest_tasks(plan):
    assert search(plan, "预算报告") == []
    near = numbers(closest(plan, "预算报告"))
    assert near
    assert {5, 6} & set(near)


def test_nothing_near(plan):
    assert closest(plan, "火星") == []


def test_search_answer_on_a_miss_names_the_closest(plan, registry):
    answer = search_answer("预算报告", Knowledge(plan, registry))
    lines = answer.text.splitlines()
    assert lines[0] == "没有找到和“预算报告”有关的任务。最接近的任务："
    assert all(line.startswith("· 第") for line in lines[1:])
    assert answer.tasks


def test_search_answer_found(plan, registry):
    answer = search_answer("预算公开", Knowledge(plan, registry), lead_only=True)
    assert answer.tasks == (5, 6)
    assert "  牵头：财务与审计科" in answer.text.splitlines()


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("十四五规划", [1]),  # the notice writes “十四五”规划: quote marks ignored
        ("政务新媒体账号", [21]),  # overlapping pieces: 政务, 新媒, 媒体, 账号
        ("12345热线留言", [17]),  # digits held whole, 热线 and 留言 as pieces
        ("政务公开培训", [31]),  # 政务公开 named as 政府信息公开 inside a longer word
        ("处理费收费标准", [27]),  # 收费 as 计收
    ],
)
def test_search_reads_quotes_overlapping_pieces_and_named_synonyms(plan, keyword, expected):
    assert numbers(search(plan, keyword))[: len(expected)] == expected


def test_a_contracted_pair_finds_both_words(plan):
    """预决算 is how staff say 预算、决算 (tasks 5 and 6)."""
    assert numbers(search(plan, "预决算 公开"))[:2] == [5, 6]


def test_a_long_phrase_with_one_word_put_otherwise_still_finds_its_task(plan):
    """Task 26 reads 启用新版依申请公开系统; 依申请公开新系统启用 covers all but 新."""
    assert numbers(search(plan, "依申请公开新系统启用"))[:1] == [26]
    assert search(plan, "新系统") == []  # a short word is never read loosely
