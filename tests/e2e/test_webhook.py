"""Webhook mode end to end: the real bot process, with Telegram (the fake) posting its updates.

Expected answers come from the notice: 综合科 is named lead of task 2, responsible for tasks
1 and 9 and, through 各科室（单位）, for 8, 11, 13 and 16, and cooperates on 10, 12 and 17
(各科室（单位）配合): ten tasks, 1 牵头, 6 负责, 3 配合.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.ledger.store import LEDGER_DIR, LedgerStore
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, STARTUP_TIMEOUT, RunningBot, launch, user
from tests.e2e.test_nudges import seed
from tests.fakebotapi import FakeBotApi, Fault

LI = 2001
SECRET = "fengong_e2e-secret"
REPORT = "第17项：留言正在办理"  # a simple form, recorded at once
RECORDED = "已记录：综合科 第17项 进行中（11月15日 10:00"
NOW = "2021-11-15T10:00:00+08:00"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(workdir: Path, *, secret: str = SECRET, webhook: bool = True) -> str:
    """Write the bot's config, with a [webhook] on a free port of 127.0.0.1; returns its url."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/fengong"
    text = f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n'
    if webhook:
        text += f'[webhook]\nurl = "{url}"\nlisten = "127.0.0.1"\nport = {port}\n'
        text += f'secret_token = "{secret}"\n'
    (workdir / "config.toml").write_text(text, encoding="utf-8")
    return url


def launch_hook(api: FakeBotApi, workdir: Path, *args: str) -> RunningBot:
    """Start the bot; ready once its setWebhook has been answered."""
    before = len([c for c in api.calls("setWebhook") if c.status is not None])
    running = launch(api, workdir, *args, wait=False)
    ready = api.wait_for_sync(
        lambda: (
            len([c for c in api.calls("setWebhook") if c.status is not None]) > before
            or running.process.poll() is not None
        ),
        STARTUP_TIMEOUT,
    )
    assert ready, running.log_text()
    assert running.process.poll() is None, running.log_text()
    return running


def say(api: FakeBotApi, chat: int, text: str) -> str:
    before = len(api.sent(chat))
    api.send_text(chat, text, user=user(chat))
    return api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)[before].text


def post(url: str, body: bytes, secret: str | None) -> int:
    """POST to the bot's webhook as someone other than Telegram; returns the HTTP status."""
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    if secret is not None:
        request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
    try:
        with urllib.request.urlopen(request, timeout=REPLY_TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def ledger_texts(workdir: Path) -> list[str]:
    with LedgerStore(workdir / "data" / LEDGER_DIR) as ledger:
        return [record["x"] for record in ledger.records()]


@pytest.fixture(autouse=True)
def no_secret_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The secret comes from each test's config file, not from the developer's environment."""
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)


def test_a_bound_user_asks_and_reports_through_the_webhook(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    url = configure(tmp_path)
    running = launch_hook(api, tmp_path, "--now", NOW)
    try:
        duties = say(api, LI, "我科室负责什么")
        assert duties.startswith("综合科（科室）：共 10 项，牵头 1 项、负责 6 项、配合 3 项")
        assert say(api, LI, REPORT).startswith(RECORDED)
    finally:
        assert running.stop() == 0
    [call] = api.calls("setWebhook")
    assert call.params["url"] == url
    assert call.params["secret_token"] == SECRET
    assert api.calls("getUpdates") == []
    assert [d.status for d in api.webhook_deliveries()] == [200, 200]
    assert ledger_texts(tmp_path) == ["留言正在办理"]
    assert SECRET not in running.log_text()


def forged(chat: int, text: str) -> bytes:
    """An update as Telegram would post it, written by someone who does not know the secret."""
    message = {
        "message_id": 1,
        "from": user(chat),
        "chat": {"id": chat, "type": "private", "first_name": "张三"},
        "date": int(time.time()),
        "text": text,
    }
    return json.dumps({"update_id": 1, "message": message}).encode()


def test_a_request_with_a_wrong_secret_is_refused_and_not_handled(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    url = configure(tmp_path)
    running = launch_hook(api, tmp_path, "--now", NOW)
    try:
        assert post(url, forged(LI, REPORT), "not_the_secret") == 403
        assert post(url, forged(LI, REPORT), None) == 403
        assert post(url, b'{"update": 1}', SECRET) == 400
        assert "· 第17项（配合）未报告" in say(api, LI, "我科室进展")
    finally:
        assert running.stop() == 0
    assert len(api.texts(LI)) == 1
    assert ledger_texts(tmp_path) == []


def test_kill_9_while_a_report_is_handled_loses_nothing(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    configure(tmp_path)
    running = launch_hook(api, tmp_path, "--now", NOW)
    # The 已记录 reply is held (the report is already on disk): the bot is killed meanwhile.
    api.inject("sendMessage", Fault.read_timeout(60), chat_id=LI, times=1)
    raw = api.send_text(LI, REPORT, user=user(LI))
    replying = api.wait_for_sync(
        lambda: any(c.status is None for c in api.calls("sendMessage", LI)), REPLY_TIMEOUT
    )
    assert replying, running.log_text()
    os.kill(running.process.pid, signal.SIGKILL)
    running.process.wait(timeout=STARTUP_TIMEOUT)
    assert [u["update_id"] for u in api.pending_updates()] == [raw["update_id"]]

    again = launch_hook(api, tmp_path, "--now", NOW)
    try:
        [*_, acknowledged] = api.wait_for_messages_sync(LI, 1, timeout=REPLY_TIMEOUT)
        assert acknowledged.text.startswith(RECORDED)
        assert api.wait_for_sync(lambda: not api.pending_updates(), REPLY_TIMEOUT)
    finally:
        assert again.stop() == 0
    assert ledger_texts(tmp_path) == ["留言正在办理"]
    statuses = [d.status for d in api.webhook_deliveries()]
    assert statuses[0] == 0  # the killed bot never answered
    assert statuses[-1] == 200


def test_sigterm_keeps_the_webhook_and_polling_takes_over(api, tmp_path):
    seed(tmp_path, {LI: "综合科"})
    url = configure(tmp_path)
    running = launch_hook(api, tmp_path, "--now", NOW)
    assert running.stop() == 0
    assert "分工助手已停止" in running.log_text()
    assert api.webhook_info()["url"] == url
    assert api.calls("deleteWebhook") == []

    api.send_text(LI, REPORT, user=user(LI))  # held by Telegram while the bot is down
    configure(tmp_path, webhook=False)
    polling = launch(api, tmp_path, "--now", NOW)
    try:
        [acknowledged] = api.wait_for_messages_sync(LI, 1, timeout=REPLY_TIMEOUT)
        assert acknowledged.text.startswith(RECORDED)
    finally:
        assert polling.stop() == 0
    assert api.webhook_info()["url"] == ""


def test_without_a_secret_the_bot_refuses_to_start(api, tmp_path, monkeypatch):
    configure(tmp_path, secret="")
    running = launch(api, tmp_path, wait=False)
    assert running.process.wait(timeout=STARTUP_TIMEOUT) == 2
    assert "[webhook] 设置了 url，但没有密钥" in running.log_text()
    assert api.calls("setWebhook") == []

    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)  # as from fengong.env
    again = launch_hook(api, tmp_path)
    assert again.stop() == 0
    assert api.calls("setWebhook")[0].params["secret_token"] == SECRET
    assert SECRET not in again.log_text()


def test_a_url_telegram_refuses_stops_the_bot_for_good(api, tmp_path):
    refusal = "Bad Request: bad webhook: HTTPS url must be provided for webhook"
    api.inject("setWebhook", Fault.error(400, refusal))
    configure(tmp_path)
    running = launch(api, tmp_path, wait=False)
    assert running.process.wait(timeout=STARTUP_TIMEOUT) == 2
    assert (
        "[webhook] Telegram 不接受这个 url（Bad webhook: https url must be" in running.log_text()
    )
    assert "Traceback" not in running.log_text()
