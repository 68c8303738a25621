"""/notices, /archive and /unarchive through the real handlers: bad input changes nothing.

The second notice is tests/data/jiangmen-law-2021.txt (法治政府建设工作要点, five tasks).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.notices.catalog import CATALOG, add_notice, read_catalog
from tests.conftest import ROOT
from tests.handlers.conftest import ADMIN, NOW, Build, Harness

LI = 2002
LAW = ROOT / "tests" / "data" / "jiangmen-law-2021.txt"


@pytest.fixture
async def two(build: Build) -> AsyncIterator[Harness]:
    """The bot with the law notice added beside the shipped one."""
    bot = await build()
    add_notice(bot.core.config.data_dir, LAW.name, LAW.read_bytes(), "", at=NOW)
    await bot.core.reload_knowledge()
    yield bot
    bot.core.close()


async def said(bot: Harness, chat: int, text: str) -> str:
    [reply] = [m.text for m in await bot.text(chat, text) if m.chat_id == chat]
    return reply


def catalog(bot: Harness) -> bytes:
    return (bot.core.config.data_dir / CATALOG).read_bytes()


async def test_notices_lists_each_with_its_name_and_state(two: Harness):
    listing = await said(two, ADMIN, "/notices")
    assert listing.splitlines()[:3] == [
        "办公室的通知（2 个在用，0 个已归档）：",
        "· 《政务公开工作要点》34 项任务，在用（江门市生态环境局2021年政务公开工作要点分工方案）",
        "· 《法治政府建设工作要点》5 项任务，在用（江门市生态环境局2021年法治政府建设工作要点分工方案）",
    ]


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/archive", "请写明通知的简称，例如：/archive 政务公开工作要点。"),
        ("/archive 河长制", "没有简称为“河长制”的通知。"),
        ("/unarchive 法治政府建设", "《法治政府建设工作要点》没有归档，无需恢复。"),
    ],
)
async def test_bad_archive_commands_say_why_and_change_nothing(
    two: Harness, text: str, reply: str
):
    before = catalog(two)
    assert (await said(two, ADMIN, text)).startswith(reply)
    assert catalog(two) == before


async def test_only_admins_archive(two: Harness):
    before = catalog(two)
    assert (
        await said(two, LI, "/archive 法治政府建设") == "这是办公室管理员的命令，您没有权限使用。"
    )
    assert catalog(two) == before


async def test_archive_and_unarchive_keep_one_notice_in_use(two: Harness):
    assert (await said(two, ADMIN, "/archive 法治政府建设")).startswith(
        "已归档《法治政府建设工作要点》"
    )
    assert [e.archived for e in read_catalog(two.core.config.data_dir)] == [False, True]
    assert [d.key for d in two.core.active_desks()] == ["1"]
    assert (
        await said(two, ADMIN, "/archive 法治政府建设") == "《法治政府建设工作要点》已经归档了。"
    )
    last = await said(two, ADMIN, "/archive 政务公开")
    assert last == "《政务公开工作要点》是唯一在用的通知，不能归档。请先导入新通知。"
    assert (await said(two, ADMIN, "/unarchive 法治政府建设")).startswith("已恢复")
    assert [d.key for d in two.core.active_desks()] == ["1", "2"]
