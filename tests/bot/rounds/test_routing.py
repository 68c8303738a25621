"""The rounds' routing sender: each message to its person's channel, exactly one."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.conversation.actions import Choice
from bot.people.addresses import FIRST_ID, Addresses
from bot.reminders.outbox import State
from bot.rounds.routing import RoutingSender
from bot.store.storage import Store


@dataclass
class Recording:
    state: State = State.SENT
    sent: list[tuple[int, str, str]] = field(default_factory=list)

    async def send(self, chat, text, choices=(), *, key):
        self.sent.append((chat, text, key))
        return self.state


class Broken:
    async def send(self, chat, text, choices=(), *, key):
        raise RuntimeError("socket gone")


async def test_wecom_people_go_to_wecom_and_everyone_else_to_telegram():
    addresses = Addresses(Store.in_memory())
    lisi = addresses.id_for("wecom", "lisi")
    telegram, wecom = Recording(), Recording(State.AMBIGUOUS)
    router = RoutingSender(addresses.channel_of, {"telegram": telegram, "wecom": wecom})
    rows = ((Choice("第24项 已完成", "s:24:20211120:c"),),)
    assert await router.send(lisi, "提醒", rows, key="n1") is State.AMBIGUOUS
    assert await router.send(1001, "提醒", key="n2") is State.SENT
    assert wecom.sent == [(FIRST_ID, "提醒", "n1")]
    assert telegram.sent == [(1001, "提醒", "n2")]


async def test_a_channel_not_running_or_failing_gives_failed_for_the_outbox(caplog):
    addresses = Addresses(Store.in_memory())
    lisi = addresses.id_for("wecom", "lisi")
    only_telegram = RoutingSender(addresses.channel_of, {"telegram": Recording()})
    assert await only_telegram.send(lisi, "提醒", key="n1") is State.FAILED
    assert "渠道（wecom）没有运行" in caplog.text
    broken = RoutingSender(addresses.channel_of, {"telegram": Broken()})
    assert await broken.send(1001, "提醒", key="n2") is State.FAILED
