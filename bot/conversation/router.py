"""`Conversation.handle`: the one place that decides what an event means, for every channel.

A line is the office's holiday arrangement (an admin's, in a private chat), the reason after a
复核 退回, the line after the 延期 choice, a 批示 replied to the weekly digest (or after its 写批示
choice), or else read once by the grammar (`bot.grammar`), each intent handed to its flow in the
order said (`lines.on_line`); "第24项佐证 …" is evidence (`evidence.on_line`). Commands and presses
go to their flow by name; the office's are refused to anyone else, changing nothing. A file is
evidence (`evidence.is_evidence`), else an admin's notice (or holiday arrangement) to import.
Every durable change is
written before `handle` returns; what to send is in its `Result`, never sent from here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot import texts
from bot.conversation import (
    binding,
    evidence,
    evidence_needed,
    extensions,
    files,
    groups,
    holidays,
    importing,
    instructions,
    lines,
    notices,
    office,
    proposals,
    questions,
    reports,
    review,
    supervision,
)
from bot.conversation.actions import Nothing, Refused, Result, Toast, said
from bot.conversation.choices import decode
from bot.conversation.core import Core
from bot.conversation.events import Command, Event, File, Press, Text
from bot.conversation.session import Sessions
from bot.conversation.turn import Turn
from bot.evidence.lines import evidence_line

Flow = Callable[[Turn, Command], Awaitable[Result]]
EVERYONE, READERS, OFFICE = "everyone", "readers", "office"
# Each command with who may use it (the readers: admins and the leaders who observe);
# /group and /ungroup, said in groups, are handled before these private-chat commands.
COMMANDS: dict[str, tuple[str, Flow]] = {
    "start": (EVERYONE, lambda t, _: binding.start(t)),
    "help": (EVERYONE, lambda t, _: questions.help_reply(t)),
    "id": (EVERYONE, lambda t, _: questions.whoami(t)),
    "unit": (EVERYONE, lambda t, _: binding.pick_kind(t)),
    "my": (EVERYONE, lambda t, _: questions.my_duties(t)),
    "task": (EVERYONE, lambda t, c: questions.task(t, c.args)),
    "units": (EVERYONE, lambda t, _: questions.units(t)),
    "overview": (READERS, lambda t, c: supervision.overview(t, c.args)),
    "missing": (READERS, lambda t, c: supervision.missing(t, c.args)),
    "export": (READERS, lambda t, c: files.export(t, c.args)),
    "chart": (READERS, lambda t, c: files.chart(t, c.args)),
    "notices": (READERS, lambda t, _: notices.list_notices(t)),
    "pending": (OFFICE, lambda t, _: office.pending(t)),
    "users": (OFFICE, lambda t, _: office.users(t)),
    "bind": (OFFICE, lambda t, c: office.bind(t, c.args)),
    "unbind": (OFFICE, lambda t, c: office.unbind(t, c.args)),
    "reload": (OFFICE, lambda t, _: office.reload(t)),
    "deadline": (OFFICE, lambda t, c: office.deadline(t, c.args)),
    "evidence": (OFFICE, lambda t, c: evidence_needed.mark(t, c.args)),
    "paused": (OFFICE, lambda t, _: office.paused(t)),
    "return": (OFFICE, lambda t, c: extensions.return_report(t, c.args, c.message_id)),
    "instruct": (READERS, lambda t, c: instructions.command(t, c.args, c.message_id)),
    "archive": (OFFICE, lambda t, c: notices.archive(t, c.args)),
    "unarchive": (OFFICE, lambda t, c: notices.unarchive(t, c.args)),
}
GROUP_COMMANDS = {"group", "ungroup"}  # a work group's, handled before the table
IMPORT_PRESSES = {"import", "import_name", "import_match"}
OFFICE_PRESSES = {
    "approve",
    "reject",
    "old_approve",
    "old_reject",
    "grant",
    "refuse",
    "holidays",
    "pass",
    "send_back",
    *IMPORT_PRESSES,
}


class Conversation:
    """Events in, results out, for every channel; one session per person."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.sessions = Sessions()

    def _turn(self, event: Event) -> Turn:
        return Turn(self.core, self.sessions.of(event.person), event.person, event.place)

    async def handle(self, event: Event) -> Result:
        """What `event` means and what to do about it."""
        turn = self._turn(event)
        if isinstance(event, Text):
            return await self._text(turn, event)
        if isinstance(event, Command):
            return await self._command(turn, event)
        if isinstance(event, File):
            if await evidence.is_evidence(turn, event):
                return await evidence.on_file(turn, event)
            return await importing.on_file(turn, event)
        return await self._press(turn, event)

    async def sent(self, track: str, where: list[tuple[int, int]]) -> None:
        """Where the tracked `Send`s of a result landed: (chat, message) of each delivered."""
        if not importing.sent(self.core, track, where):
            await binding.sent(self.core, track, where)

    async def _text(self, turn: Turn, event: Text) -> Result:
        text, private = event.text, not event.place.group
        if private and turn.admin and holidays.looks_like_arrangement(text):
            return holidays.offer(self.core, text)
        waited = await review.after_reason(turn, text, event.message_id)
        waited = waited or await extensions.after_choice(turn, text, event.message_id)
        waited = waited or await instructions.in_reply(turn, event)
        if waited is None and (line := evidence_line(text)) is not None:
            return await evidence.on_line(turn, line, event.message_id)
        return waited or await evidence_needed.hinted(turn, await lines.on_line(turn, event))

    async def _command(self, turn: Turn, event: Command) -> Result:
        name, args = event.name, event.args
        if name == "group":
            return await groups.register(turn, args)
        if name == "ungroup" and event.place.group:
            return await groups.unregister(turn)
        if event.place.group:
            return Result((), Nothing())
        if name not in COMMANDS:
            return said(texts.UNKNOWN_COMMAND, outcome=Refused("unknown command"))
        who, flow = COMMANDS[name]
        allowed = {EVERYONE: True, READERS: turn.reader, OFFICE: turn.admin}[who]
        if not allowed:
            return said(texts.OFFICE_ONLY, outcome=Refused("office only"))
        return await flow(turn, event)

    async def _press(self, turn: Turn, event: Press) -> Result:
        button = decode(event.data)
        if button is None:
            return Result((Toast(texts.BUTTON_EXPIRED),), Refused("expired"))
        if button.action in OFFICE_PRESSES and not turn.admin:
            return Result((Toast(texts.OFFICE_ONLY, alert=True),), Refused("office only"))
        action = button.action
        if action in {"kind", "unit"}:
            return await binding.on_pick(turn, button)
        if action in {"approve", "reject", "old_approve", "old_reject"}:
            return await binding.on_decision(turn, button, event.message_id)
        if action == "status":
            return await evidence_needed.hinted(
                turn, await reports.on_status(turn, button, event.press_id)
            )
        if action == "choice":
            return await proposals.on_choice(turn, button, event.press_id)
        if action == "confirm":
            return await proposals.on_press(turn, button)
        if action in {"grant", "refuse"}:
            return await extensions.on_decision(turn, button, event.press_id)
        if action in {"pass", "send_back"}:
            return await review.on_press(turn, button, event.press_id)
        if action == "holidays":
            return await holidays.on_decision(self.core, button)
        if action in IMPORT_PRESSES:
            return await importing.on_press(turn, button, event.press_id)
        if action == "instruct":
            return instructions.on_prompt(turn)
        if action == "evidence":
            return await evidence.on_press(turn, button)
        if action == "which_unit":
            return await questions.on_unit(turn, button)
        return await questions.on_task(turn, button)
