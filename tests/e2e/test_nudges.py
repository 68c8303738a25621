"""Nudges as staff see them: the real bot process, its clock started with --now, the fake server.

Expected content comes from the notice: task 24 (办公室牵头) is due 2021年11月20日, a Saturday, so
its five-working-days nudge is on Monday 11-15. Tasks without a date are due at the year end
(Friday 2021-12-31); five working days earlier is Friday 12-24 (the 25th and 26th are a weekend).
综合科 is named lead of task 2 and is responsible for tasks 1 and 9; through 各科室（单位） it
is responsible for tasks 8, 11, 13 and 16 — seven tasks in one merged message on 12-24.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.people.bindings import Bindings
from bot.store.storage import Store
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user

ZONE = ZoneInfo("Asia/Shanghai")
ZHANG, LI, WANG = 1001, 1002, 2001
NUDGE_TIMEOUT = 30


def seed(workdir: Path, members: dict[int, str]) -> None:
    """Bind users to units in the data directory before the bot starts, as the office would."""
    since = datetime(2021, 10, 29, 9, 0, tzinfo=ZONE)
    with Store(workdir / "data" / "bot.json") as store:
        bindings = Bindings(store)
        for user_id, unit in members.items():
            bindings.bind(user_id, f"用户{user_id}", unit, since)


def tasks_in(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"第(\d+)项（", text)}


def wait_log(running, fragment: str, count: int = 1) -> None:
    """Wait until `fragment` appears `count` times in the bot's log."""
    deadline = time.monotonic() + NUDGE_TIMEOUT
    while running.log_text().count(fragment) < count:
        assert time.monotonic() < deadline, running.log_text()
        time.sleep(0.1)


def test_merged_nudges_reach_each_person_at_nine(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", LI: "综合科", WANG: "执法二科"})
    running = launch(api, tmp_path, "--now", "2021-12-24T08:59:56+08:00")
    try:
        [message] = api.wait_for_messages_sync(LI, 1, timeout=NUDGE_TIMEOUT)
        assert message.text.startswith("【工作提醒】综合科：7 项需要关注")
        assert tasks_in(message.text) == {1, 2, 8, 9, 11, 13, 16}
        assert "截止 12月31日（周五），还有 5 个工作日" in message.text
        assert "补发" not in message.text
        assert len(message.callback_data) == 7 * 4  # 已完成 / 进行中 / 有困难 / 延期 per task
        api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        api.wait_for_messages_sync(WANG, 1, timeout=NUDGE_TIMEOUT)
    finally:
        assert running.stop() == 0
    assert len(api.sent(LI)) == 1
    assert len(api.sent(ZHANG)) == 1


def test_done_then_a_restart_sends_nothing_twice(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-15T08:59:56+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        assert tasks_in(nudge.text) == {24}
        api.press_button(ZHANG, nudge.message_id, "s:24:20211120:c", user=user(ZHANG))
        [_, recorded] = api.wait_for_messages_sync(ZHANG, 2, timeout=REPLY_TIMEOUT)
        assert (
            recorded.text
            == "已记录：办公室 第24项（截止 11月20日（周六））已完成，此节点不再提醒。"
            "待办公室复核，通过后销号。"
        )
    finally:
        assert running.stop() == 0
    # Restarted the same morning: the 09:00 nudge already went, so nothing is sent again.
    again = launch(api, tmp_path, "--now", "2021-11-15T10:00:00+08:00")
    try:
        wait_log(again, "提醒检查")
    finally:
        assert again.stop() == 0
    # Friday 11-19 would be the due-day nudge, but 已完成 was reported for that milestone.
    friday = launch(api, tmp_path, "--now", "2021-11-19T08:59:58+08:00")
    try:
        wait_log(friday, "提醒检查", 2)
    finally:
        assert friday.stop() == 0
    assert len(api.sent(ZHANG)) == 2


def test_a_restart_later_the_same_day_catches_up_marked_late(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", ADMIN: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-15T08:30:00+08:00")
    wait_log(running, "提醒检查")
    assert running.stop() == 0
    # Down over 09:00; back at 11:00 the same working day: the nudge goes out, marked 补发.
    again = launch(api, tmp_path, "--now", "2021-11-15T11:00:00+08:00")
    try:
        [late] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        assert "（补发：原定 11月15日 09:00 发送，机器人当时未运行）" in late.text
    finally:
        assert again.stop() == 0


def test_nudges_missed_on_an_earlier_day_are_listed_to_the_office(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-15T08:30:00+08:00")
    wait_log(running, "提醒检查")
    assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T09:30:00+08:00")
    try:
        [listing] = api.wait_for_messages_sync(ADMIN, 1, timeout=NUDGE_TIMEOUT)
        assert listing.text.startswith("【未发出的提醒】机器人停机期间有 1 条提醒")
        assert "· 第24项 办公室（截止 11月20日（周六））" in listing.text
    finally:
        assert again.stop() == 0
    assert api.sent(ZHANG) == []


def test_pausing_skips_only_that_person(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", LI: "办公室"})
    running = launch(api, tmp_path, "--now", "2021-11-15T08:59:50+08:00")
    try:
        api.send_text(ZHANG, "暂停提醒到11月19日", user=user(ZHANG))
        [reply] = api.wait_for_messages_sync(ZHANG, 1, timeout=REPLY_TIMEOUT)
        assert reply.text.startswith(
            "好的，2021年11月19日（含）之前不再给您发提醒，2021年11月20日起恢复。"
        )
        api.wait_for_messages_sync(LI, 1, timeout=NUDGE_TIMEOUT)
        api.send_command(ADMIN, "paused", user=user(ADMIN, "办公室小陈"))
        [listing] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert listing.text.startswith("暂停提醒的用户（1 人）：")
        assert f"（办公室，ID {ZHANG}）至 11月19日" in listing.text
    finally:
        assert running.stop() == 0
    assert len(api.sent(ZHANG)) == 1  # only the reply to the pause
