"""The values every answer builder shares: what a chat remembers, the loaded notice, a reply."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.ledger.deadlines import Milestone
from bot.plan import PRIMARY, Plan
from bot.registry.units import Registry


@dataclass(frozen=True, slots=True)
class ChatState:
    """What the bot remembers about one user between lines.

    `unit` is the canonical name of the asker's unit, set by the shell (the console trusts
    "我是…", the Telegram bot uses the office-approved binding). `suggestion` is the name
    offered in the last "您是说…吗", and `suggestion_sets_unit` says whether confirming it is
    a claim to belong to that unit.
    """

    unit: str | None = None
    suggestion: str | None = None
    suggestion_sets_unit: bool = False


@dataclass(frozen=True, slots=True)
class Knowledge:
    """The plan and registry an answer is read from, and each task's due dates if known."""

    plan: Plan
    registry: Registry
    deadlines: Mapping[int, tuple[Milestone, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Answer:
    """A reply: its text, the tasks it lists (a chat may offer to open them), and a claim.

    `claimed_unit` is set when the user said which unit they belong to ("我是综合科"); the
    shell decides what a claim does.
    """

    text: str
    tasks: tuple[int, ...] = ()
    claimed_unit: str | None = None
    notice: str = PRIMARY  # the key of the notice `tasks` belong to (see `bot.notices.catalog`)
