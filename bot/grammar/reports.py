"""Reports as meant: several tasks in one line, a status word anywhere, and asking when unsure.

Built on `bot.ledger.reports`: `parse_report` reads each clause and `report_status` its
status; this module adds what a person means beyond those rules (each named and tested):

* several reports in one line: a clause starting with a new task (``第8项已完成，第10项进行中``);
* a done statement: the first clause is ``已完成`` + what was done (``已完成规划公开``) or a
  publication (``已在网站公布…``), with nothing pending after it → 已完成;
* not yet: a completion word near a word of time to come (``快完成了``, ``马上完成``) → 进行中;
* vague words (``好了``, ``搞定``, ``ok``) → ask which status, recording nothing.
"""

from __future__ import annotations

import re

from bot.grammar.intents import Amend, AskBack, Intent, Malformed, Progress, Report, Unclear
from bot.grammar.intents import Withdraw as WithdrawIntent
from bot.grammar.taskrefs import CANONICAL, tasks_in
from bot.ledger.reports import (
    Amend as ParsedAmend,
)
from bot.ledger.reports import (
    BadReport,
    MyProgress,
    Status,
    TaskProgress,
    Withdraw,
    parse_report,
    report_status,
)
from bot.ledger.reports import Report as ParsedReport

_NEW_TASK = re.compile(r"[，,；;。\n]\s*(?=第[^项]{1,12}项)")
_DONE_FIRST = re.compile(
    r"^(?:已经?|均已|都已|已全部|全部已)(?:全部)?完成(?!了?(?:一半|部分|大半|初|阶段|第|[0-9]|百分))."
    r"|^已经?(?:在[^，,。；;]{1,16})?(?:公布|公开|发布|挂网|上线)"
)
_PENDING_AFTER = re.compile(
    r"待|正在|还需|还要|还没|尚未|未完成|下一步|将|部分|一半|继续|推进|准备|计划|其余|剩"
)
_NOT_YET = re.compile(r"快|马上|就要|即将|接近|差不多|还差|争取|预计|明天|下周|月底前")
_VAGUE = re.compile(
    r"(?:好了|好啦|搞定了?|弄好了|弄完了|搞完了|做好了|办好了|ok|OK|okay|差不多了|可以了|没问题)[。！!~～]*"
)


def _done_statement(body: str) -> bool:
    """``已完成规划公开``, ``已在网站公布…``: done, unless something is left pending."""
    return _DONE_FIRST.search(body) is not None and _PENDING_AFTER.search(body) is None


def _status(text: str) -> Status | None:
    """What `text` says the task stands at; None when a careful reader could not tell."""
    body = text.strip()
    if _VAGUE.fullmatch(body):
        return None
    said = report_status(body)
    if said is Status.DONE and _NOT_YET.search(body):
        return Status.ONGOING
    if said is Status.ONGOING and _done_statement(body):
        return Status.DONE
    return said


def _clauses(text: str) -> list[str]:
    return [c for c in _NEW_TASK.split(text) if c.strip()]


def _forced(clause: str, task_count: int) -> ParsedReport | BadReport | None:
    """A later clause of a report line, read as ``第N项：…`` whatever follows the task."""
    ref = CANONICAL.match(clause.strip())
    if ref is None:
        return None
    found = parse_report(f"{ref.group()}：{clause.strip()[ref.end() :]}", task_count=task_count)
    return found if isinstance(found, ParsedReport | BadReport) else None


def _vague_report(clause: str) -> list[Intent] | None:
    """``第8项 搞定``: a task and a word that could mean done or nearly done."""
    ref = CANONICAL.match(clause.strip())
    if ref is None or not _VAGUE.fullmatch(clause.strip()[ref.end() :].strip(" ：:，,")):
        return None
    return [AskBack(Unclear.STATUS, tasks_in(ref.group()), clause.strip()[ref.end() :].strip())]


def _reports(found: ParsedReport) -> list[Intent]:
    status = _status(found.text)
    if status is None:
        return [AskBack(Unclear.STATUS, found.tasks, found.text)]
    if not found.tasks:
        return [Report(None, status, found.text)]
    return [Report(task, status, found.text) for task in found.tasks]


def _amends(found: ParsedAmend) -> list[Intent]:
    status = _status(found.text)
    if status is None:
        return [AskBack(Unclear.STATUS, found.tasks, found.text)]
    return [Amend(task, status, found.text) for task in found.tasks or (None,)]


def _one(found: object) -> list[Intent] | None:
    if isinstance(found, Withdraw):
        return [WithdrawIntent()]
    if isinstance(found, MyProgress):
        return [Progress()]
    if isinstance(found, TaskProgress):
        return [Progress(found.task)]
    if isinstance(found, BadReport):
        return [Malformed(found.reason)]
    if isinstance(found, ParsedAmend):
        return _amends(found)
    if isinstance(found, ParsedReport):
        return _reports(found)
    return None


def read_reports(text: str, task_count: int) -> list[Intent] | None:
    """The reports, correction or progress question in a canonical line; None if none."""
    clauses = _clauses(text)
    if not clauses:
        return None
    first = _one(parse_report(clauses[0], task_count=task_count)) or _vague_report(clauses[0])
    if first is None or not isinstance(first[0], Report | AskBack | Malformed):
        return first if len(clauses) == 1 else None
    read = list(first)
    for clause in clauses[1:]:
        later = _vague_report(clause) or _one(
            parse_report(clause, task_count=task_count) or _forced(clause, task_count)
        )
        if later is None:
            return None  # a question after a report: the line is read some other way
        read += later
    return read
