"""Regressions for what the fuzz suite found, each as the smallest input that showed it."""

from __future__ import annotations

from contextlib import AsyncExitStack

import pytest

import bot.progress.texts as progress_texts
from tests.adversarial.test_fuzz import report_then_read, text_update
from tests.adversarial.world import GROUP, World, snapshot


@pytest.mark.parametrize(
    ("role", "text", "chat", "reply"),
    [
        ("staff", "\ud7fc", None, True),  # an unassigned code point, replying to a nudge
        ("staff", "\u200b", None, True),
        ("staff", "?", None, True),
        ("admin", "?", GROUP, True),  # in 综合科's group, replying to the bot's nudge
        ("staff", "第16项：\x00", None, False),
        ("staff", "修改：\u202e", None, False),
    ],
)
async def test_a_report_that_says_nothing_records_nothing(
    world: World, role: str, text: str, chat: int | None, reply: bool
):
    async with AsyncExitStack() as stack:
        bot = await world.open(stack)
        before, history = snapshot(bot.data_dir), bot.harness.core.ledger.history()
        sent = await bot.feed(text_update(role, text, chat, reply=reply)(bot))
        assert [m.text for m in sent] == [progress_texts.NO_CONTENT]
        assert snapshot(bot.data_dir) == before
        assert bot.harness.core.ledger.history() == history


async def test_a_report_with_a_control_character_exports(world: World):
    await report_then_read(world, "第17项：已\x0b完成", "/export")
