"""What the conversation remembers about one person between events, keyed by (channel, id)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.model import ChatState
from bot.conversation.events import Person
from bot.ledger.reports import Report

TaskRef = tuple[str, int]  # (notice key, task number)


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
        report waiting for its task, the task after 有困难, the task after 延期, what was said of
    a task whose status the bot asked back, and the reports proposed for confirmation (with
    the count of proposals made, so an older proposal's choices are refused)."""

    chat: ChatState = field(default_factory=ChatState)
    pending_report: Report | None = None
    blocked_task: TaskRef | None = None
    extension_task: TaskRef | None = None
    asked_status: dict[TaskRef, str] = field(default_factory=dict)  # the text said, by task
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
