"""Room text takes in a cell: widths in digit widths, lines and row heights. Counted by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.office.layout import fitted_width, lines, row_height, shown_text, text_width


def test_chinese_characters_take_about_two_digit_widths():
    assert text_width("2021-11-20") == 10
    assert text_width("办公室") == 3 * 2.1
    # 第 项 ： 已 完 成 are wide, 2 and 4 are not.
    assert text_width("第24项：已完成") == pytest.approx(2 + 6 * 2.1)
    assert text_width("（单位）") == 4 * 2.1  # full-width brackets too


def test_a_column_fits_its_longest_line_within_bounds():
    # "2021-11-17 15:30" is 16 digit widths; with the margin, 17.5, rounded up.
    assert fitted_width(["反馈时间", "2021-11-17 15:30"], 10, 20) == 18
    assert fitted_width(["序号", "1", "34"], 5, 6) == 6  # 序号: 4.2 + 1.5
    assert fitted_width(["状态"], 8, 8) == 8
    assert fitted_width(["甲乙丙丁戊己庚辛壬癸" * 3], 10, 40) == 40  # 63 units: capped, wraps
    # The longest line: 6 × 2.1 + 1.5 = 14.1, rounded up.
    assert fitted_width(["短\n这一行长一些"], 1, 40) == 15


def test_lines_count_each_paragraph_wrapped_to_the_width():
    # A 12-unit column has 10.5 units of room: five Chinese characters a line.
    assert lines("一二三四五", 12) == 1
    assert lines("一二三四五六", 12) == 2
    assert lines("一二三四五六七八九十甲", 12) == 3
    assert lines("一\n二\n", 12) == 3  # an empty last line is a line too
    assert lines("", 12) == 1


def test_row_heights_grow_by_a_line_of_text():
    assert row_height(1) == 16.5 + 4
    assert row_height(3) == 3 * 16.5 + 4
    assert row_height(0) == row_height(1)


def test_dates_and_times_show_in_the_workbook_formats():
    assert shown_text(date(2021, 11, 20)) == "2021-11-20"
    assert shown_text(datetime(2021, 11, 17, 15, 30)) == "2021-11-17 15:30"  # noqa: DTZ001
    assert shown_text(None) == ""
    assert shown_text(24) == "24"
