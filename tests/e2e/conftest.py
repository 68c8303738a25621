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


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def bot(api: FakeBotApi, tmp_path: Path) -> Iterator[RunningBot]:
    log = tmp_path / "bot.log"
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "BOT_API_BASE_URL": api.base_url,
        "BOT_API_FILE_URL": api.base_file_url,
        "PTB_TIMEDELTA": "true",
    }
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    running = RunningBot(process, log)
    try:
        api.wait_for_calls_sync("getUpdates", 1, timeout=STARTUP_TIMEOUT)
        yield running
    finally:
        if running.process.poll() is None:
            running.stop()
