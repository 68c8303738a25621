"""The typed intents one typed line can carry, for every channel. Values only, no reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.ledger.reports import Status


class Window(StrEnum):
    """The stretch of time a due-date question asks about."""

    WEEK = "week"
    NEXT_WEEK = "next_week"
    MONTH = "month"
    NEXT_MONTH = "next_month"
    SOON = "soon"  # 快到期: the next ten or so working days
    OVERDUE = "overdue"
    ALL = "all"


class Topic(StrEnum):
    """What a how-to question asks how to do."""

    REPORT = "report"
    EXTENSION = "extension"
    PAUSE = "pause"
    WITHDRAW = "withdraw"
    AMEND = "amend"


class Role(StrEnum):
    """A role filter on a unit's duties."""

    LEAD = "lead"
    COOPERATE = "cooperate"


class Chat(StrEnum):
    """The kind of small talk."""

    GREETING = "greeting"
    THANKS = "thanks"
    PRESENCE = "presence"  # 在吗


class OfficeAsk(StrEnum):
    """The office's questions in words (the same as /missing, /overview, /export)."""

    MISSING = "missing"
    OVERVIEW = "overview"
    EXPORT = "export"


class Unsure(StrEnum):
    """Why a report is confirmed with one press before it is recorded: the part of the
    simple-form rule (`bot.grammar.simple`) its line breaks."""

    LIST = "list"  # a list marker numbers the writer's points
    LONG = "long"  # a clause longer than a simple report
    NUMBER = "number"  # a number, count or percentage besides the task
    NEGATION = "negation"  # 不, 没, 未, 无 …
    HEDGE = "hedge"  # a hedge, condition, plan, part or contrast
    TASKS = "tasks"  # a clause naming two task references
    UNIT = "unit"  # a unit or group named (whose work is it?)
    CLAUSES = "clauses"  # a clause that is not a report of its own (context, a question)
    WORDING = "wording"  # no clear status word, or one saying another status than read
    TOPIC = "topic"  # the task found by the notice's words, not by its number
    SPELLING = "spelling"  # read through a slip, another script, formal numerals or a filler


class Unclear(StrEnum):
    """What the bot must ask back before recording anything."""

    TASK = "task"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class Due:
    """The asker's unit's items due in `window`, or when `task` is due."""

    window: Window
    task: int | None = None


@dataclass(frozen=True, slots=True)
class Duties:
    """What `units` hold (unit or group names as registered; empty: the asker's own unit)."""

    units: tuple[str, ...] = ()
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class WhichUnit:
    """`typed` names no unit exactly and could be several: ask which, offering these."""

    typed: str
    candidates: tuple[str, ...]
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Applies:
    """Yes or no: must the asker's unit do `task`."""

    task: int


@dataclass(frozen=True, slots=True)
class TaskDetail:
    """What task `task` is."""

    task: int


@dataclass(frozen=True, slots=True)
class Owners:
    """Who leads and does `task`."""

    task: int


@dataclass(frozen=True, slots=True)
class SectionTasks:
    """The tasks of the `section`th section (一、二、…)."""

    section: int


@dataclass(frozen=True, slots=True)
class Search:
    """Tasks about a topic: every keyword, in any order; `lead_only` asks only who leads."""

    keywords: tuple[str, ...]
    lead_only: bool = False


@dataclass(frozen=True, slots=True)
class Units:
    """Every unit with its count of tasks."""


@dataclass(frozen=True, slots=True)
class Pending:
    """The group phrases the office still has to define (待明确)."""


@dataclass(frozen=True, slots=True)
class Report:
    """Record `status` on `task`; no task: the flow asks which (or knows it from a nudge).
    `unsure` None: a simple form, recorded at once; else why it is confirmed first."""

    task: int | None
    status: Status
    text: str
    unsure: Unsure | None = None


@dataclass(frozen=True, slots=True)
class AskBack:
    """Not sure what was meant: ask about `about`, recording nothing."""

    about: Unclear
    tasks: tuple[int, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Malformed:
    """A report or correction that cannot be recorded as written; `reason` is for the user."""

    reason: str


@dataclass(frozen=True, slots=True)
class Withdraw:
    """Withdraw my last report."""


@dataclass(frozen=True, slots=True)
class Amend:
    """Correct my last report: `task` (None: the same task) now stands at `status` (None: the
    words change, the status stays as reported)."""

    task: int | None
    status: Status | None
    text: str


@dataclass(frozen=True, slots=True)
class Extension:
    """Ask to move `task` to `until` for `reason`; a missing part is asked for by the flow."""

    task: int | None
    until: date | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Instruction:
    """A leader's 批示 on `task` (None: the flow asks which), in `words` (empty: it asks)."""

    task: int | None
    words: str = ""


@dataclass(frozen=True, slots=True)
class Pause:
    """Pause my reminders through `until` (None: the flow asks until when)."""

    until: date | None


@dataclass(frozen=True, slots=True)
class Resume:
    """Resume my reminders."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Who has reported on `task`; None: my unit's items with their last status."""

    task: int | None = None


@dataclass(frozen=True, slots=True)
class HowTo:
    """How to do `topic`, in two or three lines."""

    topic: Topic


@dataclass(frozen=True, slots=True)
class Help:
    """The help text."""


@dataclass(frozen=True, slots=True)
class SmallTalk:
    """A greeting, thanks or 在吗."""

    kind: Chat


@dataclass(frozen=True, slots=True)
class Office:
    """An office question in words; refusing staff is the flow's job, not the grammar's."""

    ask: OfficeAsk
    task: int | None = None


@dataclass(frozen=True, slots=True)
class SetUnit:
    """The asker says which unit they belong to."""

    unit: str


@dataclass(frozen=True, slots=True)
class Confirm:
    """是的."""


@dataclass(frozen=True, slots=True)
class Deny:
    """不是."""


@dataclass(frozen=True, slots=True)
class Unknown:
    """Nothing sensible could be read from `text`."""

    text: str


Intent = (
    Due
    | Duties
    | WhichUnit
    | Applies
    | TaskDetail
    | Owners
    | SectionTasks
    | Search
    | Units
    | Pending
    | Report
    | AskBack
    | Malformed
    | Withdraw
    | Amend
    | Extension
    | Instruction
    | Pause
    | Resume
    | Progress
    | HowTo
    | Help
    | SmallTalk
    | Office
    | SetUnit
    | Confirm
    | Deny
    | Unknown
)
