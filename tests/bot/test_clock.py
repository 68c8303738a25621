"""Clocks the shells hold: the real one, and one started at a chosen instant (--now)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import clock_from, parse_instant, system_clock

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_parse_instant_with_and_without_offset():
    assert parse_instant("2021-11-15T08:59:50+08:00", SHANGHAI) == datetime(
        2021, 11, 15, 8, 59, 50, tzinfo=SHANGHAI
    )
    naive = parse_instant("2021-11-15T09:00", SHANGHAI)
    assert naive.utcoffset() == timedelta(hours=8)


def test_parse_instant_refuses_nonsense_in_chinese():
    with pytest.raises(ValueError, match="--now 应写成"):
        parse_instant("明天", SHANGHAI)


def test_clock_from_starts_at_the_instant_and_runs_forward():
    start = datetime(2021, 11, 15, 8, 59, 50, tzinfo=SHANGHAI)
    clock = clock_from(start, SHANGHAI)
    first, second = clock(), clock()
    assert timedelta(0) <= first - start < timedelta(seconds=5)
    assert second >= first


def test_system_clock_is_in_the_office_zone():
    assert system_clock(SHANGHAI)().utcoffset() == timedelta(hours=8)
