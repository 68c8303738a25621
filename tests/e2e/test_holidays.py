"""A year chinese-calendar lacks: the office gives the arrangement, nudges follow it.

The 2027 arrangement below is MADE UP for these tests (the State Council had not published
2027 when they were written): Spring Festival 2月5日（除夕）to 2月12日, makeup days Sunday
1月31日 and Saturday 2月20日. Task 24 (办公室牵头) gets an office due date in 2027; the ladder
(5, 1, 0 working days before) then moves with the arrangement:
- due Monday 2月8日, now a holiday: the due-day nudge moves to the last working day before it,
  Thursday 2月4日 (so does the one-day nudge); by Monday to Friday it would be 2月8日 itself;
- due Monday 2月22日: one working day before is the makeup Saturday 2月20日, 09:00.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.holidays.holiday_file import HOLIDAYS_FILE, load_holidays
from bot.ledger.deadlines import save_office_deadlines
from tests.bot.importing.test_import_cli import run_bot
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_nudges import NUDGE_TIMEOUT, ZHANG, seed, tasks_in

MADE_UP_2027 = """国务院办公厅关于2027年部分节假日安排的通知
（本文为测试虚构，并非国务院公布的安排）
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初八、周五）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
"""


def prepare(workdir: Path, due: date) -> Path:
    """Config (the launcher's, with a deadline file of our own), bindings, task 24's due date."""
    config = workdir / "config.toml"
    config.write_text(
        f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n'
        '[deadlines]\npath = "deadlines.toml"\n',
        encoding="utf-8",
    )
    save_office_deadlines(workdir / "deadlines.toml", {24: (due,)})
    seed(workdir, {ZHANG: "办公室"})
    return config


def test_the_office_sends_the_arrangement_and_a_holiday_due_date_is_nudged_before(api, tmp_path):
    prepare(tmp_path, date(2027, 2, 8))
    running = launch(api, tmp_path, "--now", "2027-02-04T08:59:45+08:00")
    try:
        [missing] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        assert missing.text.startswith("【日历提醒】还没有 2027 年的法定节假日和调休安排")
        assert "python -m bot holidays" in missing.text
        name = "国务院办公厅关于2027年部分节假日安排的通知.txt"
        api.send_document(ADMIN, name, MADE_UP_2027.encode(), user=user(ADMIN))
        [_, shown] = api.wait_for_messages_sync(ADMIN, 2, timeout=REPLY_TIMEOUT)
        assert "· 春节：2月5日（周五）至2月12日（周五），放假 8 天" in shown.text
        assert "调休上班：1月31日（周日）、2月20日（周六）" in shown.text
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        assert api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"].startswith("已启用 2027 年"),
            REPLY_TIMEOUT,
        )
        [nudge] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        assert tasks_in(nudge.text) == {24}
        assert "截止 2月8日（周一），今天是截止前最后一个工作日" in nudge.text
    finally:
        assert running.stop() == 0
    assert load_holidays(tmp_path / "data")[2027].workdays == {
        date(2027, 1, 31),
        date(2027, 2, 20),
    }


def test_an_arrangement_stored_from_the_command_line_brings_the_makeup_saturday_nudge(
    api, tmp_path
):
    config = prepare(tmp_path, date(2027, 2, 22))
    arrangement = tmp_path / "2027.txt"
    arrangement.write_text(MADE_UP_2027, encoding="utf-8")
    stored = run_bot("holidays", str(arrangement), "--yes", "--config", str(config))
    assert stored.returncode == 0, stored.stderr
    assert (tmp_path / "data" / HOLIDAYS_FILE).exists()
    running = launch(api, tmp_path, "--now", "2027-02-20T08:59:55+08:00")
    try:
        [nudge] = api.wait_for_messages_sync(ZHANG, 1, timeout=NUDGE_TIMEOUT)
        assert tasks_in(nudge.text) == {24}
        assert "截止 2月22日（周一），还有 1 个工作日" in nudge.text
        assert "补发" not in nudge.text
    finally:
        assert running.stop() == 0
    assert not [m for m in api.sent(ADMIN) if m.text.startswith("【日历提醒】")]
