"""Hostile files sent to the real bot: refused in Chinese, the bot alive and answering.

The bot runs with its address space capped at 2 GB (`prlimit` on its process), so a read that
explodes, as the unbounded one did (23.6 GB, then the kernel's kill, then the same file again at
every start), fails here instead of taking the machine down.
"""

from __future__ import annotations

import resource
import subprocess
import time
from pathlib import Path

import pytest

from bot.conversation.core import OUTBOX_FILE
from tests.bot.notice_files.hostile_files import grid_bomb, long_sheet, many_paragraphs, zip_bomb
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, RunningBot, launch, user
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import say

ZHANG = 1001
BOT_MEMORY = 2_000_000_000
STAFF_LATENCY = 3.0  # seconds: "within a couple of seconds", with a margin for a busy CI


def snapshot(directory: Path) -> dict[Path, bytes]:
    """The data directory's files but the outbox, which the bot writes as it sends."""
    outbox = Path(OUTBOX_FILE).stem
    files = (p for p in directory.rglob("*") if p.is_file() and outbox not in p.name)
    return {path: path.read_bytes() for path in files}


def capped(running: RunningBot) -> RunningBot:
    """Cap the bot's address space, and so its workers'."""
    resource.prlimit(running.process.pid, resource.RLIMIT_AS, (BOT_MEMORY, BOT_MEMORY))
    return running


def stop(running: RunningBot) -> int:
    """Stop the bot; kill it if a stuck read keeps it from stopping."""
    try:
        return running.stop()
    except subprocess.TimeoutExpired:
        running.process.kill()
        running.process.wait()
        raise


def test_a_grid_bomb_is_refused_while_staff_are_answered_and_not_fetched_again(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = capped(launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00"))
    try:
        api.send_document(ADMIN, "全表.xlsx", grid_bomb(), user=user(ADMIN))
        assert api.wait_for_calls_sync("getFile", 1, timeout=REPLY_TIMEOUT)  # reading begins
        asked = time.monotonic()
        answer = say(api, ZHANG, "第33项是谁负责")
        assert time.monotonic() - asked < STAFF_LATENCY
        assert "办公室" in answer
        [refused] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert refused.text.startswith("通知文件 全表.xlsx 有误：表格行数超过 5000")
        assert running.process.poll() is None
    finally:
        assert stop(running) == 0
    fetched = len(api.calls("getFile"))
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        assert "办公室" in say(api, ZHANG, "第33项是谁负责")  # polled past the file's update
        assert len(api.calls("getFile")) == fetched
        assert len(api.sent(ADMIN)) == 1
    finally:
        assert stop(again) == 0


@pytest.mark.parametrize(
    ("filename", "build", "reason"),
    [
        ("十万行.xlsx", long_sheet, "表格行数超过 5000"),
        ("炸弹.docx", zip_bomb, "文件过大：解压后超过 20 MB"),
        ("二十万段.docx", many_paragraphs, "段落和表格行数超过 5000"),
    ],
    ids=["100k-rows", "zip-bomb", "200k-paragraphs"],
)
def test_hostile_files_are_refused_and_change_nothing(api, tmp_path, filename, build, reason):
    running = capped(launch(api, tmp_path))
    try:
        before = snapshot(tmp_path / "data")
        api.send_document(ADMIN, filename, build(), user=user(ADMIN))
        [refused] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert refused.text.startswith(f"通知文件 {filename} 有误：{reason}")
        assert snapshot(tmp_path / "data") == before
        assert running.process.poll() is None
    finally:
        assert stop(running) == 0
