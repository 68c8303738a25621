"""The error handler: a failure is logged and the user hears only 出错了，请稍后再试."""

import errno
import logging
from functools import partial

import pytest
from telegram.error import NetworkError

from bot.config import WecomSettings
from bot.conversation.actions import EditSent, Send
from bot.conversation.events import TELEGRAM, WECOM
from bot.store.storage import StoreWriteError
from handlers.context import install
from handlers.delivery import on_telegram
from handlers.outlets import Outlets
from tests.handlers.conftest import ADMIN, user


class Broken(RuntimeError):
    pass


async def test_a_failing_handler_answers_without_details(bot, caplog, monkeypatch):
    def fail(user_id):
        raise Broken("secret detail 42")

    monkeypatch.setattr(bot.core.bindings, "unit_of", fail)
    with caplog.at_level(logging.ERROR), pytest.raises(Broken):
        await bot.feed(bot.api.send_text(1001, "综合科负责什么", user=user(1001)))
    assert bot.api.texts(1001) == ["出错了，请稍后再试。"]
    assert "处理更新时出错" in caplog.text
    assert "secret detail 42" in caplog.text  # the log keeps the details, the user does not


async def fill_the_disk_twice(bot, monkeypatch) -> None:
    """Two questions from 1001 whose handling fails on a full disk (within the cooldown)."""

    def disk_full(user_id):
        raise StoreWriteError(bot.core.store.path, OSError(errno.ENOSPC, "No space left"))

    monkeypatch.setattr(bot.core.bindings, "unit_of", disk_full)
    for question in ("综合科负责什么", "办公室负责什么"):
        with pytest.raises(StoreWriteError):
            await bot.feed(bot.api.send_text(1001, question, user=user(1001)))


async def test_a_failed_write_tells_the_admins_once_with_the_cause(bot, monkeypatch):
    await fill_the_disk_twice(bot, monkeypatch)
    assert bot.api.texts(1001) == ["出错了，请稍后再试。"] * 2
    [alert] = bot.api.texts(ADMIN)
    assert "磁盘已满" in alert
    assert f"数据目录：{bot.core.config.data_dir}，剩余空间 " in alert
    assert str(bot.core.store.path) in alert


async def test_a_failed_write_reaches_the_office_on_every_channel_once(build, monkeypatch):
    """The office is 9001 on Telegram and zhangsan on WeCom: each is told on their own
    channel, once for two failures within the cooldown."""
    wecom = WecomSettings("ww0123456789abcdef", 1000002, admins=frozenset({"zhangsan"}))
    bot = await build(wecom=wecom)
    on_wecom: list[Send | EditSent] = []

    async def to_wecom(action: Send | EditSent) -> int | None:
        on_wecom.append(action)
        return None

    outlets = Outlets(bot.core.addresses)
    outlets.add(TELEGRAM, partial(on_telegram, bot.app.bot))
    outlets.add(WECOM, to_wecom)
    install(bot.app.bot_data, bot.core, outlets=outlets)

    await fill_the_disk_twice(bot, monkeypatch)
    [alert] = bot.api.texts(ADMIN)
    assert "磁盘已满" in alert
    [to_zhangsan] = on_wecom
    assert to_zhangsan == Send(bot.core.addresses.find(WECOM, "zhangsan"), alert)


async def test_a_network_failure_is_no_failed_write(bot, monkeypatch):
    """A Telegram call that failed on the network (here a download whose host cannot be
    resolved) is an ordinary error: the office is not told of a failed write."""

    def unreachable(user_id):
        try:
            raise OSError(-2, "Name or service not known")
        except OSError as cause:
            raise NetworkError("httpx.ConnectError: Name or service not known") from cause

    monkeypatch.setattr(bot.core.bindings, "unit_of", unreachable)
    with pytest.raises(NetworkError):
        await bot.feed(bot.api.send_text(1001, "综合科负责什么", user=user(1001)))
    assert bot.api.texts(1001) == ["出错了，请稍后再试。"]
    assert bot.api.texts(ADMIN) == []
