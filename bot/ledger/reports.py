"""Staff reporting progress on their tasks in one line, correcting it, and asking for it.

Reads a message, not Telegram and not the store: `parse_report` turns ``第17项：已办结留言128条``,
``撤回``, ``修改 第17项：…``, ``我科室进展`` or ``第10项进展如何`` into a typed result, and returns
None for anything else so the message is answered as a question.

The grammar, on the whole message after trimming whitespace (full-width included):

* A task list is ``第N项`` (also ``条``), N in Arabic (``17``, ``１７``) or Chinese (``二十四``)
  numerals; several as ``第3、5项``, ``第3项和第5项``, ``第3项、第5项``; a range ``第3至5项``
  (also ``-``, ``到``, ``~``). Numbers are listed in order without repeats; any number outside
  1..task_count makes the whole message a `BadReport`.
* Explicit reports, always a report whatever the text says:
  ``第N项：…`` (colon, either width; also ``第N项进展：…``, ``第N项的进展：…``), a message starting
  with ``进展``/``进度``/``汇报进展`` followed by a colon, a space, a comma or ``第``
  (``进展 第3项 …``, ``进展：第3项…``, ``进展：…`` with no task), and ``修改``/``更正`` corrections.
  The one exception: a leading-``进展`` message that names no task and whose text is a question
  (``进展 如何？``) is None.
* Implicit reports: a task list followed directly, or after a space, comma or dash, by text that
  is not a question (no ending ？/?/吗/呢/么/嘛; no 谁/什么/哪/怎么/怎样/如何/多少/是否/啥/咋/几时)
  and that reads like progress: it starts with ``进展`` (``第2项进展顺利``) or contains a marker of
  progress such as 已/正在/尚未/完成了/困难/无法/需要协调/进行中 (``第二十四项目录已编制，待发布``).
  Without a marker (``第17项责任单位``, ``第17项截止时间``) or starting with ``的`` it is None.
* Bare status: the whole message is a completion word (``已完成``, ``全部完成``, ``完成了``…) →
  DONE with no task; it starts with 有困难/遇到困难/困难：/无法完成/需要协调 followed by the end
  or a separator (``有困难：缺少经费``) → BLOCKED with no task. The caller picks the task.
* The text is what follows the scaffolding (task list, colon, leading ``进展：``), trimmed, as
  written otherwise: ``第24项有困难：缺少经费`` has the text ``有困难：缺少经费``. Empty text
  (or only punctuation) after an explicit form is a `BadReport`; text longer than
  `MAX_REPORT_CHARS` is a `BadReport`.

Status, decided on the text (see `report_status`): BLOCKED when it says there is a difficulty
(有困难, 遇到困难, 存在困难, 困难：, 无法完成, 难以完成, 需要协调 — not after 没/不/无/未);
otherwise DONE only when its last clause ends in a whole-task completion word (已完成, 已经完成,
全部完成, 已全部完成, 均已完成, 完成了, 已办完, 已办结, 已落实; a bare ``完成`` only as the whole
clause) with nothing partial, negative or future before it in that clause (部分, 一半, 基本, 初步,
阶段, 批, N%, 未, 没, 不, 否, 争取, 计划, 预计, 将…); otherwise ONGOING. So ``已办结留言128条`` and ``完成了一半`` are ONGOING and ``第5项已完成`` is DONE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.normalize import cjk_to_int, spaced

__all__ = [
    "MAX_REPORT_CHARS",
    "Amend",
    "BadReport",
    "MyProgress",
    "Report",
    "Status",
    "TaskProgress",
    "Withdraw",
    "parse_report",
    "report_status",
]

MAX_REPORT_CHARS = 500
_EXAMPLE = "例如：第17项：已办结留言128条"
_AMEND_EXAMPLE = "例如：修改 第17项：已办结留言130条"


class Status(StrEnum):
    """Where a task stands, as its reporter says."""

    DONE = "已完成"
    ONGOING = "进行中"
    BLOCKED = "有困难"


@dataclass(frozen=True, slots=True)
class Report:
    """A progress report: the tasks it names (maybe none), the text as written, its status."""

    tasks: tuple[int, ...]
    text: str
    status: Status


@dataclass(frozen=True, slots=True)
class Withdraw:
    """Withdraw my last report."""


@dataclass(frozen=True, slots=True)
class Amend:
    """Replace the text of my last report (and its status, unless None); the old text stays
    as history."""

    tasks: tuple[int, ...]
    text: str
    status: Status | None


@dataclass(frozen=True, slots=True)
class MyProgress:
    """Show my unit's tasks with their last reported status."""


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """Show who has and who has not reported on one task."""

    task: int


@dataclass(frozen=True, slots=True)
class BadReport:
    """A report or correction that cannot be recorded, and why, in Chinese for the user."""

    reason: str


ReportMessage = Report | Withdraw | Amend | MyProgress | TaskProgress | BadReport

# --- task lists -------------------------------------------------------------------------------

_NUM = r"[0-9０-９]+|[〇零一二两三四五六七八九十]+"
_RANGE_OP = r"-|－|—|~|～|至|到"
_ONE = rf"(?:{_NUM})(?:\s*(?:{_RANGE_OP})\s*(?:{_NUM}))?"
_JOIN = r"\s*(?:以及|、|，|,|和|与|及|跟)\s*"
_GROUP = rf"第\s*{_ONE}(?:{_JOIN}第?\s*{_ONE})*\s*[项条條]"
_LIST = re.compile(rf"{_GROUP}(?:{_JOIN}{_GROUP})*")
_ITEM = re.compile(rf"({_NUM})(?:\s*(?:{_RANGE_OP})\s*({_NUM}))?")

# --- what follows a task list ----------------------------------------------------------------

_KEYWORD = r"(?:进展|进度)(?:情况)?"
_AFTER_COLON = re.compile(rf"\s*(?:的\s*)?(?:{_KEYWORD}\s*)?[：:]\s*(?:{_KEYWORD}\s*[：:]\s*)?")
_AFTER_KEYWORD = re.compile(rf"\s*(?:的\s*)?{_KEYWORD}(?:[\s，,\-－—]+|$)")
_BEFORE_KEYWORD = re.compile(rf"\s*的?(?={_KEYWORD})")
_SOFT = re.compile(r"[\s，,\-－—]+")

# --- whole-message commands (matched on the text without any whitespace) ---------------------

_WITHDRAW = re.compile(
    r"(?:请|我要)?(?:撤回|撤销)(?:上一?条|刚才的?|最后一条)?的?(?:进展|汇报|报告)?吧?[。！!]*"
)
_MY_PROGRESS = re.compile(
    r"(?:查看?|看看?)?(?:(?:我|我们|本)(?:的|科室?|单位|分局|部门)?的?)(?:进展|进度|台账)"
    r"(?:情况)?(?:如何|怎么样|怎样)?[？?]*"
    r"|(?:进展|进度)情况|(?:查看?|看看?)(?:进展|进度|台账)"
)
_TASK_PROGRESS = re.compile(
    rf"第(?P<n>{_NUM})[项条條]的?(?:{_KEYWORD}|(?:完成|落实|汇报|报送|上报)情况)"
    r"(?:如何|怎么样|怎样|咋样)?了?(?:吗|呢)?[？?]*"
    rf"|第(?P<m>{_NUM})[项条條](?:还有|有)?(?:谁|哪些?(?:科室|单位|部门)?)还?(?:没有?|未)?"
    r"(?:报|汇报|报送|上报)了?(?:进展)?(?:吗|呢)?[？?]*"
)

# --- prefixes of the raw message -------------------------------------------------------------

_LEAD = re.compile(
    r"(?:汇报|报告|报送|上报|报)?(?:进展|进度)(?:情况|汇报)?(?:\s*[：:，,]\s*|\s+|(?=第)|$)"
)
_AMEND = re.compile(
    r"(?:修改|更正)(?:上一?条|刚才的?)?的?(?:进展|汇报)?(?:\s*[：:，,]\s*|\s+|(?=第)|$)"
)

# --- questions and progress-like text --------------------------------------------------------

_QUESTION_END = ("？", "?", "吗", "呢", "么", "嘛")
_QUESTION_WORDS = re.compile(r"谁|什么|哪|怎么|怎样|如何|多少|是否|啥|咋|几时")
_PROGRESS_MARK = re.compile(
    r"已|正在|尚未|未能|暂未|还没|还未|未完成|没有完成|[完办做弄搞]完了|完成了|办结了|好了"
    r"|全部完成|基本完成|完成[。！!]*$|困难|无法|难以|需要?协调|进行中|推进中|办理中|落实中"
    r"|在推进|在办理|在落实|在编制"
)
_TRAILING = "。！!.．~～…  \t\u3000"
_EMPTY = "。，,、；;：:！!？?.．~～…-－—  \t\r\n\u3000"

# --- status ------------------------------------------------------------------------------------

_BLOCKED = re.compile(
    r"(?<![没暂])有(?:一些|一定|较大|很大|不少)?困难"
    r"|(?<!没有)(?<![未没])遇到了?(?:一些|一定|较大|很大|不少)?困难"
    r"|(?<!不)存在(?:一些|一定|较大|很大|不少)?困难"
    r"|困难[：:]|无法完成|难以完成|(?<![不无])需要?协调"
)
_BARE_BLOCKED = re.compile(
    r"(?:(?:有|遇到了?|存在)(?:一些|一定|较大|很大|不少)?困难|困难(?=[：:])|无法完成|难以完成"
    r"|需要?协调)(?:$|[：:，,。！!\s])"
)
_DONE_VERB = r"(?:完成|办完|办结|完结|做完|落实)"
_DONE_AT_END = re.compile(
    rf"(?:(?:(?:已经?|均已|都已|业已)(?:全部)?|全部(?:已经?)?){_DONE_VERB}(?:了|啦)?"
    r"|(?:完成|办完|办结|做完)(?:了|啦)|完成)$"
)
# Before the completion word in its clause: only part of it is done, it is not, or not yet.
_NOT_WHOLE = re.compile(
    r"部分|一半|半数|大半|过半|大部|多数|基本|初步|阶段|批|百分之|[0-9０-９.．]+\s*[%％]"
    r"|[一二三四五六七八九]成|未|没|不|否|无法|难以"
    r"|争取|力争|计划|预计|将|确保|拟|准备|即将|尽快"
)
_CLAUSE_BREAK = re.compile(r"[，,。；;！!、\s]+")
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")


def report_status(text: str) -> Status:
    """The status a progress text states: BLOCKED, DONE or, by default, ONGOING.

    See the module docstring for the rules; ``已办结留言128条`` is ONGOING (progress on ongoing
    work), ``已完成`` and ``目录编制已完成`` are DONE, ``完成了一半`` and ``大部分已完成`` are not.
    """
    text = spaced(text)
    if _BLOCKED.search(text):
        return Status.BLOCKED
    clause = _CLAUSE_BREAK.split(text.rstrip(_TRAILING))[-1]
    done = _DONE_AT_END.search(clause)
    if done is None:
        return Status.ONGOING
    before = clause[: done.start()]
    if done.group() == "完成" and before:
        return Status.ONGOING  # 编制完成: a bare 完成 counts only as the whole clause
    return Status.ONGOING if _NOT_WHOLE.search(before) else Status.DONE


def _is_question(text: str) -> bool:
    core = text.rstrip(_TRAILING)
    return core.endswith(_QUESTION_END) or _QUESTION_WORDS.search(core) is not None


def _out_of_range(shown: str, task_count: int) -> BadReport:
    have = f"，任务编号是1到{task_count}" if task_count > 0 else ""
    return BadReport(f"通知里没有第{shown}项{have}。请检查编号，{_EXAMPLE}")


def _number(raw: str, task_count: int) -> int | BadReport:
    if raw[0].isdecimal():
        significant = raw.lstrip("0０")
        if len(significant) > 6:  # never a task; int() would refuse thousands of digits
            return _out_of_range(raw if len(raw) <= 10 else raw[:10] + "…", task_count)
        number = int(raw)
    else:
        parsed = cjk_to_int(raw)
        if parsed is None:
            return BadReport(f"看不懂“第{raw}项”，请用数字写任务编号，{_EXAMPLE}")
        number = parsed
    if not 1 <= number <= task_count:
        return _out_of_range(str(number), task_count)
    return number


def _tasks(span: str, task_count: int) -> tuple[int, ...] | BadReport:
    """The task numbers of a task list such as ``第3、5项`` or ``第3至5项和第8项``."""
    found: list[int] = []
    for item in _ITEM.finditer(span):
        first = _number(item.group(1), task_count)
        if isinstance(first, BadReport):
            return first
        last = first
        if item.group(2) is not None:
            end = _number(item.group(2), task_count)
            if isinstance(end, BadReport):
                return end
            if end < first:
                return BadReport(
                    f"看不懂“第{item.group(0)}项”，范围请从小写到大，例如：第3至5项：…"
                )
            last = end
        for number in range(first, last + 1):
            if number not in found:
                found.append(number)
    return tuple(found)


def _single_task(raw: str, task_count: int) -> TaskProgress | BadReport:
    number = _number(raw, task_count)
    return number if isinstance(number, BadReport) else TaskProgress(number)


def _checked(text: str, *, amend: bool = False) -> str | BadReport:
    """The report text, trimmed; a `BadReport` if it is empty or too long."""
    text = text.strip()
    if not text.strip(_EMPTY):
        return BadReport(
            f"请写上修改后的内容，{_AMEND_EXAMPLE}" if amend else f"请写上进展内容，{_EXAMPLE}"
        )
    if len(text) > MAX_REPORT_CHARS:
        return BadReport(
            f"进展太长了（{len(text)}字），请分几条发，每条不超过{MAX_REPORT_CHARS}字"
        )
    return text


def _report(tasks: tuple[int, ...], text: str) -> Report | BadReport:
    checked = _checked(text)
    if isinstance(checked, BadReport):
        return checked
    return Report(tasks, checked, report_status(checked))


def _split_tasks(rest: str, task_count: int) -> tuple[tuple[int, ...], str] | BadReport:
    """Read an optional task list at the start of `rest`; the numbers and what follows."""
    listed = _LIST.match(rest)
    if listed is None:
        return (), rest
    tasks = _tasks(listed.group(), task_count)
    if isinstance(tasks, BadReport):
        return tasks
    return tasks, rest[listed.end() :]


def _explicit_body(rest: str) -> str:
    """What follows a task list in a form that is a report whatever it says."""
    for scaffold in (_AFTER_COLON, _AFTER_KEYWORD, _SOFT):
        match = scaffold.match(rest)
        if match:
            return rest[match.end() :]
    return rest


def _after_task_list(rest: str) -> tuple[str, bool] | None:
    """Split what follows a leading task list into (text, explicit); None if nothing follows.

    Explicit forms (a colon) are reports whatever they say; the others are reports only when
    the text reads like progress and is no question.
    """
    if not rest.strip():
        return None
    colon = _AFTER_COLON.match(rest)
    if colon:
        return rest[colon.end() :], True
    keyword = _AFTER_KEYWORD.match(rest)
    if keyword:
        return rest[keyword.end() :], False
    before = _BEFORE_KEYWORD.match(rest)
    if before:
        return rest[before.end() :], False  # 进展顺利: the keyword is part of the text
    soft = _SOFT.match(rest)
    return (rest[soft.end() :] if soft else rest), False


def _reads_like_progress(text: str) -> bool:
    core = text.strip()
    if not core or core.startswith("的") or _is_question(core):
        return False
    return core.startswith(("进展", "进度")) or _PROGRESS_MARK.search(core) is not None


def _task_first(text: str, task_count: int) -> Report | BadReport | None:
    listed = _LIST.match(text)
    if listed is None:
        return None
    split = _after_task_list(text[listed.end() :])
    if split is None:
        return None  # 第17项 alone is a question about the task
    body, explicit = split
    if not explicit and not _reads_like_progress(body):
        return None
    tasks = _tasks(listed.group(), task_count)
    if isinstance(tasks, BadReport):
        return tasks
    return _report(tasks, body)


def _lead_first(text: str, task_count: int) -> Report | BadReport | None:
    lead = _LEAD.match(text)
    if lead is None:
        return None
    split = _split_tasks(text[lead.end() :], task_count)
    if isinstance(split, BadReport):
        return split
    tasks, rest = split
    body = _explicit_body(rest) if tasks else rest
    if not tasks and body.strip() and _is_question(body):
        return None  # 进展 如何？ asks, it does not report
    return _report(tasks, body)


def _amend(text: str, task_count: int) -> Amend | BadReport | None:
    amend = _AMEND.match(text)
    if amend is None:
        return None
    rest = text[amend.end() :]
    lead = _LEAD.match(rest)
    if lead is not None:
        rest = rest[lead.end() :]
    split = _split_tasks(rest, task_count)
    if isinstance(split, BadReport):
        return split
    tasks, rest = split
    checked = _checked(_explicit_body(rest) if tasks else rest, amend=True)
    if isinstance(checked, BadReport):
        return checked
    return Amend(tasks, checked, report_status(checked))


def _bare_status(text: str) -> Report | BadReport | None:
    if _is_question(text):
        return None
    read = spaced(text)  # a control character reads as a space; the record keeps it
    if _DONE_AT_END.fullmatch(read.rstrip(_TRAILING)) or _BARE_BLOCKED.match(read):
        return _report((), text)
    return None


def parse_report(text: str, *, task_count: int) -> ReportMessage | None:
    """Read a progress report, a correction or a progress query from one message.

    Args:
        text: the whole message as the user sent it.
        task_count: how many tasks the notice has; task numbers must be in 1..task_count.

    Returns:
        `Withdraw` (``撤回``), `Amend` (``修改 第17项：…``), `MyProgress` (``我科室进展``),
        `TaskProgress` (``第10项进展如何``), `Report` (``第17项：已办结留言128条``, ``进展：…``,
        ``已完成``), a `BadReport` for a report that cannot be recorded (no text, a task number
        outside the notice, too long), or None when the message is none of these — a question
        such as ``第17项是什么`` or ``第17项`` alone — so normal answering goes on.
    """
    text = _INVISIBLE.sub("", text).strip()
    if not text:
        return None
    compact = _SPACES.sub("", text)
    if _WITHDRAW.fullmatch(compact):
        return Withdraw()
    if _MY_PROGRESS.fullmatch(compact):
        return MyProgress()
    asked = _TASK_PROGRESS.fullmatch(compact)
    if asked:
        return _single_task(asked.group("n") or asked.group("m"), task_count)
    for reader in (_amend, _lead_first, _task_first):
        found = reader(text, task_count)
        if found is not None:
            return found
    return _bare_status(text)
