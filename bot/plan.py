"""The plan model: sections, tasks and the parties responsible for them. No I/O, no parsing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# The catalog key of the first notice, the one the bot always had: its nudge ids, ledger
# directory and buttons carry no notice key (`bot.notices.catalog` lists the others).
PRIMARY = "1"


class Role(StrEnum):
    """How a party takes part in a task, strongest first."""

    LEAD = "lead"  # …牵头
    RESPONSIBLE = "responsible"  # named with no role word, or 按职责分工落实
    COOPERATE = "cooperate"  # …配合
    REFERENCE = "reference"  # …参照落实

    @property
    def strength(self) -> int:
        """Rank used when one unit reaches a task in several ways; lower is stronger."""
        return list(Role).index(self)


class PartyKind(StrEnum):
    """Whether a party names one unit or a group phrase standing for many."""

    UNIT = "unit"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Party:
    """One responsible party of a task, with its canonical name."""

    name: str
    kind: PartyKind
    role: Role


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered section (一、… 十五、) of the notice."""

    number: int
    title: str


@dataclass(frozen=True, slots=True)
class Task:
    """A numbered task: its requirement and who is responsible for it."""

    number: int
    section: int
    requirement: str
    responsibility: str
    parties: tuple[Party, ...]
    line: int
    printed: str | None = None  # the number as the notice prints it ("3", "（三）", "①"), if any
    time_text: str | None = None  # the text of its 完成时限 / 时限要求 / 备注 cell, if any
    due: tuple[date, ...] | None = (
        None  # a workbook's 截止日期 (bot.workbook.read); None: from the text
    )

    def parties_with(self, role: Role) -> tuple[Party, ...]:
        """The parties that hold `role` in this task."""
        return tuple(p for p in self.parties if p.role is role)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the loader could not read or resolve, with where it was found."""

    line: int
    text: str
    why: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole notice as read: sections, tasks and what could not be read."""

    title: str
    issued: date | None
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    problems: tuple[Problem, ...] = ()
    year: int | None = None  # the notice's own year as the dates stage read it, if stated
    _by_number: dict[int, Task] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_number", {t.number: t for t in self.tasks})

    def task(self, number: int) -> Task | None:
        """The task with the notice's own `number`, if there is one."""
        return self._by_number.get(number)

    def section(self, number: int) -> Section | None:
        """The section with the given number, if there is one."""
        return next((s for s in self.sections if s.number == number), None)

    def tasks_in(self, section: int) -> tuple[Task, ...]:
        """The tasks of one section, in notice order."""
        return tuple(t for t in self.tasks if t.section == section)
