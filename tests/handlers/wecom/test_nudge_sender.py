"""The rounds' WeCom sender against the fake server on one virtual clock: nudges as text then
cards, paced per member so a burst to one member loses nothing to WeCom's silent drops."""

from __future__ import annotations

from bot.conversation.actions import Choice
from bot.people.addresses import Addresses
from bot.reminders.outbox import State
from bot.store.storage import Store
from handlers.wecom.cards import MAX_CARDS, CardBook, pack
from handlers.wecom.nudging import WeComNudgeSender
from handlers.wecom.translate import message_id_of

ROW = tuple(
    Choice(label, f"s:24:20211120:{code}")
    for code, label in (("c", "第24项 已完成"), ("p", "进行中"), ("h", "有困难"), ("e", "延期"))
)


def nudge_sender(sender, store: Store) -> tuple[WeComNudgeSender, Addresses]:
    addresses = Addresses(store)
    return WeComNudgeSender(sender, addresses, CardBook(store), store), addresses


async def test_a_hundred_nudges_to_one_member_are_paced_and_none_is_dropped(wecom, sender, clock):
    store = Store.in_memory()
    nudges, addresses = nudge_sender(sender, store)
    lisi = addresses.id_for("wecom", "lisi")
    started = clock.now()
    for n in range(100):
        state = await nudges.send(lisi, f"【工作提醒】第{n}次", (ROW,), key=f"n{n}")
        assert state is State.SENT
    assert sum(wecom.drops.values()) == 0
    assert len(wecom.messages("lisi")) == 200  # a text and a card each
    assert clock.now() - started >= 7 * 60  # 200 messages at under 30 a minute


async def test_each_card_gets_a_new_recorded_number_that_maps_back(wecom, sender):
    store = Store.in_memory()
    nudges, addresses = nudge_sender(sender, store)
    lisi = addresses.id_for("wecom", "lisi")
    await nudges.send(lisi, "提醒", (ROW, ROW), key="a")
    numbers = [message_id_of(card["task_id"]) for card in wecom.cards("lisi")]
    assert numbers == [1, 2]
    again, _ = nudge_sender(sender, store)  # a restart: a new book over the same store
    await again.send(lisi, "提醒", (ROW,), key="b")
    [*_, last] = wecom.cards("lisi")
    assert message_id_of(last["task_id"]) > 2


async def test_too_many_tasks_for_cards_become_a_text_asking_for_a_typed_reply(wecom, sender):
    store = Store.in_memory()
    nudges, addresses = nudge_sender(sender, store)
    lisi = addresses.id_for("wecom", "lisi")
    await nudges.send(lisi, "【工作提醒】综合科", (ROW,) * (MAX_CARDS + 1), key="k")
    [text] = wecom.messages("lisi")
    assert text.text.startswith("【工作提醒】综合科")
    assert "请直接回复文字" in text.text


async def test_an_unknown_person_is_failed_and_nothing_is_sent(wecom, sender):
    nudges, _ = nudge_sender(sender, Store.in_memory())
    assert await nudges.send(12345, "提醒", key="k") is State.FAILED
    assert wecom.messages() == []


def test_rows_are_packed_into_cards_of_at_most_six_kept_whole():
    one = (Choice("批准", "ok:1:1"), Choice("拒绝", "no:1:1"))
    assert pack((one, one, one)) == [one * 3]
    assert pack((ROW, ROW)) == [ROW, ROW]
    wide = tuple(Choice(str(n), f"t:{n}") for n in range(8))
    assert pack((wide,)) == [wide[:6], wide[6:]]
