"""A message with choices on WeCom: its text, then its choices as ``button_interaction`` cards.

A card holds 1–6 buttons, so the rows of choices are packed into cards, a row never split
unless it alone holds more than six (a nudge's row is one task: 已完成 / 进行中 / 有困难 /
延期, so a nudge becomes a card per task). Beyond `MAX_CARDS` cards the choices are left out
and the text says to reply in words instead: each card is a message counted against WeCom's
30 a minute per member, and a wall of cards reads worse than one line typed.

Each card's ``task_id`` carries a number from the `CardBook`, recorded before the card goes,
so a press maps back to the message it was made on (`translate.message_id_of`) across
restarts, and no number is used twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tinydb.table import Document

from bot import texts as bot_texts
from bot.conversation.actions import Choice, Rows
from bot.reminders.outbox import State
from bot.store.storage import Store
from handlers.wecom import texts
from handlers.wecom.messages import MAX_BUTTONS, Button
from handlers.wecom.sender import WeComSender
from handlers.wecom.translate import task_id_for

__all__ = [
    "MAX_CARDS",
    "CardBook",
    "Delivered",
    "buttons_of",
    "pack",
    "send_with_choices",
    "worse",
]

MAX_CARDS = 5
TEXT_UNITS = 600  # 2048 bytes shown at most; a Chinese character takes 3
TABLE = "wecom_cards"
BLOCK = 1000  # numbers taken per durable write
_ORDER = (State.SENT, State.AMBIGUOUS, State.FAILED, State.UNREACHABLE)


class CardBook:
    """Card numbers, recorded in blocks: a block's end is written before any of it is used,
    and a restart begins after it."""

    def __init__(self, store: Store) -> None:
        """Read where the last block ended (run before the loop, or in the store's thread)."""
        self._store = store
        self._table = store.table(TABLE)
        with store.lock:
            doc = self._table.get(doc_id=1)
        self._next = self._limit = int(doc["limit"]) if doc else 1

    def issue(self) -> int:
        """A number never issued before (run it in the store's thread)."""
        with self._store.lock:
            if self._next >= self._limit:
                self._limit = self._next + BLOCK
                self._table.upsert(Document({"limit": self._limit}, doc_id=1))
            number, self._next = self._next, self._next + 1
            return number


def pack(rows: Rows) -> list[tuple[Choice, ...]]:
    """The choices in cards of at most six buttons, rows kept whole where they fit."""
    cards: list[list[Choice]] = []
    for row in rows:
        for start in range(0, len(row), MAX_BUTTONS):
            piece = list(row[start : start + MAX_BUTTONS])
            if cards and len(cards[-1]) + len(piece) <= MAX_BUTTONS and len(row) <= MAX_BUTTONS:
                cards[-1].extend(piece)
            else:
                cards.append(piece)
    return [tuple(card) for card in cards if card]


def worse(one: State, other: State) -> State:
    """The worse of two outcomes of parts of one message."""
    return max(one, other, key=_ORDER.index)


@dataclass
class Delivered:
    """How a message went, and the numbers of its cards (the first names the message)."""

    state: State = State.SENT
    cards: list[int] = field(default_factory=list)


async def send_with_choices(
    sender: WeComSender,
    book: CardBook,
    store: Store,
    user: str,
    text: str,
    rows: Rows = (),
    *,
    dedupe: bool = False,
) -> Delivered:
    """Send `text` (split under WeCom's length), then its choices as cards; stops at the
    first part that fails or cannot reach the member."""
    cards = pack(rows)
    if len(cards) > MAX_CARDS:
        text, cards = f"{text}\n\n{texts.TYPE_INSTEAD}", []
    done = Delivered()
    for part in bot_texts.split_long(text, TEXT_UNITS) if text.strip() else []:
        outcome = await sender.send_text(user, part, dedupe=dedupe)
        done.state = worse(done.state, outcome.state)
        if outcome.state in (State.FAILED, State.UNREACHABLE):
            return done
    for index, card in enumerate(cards):
        number = await store.run(book.issue)
        title = texts.CHOOSE_PART.format(part=index + 1, parts=len(cards))
        outcome = await sender.send_card(
            user,
            task_id_for(number),
            title if len(cards) > 1 else texts.CHOOSE,
            buttons_of(card),
        )
        done.state = worse(done.state, outcome.state)
        if outcome.state in (State.FAILED, State.UNREACHABLE):
            return done
        done.cards.append(number)
    return done


def buttons_of(card: Sequence[Choice]) -> list[Button]:
    """A card's choices as WeCom buttons (the key is the choice's data)."""
    return [Button(choice.label, choice.data) for choice in card]
