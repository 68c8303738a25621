"""What the conversation asks a channel to do, and a typed account of what it recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.ledger.history import Entry


@dataclass(frozen=True, slots=True)
class Choice:
    """One button: what it says, and the data a press of it brings back."""

    label: str
    data: str


Rows = tuple[tuple[Choice, ...], ...]


@dataclass(frozen=True, slots=True)
class Reply:
    """Answer in the place the event came from (a channel splits long text); `track` names
    the replies whose message ids the conversation wants back (`Conversation.sent`)."""

    text: str
    rows: Rows = ()
    track: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text (and choices) of the message whose choice was pressed; with no text,
    only take its choices away (an edit that changes nothing is no error)."""

    text: str | None
    rows: Rows = ()


@dataclass(frozen=True, slots=True)
class EditSent:
    """Edit a message the bot sent earlier (with no text: only take its choices away); if it
    cannot, leave it."""

    chat_id: int
    message_id: int
    text: str | None
    rows: Rows = ()


@dataclass(frozen=True, slots=True)
class Toast:
    """The short answer to a press (an alert when `alert`)."""

    text: str = ""
    alert: bool = False


@dataclass(frozen=True, slots=True)
class Send:
    """A message to someone else (an admin, a unit's people).

    `to` says who that is (for a channel that shows it); `replaces` is a message of the
    bot's in that chat to edit instead, when it still can be; `track` names the sends whose
    message ids the conversation wants back (`Conversation.sent`).
    """

    chat_id: int
    text: str
    rows: Rows = ()
    to: str = ""
    replaces: int | None = None
    track: str = ""


@dataclass(frozen=True, slots=True)
class SendFile:
    """A file for the place the event came from."""

    name: str
    data: bytes
    caption: str


Action = Reply | Edit | EditSent | Toast | Send | SendFile


@dataclass(frozen=True, slots=True)
class Recorded:
    """Something was written to a ledger (a report, correction, request or decision); `also`
    the further records of a line that said several (第8项已完成，第10项进行中)."""

    entry: Entry | None = None
    also: tuple[Entry, ...] = ()

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every record written, in the order said."""
        return (self.entry, *self.also) if self.entry is not None else self.also


@dataclass(frozen=True, slots=True)
class Asked:
    """The person was asked something (which task, a date and reason, a confirmation)."""


@dataclass(frozen=True, slots=True)
class Refused:
    """Nothing was recorded, and why (in the person's words)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Answered:
    """A question or command answered; nothing recorded."""


@dataclass(frozen=True, slots=True)
class Changed:
    """A setting or membership changed (a pause, a binding, a group, a notice's state)."""


@dataclass(frozen=True, slots=True)
class Nothing:
    """Not for the bot (a group's line that does not address it, a repeated press)."""


Outcome = Recorded | Asked | Refused | Answered | Changed | Nothing


@dataclass(frozen=True, slots=True)
class Result:
    """What to do, in order, and what happened."""

    actions: tuple[Action, ...] = ()
    outcome: Outcome = field(default_factory=Answered)


def said(text: str, rows: Rows = (), outcome: Outcome | None = None) -> Result:
    """One reply."""
    return Result((Reply(text, rows),), outcome or Answered())


def merged(results: Sequence[Result]) -> Result:
    """One result for a line of several intents: every action in order; what was recorded
    (every entry), else asked, else refused (when all were), else answered."""
    if len(results) == 1:
        return results[0]
    actions = tuple(a for r in results for a in r.actions)
    outcomes = [r.outcome for r in results]
    entries = tuple(e for o in outcomes if isinstance(o, Recorded) for e in o.entries)
    if entries:
        return Result(actions, Recorded(entries[0], entries[1:]))
    if any(isinstance(o, Asked) for o in outcomes):
        return Result(actions, Asked())
    if all(isinstance(o, Refused) for o in outcomes):
        return Result(actions, outcomes[0])
    return Result(actions, Answered())
