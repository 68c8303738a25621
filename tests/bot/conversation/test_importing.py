"""A notice file is an event like any other: the conversation reviews it and routes the
import's choices, with no channel (the shipped notice sent back is a revision of itself:
its 34 tasks all continue)."""

from __future__ import annotations

from bot.conversation.actions import Changed, Edit, Refused, Reply, Toast
from bot.conversation.events import File, Place
from bot.notice_files.limits import LIMITS
from tests.bot.conversation.conftest import ADMIN, STRANGER, ZHANG, Build, replies, telegram
from tests.conftest import NOTICE


async def _never() -> bytes:
    raise AssertionError("fetched a file that should be refused unread")


def file(who: int, name: str, data: bytes | None = None, size: int = 0) -> File:
    fetch = None if data is not None else _never
    return File(telegram(who), Place(who, group=False), name, size, "", data, fetch)


async def test_a_file_from_anyone_but_the_office_is_evidence_never_a_notice(build: Build):
    """Staff's files are 佐证材料 (tests/bot/conversation/test_evidence.py); someone with no
    unit is answered unfetched."""
    talk = await build("telegram")
    result = await talk.conversation.handle(file(STRANGER, "通知.docx"))
    assert replies(result) == [
        "请先说明您是哪个单位（如“我是综合科”），办公室批准后再发佐证材料。"
    ]
    assert isinstance(result.outcome, Refused)


async def test_a_file_of_another_type_or_too_big_is_refused_unread(build: Build):
    talk = await build("telegram")
    [picture] = replies(await talk.conversation.handle(file(ADMIN, "照片.jpg")))
    assert picture.endswith("请提供 Word 或文字版")
    [other] = replies(await talk.conversation.handle(file(ADMIN, "名单.rtf")))
    assert other == "只能导入 .docx、.xlsx、.txt、.html 或 .pdf 格式的通知（收到：名单.rtf）。"
    big = file(ADMIN, "通知.docx", size=LIMITS.max_bytes + 1)
    [too_big] = replies(await talk.conversation.handle(big))
    assert "文件过大" in too_big


async def test_the_review_and_its_choices_go_through_the_router(build: Build):
    talk = await build("telegram")
    data = NOTICE.read_bytes()
    result = await talk.conversation.handle(file(ADMIN, "notice-2021.txt", data, len(data)))
    [shown] = [a for a in result.actions if isinstance(a, Reply)]
    assert "34 项任务" in shown.text
    assert "的修订" in shown.text  # every task continues: a revision of the first notice
    labels = [choice.label for row in shown.rows for choice in row]
    assert labels[:2] == ["启用", "取消"]
    cancel = shown.rows[0][1].data
    refused = await talk.press(cancel, telegram(ZHANG))
    assert refused.actions == (Toast("这是办公室管理员的命令，您没有权限使用。", alert=True),)
    enable = shown.rows[0][0].data
    enabled = await talk.press(enable, telegram(ADMIN, "办公室"))
    assert isinstance(enabled.outcome, Changed)
    [edit] = [a for a in enabled.actions if isinstance(a, Edit)]
    assert edit.text == "已启用：notice-2021.txt（34 项任务）。已通知任务有变化的 0 个单位。"
    [stale] = (await talk.press(cancel, telegram(ADMIN))).actions
    assert isinstance(stale, Toast)
    assert stale.alert
    assert stale.text.startswith("按钮已失效")
