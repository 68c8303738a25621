"""How well the loader reads real notices of other offices, against hand-written answer keys.

Scores every ``*.key.json`` in the corpus (tests/data/notices/, or the directories listed in
FENGONG_CORPUS, separated by ``:``) as tests/data/notices/README and KEYFORMAT describe: tasks
exact, parties right (recall), parties extra, dates right. Names are read with an empty
registry, as a new office's notice is.
Run: .venv/bin/python bench/reading.py [--tasks] [DIR ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.errors import NoticeError  # noqa: E402
from bot.ledger.deadlines import plan_year, task_reading  # noqa: E402
from bot.normalize import name_key  # noqa: E402
from bot.notice_files.importers import notice_rows, read_file  # noqa: E402
from bot.notice_files.limits import LIMITS  # noqa: E402
from bot.plan import Plan  # noqa: E402
from bot.reading.dates import with_year  # noqa: E402
from bot.reading.loader import parse_rows  # noqa: E402
from bot.registry.units import Registry  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "data" / "notices"
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Score:
    """One notice's (or a sum of notices') figures."""

    notices: int = 0
    tasks: int = 0
    exact: int = 0
    key_pairs: int = 0
    found_pairs: int = 0
    loaded_pairs: int = 0
    extra_pairs: int = 0
    dated: int = 0
    dates_right: int = 0
    loaded_tasks: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        for name in self.__slots__:
            if name != "wrong":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        """The figures as one line of text."""

        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:5.1f}%" if whole else "    -"

        return (
            f"tasks exact {self.exact:3}/{self.tasks:<3} {pct(self.exact, self.tasks)}  "
            f"parties right {self.found_pairs:3}/{self.key_pairs:<3} "
            f"{pct(self.found_pairs, self.key_pairs)}  "
            f"extra {self.extra_pairs:3}/{self.loaded_pairs:<3} "
            f"{pct(self.extra_pairs, self.loaded_pairs)}  "
            f"dates {self.dates_right:2}/{self.dated:<2} {pct(self.dates_right, self.dated)}  "
            f"(loaded {self.loaded_tasks} tasks)"
        )


def corpus_dirs(args: Iterable[str] = ()) -> list[Path]:
    """The corpus directories: the arguments, else FENGONG_CORPUS, else tests/data/notices."""
    named = list(args) or [p for p in os.environ.get("FENGONG_CORPUS", "").split(":") if p]
    return [Path(p) for p in named] or [DEFAULT_CORPUS]


def key_files(dirs: Iterable[Path]) -> list[Path]:
    """Every answer key in the directories, sorted by name."""
    return sorted(k for d in dirs if d.is_dir() for k in d.glob("*.key.json"))


def read_with_empty_registry(path: Path) -> Plan:
    """The notice at `path` as a new office's loader reads it: no registry."""
    try:
        rows = notice_rows(read_file(path, LIMITS), path.name)
    except NoticeError:
        rows = []
    return with_year(parse_rows(rows, Registry([], [])), (" ".join(c) for _, c in rows))


def _text_key(text: str) -> str:
    return name_key(_SPACE.sub("", text))


def _pairs(parties: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(_text_key(n), r) for n, r in parties}


def loaded_dates(plan: Plan) -> dict[int, tuple[set[date], bool, bool]]:
    """Per task number: the due dates the notice states, and whether it is recurring or
    continuous, as the dates stage reads them in the notice's own year."""
    year = plan_year(plan)
    found = {}
    for task in plan.tasks:
        reading = task_reading(task, year, plan.issued.year if plan.issued else None)
        found[task.number] = (set(reading.due), bool(reading.recurring), bool(reading.continuous))
    return found


def score_notice(plan: Plan, key: dict) -> Score:
    """Score one loaded plan against its answer key (KEYFORMAT "Scoring")."""
    score = Score(notices=1, loaded_tasks=len(plan.tasks))
    dates = loaded_dates(plan)
    for expected in key["tasks"]:
        score.tasks += 1
        want = _pairs((p["name"], p["role"]) for p in expected["parties"])
        score.key_pairs += len(want)
        task = plan.task(expected["number"])
        got = _pairs((p.name, p.role.value) for p in task.parties) if task else set()
        score.found_pairs += len(want & got)
        score.loaded_pairs += len(got)
        score.extra_pairs += len(got - want)
        starts = task is not None and _text_key(task.requirement).startswith(
            _text_key(expected["starts"])
        )
        if starts and got == want:
            score.exact += 1
        else:
            score.wrong.append(_why(expected, task, want, got, starts))
        if expected.get("due") or expected.get("continuous") or expected.get("recurring"):
            score.dated += 1
            due, recurring, continuous = dates.get(expected["number"], (set(), False, False))
            want_due = {date.fromisoformat(d) for d in expected.get("due") or []}
            if (
                due == want_due
                and recurring == bool(expected.get("recurring"))
                and continuous == bool(expected.get("continuous"))
            ):
                score.dates_right += 1
    return score


def _why(expected: dict, task, want: set, got: set, starts: bool) -> str:
    number = expected["number"]
    if task is None:
        return f"  #{number}: not loaded ({expected['starts']})"
    parts = [] if starts else [f"starts {task.requirement[:15]!r} ≠ {expected['starts']!r}"]
    if want - got:
        parts.append(f"missing {sorted(want - got)}")
    if got - want:
        parts.append(f"extra {sorted(got - want)}")
    return f"  #{number}: " + "; ".join(parts)


@dataclass(slots=True)
class Corpus:
    """Scores per notice and per layout, and the total."""

    notices: dict[str, Score] = field(default_factory=dict)
    layouts: dict[str, Score] = field(default_factory=dict)
    total: Score = field(default_factory=Score)
    empty: list[str] = field(default_factory=list)


def score_corpus(keys: Iterable[Path]) -> Corpus:
    """Load and score every notice whose key is listed."""
    corpus = Corpus()
    for key_path in keys:
        key = json.loads(key_path.read_text(encoding="utf-8"))
        plan = read_with_empty_registry(key_path.parent / key["notice"])
        score = score_notice(plan, key)
        corpus.notices[key_path.name.removesuffix(".key.json")] = score
        corpus.layouts.setdefault(key.get("layout", "?"), Score()).add(score)
        corpus.total.add(score)
        if not plan.tasks:
            corpus.empty.append(key["notice"])
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", help="corpus directories (default: FENGONG_CORPUS)")
    parser.add_argument("--tasks", action="store_true", help="list every task not read exactly")
    args = parser.parse_args()
    keys = key_files(corpus_dirs(args.dirs))
    if not keys:
        print("no *.key.json found in", ", ".join(map(str, corpus_dirs(args.dirs))))
        return
    corpus = score_corpus(keys)
    print("per notice:")
    for name, score in corpus.notices.items():
        print(f"  {name:34} {score.line()}")
        if args.tasks:
            print("\n".join(score.wrong))
    print("per layout:")
    for layout, score in sorted(corpus.layouts.items()):
        print(f"  {layout:34} {score.line()}  [{score.notices} notices]")
    print(f"  {'TOTAL':34} {corpus.total.line()}  [{corpus.total.notices} notices]")
    print("notices with no task read:", ", ".join(corpus.empty) or "none")


if __name__ == "__main__":
    main()
