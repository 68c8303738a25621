"""Every button the bot actually shows: valid for Telegram, decodable, and answered exactly once."""

from __future__ import annotations

import pytest

import bot.people.texts as people_texts
from bot.people.picker import fingerprint, kinds
from handlers import buttons
from tests.handlers.conftest import ADMIN, Harness

LI = 2002
PREFIX = {"kind": "k", "unit": "u", "approve": "ok", "reject": "no", "task": "t"}


def data_of(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


async def test_every_button_of_the_picker_is_answered_once(bot: Harness):
    [picker] = await bot.text(LI, "/unit")
    registry = bot.core.knowledge.registry
    fp = fingerprint(registry)
    shown: set[str] = set(picker.callback_data)
    for kind_index, _ in enumerate(kinds(registry)):
        before = len(bot.api.callback_answers())
        await bot.press(LI, picker.message_id, f"k:{fp}:{kind_index}:0", forged=True)
        assert len(bot.api.callback_answers()) == before + 1
        shown.update(data_of(bot.api.message(LI, picker.message_id)))
    assert len(shown) == len(kinds(registry)) + len(registry.units)
    for data in sorted(shown):
        press = buttons.decode(data)
        assert press is not None
        assert ":".join([PREFIX[press.action], *press.fields]) == data
        assert len(data.encode()) <= 64


@pytest.mark.parametrize(
    "question", ["综合科负责什么", "办公室负责什么", "搜索 公开", "第八部分有哪些任务"]
)
async def test_every_task_button_opens_its_task(bot: Harness, question: str):
    [listing] = await bot.text(LI, question)
    assert listing.callback_data
    assert len(listing.callback_data) <= buttons.MAX_TASK_BUTTONS
    for data in listing.callback_data:
        answer, sent = await bot.press(LI, listing.message_id, data)
        assert answer is not None
        assert answer["text"] is None
        number = data.removeprefix("t:")
        assert [m.text.split("（")[0] for m in sent] == [f"第{number}项"]


async def test_a_search_shows_a_button_per_match(bot: Harness):
    [listing] = await bot.text(LI, "搜索 公开")
    count = int(listing.text.split("共 ")[1].split(" 项")[0])
    assert count > 20
    assert len(listing.callback_data) == min(buttons.MAX_TASK_BUTTONS, count)
    assert all(len(row) <= buttons.TASKS_PER_ROW for row in listing.buttons)


async def test_a_press_on_a_message_of_another_chat_still_gets_an_answer(bot: Harness):
    """Telegram keeps the button spinning until the bot answers, whatever the data."""
    [own] = await bot.text(LI, "/help")
    for data in ["t:1", "zzz", "ok:1:abcdef:1", "k:abcdef:0:0", "u:abcdef:0"]:
        before = len(bot.api.callback_answers())
        await bot.press(LI, own.message_id, data, forged=True)
        assert len(bot.api.callback_answers()) == before + 1, data


async def test_decision_buttons_fit_for_the_longest_user_id(bot: Harness):
    big = 10**15 - 1
    raw = bot.api.send_text(big, "我是固体废物与核（辐射）安全管理科")
    sent = await bot.feed(raw)
    [request] = [m for m in sent if m.chat_id == ADMIN]
    assert all(len(d.encode()) <= 64 for d in request.callback_data)
    answer, sent = await bot.press(ADMIN, request.message_id, request.callback_data[0])
    assert answer is not None
    assert bot.core.bindings.unit_of(big) == "固体废物与核（辐射）安全管理科"
    assert [m.text for m in sent if m.chat_id == big] == [
        people_texts.APPROVED_FOR_USER.format(unit="固体废物与核（辐射）安全管理科")
    ]
