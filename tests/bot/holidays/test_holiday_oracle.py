"""The oracle: real notices, read by `bot.holidays.arrangement`, against chinese-calendar 1.11.0's own data.

chinese-calendar keys its data by date, each labelled with its holiday; an arrangement for year
Y may reach back into December of Y-1 (2023's 元旦 starts 2022-12-31, 2019's makeup Saturday
was 2018-12-29), so the library's days of arrangement Y are its days of year Y, less December
days labelled 元旦 (they belong to Y+1's notice), plus December Y-1 days labelled 元旦.

Two differences are the library's, not ours, and are stated here with their reason:
- 2024: for ``1月1日放假，与周末连休`` the library also lists the weekend before (2023-12-30/31)
  as holidays; for every other 与周末连休 (2016, 2017, 2024 端午) it lists the named day only,
  as we do. Both are weekend days, so which days are working days is the same either way.
- 2020: the library applies the later 国办发明电〔2020〕1号 (tests/data/holidays/2020-extension.txt),
  which extended the Spring Festival to 2 February and so also cancelled the makeup Saturday
  2月1日.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from chinese_calendar.constants import Holiday, holidays, workdays

from bot.holidays.arrangement import read_arrangement

DATA = Path(__file__).parents[2] / "data" / "holidays"
YEARS = (2016, 2017, 2020, 2023, 2024, 2025, 2026)
NEW_YEAR = Holiday.new_years_day.value
# What the library has beyond the notice (see the module docstring), and what it lacks.
EXTRA_OFF = {
    2024: {date(2023, 12, 30), date(2023, 12, 31)},
    2020: {date(2020, 1, 31), date(2020, 2, 1), date(2020, 2, 2)},
}
MISSING_WORK = {2020: {date(2020, 2, 1)}}
FULL_WIDTH = str.maketrans({":": "：", ",": "，", "(": "（", ")": "）"})


def library_days(table: dict[date, str], year: int) -> set[date]:
    """The library's days of `year`'s arrangement in `table` (holidays or workdays)."""
    return {
        day
        for day, name in table.items()
        if (day.year == year and not (day.month == 12 and name == NEW_YEAR))
        or (day.year == year - 1 and day.month == 12 and name == NEW_YEAR)
    }


def texts_of(year: int) -> list[str]:
    """The stored text, and the same with gov.cn's full-width punctuation."""
    text = (DATA / f"{year}.txt").read_text(encoding="utf-8")
    return [text, text.translate(FULL_WIDTH)]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("width", ["stored", "full-width"])
def test_reading_gives_the_librarys_days_off_and_makeup_days(year: int, width: str) -> None:
    text = texts_of(year)[width == "full-width"]
    reading = read_arrangement(text)
    assert reading.ok, reading.problems
    arrangement = reading.arrangement
    assert arrangement.year == year
    assert set(arrangement.holidays) | EXTRA_OFF.get(year, set()) == library_days(holidays, year)
    assert set(arrangement.workdays) == library_days(workdays, year) | MISSING_WORK.get(
        year, set()
    )


@pytest.mark.parametrize("year", YEARS)
def test_every_day_of_the_year_is_a_working_day_exactly_when_the_library_says(year: int) -> None:
    arrangement = read_arrangement(texts_of(year)[0]).arrangement
    off, work = set(arrangement.holidays), set(arrangement.workdays)
    if year == 2020:  # the extension notice, read by hand (see the module docstring)
        off |= EXTRA_OFF[2020]
        work -= MISSING_WORK[2020]
    day = date(year, 1, 1)
    while day.year == year:
        ours = day in work or (day.weekday() < 5 and day not in off)
        assert ours == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_the_librarys_extra_2024_days_are_the_weekend_joined_to_new_year() -> None:
    arrangement = read_arrangement(texts_of(2024)[0]).arrangement
    new_year = arrangement.periods[0]
    assert new_year.name == "元旦"
    assert new_year.joins_weekend
    assert all(d.weekday() >= 5 and d < new_year.first for d in EXTRA_OFF[2024])
