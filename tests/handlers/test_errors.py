"""The error handler: a failure is logged and the user hears only 出错了，请稍后再试."""

import logging

import pytest

from tests.handlers.conftest import user


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
