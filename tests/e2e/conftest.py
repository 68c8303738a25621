"""End to end: the real bot process (`python -m bot run`) against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fakebotapi import FakeBotApi

STARTUP_TIMEOUT = 20
REPLY_TIMEOUT = 10
ADMIN = 9001


@dataclass
class RunningBot:
    """The bot subprocess and where its log goes."""

    process: subprocess.Popen
    log: Path

    def stop(self) -> int:
        """SIGTERM, as systemd would; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=STARTUP_TIMEOUT)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def user(user_id: int, name: str = "张三") -> dict:
    return {"id": user_id, "is_bot": False, "first_name": name}


def confirmed(
    api: FakeBotApi,
    chat: int,
    text: str,
    name: str = "张三",
    label: str = "确认",
    reply_to_message_id: int | None = None,
) -> str:
    """`chat` sends a report that is not of a simple form (as a reply to the bot's message
    `reply_to_message_id`, if given): the bot proposes it (将记录为…) with its choices and
    records nothing; `label` is pressed. The reply to the press."""
    before = len(api.sent(chat))
    api.send_text(chat, text, user=user(chat, name), reply_to_message_id=reply_to_message_id)
    proposed = api.wait_for_messages_sync(chat, before + 1, timeout=REPLY_TIMEOUT)[before]
    assert proposed.text.startswith("将记录为："), proposed.text
    data = next(b["callback_data"] for row in proposed.buttons for b in row if b["text"] == label)
    api.press_button(chat, proposed.message_id, data, user=user(chat, name))
    return api.wait_for_messages_sync(chat, before + 2, timeout=REPLY_TIMEOUT)[before + 1].text


def launch(api: FakeBotApi, workdir: Path, *args: str, wait: bool = True) -> RunningBot:
    """Start `python -m bot run` on `workdir/data` with ADMIN as the office's admin."""
    config = workdir / "config.toml"
    if not config.exists():
        config.write_text(
            f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n', encoding="utf-8"
        )
    log = workdir / f"bot-{len(list(workdir.glob('bot-*.log')))}.log"
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "BOT_API_BASE_URL": api.base_url,
        "BOT_API_FILE_URL": api.base_file_url,
        "PTB_TIMEDELTA": "true",
    }
    polls_before = len(api.calls("getUpdates"))
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(config), *args],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    running = RunningBot(process, log)
    if wait:  # ready once its first long poll has arrived (it is answered only when it ends)
        polling = api.wait_for_sync(
            lambda: len(api.calls("getUpdates")) > polls_before, STARTUP_TIMEOUT
        )
        assert polling, f"the bot did not start polling:\n{running.log_text()}"
    return running


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def bot(api: FakeBotApi, tmp_path: Path) -> Iterator[RunningBot]:
    running = launch(api, tmp_path)
    try:
        yield running
    finally:
        running.stop()
