"""The phrasing corpus's notation (tests/data/phrasings): intents rendered, cases read, scored.

A search is rendered with the task numbers the bot's search
(`bot.answers.search.search`: words in any order, pieces, synonyms) finds first on the shipped
notice, since the
notation names tasks and the grammar only gives keywords. Office questions from anyone but
`办公室管理员` render as ``refused(office)``: the flow refuses them, the grammar does not know
who asks. A report with no task renders as ``ask(task)``: with no nudge replied to, the bot asks.
A report that is not of a simple form (`bot.grammar.simple`) renders as ``confirm(report(N, S))``:
the bot proposes it with one press to confirm and records nothing until pressed. A confirmation
proposing exactly the expected records is right (and counted apart); one proposing anything else
is asked back, never a wrong record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.grammar import intents as i

ADMIN = "办公室管理员"
FIRST_ANSWERS = 5
RECORDS = ("report(", "amend(")
CONFIRM = "confirm("


def _args(name: str, *args: object) -> str:
    shown = [str(a) for a in args if a is not None]
    return f"{name}({', '.join(shown)})" if shown else name


def render(intent: i.Intent, who: str, found: Callable[[tuple[str, ...]], list[int]]) -> str:
    """One intent in the notation; `found` gives a search's first task numbers."""
    match intent:
        case i.Due(window, task):
            return _args("due", window, task)
        case i.Duties(units, role):
            return _args("duties", *(units or ("me",)), role)
        case i.WhichUnit(typed, _, _):
            return _args("which_unit", typed)
        case i.Applies(task) | i.TaskDetail(task) | i.Owners(task):
            name = {i.Applies: "applies", i.TaskDetail: "task", i.Owners: "owners"}
            return _args(name[type(intent)], task)
        case i.SectionTasks(number):
            return _args("section", number)
        case i.Search(words, _):
            return "search(" + ", ".join(map(str, found(words)[:FIRST_ANSWERS])) + ")"
        case i.Report(None, _, _):
            return "ask(task)"
        case i.Report(task, status, _, None):
            return _args("report", task, status)
        case i.Report(task, status, _, _):
            return f"{CONFIRM}{_args('report', task, status)})"
        case i.AskBack(about, _, _):
            return _args("ask", about)
        case i.Amend(task, status, _):
            return _args("amend", task, status)
        case i.Extension(task, until, _):
            return _args("extension", task, until.isoformat() if until else None)
        case i.Pause(until):
            return _args("pause", until.isoformat() if until else None)
        case i.Progress(task):
            return _args("progress", task if task is not None else "me")
        case i.HowTo(topic):
            # the notation's ``withdraw`` covers 修改 too (tests/data/phrasings/README.md)
            return _args("howto", i.Topic.WITHDRAW if topic is i.Topic.AMEND else topic)
        case i.SmallTalk(kind):
            return _args("smalltalk", kind)
        case i.Office(ask, task):
            return _args("office", ask, task) if who == ADMIN else "refused(office)"
        case i.SetUnit(unit):
            return _args("set_unit", unit)
    simple = {i.Units: "units", i.Pending: "pending", i.Withdraw: "withdraw", i.Resume: "resume"}
    simple |= {i.Help: "help", i.Confirm: "confirm", i.Deny: "deny"}
    return simple.get(type(intent), "unknown")


@dataclass(frozen=True, slots=True)
class Case:
    """One corpus line: its category, who types it, the line, the expected intents."""

    category: str
    who: str
    line: str
    expected: tuple[str, ...]


def read_cases(text: str) -> list[Case]:
    """The cases of a corpus file: four TAB-separated fields; ``#`` comments, blanks skipped."""
    cases = []
    for number, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if len(fields) != 4:
            raise ValueError(f"line {number}: {len(fields)} fields, not 4: {row!r}")
        category, who, line, expected = fields
        cases.append(Case(category, who, line, tuple(e.strip() for e in expected.split("; "))))
    return cases


def wrong_records(case: Case, got: tuple[str, ...]) -> int:
    """Reports or corrections recorded at once that the line does not say: each would be a
    wrong record (a confirmation records nothing until pressed)."""
    return sum(1 for g in got if g.startswith(RECORDS) and g not in case.expected)


def _numbers(search: str) -> set[str]:
    return {n.strip() for n in search[len("search(") : -1].split(",") if n.strip()}


def _same(expected: str, got: str) -> bool:
    """Equal, or for a search: the expected tasks are among the first answers."""
    if expected.startswith("search(") and got.startswith("search("):
        return _numbers(expected) <= _numbers(got)
    return expected == got


def proposed(got: str) -> str:
    """What a confirmation proposes (``confirm(report(8, 已完成))`` → ``report(8, 已完成)``)."""
    return got[len(CONFIRM) : -1] if got.startswith(CONFIRM) else got


def verdict(case: Case, got: tuple[str, ...]) -> str:
    """``right``, ``confirmed`` (right, after one press to confirm), ``asked`` (a report line
    answered by a question back, or a confirmation proposing something else) or ``wrong``."""
    plain = tuple(map(proposed, got))
    if len(got) == len(case.expected) and all(map(_same, case.expected, plain)):
        return "confirmed" if plain != got else "right"
    reports = all(e.startswith("report(") for e in case.expected)
    asks = any(g.startswith("ask(") for g in got)
    confirms = any(g.startswith(CONFIRM) for g in got)
    if (reports and asks or confirms) and not wrong_records(case, got):
        return "asked"
    return "wrong"


@dataclass
class Scores:
    """Counts by category and the misread lines."""

    cases: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    confirmed: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)
    misread: list[tuple[Case, tuple[str, ...]]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = sum(self.cases.values())
        return sum(self.right.values()) / total if total else 1.0

    @property
    def confirm_rate(self) -> float:
        """The share of report lines read right only after one press to confirm."""
        reports = self.cases["report"]
        return self.confirmed["report"] / reports if reports else 0.0

    @property
    def wrong_records(self) -> int:
        return sum(self.records.values())

    def table(self) -> str:
        rows = ["category    cases  right (confirmed)  asked  wrong-records  accuracy"]
        for name in sorted(self.cases):
            share = self.right[name] / self.cases[name]
            rows.append(
                f"{name:<10}{self.cases[name]:>7}{self.right[name]:>7}{self.confirmed[name]:>12}"
                f"{self.asked[name]:>7}{self.records[name]:>15}{share:>10.1%}"
            )
        rows.append(
            f"overall {self.accuracy:.1%}, wrong records {self.wrong_records}, "
            f"report lines confirmed first {self.confirm_rate:.1%}"
        )
        rows += [
            f"  [{c.category}] {c.who}: {c.line}  expected {'; '.join(c.expected)}"
            f"  got {'; '.join(g)}"
            for c, g in self.misread
        ]
        return "\n".join(rows)


def score(results: Iterable[tuple[Case, tuple[str, ...]]]) -> Scores:
    """Score each case against what was read."""
    scores = Scores()
    for case, got in results:
        scores.cases[case.category] += 1
        scores.records[case.category] += wrong_records(case, got)
        outcome = verdict(case, got)
        if outcome in ("right", "confirmed"):
            scores.right[case.category] += 1
            scores.confirmed[case.category] += outcome == "confirmed"
        else:
            scores.asked[case.category] += outcome == "asked"
            scores.misread.append((case, got))
    return scores
