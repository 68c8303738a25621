"""The files the bot writes for the office stay valid TOML, and a broken one is named at start.

The notice sent is tests/data/jiangmen-law-2021.txt (法治政府建设工作要点, 5 tasks).
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, STARTUP_TIMEOUT, launch, user
from tests.e2e.test_notices import LAW
from tests.e2e.test_nudges import LI, seed
from tests.e2e.test_office import command

CAPTION = '法治"建设"\n2021\\版'
NAME = '法治"建设" 2021\\版'  # one line: the caption's line break read as a space
BROKEN = 'name = "第一行\n第二行"\n'  # a raw line break inside a string, on line 1


def test_a_caption_with_a_line_break_and_quotes_names_a_notice_that_survives_a_restart(
    api, tmp_path
):
    seed(tmp_path, {LI: "综合科"})
    running = launch(api, tmp_path, "--now", "2021-11-16T10:00:00+08:00")
    try:
        api.send_document(ADMIN, LAW.name, LAW.read_bytes(), user=user(ADMIN), caption=CAPTION)
        [shown] = api.wait_for_messages_sync(ADMIN, 1, timeout=REPLY_TIMEOUT)
        api.press_button(ADMIN, shown.message_id, shown.callback_data[0], user=user(ADMIN))
        assert api.wait_for_sync(
            lambda: api.message(ADMIN, shown.message_id)["text"] != shown.text, REPLY_TIMEOUT
        )
        assert api.message(ADMIN, shown.message_id)["text"].startswith(f"已启用新通知《{NAME}》")
        assert command(api, ADMIN, "/reload").startswith("已重新读入")
        assert f"作为又一个通知（简称：{NAME}）" in shown.text
    finally:
        assert running.stop() == 0
    again = launch(api, tmp_path, "--now", "2021-11-16T10:30:00+08:00")
    try:
        assert f"· 《{NAME}》5 项任务，在用" in command(api, ADMIN, "/notices")
    finally:
        assert again.stop() == 0


def _broken_config(workdir):
    (workdir / "config.toml").write_text(
        f"[telegram]\nadmins = [{ADMIN}]\n[data]\n" + BROKEN.replace("name", "path"),
        encoding="utf-8",
    )
    return "config.toml", 4


def _broken_units(workdir):
    (workdir / "config.toml").write_text(
        f'[registry]\npath = "units.toml"\n[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n',
        encoding="utf-8",
    )
    units = (ROOT / "data" / "units.toml").read_text(encoding="utf-8")
    (workdir / "units.toml").write_text(units + "\n[[units]]\n" + BROKEN, encoding="utf-8")
    return "units.toml", units.count("\n") + 3


def _broken_catalog(workdir):
    (workdir / "data").mkdir()
    (workdir / "data" / "notices.toml").write_text("[[notice]]\n" + BROKEN, encoding="utf-8")
    return "notices.toml", 2


def _broken_deadlines(workdir):
    (workdir / "config.toml").write_text(
        '[deadlines]\npath = "deadlines.toml"\n'
        f'[data]\npath = "data"\n[telegram]\nadmins = [{ADMIN}]\n',
        encoding="utf-8",
    )
    (workdir / "deadlines.toml").write_text("[tasks]\n1 = [2021-13-01]\n", encoding="utf-8")
    return "deadlines.toml", 2


@pytest.mark.parametrize(
    "breaking", [_broken_config, _broken_units, _broken_catalog, _broken_deadlines]
)
def test_a_broken_data_file_is_named_with_its_line_at_start(api, tmp_path, breaking):
    name, line = breaking(tmp_path)
    running = launch(api, tmp_path, wait=False)
    status = running.process.wait(timeout=STARTUP_TIMEOUT)
    said = running.log_text().strip()
    assert status != 0
    assert "Traceback" not in said
    assert "\n" not in said, said  # one message
    assert name in said
    assert f"第 {line} 行" in said, said
