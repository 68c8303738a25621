"""The dates stage: each way notices write a time limit, read by the rules of the answer key."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.plan import Plan, Problem
from bot.reading.dates import DateReading, Recurrence, notice_year, read_dates, with_year

D = date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # Full dates as printed.
        ("2021年6月30日", [D(2021, 6, 30)]),
        ("2021年6月30日前", [D(2021, 6, 30)]),
        ("6月30日前", [D(2021, 6, 30)]),
        ("6月30号前", [D(2021, 6, 30)]),
        ("2021.6.30", [D(2021, 6, 30)]),
        ("2021-06-30", [D(2021, 6, 30)]),
        ("2021/6/30前", [D(2021, 6, 30)]),
        ("2019.10.01", [D(2019, 10, 1)]),
        # The month's last day; 8月前 is the day before August.
        ("6月底前", [D(2021, 6, 30)]),
        ("6月底", [D(2021, 6, 30)]),
        ("6月末", [D(2021, 6, 30)]),
        ("2月底前", [D(2021, 2, 28)]),
        ("8月前", [D(2021, 7, 31)]),
        ("8月份前", [D(2021, 7, 31)]),
        ("3月前", [D(2021, 2, 28)]),
        ("1月前", [D(2020, 12, 31)]),
        ("2021年10月底前", [D(2021, 10, 31)]),
        ("十二月底前", [D(2021, 12, 31)]),
        ("2021年6月", [D(2021, 6, 30)]),  # a bare month in a cell: by its end
        ("2021.12", [D(2021, 12, 31)]),
        # 上旬 → the 10th, 中旬 → the 20th, 下旬 → the last day.
        ("9月上旬", [D(2021, 9, 10)]),
        ("9月中旬前", [D(2021, 9, 20)]),
        ("9月下旬", [D(2021, 9, 30)]),
        ("2月下旬", [D(2021, 2, 28)]),
        # The year's end, the half years, the quarters.
        ("年底前", [D(2021, 12, 31)]),
        ("年底", [D(2021, 12, 31)]),
        ("年内", [D(2021, 12, 31)]),
        ("年末", [D(2021, 12, 31)]),
        ("今年年底前", [D(2021, 12, 31)]),
        ("2021年底前", [D(2021, 12, 31)]),
        ("本年度内", [D(2021, 12, 31)]),
        ("上半年", [D(2021, 6, 30)]),
        ("下半年", [D(2021, 12, 31)]),
        ("2021年上半年", [D(2021, 6, 30)]),
        ("第三季度", [D(2021, 9, 30)]),
        ("三季度末", [D(2021, 9, 30)]),
        ("一季度", [D(2021, 3, 31)]),
        ("第4季度", [D(2021, 12, 31)]),
        # Two dates in one cell; a year carries to the dates after it.
        ("2021年11月20日前和12月10日前", [D(2021, 11, 20), D(2021, 12, 10)]),
        ("6月15日、12月15日前", [D(2021, 6, 15), D(2021, 12, 15)]),
        ("6月底前完成初稿，年底前印发", [D(2021, 6, 30), D(2021, 12, 31)]),
        ("12月10日前；11月20日前", [D(2021, 11, 20), D(2021, 12, 10)]),
        ("2022年3月底前完成，6月底前推开", [D(2022, 3, 31), D(2022, 6, 30)]),
        # The following year, as printed.
        ("2022年3月底前", [D(2022, 3, 31)]),
        ("2022年底前", [D(2022, 12, 31)]),
        # A range is due at its end.
        ("3月至6月", [D(2021, 6, 30)]),
        ("2021年3月-2021年6月", [D(2021, 6, 30)]),
        ("2021.3-2021.6", [D(2021, 6, 30)]),
        ("1—6月", [D(2021, 6, 30)]),
        # Full-width digits and spaces, spaces inside a date.
        ("２０２１年６月３０日前", [D(2021, 6, 30)]),
        ("6\u3000月底前", [D(2021, 6, 30)]),
        ("2021 年 6 月 30 日", [D(2021, 6, 30)]),
        # Not dates.
        ("2月30日", []),
        ("3年内完成", []),
        ("三年内", []),
        ("增长6.2%", []),
        ("2021—2025年", []),
        ("3个月内", []),
    ],
)
def test_a_time_limit_cell(text, due):
    reading = read_dates(text, 2021)
    assert list(reading.due) == due
    assert reading.recurring is None
    assert reading.continuous is None


@pytest.mark.parametrize(
    ("text", "months", "month", "day", "words"),
    [
        ("每季度", 3, None, None, "每季度"),
        ("每季度末报送进展", 3, None, None, "每季度末"),
        ("每月10日前", 1, None, 10, "每月10日前"),
        ("每月", 1, None, None, "每月"),
        ("每年", 12, None, None, "每年"),
        ("每半年", 6, None, None, "每半年"),
        ("每年6月底前报送", 12, 6, None, "每年6月底前"),
        ("每年至少更新一次", 12, None, None, "每年至少更新一次"),
        ("每年至少听取1次", 12, None, None, "每年至少听取1次"),
    ],
)
def test_recurring_phrases(text, months, month, day, words):
    reading = read_dates(text, 2021)
    assert reading.recurring == Recurrence(words, months, month, day)
    assert reading.due == ()  # 每月10日前 and 每年6月底前 are no one-off dates


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "常态化", "长期", "常态化推进"])
def test_continuous_phrases_in_a_cell(text):
    reading = read_dates(text, 2021)
    assert reading.continuous is not None
    assert reading.due == ()


def test_a_cell_with_a_date_and_a_continuous_word_keeps_both():
    reading = read_dates("2021年6月底前建成，长期坚持", 2021)
    assert reading.due == (D(2021, 6, 30),)
    assert reading.continuous == "长期坚持"


@pytest.mark.parametrize(
    ("text", "continuous"),
    [
        ("做好舆情回应工作，长期坚持。", "长期坚持"),
        ("做好舆情回应工作（持续推进）", "持续推进"),
        ("完善常态化疫情防控举措", None),  # names the work, not its time limit
        ("持续推进政务公开标准化建设", None),
        ("建立长期稳定的合作机制", None),
    ],
)
def test_continuous_in_prose_only_as_a_clause(text, continuous):
    assert read_dates(text, 2021, prose=True).continuous == continuous


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("于6月举办培训", []),  # a bare month in prose is no time limit
        ("2021年6月启动", [D(2021, 6, 30)]),
        ("全年GDP增长6%", []),
        ("6月底前完成", [D(2021, 6, 30)]),
        ("要分别于2021年11月20日前和2021年12月10日前完成", [D(2021, 11, 20), D(2021, 12, 10)]),
    ],
)
def test_prose_needs_a_year_or_a_qualifier(text, due):
    assert list(read_dates(text, 2021, prose=True).due) == due


def test_without_a_year_only_dates_written_with_one_are_known():
    # The year written first carries to the dates after it, even with no notice year.
    reading = read_dates("2021年11月20日前和12月10日前，年底前", None)
    assert reading.due == (D(2021, 11, 20), D(2021, 12, 10), D(2021, 12, 31))
    assert reading.undated == ()
    assert read_dates("年底前；2022年3月底前", None).undated == ("年底",)


def test_without_a_year_a_month_is_left_undated():
    reading = read_dates("6月底前", None)
    assert reading.due == ()
    assert reading.undated == ("6月底",)


def test_readings_combine():
    prose = read_dates("6月底前完成初稿", 2021, prose=True)
    cell = read_dates("年底前；每季度", 2021)
    both = prose | cell
    assert both.due == (D(2021, 6, 30), D(2021, 12, 31))
    assert both.recurring == Recurrence("每季度", 3)
    assert DateReading() | DateReading() == DateReading()


@pytest.mark.parametrize(
    ("recurrence", "start", "end", "dues"),
    [
        (
            Recurrence("每季度", 3),
            D(2021, 1, 1),
            D(2021, 12, 31),
            [(3, 31), (6, 30), (9, 30), (12, 31)],
        ),
        (Recurrence("每季度", 3), D(2021, 10, 28), D(2021, 12, 31), [(12, 31)]),
        (Recurrence("每半年", 6), D(2021, 1, 1), D(2021, 12, 31), [(6, 30), (12, 31)]),
        (
            Recurrence("每月10日前", 1, day=10),
            D(2021, 10, 28),
            D(2021, 12, 31),
            [(11, 10), (12, 10)],
        ),
        (Recurrence("每月", 1), D(2021, 11, 1), D(2021, 12, 31), [(11, 30), (12, 31)]),
        (Recurrence("每年6月底前", 12, month=6), D(2021, 1, 1), D(2021, 12, 31), [(6, 30)]),
    ],
)
def test_recurring_dues_in_a_window(recurrence, start, end, dues):
    assert recurrence.dues(start, end) == tuple(D(2021, m, d) for m, d in dues)


# ---- The notice's own year ----


@pytest.mark.parametrize(
    ("title", "lines", "year"),
    [
        ("关于印发《某区2021年政务公开工作要点》分工方案的通知", [], 2021),
        ("某市2021—2023年行动计划任务分工", [], 2021),
        ("关于印发政务公开工作要点的通知", ["江府办〔2020〕3号"], 2020),
        ("关于印发政务公开工作要点的通知", ["许政 [2020] 20号"], 2020),
        ("关于印发政务公开工作要点的通知", ["某政办（2019）7号"], 2019),
        ("分工方案", ["某某局", "2021年10月28日"], 2021),
        ("分工方案", ["二〇二一年十月二十八日"], 2021),
        ("分工方案", ["来源：某局 发布时间: 2023-08-03 15:39"], 2023),
        ("分工方案", ["成文日期：2022年3月8日"], 2022),
        # The title's year wins: a plan for 2021 may be issued in December 2020.
        ("2021年工作要点", ["某办〔2020〕9号", "2020年12月28日"], 2021),
        ("分工方案", ["某办〔2020〕9号", "2021年1月5日"], 2020),
        ("分工方案", ["（2021—2025年）", "做好政策解读，6月底前完成"], None),
        ("", [], None),
    ],
)
def test_notice_year(title, lines, year):
    assert notice_year(title, *lines) == year


def _plan(title, issued=None):
    return Plan(
        title=title, issued=issued, sections=(), tasks=(), problems=(Problem(3, "x", "y"),)
    )


def test_with_year_sets_the_year_or_reports_its_absence():
    dated = with_year(_plan("某局工作要点"), ["某办〔2022〕1号"])
    assert dated.year == 2022
    assert dated.problems == (Problem(3, "x", "y"),)
    signed = with_year(_plan("某局工作要点", D(2023, 2, 20)), [])
    assert signed.year == 2023
    yearless = with_year(_plan("某局工作要点"), ["一、做好公开", "1. 6月底前完成。"])
    assert yearless.year is None
    assert yearless.problems[0].line == 0
    assert "没有写年份" in yearless.problems[0].why
    assert "/deadline" in yearless.problems[0].why


# ---- Properties ----

_DATE_WORDS = st.sampled_from(
    list("年月日号底末前内旬季度上中下半每第至—-./，、；() 　")
    + ["长期坚持", "持续推进", "常态化", "每季度", "每月10日前", "年底前", "上半年", "〔2021〕"]
)
_DIGITS = st.sampled_from(list("0123456789０１２３４５６７８９一二三四五六七八九十〇"))
_TEXT = st.lists(st.one_of(_DATE_WORDS, _DIGITS, st.text(max_size=3)), max_size=40).map("".join)


@given(_TEXT, st.one_of(st.none(), st.integers(1900, 2099)), st.booleans())
def test_any_text_reads_without_crashing_to_valid_ordered_dates(text, year, prose):
    reading = read_dates(text, year, prose=prose)
    assert list(reading.due) == sorted(set(reading.due))
    assert all(type(d) is date for d in reading.due)
    assert notice_year(text, text) in {None, *range(1900, 2100)}


_FULL_WIDTH = str.maketrans("0123456789 .-/", "０１２３４５６７８９\u3000．－／")


@given(_TEXT, st.booleans())
def test_full_width_digits_and_spaces_read_the_same(text, prose):
    assert read_dates(text.translate(_FULL_WIDTH), 2021, prose=prose) == read_dates(
        text, 2021, prose=prose
    )


@given(
    st.dates(D(1990, 1, 1), D(2099, 12, 31)),
    st.sampled_from(["{y}年{m}月{d}日", "{y}.{m}.{d}", "{y}-{m:02}-{d:02}"]),
)
def test_every_written_date_reads_back(day, form):
    text = form.format(y=day.year, m=day.month, d=day.day)
    assert read_dates(f"请于{text}前完成", 2000).due == (day,)


@given(st.integers(1, 12), st.integers(2000, 2099))
def test_month_end_and_the_day_before_a_month(month, year):
    (end,) = read_dates(f"{month}月底前", year).due
    (before,) = read_dates(f"{month}月前", year).due
    assert end.month == month
    assert (end + timedelta(days=1)).day == 1
    assert before + timedelta(days=1) == date(year, month, 1)


# ---- Phrases as real notices print them (found with the search tool, pages corpus) ----


@pytest.mark.parametrize(
    ("text", "year", "due", "recurring"),
    [
        # 咸阳市2022年深化“放管服”改革工作要点 (newton.com.tw copy): a date in the requirement.
        ("2022年10月底前编制并公布市、县两级行政许可事项清单", 2022, [D(2022, 10, 31)], None),
        # 盘锦市 盘政办发〔2021〕1号: two dates, the second without its year.
        (
            "务于2021年2月3日前报送各位分管市领导，经审核把关后于2月7日前报送市政府",
            2021,
            [D(2021, 2, 3), D(2021, 2, 7)],
            None,
        ),
        ("各牵头单位要于每月28日前将进展情况报送市政府督查室", 2021, [], "每月28日前"),
        # 许昌市 许政〔2020〕20号.
        ("于每季度末向市政府报告重点工作进展情况", 2020, [], "每季度末"),
        # 上饶市广丰区 2021: two day-month dates sharing one 前.
        (
            "须分别于6月15日、12月15日前将进展报至牵头单位",
            2021,
            [D(2021, 6, 15), D(2021, 12, 15)],
            None,
        ),
    ],
)
def test_phrases_from_real_notices(text, year, due, recurring):
    reading = read_dates(text, year, prose=True)
    assert list(reading.due) == due
    assert (reading.recurring.words if reading.recurring else None) == recurring


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("到2025年完成18个项目建设", [D(2025, 12, 31)]),
        ("至2024年建成示范区", [D(2024, 12, 31)]),
        ("力争到2025年底前全覆盖", [D(2025, 12, 31)]),
        ("到2025年3月完成验收", [D(2025, 3, 31)]),  # a month after the year: that month
        ("2025年度考核指标", []),  # a year with no 到/至 is no target
    ],
)
def test_a_target_year_is_due_at_its_end(text, due):
    assert list(read_dates(text, 2023, prose=True).due) == due


@pytest.mark.parametrize(
    ("text", "written", "due"),
    [
        (
            "明年7月份建成、明年11月份建成，明年年底满园运营",
            2022,
            [D(2023, 7, 31), D(2023, 11, 30), D(2023, 12, 31)],
        ),
        ("明年底前完成", 2023, [D(2024, 12, 31)]),
        ("今年6月底前完成", 2023, [D(2023, 6, 30)]),
        ("去年底前已开工的项目", 2024, [D(2023, 12, 31)]),
    ],
)
def test_a_relative_year_counts_from_the_year_the_text_was_written(text, written, due):
    assert list(read_dates(text, 2023, prose=True, written=written).due) == sorted(due)


def test_without_the_writing_year_next_year_is_not_guessed():
    assert read_dates("明年7月份建成，明年年底满园运营", 2023, prose=True).due == ()
