"""Play one input to a fresh bot and check what every input owes the user.

1. No exception escapes a handler (the harness raises it).
2. Every message the bot sends is at most Telegram's 4096 characters and has Chinese in it;
   a refusal or usage reply (`Expect.refusal`) is at most `SHORT`; a button press is answered
   exactly once, in at most `ANSWER_LIMIT` characters.
3. An input that should change nothing (`Expect.inert`) leaves every byte of every file under
   the data directory as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

from tests.adversarial.world import Bot, World, snapshot
from tests.fakebotapi.server import SentMessage

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LIMIT = 4096  # Telegram's longest message
SHORT = 300  # a refusal or a usage line: a sentence or two, never an echo of a long input
ANSWER_LIMIT = 200  # Telegram's longest answerCallbackQuery text
MAX_MESSAGES = 10  # one input, at most this many messages (a long answer split, the admins told)


@dataclass(frozen=True, slots=True)
class Expect:
    """What an input may do: write data (`inert` False), get a long answer (`refusal` False),
    be answered at all (`silent` True: no message, no answer)."""

    inert: bool
    refusal: bool = False
    silent: bool = False
    press: bool = False  # a button press, owed exactly one answer


Make = Callable[[Bot], dict[str, Any]]


async def play(world: World, make: Make, expect: Expect) -> list[SentMessage]:
    """Open a fresh bot, feed it the update `make` builds, and check the three promises."""
    async with AsyncExitStack() as stack:
        bot = await world.open(stack)
        before = snapshot(bot.data_dir)
        answered = len(world.api.callback_answers())
        raw = make(bot)
        sent = await bot.feed(raw)
        after = snapshot(bot.data_dir)
        answers = world.api.callback_answers()[answered:]
    check_messages(sent, expect)
    check_answers(answers, expect)
    if expect.inert:
        assert after == before, f"the data directory changed: {changed(before, after)}"
    return sent


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The files added, removed or rewritten."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def check_messages(sent: list[SentMessage], expect: Expect) -> None:
    """Claim 2 for the messages: few, each within Telegram's limit and in Chinese."""
    if expect.silent:
        assert sent == [], [m.text for m in sent]
    assert len(sent) <= MAX_MESSAGES, [m.text[:40] for m in sent]
    for message in sent:
        if message.method == "sendDocument":
            continue  # an export: the file is the answer
        text = message.text
        assert len(text) <= LIMIT, f"{len(text)} characters: {text[:80]!r}"
        assert CJK.search(text), f"no Chinese in {text[:200]!r}"
        if expect.refusal:
            assert len(text) <= SHORT, f"a refusal of {len(text)} characters: {text[:120]!r}"


def check_answers(answers: list[dict[str, Any]], expect: Expect) -> None:
    """Claim 2 for button presses: answered once, briefly, in Chinese when there is text."""
    if expect.silent or not expect.press:
        assert answers == [], answers
        return
    assert len(answers) == 1, answers
    text = answers[0].get("text") or ""
    assert len(text) <= ANSWER_LIMIT, text
    assert not text or CJK.search(text), text
