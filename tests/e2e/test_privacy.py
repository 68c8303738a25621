"""Who reads the 台账 through the real bot process: the notice is public, progress is not.

From the notice: task 24 is 办公室's alone (综合科 has no role in it). 办公室 reports a
difficulty on it; a stranger, someone waiting for the office to approve "我是办公室", and
综合科's staff then ask for its progress and see the task, not the report. The console chat,
run as 综合科 on the same data directory, reads as the office.
"""

from __future__ import annotations

import bot.progress.texts as progress_texts
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch
from tests.e2e.test_nudges import seed
from tests.e2e.test_progress import console, say

ZHANG, LI = 1001, 2001  # 办公室, 综合科
STRANGER, PENDING = 4001, 4002
SECRET = "缺少平台账号"


def test_only_the_units_on_a_task_and_the_office_read_its_progress(api, tmp_path):
    seed(tmp_path, {ZHANG: "办公室", LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-15T10:00:00+08:00")
    try:
        assert say(api, ZHANG, f"第24项有困难：{SECRET}").startswith(
            "已记录：办公室 第24项 有困难"
        )
        admin_before = len(api.sent(ADMIN))
        say(api, PENDING, "我是办公室")
        api.wait_for_messages_sync(ADMIN, admin_before + 1, timeout=REPLY_TIMEOUT)

        stranger = say(api, STRANGER, "第24项进展")
        pending = say(api, PENDING, "第24项的完成情况")
        other_unit = say(api, LI, "第24项进展如何")
        for answer in (stranger, pending, other_unit):
            assert SECRET not in answer
            assert "有困难" not in answer
            assert answer.startswith("第24项（")  # the notice's own words stay public
        assert stranger.endswith(progress_texts.PROGRESS_AFTER_BINDING)
        assert pending.endswith(progress_texts.PROGRESS_AFTER_BINDING)
        assert other_unit.endswith(
            progress_texts.PROGRESS_NOT_A_PARTY.format(unit="综合科", task=24)
        )

        assert SECRET in say(api, ZHANG, "第24项进展")
        assert SECRET in say(api, ADMIN, "第24项进展")
    finally:
        assert running.stop() == 0
    # The console runs beside the data directory, so it reads as the office, whoever it is "as".
    assert SECRET in console(tmp_path, "第24项进展").stdout
