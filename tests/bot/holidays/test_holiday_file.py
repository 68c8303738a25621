"""holidays.toml: stored atomically, read back, in force at once, backed up, and compared."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import workdays
from bot.backup import backup
from bot.errors import DataFileError
from bot.holidays.arrangement import read_arrangement
from bot.holidays.holiday_file import HOLIDAYS_FILE, HolidayFile, load_holidays, store_arrangement
from bot.reminders.nudges import missing_calendar_years

AT = datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DATA = Path(__file__).parents[2] / "data" / "holidays"
# Made up for the tests: the State Council had not published 2027 when this was written.
MADE_UP_2027 = (
    "国务院办公厅关于2027年部分节假日安排的通知\n"
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "二、春节：2月5日（农历除夕、周五）至2月12日（周五）放假调休，共8天。"
    "1月31日（周日）、2月20日（周六）上班。\n"
)


@pytest.fixture(autouse=True)
def _library_only():
    yield
    workdays.use_office_calendar({})


def test_a_stored_year_reads_back_with_its_title_and_days(tmp_path: Path) -> None:
    arrangement = read_arrangement(MADE_UP_2027).arrangement
    store_arrangement(tmp_path, arrangement, at=AT)
    year = load_holidays(tmp_path)[2027]
    assert year.title == "国务院办公厅关于2027年部分节假日安排的通知"
    assert year.days_off == frozenset(arrangement.holidays)
    assert year.workdays == {date(2027, 1, 31), date(2027, 2, 20)}
    assert "days_off = [" in (tmp_path / HOLIDAYS_FILE).read_text(encoding="utf-8")


def test_storing_a_year_keeps_the_others_and_leaves_no_temp_file(tmp_path: Path) -> None:
    store_arrangement(tmp_path, read_arrangement(MADE_UP_2027).arrangement, at=AT)
    text_2026 = (DATA / "2026.txt").read_text(encoding="utf-8")
    store_arrangement(tmp_path, read_arrangement(text_2026).arrangement, at=AT)
    assert sorted(load_holidays(tmp_path)) == [2026, 2027]
    assert [p.name for p in tmp_path.iterdir()] == [HOLIDAYS_FILE]


def test_the_stored_year_decides_working_days_at_once(tmp_path: Path) -> None:
    assert workdays.is_workday(date(2027, 2, 8))  # a Monday, before the office gives 2027
    assert missing_calendar_years(date(2027, 1, 1), date(2027, 1, 1)) == [2027]
    HolidayFile(tmp_path).store(read_arrangement(MADE_UP_2027).arrangement, at=AT)
    assert not workdays.is_workday(date(2027, 2, 8))  # Spring Festival
    assert workdays.is_workday(date(2027, 2, 20))  # makeup Saturday
    assert workdays.is_workday(date(2027, 3, 1))  # an ordinary Monday
    assert workdays.add_workdays(date(2027, 2, 19), 1) == date(2027, 2, 20)
    assert missing_calendar_years(date(2027, 1, 1), date(2027, 1, 1)) == []


def test_a_clerks_edit_is_picked_up_and_a_broken_one_refused(tmp_path: Path) -> None:
    calendar = HolidayFile(tmp_path)
    calendar.store(read_arrangement(MADE_UP_2027).arrangement, at=AT)
    path = tmp_path / HOLIDAYS_FILE
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[2028]\ndays_off = [2028-03-01]\n", encoding="utf-8"
    )
    assert calendar.refresh()
    assert not workdays.is_workday(date(2028, 3, 1))
    path.write_text("[2028]\ndays_off = [\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="holidays.toml"):
        calendar.refresh()
    assert not workdays.is_workday(date(2028, 3, 1))  # the calendar stays as it was


def test_a_day_both_off_and_working_is_refused(tmp_path: Path) -> None:
    (tmp_path / HOLIDAYS_FILE).write_text(
        "[2027]\ndays_off = [2027-02-20]\nworkdays = [2027-02-20]\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="2027-02-20 既放假又上班"):
        load_holidays(tmp_path)


def test_differences_from_the_library_are_listed_with_the_offices_answer() -> None:
    text = (
        (DATA / "2026.txt")
        .read_text(encoding="utf-8")
        .replace("5月9日（周六）", "5月16日（周六）")
    )
    text = text.replace("5月9日(周六)", "5月16日(周六)")
    arrangement = read_arrangement(text).arrangement
    off, work = frozenset(arrangement.holidays), frozenset(arrangement.workdays)
    assert workdays.library_differences(2026, off, work) == [
        (date(2026, 5, 9), False),
        (date(2026, 5, 16), True),
    ]
    assert workdays.library_differences(2027, off, work) == []


def test_a_backup_includes_holidays_toml(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store_arrangement(data, read_arrangement(MADE_UP_2027).arrangement, at=AT)
    result = backup(data, tmp_path / "backups", at=AT)
    copied = result.path / HOLIDAYS_FILE
    assert copied.read_bytes() == (data / HOLIDAYS_FILE).read_bytes()
