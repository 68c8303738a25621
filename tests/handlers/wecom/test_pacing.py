"""Per-member pacing: WeCom drops a member's 31st message in a minute and 1001st in an hour.

The fake drops them the same way (errcode 0, not delivered); the pacer must wait instead.
The clock is virtual, shared by server and client, so minutes of waiting take no real time.
"""

from __future__ import annotations

import asyncio

from bot.reminders.outbox import State
from handlers.wecom.pacing import MemberPacer
from handlers.wecom.sender import WeComSender
from tests.fakewecom import PER_MINUTE, VirtualClock


async def fan_out(sender: WeComSender, members: list[str], per_member: int) -> list[State]:
    sends = [
        sender.send_text(member, f"第{n + 1}项请报送进度")
        for n in range(per_member)
        for member in members
    ]
    return [outcome.state for outcome in await asyncio.gather(*sends)]


async def test_100_messages_to_one_member_all_arrive(sender, wecom, clock):
    started = clock.now()
    states = await fan_out(sender, ["zhangsan"], 100)
    assert states == [State.SENT] * 100
    assert sum(wecom.drops.values()) == 0
    assert len(wecom.messages("zhangsan")) == 100
    # 25 a minute: the last 25 cannot leave before three full minutes have passed.
    assert clock.now() - started >= 180


async def test_100_messages_to_50_members_need_no_waiting(sender, wecom, clock):
    members = [f"staff{n:02d}" for n in range(50)]
    started = clock.now()
    states = await fan_out(sender, members, 2)
    assert states == [State.SENT] * 100
    assert sum(wecom.drops.values()) == 0
    assert {m.user for m in wecom.messages()} == set(members)
    assert sender.pacer.waited == 0  # paced per member, not overall
    assert clock.now() == started


async def test_without_pacing_the_fake_drops_the_excess(api, wecom, clock):
    """The control: a pacer as loose as WeCom's own ceiling is not enough."""
    loose = WeComSender(api, MemberPacer(clock, per_minute=1000, per_hour=1000))
    states = await fan_out(loose, ["zhangsan"], 40)
    assert states == [State.SENT] * 40  # WeCom says nothing …
    assert len(wecom.messages("zhangsan")) == PER_MINUTE  # … and shows 30
    assert wecom.drops["zhangsan"] == 10


async def take_turns(pacer: MemberPacer, clock: VirtualClock, n: int, gap: float) -> None:
    for _ in range(n):
        async with pacer.turn("zhangsan"):
            pass
        clock.advance(gap)


async def test_a_member_waits_a_minute_after_25_sends():
    clock = VirtualClock(0.0)
    pacer = MemberPacer(clock, per_minute=25, per_hour=950)
    await take_turns(pacer, clock, 25, gap=0)
    assert pacer.delay("zhangsan") == 60
    assert pacer.delay("lisi") == 0
    async with pacer.turn("zhangsan"):
        assert clock.now() == 60


async def test_a_member_waits_for_the_hour_after_950_sends():
    clock = VirtualClock(0.0)
    pacer = MemberPacer(clock, per_minute=25, per_hour=950)
    await take_turns(pacer, clock, 950, gap=3)  # 20 a minute: only the hour limit binds
    # The first send was at 0 s; the 951st may leave an hour later.
    assert clock.now() == 2850
    assert pacer.delay("zhangsan") == 3600 - 2850
