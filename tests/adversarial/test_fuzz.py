"""Property-based fuzzing of every inbound path, through the real handlers.

Each example is one input from one user (a stranger, a user waiting for approval, a bound
staff member of 综合科, the office's admin) to a fresh bot: see `checks` for what every input
owes the user, and `writes_*` below for which inputs may change the data directory.

`FUZZ_EXAMPLES=2000` runs each path that many times, with fresh randomness (bench/fuzz.py);
by default each path runs a fixed, derandomized set, small enough for CI.
"""

from __future__ import annotations

import os
import unicodedata
from contextlib import AsyncExitStack

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation.router import COMMANDS, GROUP_COMMANDS
from bot.people.picker import fingerprint
from tests.adversarial import strategies as fuzz
from tests.adversarial.checks import Expect, check_messages, play
from tests.adversarial.world import GROUP, NAMES, ROLES, STRAY_GROUP, Bot, World
from tests.handlers.conftest import user

LONG_RUN = "FUZZ_EXAMPLES" in os.environ


def fuzz_settings(examples: int) -> settings:
    """`examples` per path in CI (the same ones every run); FUZZ_EXAMPLES for a long run."""
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", examples)),
        deadline=None,
        derandomize=not LONG_RUN,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # `world` is shared; each example opens a bot
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


# Which commands may write, as a table: a command the bot gains must be added to one of these
# (test_every_command_is_classified), and saying which is a decision about what it may do.
ADMIN_WRITES = frozenset(
    {"bind", "unbind", "deadline", "return", "archive", "unarchive", "evidence", "instruct"}
)
OFFICE_READS = frozenset(
    {"pending", "users", "reload", "paused", "overview", "missing", "export", "chart", "notices"}
)
ANYONE = frozenset({"start", "help", "id", "unit", "my", "task", "units", "group", "ungroup"})
IN_GROUPS = frozenset({"group", "ungroup"})  # the unit's staff or an admin may (un)register
# Button kinds that may write, for each role (a press in 综合科's group reports for 综合科).
PRESS_WRITES = {
    "stranger": {"u"},
    "pending": {"u"},
    "staff": {"u", "s"},
    "admin": {"u", "ok", "no", "xg", "xr"},
}
CLAIM_WORDS = ("我是", "我在", "我们是", "我属于", "我的科室是", "我的单位是", "本人是")


def has_unit(role: str, chat: int) -> bool:
    """Whether a report from `role` in `chat` counts for a unit."""
    return chat == GROUP or role == "staff"


def writes_templated(kind: str, role: str, chat: int) -> bool:
    """A question never writes; a claim may (a request); a pause needs a unit, and a report or
    an extension request a unit to count for."""
    if kind == "question":
        return False
    if kind == "claim":
        return True
    return has_unit(role, chat)


def says_something(text: str) -> bool:
    """A letter, digit or symbol: punctuation, spaces and invisible characters say nothing."""
    return any(unicodedata.category(c)[0] in "LNS" for c in text)


def writes_reply(text: str, role: str, chat: int) -> bool:
    """A reply to a nudge is a report on the nudge's task, if it says something."""
    return has_unit(role, chat) and says_something(text)


def writes_wild(text: str, role: str, chat: int) -> bool:
    """Arbitrary text may write if it claims a unit, or names a task (a digit or a Chinese word)
    for a unit; anything else changes nothing."""
    if any(word in text for word in CLAIM_WORDS):
        return True
    if not has_unit(role, chat):
        return False
    return any(
        unicodedata.category(c) == "Nd" or "\u3400" <= c <= "\u9fff" or c in "一二三四五六七八九十"
        for c in text
    )


def test_every_command_is_classified():
    """Every command the conversation knows (`bot.conversation.router`) is fuzzed as one of
    the office's writes, its reads, or anyone's."""
    assert set(COMMANDS) | GROUP_COMMANDS == ADMIN_WRITES | OFFICE_READS | ANYONE


def text_update(role: str, text: str, chat: int | None = None, *, reply: bool = False):
    """Make the update of `role`'s user typing `text` in `chat` (their private chat)."""
    who = ROLES[role]

    def make(bot: Bot):
        where = chat or who
        to = bot.nudges[where] if reply else None
        return bot.harness.api.send_text(
            where, text, user=user(who, NAMES[who]), reply_to_message_id=to
        )

    return make


ROLE = st.sampled_from(sorted(ROLES))


@fuzz_settings(50)
@given(role=ROLE, text=fuzz.wild_text(), reply=st.booleans())
async def test_wild_text(world: World, role: str, text: str, reply: bool):
    chat = ROLES[role]
    # A reply to a nudge is a report on the nudge's task.
    writes = writes_wild(text, role, chat) or (reply and writes_reply(text, role, chat))
    await play(world, text_update(role, text, reply=reply), Expect(inert=not writes))


@fuzz_settings(60)
@given(role=ROLE, line=fuzz.templated(), reply=st.booleans())
async def test_report_like_text(world: World, role: str, line: tuple[str, str], reply: bool):
    kind, text = line
    chat = ROLES[role]
    inert = not (writes_templated(kind, role, chat) or (reply and writes_reply(text, role, chat)))
    await play(world, text_update(role, text, reply=reply), Expect(inert=inert))


@fuzz_settings(40)
@given(
    role=ROLE,
    where=st.sampled_from([GROUP, STRAY_GROUP]),
    text=st.one_of(fuzz.wild_text(), fuzz.templated().map(lambda line: line[1])),
    address=st.sampled_from(["mention", "reply", "none"]),
)
async def test_group_text(world: World, role: str, where: int, text: str, address: str):
    mention = "@" + world.api.bot_user["username"]
    typed = f"{mention} {text}" if address == "mention" else text
    addressed = address != "none" or mention in text
    writes = (address == "reply" and writes_reply(typed, role, where)) or (
        addressed and writes_wild(typed, role, where)
    )
    expect = Expect(inert=not writes, silent=not addressed)
    await play(world, text_update(role, typed, where, reply=address == "reply"), expect)


@fuzz_settings(60)
@given(
    role=ROLE,
    name=st.one_of(
        st.sampled_from(sorted(ADMIN_WRITES | OFFICE_READS | ANYONE)), fuzz.COMMAND_NAMES
    ),
    mention=st.sampled_from(["", "@fengong_test_bot", "@other_bot"]),
    args=fuzz.arguments(),
)
async def test_private_command(world: World, role: str, name: str, mention: str, args: str):
    known = name in ADMIN_WRITES | OFFICE_READS | ANYONE and mention != "@other_bot"
    admin = role == "admin"
    expect = Expect(
        inert=not (admin and known and name in ADMIN_WRITES),
        refusal=not known or (not admin and name in ADMIN_WRITES | OFFICE_READS),
    )
    text = f"/{name}{mention} {args}".rstrip()
    await play(world, text_update(role, text[:4096]), expect)


@fuzz_settings(30)
@given(
    role=ROLE,
    where=st.sampled_from([GROUP, STRAY_GROUP]),
    name=st.one_of(
        st.sampled_from(sorted(IN_GROUPS | {"help", "export", "bind"})), fuzz.COMMAND_NAMES
    ),
    args=fuzz.arguments(),
)
async def test_group_command(world: World, role: str, where: int, name: str, args: str):
    writes = name in IN_GROUPS and role in {"staff", "admin"}
    text = f"/{name} {args}".rstrip()
    await play(world, text_update(role, text[:4096], where), Expect(inert=not writes))


def press_update(role: str, data: str, chat: int | None = None):
    """Make the update of `role`'s user pressing a button carrying `data` under a nudge."""
    who = ROLES[role]

    def make(bot: Bot):
        where = chat or who
        return bot.harness.api.press_button(
            where, bot.nudges[where], data, user=user(who, NAMES[who]), forged=True
        )

    return make


def press_writes(data: str, role: str, chat: int) -> bool:
    kind = data.split(":", 1)[0]
    return kind in PRESS_WRITES[role] or (chat == GROUP and kind == "s")


@fuzz_settings(40)
@given(role=ROLE, data=fuzz.random_data(), where=st.sampled_from(["private", GROUP]))
async def test_random_button_data(world: World, role: str, data: str, where: str | int):
    chat = ROLES[role] if where == "private" else where
    expect = Expect(inert=not press_writes(data, role, chat), refusal=True, press=True)
    await play(world, press_update(role, data, chat), expect)


@fuzz_settings(60)
@given(role=ROLE, data=st.data(), where=st.sampled_from(["private", GROUP]))
async def test_forged_button_data(world: World, role: str, data: st.DataObject, where: str | int):
    fp = fingerprint(world.knowledge.registry)
    forged = data.draw(fuzz.forged_data(fp).filter(fuzz.fits), label="data")
    chat = ROLES[role] if where == "private" else where
    expect = Expect(inert=not press_writes(forged, role, chat), press=True)
    await play(world, press_update(role, forged, chat), expect)


@fuzz_settings(40)
@given(
    role=ROLE,
    name=fuzz.FILE_NAMES,
    body=fuzz.file_bodies(),
    caption=st.none() | fuzz.wild_text(1024),
    mime=fuzz.MIME_TYPES,
)
async def test_files(
    world: World, role: str, name: str, body: bytes, caption: str | None, mime: str
):
    who = ROLES[role]

    def make(bot: Bot):
        return bot.harness.api.send_document(
            who, name, body, user=user(who, NAMES[who]), mime_type=mime, caption=caption
        )

    # A notice file is read and shown; nothing is stored before the office answers 启用.
    # Anyone else's file is 佐证材料: kept only when its caption may name a task of a unit.
    inert = caption is None or not writes_wild(caption, role, who)
    await play(world, make, Expect(inert=inert, refusal=role != "admin"))


@fuzz_settings(20)
@given(
    role=ROLE,
    caption=st.none() | fuzz.wild_text(1024),
    kind=st.sampled_from(["photo", "sticker", "voice"]),
)
async def test_media_with_captions(world: World, role: str, caption: str | None, kind: str):
    who = ROLES[role]

    def make(bot: Bot):
        api, sender = bot.harness.api, user(who, NAMES[who])
        if kind == "photo":
            return api.send_photo(who, user=sender, caption=caption)
        if kind == "sticker":
            return api.send_sticker(who, user=sender)
        return api.send_voice(who, user=sender)

    await play(world, make, Expect(inert=True, refusal=True))


@fuzz_settings(20)
@given(text=fuzz.wild_text(300), command=st.sampled_from(["export", "chart", "overview"]))
async def test_any_report_can_be_exported(world: World, text: str, command: str):
    await report_then_read(world, f"第17项：{text}", f"/{command}")


async def report_then_read(world: World, report: str, command: str) -> None:
    """Staff of 综合科 report `report`; the admin's `command` then raises nothing and says its
    answer in Chinese."""
    async with AsyncExitStack() as stack:
        bot = await world.open(stack)
        told = await bot.feed(text_update("staff", report)(bot))
        proposed = [m for m in told if m.text.startswith("将记录为")]
        if proposed:  # a report not of a simple form: 确认 records it
            who, [shown] = ROLES["staff"], proposed
            press = bot.harness.api.press_button(
                who, shown.message_id, shown.callback_data[0], user=user(who, NAMES[who])
            )
            await bot.feed(press)
        sent = await bot.feed(text_update("admin", command)(bot))
    check_messages(sent, Expect(inert=False))
    assert sent, command
