"""Nudge fan-outs while the Bot API misbehaves (goal G3): 429, 5xx, dropped connections, 403, read
timeouts. The real bot process runs against the fake server with faults injected on sendMessage
only, so polling and the command menu stay healthy.

Who must be nudged comes from the pure planner, never from what the bot happened to send. Twenty
users are bound: one to each unit of the registry (6000 + i for unit i) and a second one to each
of the first three units (6100 + i). On Friday 2021-12-24 every unit holding a year-end task gets
its five-working-days nudge at 09:00, so all twenty are due one message.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import load_config
from bot.notices.knowledge import load_knowledge
from bot.reminders.nudges import plan_nudges
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, RunningBot, launch, user
from tests.e2e.test_nudges import seed
from tests.fakebotapi import Call, FakeBotApi, Fault, SentMessage

ZONE = ZoneInfo("Asia/Shanghai")
FRIDAY = date(2021, 12, 24)
MONDAY = date(2021, 12, 27)
TUESDAY = date(2021, 12, 28)
FANOUT_TIMEOUT = 90  # sequential sends, plus retry_after waits and backoffs
NUDGE_HEAD = "【工作提醒】"
READ_TIMEOUT = 5.0  # PTB's default read timeout, which the bot keeps
NETWORK_ATTEMPTS = 5  # FairRateLimiter's default
RETRY_AFTER_MARGIN = 0.2


@cache
def _units() -> tuple[str, ...]:
    knowledge = load_knowledge(load_config(None))
    return tuple(unit.name for unit in knowledge.registry.units)


def members() -> dict[int, str]:
    """6000 + i for unit i, and 6100 + i as a second member of units 0-2."""
    units = _units()
    found = {6000 + i: unit for i, unit in enumerate(units)}
    found.update({6100 + i: units[i] for i in range(3)})
    return found


@cache
def nudged_units(day: date) -> frozenset[str]:
    """The units the planner nudges on `day` (at 09:00)."""
    knowledge = load_knowledge(load_config(None))
    plan = plan_nudges(
        knowledge.plan,
        knowledge.registry,
        knowledge.deadlines,
        start=day,
        end=day,
        zone=ZONE,
    )
    assert all(n.at.hour == 9 and n.at.minute == 0 for n in plan)
    return frozenset(n.unit for n in plan)


def due(day: date, bound: dict[int, str]) -> dict[int, str]:
    """Every bound user whose unit is nudged on `day`."""
    units = nudged_units(day)
    return {user_id: unit for user_id, unit in bound.items() if unit in units}


def nine(day: date) -> str:
    """`--now` a few seconds before that day's 09:00 sends."""
    return f"{day.isoformat()}T08:59:55+08:00"


def nudges(api: FakeBotApi, chat: int) -> list[SentMessage]:
    return [m for m in api.sent(chat) if m.text.startswith(NUDGE_HEAD)]


def wait_fanout(running: RunningBot, day: date) -> int:
    """Wait for the summary of the wake-up at or after 09:00 on `day`; returns its count."""
    pattern = re.compile(
        rf"提醒检查（{day.isoformat()}T(?:09|1\d):[^）]*）：发出 (\d+) 条，过期 (\d+) 条"
    )
    deadline = time.monotonic() + FANOUT_TIMEOUT
    while True:
        found = pattern.findall(running.log_text())
        if found:
            return int(found[-1][0])
        assert running.process.poll() is None, f"the bot exited:\n{running.log_text()}"
        assert time.monotonic() < deadline, f"no 09:00 fan-out on {day}:\n{running.log_text()}"
        time.sleep(0.1)


def wait_nudged(
    api: FakeBotApi, chats: Iterable[int], before: dict[int, int] | None = None
) -> None:
    """Wait until each chat has a nudge among the messages after its first `before`."""
    before = before or {}
    chats = list(chats)

    def missing() -> list[int]:
        return [
            c
            for c in chats
            if not any(m.text.startswith(NUDGE_HEAD) for m in api.sent(c)[before.get(c, 0) :])
        ]

    assert api.wait_for_sync(lambda: not missing(), FANOUT_TIMEOUT), f"not nudged: {missing()}"


def outbox(workdir: Path) -> list[dict]:
    """The outbox table as the bot left it on disk."""
    data = json.loads((workdir / "data" / "outbox.json").read_text(encoding="utf-8"))
    return list(data.get("outbox", {}).values())


def states_of(workdir: Path, chat: int) -> list[str]:
    return [r["state"] for r in outbox(workdir) if r["chat"] == chat]


def ask(api: FakeBotApi, chat: int, text: str) -> str:
    before = len(api.sent(chat))
    api.send_text(chat, text, user=user(chat, f"用户{chat}"))
    replies = api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT * 3)
    return replies[before].text


def office_users(api: FakeBotApi) -> str:
    before = len(api.sent(ADMIN))
    api.send_command(ADMIN, "users", user=user(ADMIN, "办公室小陈"))
    replies = api.wait_for_messages_sync(ADMIN, before + 1, timeout=REPLY_TIMEOUT * 3)
    listing = replies[before].text
    assert listing.startswith("已绑定的用户（"), listing
    return listing


def retry_after(call: Call) -> int:
    """The retry_after of a 429 answer (injected, or the server's own flood control)."""
    if call.fault is not None and call.fault.parameters:
        return int(call.fault.parameters["retry_after"])
    return int(re.search(r"retry after (\d+)", call.description).group(1))


def chat_calls(api: FakeBotApi) -> list[Call]:
    return [c for c in api.calls() if c.chat_id is not None]


def assert_one_nudge_each(
    api: FakeBotApi, recipients: dict[int, str], before: dict[int, int] | None = None
) -> None:
    """Each recipient got exactly one nudge, for their unit, after their first `before` messages."""
    before = before or {}
    got = {chat: api.sent(chat)[before.get(chat, 0) :] for chat in recipients}
    wrong = {
        chat: [m.text[:24] for m in messages]
        for chat, messages in got.items()
        if [m.text.startswith(f"{NUDGE_HEAD}{recipients[chat]}：") for m in messages].count(True)
        != 1
        or sum(m.text.startswith(NUDGE_HEAD) for m in messages) != 1
    }
    assert not wrong, (
        f"{len(wrong)} of {len(recipients)} recipients did not get one nudge: {wrong}"
    )


@pytest.fixture
def strict_api() -> Iterator[FakeBotApi]:
    """The fake server answering 429 to any send that breaks Telegram's flood limits."""
    with FakeBotApi(enforce_limits=True) as server:
        yield server


@pytest.fixture
def bound(tmp_path: Path) -> dict[int, str]:
    found = members()
    seed(tmp_path, found)
    return found


def test_429_and_5xx_lose_no_nudge_and_respect_retry_after(strict_api, bound, tmp_path):
    api = strict_api
    expected = due(FRIDAY, bound)
    assert len(expected) == len(bound) == 20  # every unit has a year-end task
    # Rules are tried in order; each probability is conditional on the earlier ones missing,
    # so overall 10 % of sends get a 429 (R = 1, 2 or 3 s), 10 % a 502, 10 % a reset.
    limited = [
        api.inject("sendMessage", Fault.retry_after(r), probability=p, seed=s)
        for r, p, s in ((1, 1 / 30, 11), (2, 1 / 29, 12), (3, 1 / 28, 13))
    ]
    broken = [
        api.inject("sendMessage", Fault.bad_gateway(), probability=0.1 / 0.9, seed=21),
        api.inject("sendMessage", Fault.connection_reset(), probability=0.1 / 0.8, seed=22),
    ]
    running = launch(api, tmp_path, "--now", nine(FRIDAY))
    try:
        wait_nudged(api, expected)
        sent = wait_fanout(running, FRIDAY)
    finally:
        assert running.stop() == 0
    log = running.log_text()
    assert sent == len(expected), log
    assert_one_nudge_each(api, expected)
    assert {chat: len(api.sent(chat)) for chat in expected} == dict.fromkeys(expected, 1)
    assert api.violations == []

    calls = chat_calls(api)
    rate_limited = [c for c in calls if c.status == 429]
    assert sum(rule.fired for rule in limited) >= 2, [rule.fired for rule in limited]
    assert all(rule.fired >= 1 for rule in broken), [rule.fired for rule in broken]
    # Every 429 was injected: the bot never ran into the server's own flood control.
    assert [c for c in rate_limited if c.fault is None] == [], [c.description for c in calls]
    for hit in rate_limited:
        wait = retry_after(hit)
        early = [c for c in calls if hit.time < c.time < hit.time + wait]
        assert early == [], (
            f"{len(early)} request(s) within {wait} s of a 429 to {hit.chat_id}: "
            f"{[(c.method, c.chat_id, round(c.time - hit.time, 2)) for c in early]}"
        )
        retry = next(c for c in calls if c.time > hit.time and c.chat_id == hit.chat_id)
        extra = retry.time - hit.time
        assert extra <= wait + 1, f"429 to {hit.chat_id}, R = {wait}: retried after {extra:.2f} s"

    for chat in expected:
        attempts = [c for c in calls if c.chat_id == chat]
        failures = [c for c in attempts if c.status in (0, 502)]
        statuses = [c.status for c in attempts]
        assert statuses.count(200) == 1, f"{chat}: {statuses}"
        assert len(failures) <= NETWORK_ATTEMPTS - 1, f"{chat}: {statuses}"
        waited = sum(retry_after(c) + RETRY_AFTER_MARGIN for c in attempts if c.status == 429)
        extra = attempts[-1].time - attempts[0].time - waited
        assert extra <= 15 + 1, f"{chat}: {extra:.2f} s beyond 429 waits, {statuses}"

    records = outbox(tmp_path)
    assert {r["state"] for r in records} == {"sent"}, [(r["chat"], r["state"]) for r in records]
    for chat in expected:
        assert states_of(tmp_path, chat) == ["sent"], chat


def test_blocked_user_is_tried_once_and_not_again_until_they_write(strict_api, bound, tmp_path):
    api = strict_api
    # 办公室 is the only unit the planner nudges on Monday 12-27 (overdue steps of its dated
    # tasks); ten units, 办公室 among them, get a step on Tuesday 12-28. So the blocked user is
    # the second member of 办公室, and 6000, the first, shows Monday's nudges still go out.
    blocked = 6100
    unit = bound[blocked]
    assert unit == "办公室"
    for day in (FRIDAY, MONDAY, TUESDAY):
        assert unit in nudged_units(day), day
    api.inject("sendMessage", Fault.blocked(), chat_id=blocked)

    friday = due(FRIDAY, bound)
    others = {chat: u for chat, u in friday.items() if chat != blocked}
    running = launch(api, tmp_path, "--now", nine(FRIDAY))
    try:
        wait_nudged(api, others)
        wait_fanout(running, FRIDAY)
        listing = office_users(api)
    finally:
        assert running.stop() == 0
    attempts = api.calls("sendMessage", chat_id=blocked)
    assert [c.status for c in attempts] == [403]
    assert_one_nudge_each(api, others)
    assert len(others) == len(friday) - 1
    assert f"[{blocked}] 用户{blocked}（无法送达）" in listing, listing
    assert states_of(tmp_path, blocked) == ["unreachable"]
    assert "无法送达" not in listing.replace(f"[{blocked}] 用户{blocked}（无法送达）", "")

    # Next working day, after a restart: the others get their next nudge, the blocked user
    # is not tried at all.
    monday = {c: u for c, u in due(MONDAY, bound).items() if c != blocked}
    assert monday, "the planner has no nudge on Monday for the blocked user's unit mates"
    before = {chat: len(api.sent(chat)) for chat in bound}
    running = launch(api, tmp_path, "--now", nine(MONDAY))
    try:
        wait_nudged(api, monday, before)
        wait_fanout(running, MONDAY)
        assert len(api.calls("sendMessage", chat_id=blocked)) == 1
        assert_one_nudge_each(api, monday, before)
        # They write again (having unblocked the bot): answered, and reachable from now on.
        api.clear_faults()
        answer = ask(api, blocked, "我科室负责什么")
        assert answer.startswith(unit), answer
        listing = office_users(api)
        assert f"[{blocked}] 用户{blocked}" in listing, listing
        assert "无法送达" not in listing, listing
    finally:
        assert running.stop() == 0
    assert states_of(tmp_path, blocked) == ["unreachable"]

    tuesday = due(TUESDAY, bound)
    assert blocked in tuesday
    before = {chat: len(api.sent(chat)) for chat in bound}
    running = launch(api, tmp_path, "--now", nine(TUESDAY))
    try:
        wait_nudged(api, tuesday, before)
        wait_fanout(running, TUESDAY)
    finally:
        assert running.stop() == 0
    assert_one_nudge_each(api, tuesday, before)
    assert states_of(tmp_path, blocked) == ["unreachable", "sent"]
    assert api.violations == []


def test_read_timeouts_are_resent_and_only_an_accepted_one_duplicates(strict_api, bound, tmp_path):
    api = strict_api
    accepted, dropped = 6001, 6002  # 综合科, 法规与标准科
    expected = due(FRIDAY, bound)
    assert {accepted, dropped} <= expected.keys()
    ambiguous = api.inject(
        "sendMessage",
        Fault.read_timeout(READ_TIMEOUT + 1, accepted=True),
        chat_id=accepted,
        times=1,
    )
    lost = api.inject(
        "sendMessage",
        Fault.read_timeout(READ_TIMEOUT + 1, accepted=False),
        chat_id=dropped,
        times=1,
    )
    running = launch(api, tmp_path, "--now", nine(FRIDAY))
    try:
        wait_nudged(api, expected)
        wait_fanout(running, FRIDAY)
    finally:
        assert running.stop() == 0
    log = running.log_text()
    assert (ambiguous.fired, lost.fired) == (1, 1)
    assert "ambiguous" in log

    duplicates = {c: len(api.sent(c)) - 1 for c in expected if len(api.sent(c)) > 1}
    assert set(duplicates) <= {accepted}, duplicates
    assert sum(duplicates.values()) <= ambiguous.fired, duplicates
    copies = nudges(api, accepted)
    assert 1 <= len(copies) <= 2
    assert {m.text for m in copies} == {copies[0].text}
    assert len(nudges(api, dropped)) == 1
    assert_one_nudge_each(api, {c: u for c, u in expected.items() if c != accepted})
    assert api.violations == []

    # Two attempts each: the one that timed out, and the one sent again after it.
    for chat in (accepted, dropped):
        tries = api.calls("sendMessage", chat_id=chat)
        assert len(tries) == 2, (chat, [c.status for c in tries])
        gap = tries[1].time - tries[0].time
        assert READ_TIMEOUT <= gap <= READ_TIMEOUT + 3, (chat, gap)
    assert states_of(tmp_path, accepted) == ["ambiguous"]
    assert states_of(tmp_path, dropped) == ["ambiguous"]  # the bot cannot tell the two apart
    others = [r["state"] for r in outbox(tmp_path) if r["chat"] not in (accepted, dropped)]
    assert set(others) == {"sent"}, others


def test_5xx_on_every_attempt_fails_one_delivery_and_nothing_else(strict_api, bound, tmp_path):
    api = strict_api
    failing, asker = 6003, 6004  # 财务与审计科, 环境影响评价与排放管理科
    expected = due(FRIDAY, bound)
    assert {failing, asker} <= expected.keys()
    api.inject("sendMessage", Fault.bad_gateway(), chat_id=failing)
    others = {c: u for c, u in expected.items() if c != failing}
    running = launch(api, tmp_path, "--now", nine(FRIDAY))
    try:
        wait_nudged(api, others)
        wait_fanout(running, FRIDAY)
        assert running.process.poll() is None
        # The bot keeps answering, both another user and, once the server recovers, this one.
        assert ask(api, asker, "我科室负责什么").startswith(bound[asker])
        api.clear_faults()
        assert ask(api, failing, "我科室负责什么").startswith(bound[failing])
    finally:
        assert running.stop() == 0
    attempts = api.calls("sendMessage", chat_id=failing)
    # The nudge's attempts, then the answer.
    assert [c.status for c in attempts] == [502] * NETWORK_ATTEMPTS + [200]
    backoffs = [
        b.time - a.time
        for a, b in zip(
            attempts[: NETWORK_ATTEMPTS - 1], attempts[1:NETWORK_ATTEMPTS], strict=True
        )
    ]
    assert all(b > 0.4 for b in backoffs), backoffs
    assert sum(backoffs) <= 15 + 1, backoffs
    assert nudges(api, failing) == []
    assert_one_nudge_each(api, others)
    assert states_of(tmp_path, failing) == ["failed"]
    others_states = [r["state"] for r in outbox(tmp_path) if r["chat"] != failing]
    assert set(others_states) == {"sent"}, others_states
    assert api.violations == []
