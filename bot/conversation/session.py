"""What the conversation remembers about one person between events, keyed by (channel, id)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.model import ChatState
from bot.conversation.events import Person
from bot.ledger.reports import Report

TaskRef = tuple[str, int]  # (notice key, task number)


@dataclass(frozen=True, slots=True)
class WaitingFile:
    """An evidence file checked and waiting for its task to be chosen: its name, its bytes
    and the message that brought it."""

    name: str
    data: bytes
    message: int


@dataclass(frozen=True, slots=True)
class Proposal:
    """Reports proposed with one press to confirm: the `token` its choices carry, the
    notice named in the line (if any) and the message they were read from."""

    token: int
    reports: tuple[Report, ...]
    notice: str | None
    message: int


@dataclass(slots=True)
class Session:
    """One person's state: the chat (a pending 您是说…吗, a unit the console was told), the
        report waiting for its task, the task after 有困难, the task after 延期, the report an admin
    returns on review (退回, until its reason), what was said of a task whose status the bot
    asked back, the task or file of 佐证材料 under way, and the reports proposed for
    confirmation (with the count of proposals made, so an older proposal's choices are
    refused)."""

    chat: ChatState = field(default_factory=ChatState)
    pending_report: Report | None = None
    blocked_task: TaskRef | None = None
    extension_task: TaskRef | None = None
    instructing: bool = False  # after 写批示: the next line is a 批示
    returning: tuple[str, int] | None = None  # (notice key, report id) an admin returns
    asked_status: dict[TaskRef, str] = field(default_factory=dict)  # the text said, by task
    evidence_task: TaskRef | None = None  # after "第24项佐证": the next file's task
    pending_evidence: WaitingFile | None = None  # a file waiting for its task
    proposal: Proposal | None = None
    proposals: int = 0
    pending_unsure: bool = False  # the report waiting for its task is not of a simple form


class Sessions:
    """Every person's session, created on first use; in memory (a restart forgets them)."""

    def __init__(self) -> None:
        self._by_person: dict[tuple[str, int], Session] = {}

    def of(self, person: Person) -> Session:
        """The person's session."""
        return self._by_person.setdefault((person.channel, person.id), Session())
