"""What reminders say over the notices in use: whether the daily digest is needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.notices.reminding import daily_digest_needed

ZONE = ZoneInfo("Asia/Shanghai")
LAST = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)


@dataclass
class BlockedSince:
    """A ledger with `blocked` 有困难 reports since the last digest."""

    blocked: int

    def blocked_since(self, moment: datetime | None) -> list[str]:
        assert moment == LAST
        return ["有困难"] * self.blocked


@dataclass
class Desk:
    ledger: BlockedSince


@pytest.mark.parametrize(
    ("blocked", "fell_overdue", "needed"),
    [
        ((0, 0), False, False),  # nothing new: no digest
        ((0, 0), True, True),  # a milestone fell overdue today
        ((0, 1), False, True),  # a 有困难 report in the second notice
    ],
)
def test_the_daily_digest_goes_when_something_fell_overdue_or_is_blocked(
    blocked, fell_overdue, needed
):
    desks = [Desk(BlockedSince(n)) for n in blocked]
    assert daily_digest_needed(desks, LAST, fell_overdue) is needed
