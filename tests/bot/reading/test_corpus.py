"""The loader scored against the corpus of real notices and their hand-written answer keys.

The keys live beside the notices in tests/data/notices/ (FENGONG_CORPUS, ``:``-separated,
points elsewhere). Each figure must stay at or above its floor; raise a floor as reading
improves. `python bench/reading.py --tasks` lists what is still read wrong.
"""

from __future__ import annotations

import pytest

from bench.reading import Score, corpus_dirs, key_files, score_corpus, score_notice
from bot.reading.loader import parse_plan
from bot.registry.units import Registry

# Floors measured on the corpus (see the report of issue 16); never lower one to pass.
# Measured on tests/data/notices (38 keys, the twenty once held out or incoming included) at
# 148/148 tasks exact, 379/379 parties right, 0/379 extra, every notice with tasks, 51/51
# stated dates.
TASKS_EXACT_FLOOR = 1.0
DATES_RIGHT_FLOOR = 1.0
PARTIES_RIGHT_FLOOR = 1.0
PARTIES_EXTRA_CEILING = 0.0
NOTICES_WITHOUT_TASKS_CEILING = 0

KEYS = key_files(corpus_dirs())


@pytest.fixture(scope="module")
def corpus():
    if not KEYS:
        pytest.skip(
            "no answer keys in tests/data/notices/ (set FENGONG_CORPUS to a directory of "
            "*.key.json files to score against one)"
        )
    return score_corpus(KEYS)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def test_notices_without_tasks_stay_under_the_ceiling(corpus):
    assert len(corpus.empty) <= NOTICES_WITHOUT_TASKS_CEILING, corpus.empty


def test_tasks_exact_stay_above_the_floor(corpus):
    total = corpus.total
    assert _ratio(total.exact, total.tasks) >= TASKS_EXACT_FLOOR, total.line()


def test_parties_right_stay_above_the_floor(corpus):
    total = corpus.total
    assert _ratio(total.found_pairs, total.key_pairs) >= PARTIES_RIGHT_FLOOR, total.line()


def test_dates_right_stay_above_the_floor(corpus):
    total = corpus.total
    assert _ratio(total.dates_right, total.dated) >= DATES_RIGHT_FLOOR, total.line()


def test_parties_extra_stay_below_the_ceiling(corpus):
    total = corpus.total
    assert _ratio(total.extra_pairs, total.loaded_pairs) <= PARTIES_EXTRA_CEILING, total.line()


# --- the scorer itself, on a two-task notice and a key written for it here -------------------

NOTICE = """示例通知
一、加强统筹
1. 做好政策解读工作。（牵头单位：市发展改革局；配合单位：各县（市、区）人民政府）
2. 建立台账，2021年6月30日前完成。（责任单位：市财政局）
"""

KEY = {
    "notice": "example.txt",
    "tasks": [
        {
            "number": 1,
            "starts": "做好 政策解读",
            "parties": [
                {"name": "市发展改革局", "role": "lead"},
                {"name": "各县(市、区)人民政府", "role": "cooperate", "group": True},
            ],
            "due": [],
        },
        {
            "number": 2,
            "starts": "建立台账",
            "parties": [{"name": "市财政局", "role": "lead"}],
            "due": ["2021-06-30"],
        },
        {"number": 3, "starts": "不存在", "parties": [{"name": "甲", "role": "lead"}]},
    ],
}


def test_scorer_counts_exact_tasks_recall_and_extra_pairs():
    score = score_notice(parse_plan(NOTICE, Registry([], [])), KEY)
    assert (score.tasks, score.exact) == (3, 1)
    assert (score.key_pairs, score.found_pairs) == (4, 2)
    assert (score.loaded_pairs, score.extra_pairs) == (3, 1)
    assert (score.dated, score.dates_right) == (1, 1)
    assert len(score.wrong) == 2


def test_scores_add_up_without_the_lists():
    total = Score()
    total.add(Score(notices=1, tasks=3, exact=2, wrong=["x"]))
    total.add(Score(notices=1, tasks=1, exact=1))
    assert (total.notices, total.tasks, total.exact, total.wrong) == (2, 4, 3, [])
