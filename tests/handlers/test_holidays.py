"""The office gives a holiday arrangement in the chat; the calendar notes to the office."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot import texts, workdays
from bot.holidays.holiday_file import HOLIDAYS_FILE, load_holidays
from handlers.nudging import Nudger
from tests.bot.holidays.test_holiday_file import DATA, MADE_UP_2027
from tests.handlers.conftest import ADMIN, ZONE, Harness, user

STAFF = 1001


@pytest.fixture(autouse=True)
def _library_only():
    yield
    workdays.use_office_calendar({})


async def offer(bot: Harness, text: str, chat: int = ADMIN):
    [message] = [m for m in await bot.text(chat, text, "办公室小陈") if m.chat_id == chat]
    return message


async def test_the_office_sends_the_text_and_confirms_it(bot: Harness) -> None:
    message = await offer(bot, MADE_UP_2027)
    assert message.text.startswith("读到《国务院办公厅关于2027年部分节假日安排的通知》（2027 年）")
    assert "调休上班：1月31日（周日）、2月20日（周六）" in message.text
    assert workdays.is_workday(date(2027, 2, 8))
    [enable, _] = message.callback_data
    answer, sent = await bot.press(ADMIN, message.message_id, enable)
    assert answer is not None
    assert not workdays.is_workday(date(2027, 2, 8))  # in force at once
    assert workdays.is_workday(date(2027, 2, 20))
    assert 2027 in load_holidays(bot.core.config.data_dir)
    edited = bot.api.message(ADMIN, message.message_id)["text"]
    assert edited.startswith("已启用 2027 年节假日安排")


async def test_cancel_stores_nothing(bot: Harness) -> None:
    message = await offer(bot, MADE_UP_2027)
    await bot.press(ADMIN, message.message_id, message.callback_data[1])
    assert not (bot.core.config.data_dir / HOLIDAYS_FILE).exists()
    assert bot.api.message(ADMIN, message.message_id)["text"] == "已取消，未启用这份节假日安排。"


async def test_a_reading_with_problems_has_no_buttons(bot: Harness) -> None:
    wrong = MADE_UP_2027.replace("共8天", "共7天")
    message = await offer(bot, wrong)
    assert message.callback_data == []
    assert "· 春节：2月5日至2月12日是 8 天，通知写的是共7天" in message.text
    assert message.text.endswith("安排中有上述问题，未启用。请核对原文，改正后重新发送。")


async def test_staff_sending_an_arrangement_get_an_ordinary_answer(bot: Harness) -> None:
    message = await offer(bot, MADE_UP_2027, chat=STAFF)
    assert "读到《" not in message.text
    assert message.callback_data == [] or not message.callback_data[0].startswith("hd:")


async def test_staff_forging_enable_are_refused(bot: Harness) -> None:
    message = await offer(bot, MADE_UP_2027)
    own = await offer(bot, "你好", chat=STAFF)
    answer, _ = await bot.press(STAFF, own.message_id, message.callback_data[0], forged=True)
    assert answer["text"] == texts.OFFICE_ONLY
    assert not (bot.core.config.data_dir / HOLIDAYS_FILE).exists()


async def test_a_file_of_a_real_notice_is_read(bot: Harness) -> None:
    data = (DATA / "2026.txt").read_bytes()
    sent = await bot.feed(bot.api.send_document(ADMIN, "2026放假.txt", data, user=user(ADMIN)))
    [message] = [m for m in sent if m.chat_id == ADMIN]
    assert "与 chinese-calendar 的 2026 年数据一致。" in message.text
    assert len(message.callback_data) == 2


async def wake(bot: Harness, moment: datetime) -> None:
    bot.core.clock = lambda: moment
    await Nudger(bot.core, bot.app.bot).wake()


def calendar_notes(bot: Harness) -> list[str]:
    return [m.text for m in bot.api.sent(ADMIN) if m.text.startswith("【日历提醒】")]


async def test_the_missing_year_note_says_how_and_repeats_in_december_and_january(
    bot: Harness,
) -> None:
    for day in (datetime(2026, 11, 20, 9, tzinfo=ZONE), datetime(2026, 11, 30, 9, tzinfo=ZONE)):
        await wake(bot, day)
    assert len(calendar_notes(bot)) == 1
    assert "python -m bot holidays" in calendar_notes(bot)[0]
    await wake(bot, datetime(2026, 12, 1, 9, tzinfo=ZONE))  # Tuesday: December's first working day
    await wake(bot, datetime(2026, 12, 2, 9, tzinfo=ZONE))
    assert len(calendar_notes(bot)) == 2
    await wake(bot, datetime(2027, 1, 1, 9, tzinfo=ZONE))  # Friday: no calendar says otherwise
    assert len(calendar_notes(bot)) == 3


async def test_no_missing_year_note_once_the_office_gave_the_year(bot: Harness) -> None:
    message = await offer(bot, MADE_UP_2027)
    await bot.press(ADMIN, message.message_id, message.callback_data[0])
    await wake(bot, datetime(2026, 12, 1, 9, tzinfo=ZONE))
    assert calendar_notes(bot) == []


async def test_the_office_is_told_where_the_library_differs(bot: Harness) -> None:
    text = (DATA / "2026.txt").read_text(encoding="utf-8").replace("5月9日(周六)", "5月16日(周六)")
    message = await offer(bot, text)
    assert "与 chinese-calendar 的 2026 年数据有 2 天不同：" in message.text
    await bot.press(ADMIN, message.message_id, message.callback_data[0])
    await wake(bot, datetime(2026, 5, 6, 9, tzinfo=ZONE))
    [note] = calendar_notes(bot)
    assert "· 5月9日（周六）：安排为放假，chinese-calendar 为上班" in note
    assert "删去 [2026] 一节" in note
    assert not workdays.is_workday(date(2026, 5, 9))  # the office's arrangement still decides
