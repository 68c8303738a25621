"""The phrasing corpus (issue 18): accuracy by category over a floor, and no wrong record.

Every corpus file is scored on its own (main and held-out), in the notation of
tests/bot/grammar/notation.py;
until it lands the corpus test skips, and the harness is checked on a small inline sample.
"""

from __future__ import annotations

import pytest

from bot.answers.search import search
from bot.grammar.understand import understand
from bot.grammar.vocabulary import Vocabulary
from bot.plan import Plan
from tests.bot.grammar.conftest import TODAY
from tests.bot.grammar.notation import Case, read_cases, render, score, verdict
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
# Each corpus file with its floor: the main corpus the rules were tuned on, and the held-out
# sets (rounds 2 to 6), each written by a reader who saw neither the grammar nor the others.
CORPORA = {
    "phrasings": (DATA / "phrasings" / "phrasings.tsv", 0.95),
    "phrasings-heldout": (DATA / "phrasings-heldout" / "phrasings.tsv", 0.95),
    "phrasings-heldout3": (DATA / "phrasings-heldout3" / "phrasings.tsv", 0.95),
    "phrasings-heldout4": (DATA / "phrasings-heldout4" / "phrasings.tsv", 0.95),
    "phrasings-heldout5": (DATA / "phrasings-heldout5" / "phrasings.tsv", 0.95),
    "phrasings-heldout6": (DATA / "phrasings-heldout6" / "phrasings.tsv", 0.95),
}

SAMPLE = """\
# category\twho\tline\texpected
time\t综合科\t本周要做什么\tdue(week)
taskref\t综合科\t第 24 项\ttask(24)
report\t办公室\t第8项已完成，第10项进行中\treport(8, 已完成); report(10, 进行中)
report\t综合科\t已完成\task(task)
report\t综合科\t第8项 好了\treport(8, 已完成)
office\t综合科\t导出台账\trefused(office)
office\t办公室管理员\t第17项谁还没报\toffice(missing, 17)
units\t综合科\t分局的任务\twhich_unit(分局)
search\t综合科\t谁牵头政策解读\tsearch(12)

smalltalk\t综合科\t在吗\tsmalltalk(presence)
"""


def read(case: Case, vocabulary: Vocabulary, plan: Plan) -> tuple[str, ...]:
    def found(words: tuple[str, ...]) -> list[int]:
        return [t.number for t in search(plan, " ".join(words))]

    intents = understand(case.line, vocabulary, today=TODAY)
    return tuple(render(intent, case.who, found) for intent in intents)


def test_the_sample_is_read_as_written():
    cases = read_cases(SAMPLE)
    assert [c.category for c in cases] == [
        "time", "taskref", "report", "report", "report", "office", "office", "units", "search",
        "smalltalk",
    ]  # fmt: skip
    assert cases[2].expected == ("report(8, 已完成)", "report(10, 进行中)")
    assert cases[5].who == "综合科"


def test_a_row_without_four_fields_is_refused():
    with pytest.raises(ValueError, match="line 1"):
        read_cases("time\t综合科\t本周要做什么\n")


def test_scoring_counts_questions_back_and_wrong_records():
    report = Case("report", "综合科", "第8项 好了", ("report(8, 已完成)",))
    assert verdict(report, ("report(8, 已完成)",)) == "right"
    assert verdict(report, ("ask(status)",)) == "asked"
    assert verdict(report, ("report(8, 进行中)",)) == "wrong"
    scores = score([(report, ("ask(status)",)), (report, ("report(8, 进行中)",))])
    assert (scores.asked["report"], scores.wrong_records, scores.accuracy) == (1, 1, 0.0)
    assert "第8项 好了" in scores.table()


def test_a_confirmation_is_right_only_when_it_proposes_the_expected_records():
    report = Case("report", "综合科", "第8项：已完成，另有3条在办", ("report(8, 已完成)",))
    assert verdict(report, ("confirm(report(8, 已完成))",)) == "confirmed"
    assert verdict(report, ("confirm(report(8, 进行中))",)) == "asked"  # nothing is recorded
    question = Case("other", "综合科", "第8项完成了吗", ("progress(8)",))
    assert verdict(question, ("confirm(report(8, 已完成))",)) == "asked"
    scores = score([(report, ("confirm(report(8, 已完成))",)), (report, ("report(8, 已完成)",))])
    assert (scores.right["report"], scores.confirmed["report"], scores.wrong_records) == (2, 1, 0)
    assert scores.confirm_rate == 0.5


def test_the_sample_through_the_grammar(vocabulary, plan):
    scores = score((c, read(c, vocabulary, plan)) for c in read_cases(SAMPLE))
    print(scores.table())  # noqa: T201 -- the figures by category the issue asks for
    # 第8项 好了 is asked back (not right, not wrong); every other line is right.
    assert [c.line for c, _ in scores.misread] == ["第8项 好了"]
    assert scores.asked["report"] == 1
    assert scores.wrong_records == 0


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_the_corpus(vocabulary, plan, name):
    corpus, floor = CORPORA[name]
    if not corpus.is_file():
        pytest.skip(f"no phrasing corpus yet at {corpus}")
    cases = read_cases(corpus.read_text(encoding="utf-8"))
    scores = score((c, read(c, vocabulary, plan)) for c in cases)
    print(f"{name}:\n{scores.table()}")  # noqa: T201 -- the figures by category the issue asks for
    assert scores.wrong_records == 0, scores.table()
    assert scores.accuracy >= floor, scores.table()
