"""China working days, checked against the State Council's 2021 and 2022 holiday notices."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.workdays import add_workdays, is_official, is_workday, workdays_between


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2021, 10, 1), False),  # National Day
        (date(2021, 10, 7), False),  # last day of the National Day break
        (date(2021, 9, 26), True),  # Sunday, made up for National Day
        (date(2021, 10, 9), True),  # Saturday, made up for National Day
        (date(2021, 10, 11), True),  # an ordinary Monday
        (date(2021, 10, 16), False),  # an ordinary Saturday
        (date(2022, 1, 3), False),  # New Year's Day moved to Monday
        (date(2022, 1, 29), True),  # Saturday, made up for Spring Festival
    ],
    ids=[
        "national-day",
        "break-end",
        "makeup-sunday",
        "makeup-saturday",
        "monday",
        "saturday",
        "new-year-monday",
        "spring-makeup",
    ],
)
def test_official_calendar(day, workday):
    assert is_workday(day) is workday
    assert is_official(day)


def test_unpublished_year_falls_back_to_monday_to_friday():
    # chinese-calendar 1.11.0 has data up to 2026; 2027 is not published yet.
    assert not is_official(date(2027, 1, 4))
    assert is_workday(date(2027, 1, 4))  # a Monday
    assert not is_workday(date(2027, 1, 9))  # a Saturday


def test_add_workdays_across_the_national_day_break():
    # Thursday 2021-09-30 + 1 working day: 1–7 October are off, 8 October (Friday) is next.
    assert add_workdays(date(2021, 9, 30), 1) == date(2021, 10, 8)
    assert add_workdays(date(2021, 9, 30), 2) == date(2021, 10, 9)  # the makeup Saturday
    assert add_workdays(date(2021, 10, 8), -1) == date(2021, 9, 30)
    assert add_workdays(date(2021, 10, 2), 0) == date(2021, 10, 8)


def test_workdays_between():
    assert workdays_between(date(2021, 9, 30), date(2021, 10, 11)) == 3  # 10-08, 10-09, 10-11
    assert workdays_between(date(2021, 10, 11), date(2021, 9, 30)) == -3
    assert workdays_between(date(2021, 11, 15), date(2021, 11, 15)) == 0


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=60, deadline=None)
@given(days, st.integers(min_value=1, max_value=30))
def test_add_workdays_lands_on_a_workday_and_grows(day, count):
    later = add_workdays(day, count)
    assert is_workday(later)
    assert later > day
    assert add_workdays(day, count + 1) > later
    assert workdays_between(day, later) == count


@settings(max_examples=60, deadline=None)
@given(days)
def test_zero_workdays_is_today_or_the_next_workday(day):
    result = add_workdays(day, 0)
    assert is_workday(result)
    assert all(not is_workday(day + timedelta(days=i)) for i in range((result - day).days))
