"""One event's context for the flows: the core, the person's session, who and where."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.core import Core
from bot.conversation.events import CONSOLE, Person, Place
from bot.conversation.session import Session
from bot.notices.visibility import Viewer
from bot.progress.recording import Sender


@dataclass(frozen=True, slots=True)
class Turn:
    """The core, the session, and the person and place of the event being handled.

    The console is run by whoever holds the data directory: its word on its unit is taken
    ("我是…", `--as`) and it reads the ledger as the office does. On Telegram a unit is the
    office-approved binding (or the work group's) and a claim is a request to the office.
    """

    core: Core
    session: Session
    person: Person
    place: Place

    @property
    def trusted(self) -> bool:
        """Whether the person's word on their unit is taken (the console)."""
        return self.person.channel == CONSOLE

    async def unit(self) -> str | None:
        """The unit the person speaks for here."""
        if self.trusted:
            return self.session.chat.unit
        return await self.core.store.run(self.core.unit_in, self.person, self.place)

    async def viewer(self) -> Viewer:
        """Who reads answers drawn from the ledger (`bot.notices.visibility`)."""
        if self.trusted:
            return Viewer(self.session.chat.unit, office=True)
        return await self.core.store.run(self.core.viewer, self.person.id, self.place.id)

    def sender(self, unit: str | None, message: int) -> Sender:
        """The person as the ledger records them, for message `message`."""
        return Sender(unit, self.person.id, self.person.name, self.place.id, message)

    @property
    def admin(self) -> bool:
        """Whether the person is one of the office's admins."""
        return self.core.is_admin(self.person)

    @property
    def reader(self) -> bool:
        """Whether the person may read the overview and the 台账 (admins, leaders)."""
        return self.core.may_read_reports(self.person)
