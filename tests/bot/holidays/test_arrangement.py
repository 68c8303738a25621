"""Reading a holiday arrangement: wordings, and every doubt returned as a problem."""

from __future__ import annotations

from datetime import date

from bot.holidays.arrangement import read_arrangement

TITLE = "国务院办公厅关于2025年部分节假日安排的通知\n"


def read(*items: str, title: str = TITLE):
    numerals = "一二三四五六七"
    body = "\n".join(f"{numerals[i]}、节{i}：{item}" for i, item in enumerate(items))
    return read_arrangement(title + body + "\n\n国务院办公厅\n")


def test_the_issues_spring_festival_sentence_reads_with_its_weekdays_checked() -> None:
    reading = read(
        "1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。"
        "1月26日（周日）、2月8日（周六）上班。"
    )
    assert reading.ok, reading.problems
    period = reading.arrangement.periods[0]
    assert (period.first, period.last) == (date(2025, 1, 28), date(2025, 2, 4))
    assert len(reading.arrangement.holidays) == 8
    assert reading.arrangement.workdays == (date(2025, 1, 26), date(2025, 2, 8))


def test_single_days_in_each_wording() -> None:
    reading = read(
        "1月1日（周三）放假1天，不调休。",
        "5月31日（周六）至6月2日（周一）放假，共3天。",
        "10月1日放假，与周末连休。",
    )
    assert reading.ok, reading.problems
    assert reading.arrangement.holidays == (
        date(2025, 1, 1),
        date(2025, 5, 31),
        date(2025, 6, 1),
        date(2025, 6, 2),
        date(2025, 10, 1),
    )
    assert reading.arrangement.periods[2].joins_weekend


def test_older_wording_with_a_makeup_rest_day_and_xingqi() -> None:
    title = "国务院办公厅关于2017年部分节假日安排的通知\n"
    reading = read("1月1日放假，1月2日（星期一）补休。", title=title)
    assert reading.ok, reading.problems
    assert reading.arrangement.holidays == (date(2017, 1, 1), date(2017, 1, 2))


def test_a_wrong_printed_weekday_is_a_problem() -> None:
    reading = read("1月28日至2月4日放假调休，共8天。1月26日（周六）上班。")
    assert not reading.ok
    assert reading.problems == ("1月26日是周日，通知写的是周六",)


def test_a_wrong_day_count_is_a_problem() -> None:
    reading = read("5月1日（周四）至5日（周一）放假调休，共4天。")
    assert reading.problems == ("节0：5月1日至5月5日是 5 天，通知写的是共4天",)


def test_a_makeup_day_on_a_weekday_is_a_problem() -> None:
    reading = read("4月4日至6日放假，共3天。4月7日（周一）上班。")
    assert reading.problems == ("节0：上班日4月7日是周一，不是周末",)


def test_an_arrangement_sentence_not_understood_is_a_problem_not_skipped() -> None:
    reading = read("4月4日至6日放假，共3天。另4月8日放假半天。")
    assert reading.problems == ("节0：读不懂“另4月8日放假半天”",)


def test_a_sentence_that_arranges_nothing_is_a_note() -> None:
    reading = read("2月10日至17日放假调休，共8天。鼓励各单位安排职工在除夕（2月9日）休息。")
    assert reading.ok
    assert reading.notes == ("节0：鼓励各单位安排职工在除夕(2月9日)休息",)


def test_an_invalid_date_is_a_problem() -> None:
    reading = read("0月1日至8日放假调休，共8天。")
    assert "“2025年0月1日”不是有效日期" in reading.problems


def test_a_day_both_off_and_working_is_a_problem() -> None:
    reading = read("10月1日至8日放假调休，共8天。10月4日（周六）上班。")
    assert "10月4日既放假（节0）又上班" in reading.problems


def test_without_a_year_nothing_is_read() -> None:
    reading = read_arrangement("一、元旦：1月1日放假。")
    assert reading.arrangement is None
    assert not reading.ok


def test_without_items_there_is_a_problem() -> None:
    reading = read_arrangement(TITLE + "正文缺失")
    assert reading.problems == ("没有读到任何放假安排（应有“一、元旦：…放假…”这样的条目）",)


def test_a_notice_on_one_line_reads_the_same() -> None:
    text = (
        "国务院办公厅关于2023年部分节假日安排的通知 经国务院批准，现将2023年元旦、春节放假调休日期的"
        "具体安排通知如下。一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。二、春节：1月21日"
        "至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。节假日期间，各地区要妥善安排。"
    )
    reading = read_arrangement(text)
    assert reading.problems == ()
    assert reading.arrangement.holidays[0] == date(2022, 12, 31)
    assert reading.arrangement.workdays == (date(2023, 1, 28), date(2023, 1, 29))
    assert reading.notes == ("春节：节假日期间，各地区要妥善安排".replace("，", ","),)
