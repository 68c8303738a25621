"""The calendar notes the office is owed, read from holidays.toml and the library.

Expected keys and texts come from the module's docstring: a missing year has the key
``calendar:YYYY`` until the first working day of the December before it (Tuesday
2026-12-01), then a new key; a broken file gives one note and one log line per error.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from bot import workdays
from bot.holidays.arrangement import read_arrangement
from bot.holidays.holiday_file import HOLIDAYS_FILE, HolidayFile, store_arrangement
from bot.holidays.notes import calendar_notes, refresh
from tests.bot.holidays.test_holiday_file import AT, DATA, MADE_UP_2027


@pytest.fixture(autouse=True)
def _library_only():
    yield
    workdays.use_office_calendar({})


def test_a_missing_year_is_noted_under_a_key_that_changes_in_december(tmp_path: Path) -> None:
    file = HolidayFile(tmp_path)
    [(key, text)] = calendar_notes(file, date(2026, 11, 20), date(2027, 1, 19))
    assert key == "calendar:2027"
    assert text.startswith("【日历提醒】还没有 2027 年的法定节假日和调休安排")
    [(december, _)] = calendar_notes(file, date(2026, 12, 1), date(2027, 1, 30))
    assert december == "calendar:2027:2026-12-01"


def test_no_note_when_the_lookahead_stays_in_a_published_year(tmp_path: Path) -> None:
    assert calendar_notes(HolidayFile(tmp_path), date(2026, 5, 6), date(2026, 7, 5)) == []


def test_the_office_given_year_is_no_longer_missing(tmp_path: Path) -> None:
    store_arrangement(tmp_path, read_arrangement(MADE_UP_2027).arrangement, at=AT)
    assert calendar_notes(HolidayFile(tmp_path), date(2026, 12, 1), date(2027, 1, 30)) == []


def test_a_year_where_the_library_differs_is_noted(tmp_path: Path) -> None:
    text = (DATA / "2026.txt").read_text(encoding="utf-8").replace("5月9日(周六)", "5月16日(周六)")
    store_arrangement(tmp_path, read_arrangement(text).arrangement, at=AT)
    [(key, note)] = calendar_notes(HolidayFile(tmp_path), date(2026, 5, 6), date(2026, 7, 5))
    assert key.startswith("calendar-differs:2026:")
    assert "有 2 天不同" in note
    assert "· 5月9日（周六）：安排为放假，chinese-calendar 为上班" in note


def test_a_broken_file_is_one_note_and_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / HOLIDAYS_FILE).write_text("[2027\n", encoding="utf-8")
    file = HolidayFile(tmp_path)
    with caplog.at_level(logging.ERROR, logger="bot.holidays.notes"):
        [(key, note)] = calendar_notes(file, date(2026, 5, 6), date(2026, 7, 5))
        assert refresh(file) is not None
    assert key.startswith("calendar-file:")
    assert note.startswith("【日历提醒】")
    assert "请改正该文件" in note
    assert len(caplog.records) == 1


def test_a_mended_file_is_no_longer_an_error(tmp_path: Path) -> None:
    path = tmp_path / HOLIDAYS_FILE
    path.write_text("[2027\n", encoding="utf-8")
    file = HolidayFile(tmp_path)
    assert refresh(file) is not None
    path.write_text("", encoding="utf-8")
    assert refresh(file) is None
