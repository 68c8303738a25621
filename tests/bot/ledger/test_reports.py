"""Staff progress reports in one line: reports, corrections, progress queries, and non-reports."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ledger.reports import (
    MAX_REPORT_CHARS,
    Amend,
    BadReport,
    MyProgress,
    Report,
    Status,
    TaskProgress,
    Withdraw,
    parse_report,
    report_status,
)

COUNT = 34
DONE, ONGOING, BLOCKED = Status.DONE, Status.ONGOING, Status.BLOCKED


def parse(text: str):
    return parse_report(text, task_count=COUNT)


REPORTS = [
    # The issue's own examples.
    ("第17项：已办结留言128条", Report((17,), "已办结留言128条", ONGOING)),
    ("进展 第3项 目录已报送", Report((3,), "目录已报送", ONGOING)),
    ("第24项目录已编制，待发布", Report((24,), "目录已编制，待发布", ONGOING)),
    ("第2项 进展：已联系市政府办公室", Report((2,), "已联系市政府办公室", ONGOING)),
    # Colons, spaces and widths.
    ("第17项:已办结留言128条", Report((17,), "已办结留言128条", ONGOING)),
    ("第17项 ： 已办结留言128条", Report((17,), "已办结留言128条", ONGOING)),
    ("\u3000第 17 项：已办结留言 128 条\u3000", Report((17,), "已办结留言 128 条", ONGOING)),
    ("第１７项：已办结留言128条", Report((17,), "已办结留言128条", ONGOING)),
    ("第17项进展：已办结", Report((17,), "已办结", DONE)),
    ("第17项的进展：正在整理", Report((17,), "正在整理", ONGOING)),
    ("第17项：进展：正在整理", Report((17,), "正在整理", ONGOING)),
    ("第17条：已办结留言128条", Report((17,), "已办结留言128条", ONGOING)),
    # A colon makes it a report whatever the text says.
    ("第17项：留言128条", Report((17,), "留言128条", ONGOING)),
    ("第17项：是否还要报送？", Report((17,), "是否还要报送？", ONGOING)),
    # Leading 进展.
    ("进展：第3项已发布", Report((3,), "已发布", ONGOING)),
    ("进展：第3项：已发布", Report((3,), "已发布", ONGOING)),
    ("进展第3项 已发布", Report((3,), "已发布", ONGOING)),
    ("进展：已办结留言128条", Report((), "已办结留言128条", ONGOING)),
    ("进展 数据集已更新", Report((), "数据集已更新", ONGOING)),
    ("汇报进展：第8项 已反馈", Report((8,), "已反馈", ONGOING)),
    ("进度：第8项全部完成", Report((8,), "全部完成", DONE)),
    # Chinese numerals.
    ("第二十四项目录已编制，待发布", Report((24,), "目录已编制，待发布", ONGOING)),
    ("第十七项：已办结留言128条", Report((17,), "已办结留言128条", ONGOING)),
    ("第三十四项 已完成", Report((34,), "已完成", DONE)),
    ("第一项和第二项已完成", Report((1, 2), "已完成", DONE)),
    # Several tasks.
    ("第3、5项：已完成", Report((3, 5), "已完成", DONE)),
    ("第3项和第5项：推进中", Report((3, 5), "推进中", ONGOING)),
    ("第3项、第5项：推进中", Report((3, 5), "推进中", ONGOING)),
    ("第5、3、5项：推进中", Report((5, 3), "推进中", ONGOING)),
    ("第3至5项：已报送", Report((3, 4, 5), "已报送", ONGOING)),
    ("第23-24项：正在编制", Report((23, 24), "正在编制", ONGOING)),
    ("第三、五项与第八项：已完成", Report((3, 5, 8), "已完成", DONE)),
    # Implicit reports: progress-like text right after the task.
    ("第24项 已完成", Report((24,), "已完成", DONE)),
    ("第5项已完成", Report((5,), "已完成", DONE)),
    ("第5项，已完成。", Report((5,), "已完成。", DONE)),
    ("第5项完成了", Report((5,), "完成了", DONE)),
    ("第5项尚未启动", Report((5,), "尚未启动", ONGOING)),
    ("第2项进展顺利", Report((2,), "进展顺利", ONGOING)),
    ("第2项 进展 正在推进", Report((2,), "正在推进", ONGOING)),
    ("第24项有困难：缺少经费", Report((24,), "有困难：缺少经费", BLOCKED)),
    ("第9项 无法完成，人手不足", Report((9,), "无法完成，人手不足", BLOCKED)),
    # Bare status: the caller picks the task.
    ("已完成", Report((), "已完成", DONE)),
    ("已全部完成！", Report((), "已全部完成！", DONE)),
    ("完成了", Report((), "完成了", DONE)),
    ("有困难：缺少经费", Report((), "有困难：缺少经费", BLOCKED)),
    ("有困难", Report((), "有困难", BLOCKED)),
    ("遇到困难，需要信息中心支持", Report((), "遇到困难，需要信息中心支持", BLOCKED)),
    ("困难：缺少经费", Report((), "困难：缺少经费", BLOCKED)),
    ("需要协调：市政府办公室未回复", Report((), "需要协调：市政府办公室未回复", BLOCKED)),
]

STATUS = [
    ("第17项：已办结留言128条", ONGOING),
    ("第5项已完成", DONE),
    ("第17项：完成了一半", ONGOING),
    ("第17项：已完成一半", ONGOING),
    ("第17项：已完成80%", ONGOING),
    ("第17项：大部分已完成", ONGOING),
    ("第17项：目录部分已完成", ONGOING),
    ("第17项：已基本完成", ONGOING),
    ("第17项：基本完成", ONGOING),
    ("第17项：第一阶段已完成", ONGOING),
    ("第17项：尚未全部完成", ONGOING),
    ("第17项：未完成", ONGOING),
    ("第17项：争取月底前完成", ONGOING),
    ("第17项：目录已编制完成", ONGOING),  # a bare 完成 only counts alone
    ("第17项：完成", DONE),
    ("第17项：目录编制已完成", DONE),
    ("第17项：已编制目录，已完成", DONE),
    ("第17项：全部已完成", DONE),
    ("第17项：均已完成。", DONE),
    ("第17项：已办完", DONE),
    ("第17项：已办结", DONE),
    ("第17项：整改已落实", DONE),
    ("第17项：已经全部完成了", DONE),
    ("第17项：没有困难，已完成", DONE),
    ("第17项：暂无困难", ONGOING),
    ("第17项：没有遇到困难", ONGOING),
    ("第17项：不需要协调", ONGOING),
    ("第17项：无需协调", ONGOING),
    ("第17项：已完成，但需要协调发布", BLOCKED),
    ("第17项：有一定困难", BLOCKED),
    ("第17项：难以完成", BLOCKED),
]

NOT_REPORTS = [
    "第17项是什么",
    "第17项谁负责",
    "第17项",
    "第十七项",
    "17",
    "综合科负责什么",
    "我科室负责什么",
    "第3项的责任单位",
    "第17项责任单位",
    "第17项截止时间",
    "第17项还有几天到期",
    "第17项已完成了吗",
    "第17项已经完成了？",
    "第17项到期了",
    "第3、5项是什么",
    "第3项和第5项谁牵头",
    "第十二部分有哪些任务",
    "第17项怎么做",
    "进展如何",
    "进展 如何？",
    "进展顺利吗",
    "完成了一半",
    "大部分已完成",
    "有困难吗",
    "有困难找谁",
    "需要协调各科室",
    "修改完善制度",
    "撤回的进展怎么看",
    "搜索 舆情",
    "帮助",
    "   ",
    "",
]

OTHERS = [
    ("撤回", Withdraw()),
    ("撤回上一条", Withdraw()),
    ("撤销", Withdraw()),
    ("撤回 刚才的进展", Withdraw()),
    ("请撤销上条汇报。", Withdraw()),
    ("修改 第17项：已办结留言130条", Amend((17,), "已办结留言130条", ONGOING)),
    ("修改第17项：已办结留言130条", Amend((17,), "已办结留言130条", ONGOING)),
    ("修改：已办结留言130条", Amend((), "已办结留言130条", ONGOING)),
    ("修改:已完成", Amend((), "已完成", DONE)),
    ("修改上一条：第3、5项 已完成", Amend((3, 5), "已完成", DONE)),
    ("更正 第24项有困难：缺少经费", Amend((24,), "有困难：缺少经费", BLOCKED)),
    ("修改 进展：第2项 正在推进", Amend((2,), "正在推进", ONGOING)),
    ("我科室进展", MyProgress()),
    ("我们的进展", MyProgress()),
    ("本单位进展", MyProgress()),
    ("进展情况", MyProgress()),
    ("我的台账", MyProgress()),
    ("我们科室的进展情况？", MyProgress()),
    ("本分局进度如何", MyProgress()),
    ("查看进展", MyProgress()),
    ("第10项进展", TaskProgress(10)),
    ("第10项进展如何", TaskProgress(10)),
    ("第十项的进展", TaskProgress(10)),
    ("第10项 进展怎么样了？", TaskProgress(10)),
    ("第10项完成情况", TaskProgress(10)),
    ("第10项谁还没报", TaskProgress(10)),
    ("第10项哪些科室还没报进展？", TaskProgress(10)),
    ("第二十四项进度", TaskProgress(24)),
]


@pytest.mark.parametrize(("text", "expected"), REPORTS, ids=[c[0] for c in REPORTS])
def test_report_forms(text: str, expected: Report) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "status"), STATUS, ids=[c[0] for c in STATUS])
def test_status_rules(text: str, status: Status) -> None:
    report = parse(text)
    assert isinstance(report, Report)
    assert report.status is status
    assert report_status(report.text) is status


@pytest.mark.parametrize("text", NOT_REPORTS, ids=[t or "empty" for t in NOT_REPORTS])
def test_questions_and_other_messages_are_not_reports(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize(("text", "expected"), OTHERS, ids=[c[0] for c in OTHERS])
def test_corrections_and_progress_queries(text: str, expected: object) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("进展", ["请写上进展内容", "第17项：已办结留言128条"]),
        ("进展：", ["请写上进展内容"]),
        ("汇报进展", ["请写上进展内容"]),
        ("进展 第3项", ["请写上进展内容"]),
        ("第17项：", ["请写上进展内容"]),
        ("第17项：。。", ["请写上进展内容"]),
        ("第17项进展：", ["请写上进展内容"]),
        ("修改", ["请写上修改后的内容", "修改 第17项：已办结留言130条"]),
        ("修改 第17项：", ["请写上修改后的内容"]),
        ("第35项：已完成", ["通知里没有第35项", "1到34"]),
        ("第0项：已完成", ["通知里没有第0项"]),
        ("第99项已完成", ["通知里没有第99项"]),
        ("第3、99项：已完成", ["通知里没有第99项"]),
        ("进展：第40项 已完成", ["通知里没有第40项"]),
        ("修改 第40项：已完成", ["通知里没有第40项"]),
        ("第五十项进展", ["通知里没有第50项"]),
        ("第一二项：已完成", ["看不懂“第一二项”"]),
        ("第5至3项：已完成", ["看不懂“第5至3项”", "从小写到大"]),
        ("第" + "9" * 40 + "项：已完成", ["通知里没有第9999999999…项"]),
    ],
)
def test_bad_reports_say_why(text: str, words: list[str]) -> None:
    bad = parse(text)
    assert isinstance(bad, BadReport)
    for word in words:
        assert word in bad.reason


def test_a_question_about_a_missing_task_is_still_a_question() -> None:
    assert parse("第99项是什么") is None
    assert parse("第99项") is None


def test_length_limit_counts_the_report_text() -> None:
    body = "已" + "办" * (MAX_REPORT_CHARS - 1)
    assert parse(f"第17项：{body}") == Report((17,), body, ONGOING)
    too_long = parse(f"第17项：{body}办")
    assert isinstance(too_long, BadReport)
    assert "进展太长了" in too_long.reason
    assert "请分几条发" in too_long.reason
    assert isinstance(parse(f"修改：{body}办"), BadReport)
    assert isinstance(parse(f"进展：{body}办"), BadReport)


def test_task_numbers_follow_the_notice_size() -> None:
    assert parse_report("第40项：已完成", task_count=40) == Report((40,), "已完成", DONE)
    assert isinstance(parse_report("第40项：已完成", task_count=39), BadReport)
    bad = parse_report("第1项：已完成", task_count=0)
    assert isinstance(bad, BadReport)
    assert "通知里没有第1项" in bad.reason


def test_invisible_marks_are_ignored() -> None:
    assert parse("\ufeff第17项：\u200b已完成") == Report((17,), "已完成", DONE)


def test_the_report_text_keeps_what_the_user_wrote() -> None:
    report = parse("第17项：已办结留言128条，其中 网上 留言 100 条。")
    assert isinstance(report, Report)
    assert report.text == "已办结留言128条，其中 网上 留言 100 条。"


@pytest.mark.parametrize(
    "text",
    [
        "第" + "1、" * 20000 + "x",
        "第1项" + " " * 20000 + "已",
        "第1项和" * 5000 + "谁",
        "修改" + "，" * 20000,
        "已" * 100000,
        "有困难" * 30000,
    ],
    ids=["long-list", "long-space", "long-joins", "long-commas", "long-marks", "long-blocked"],
)
def test_pathological_messages_finish(text: str) -> None:
    result = parse(text)
    assert result is None or isinstance(result, Report | BadReport | Amend)


RESULT_TYPES = (Report, Withdraw, Amend, MyProgress, TaskProgress, BadReport)
ALPHABET = st.sampled_from(
    [
        "第",
        "项",
        "条",
        "进展",
        "进度",
        "修改",
        "撤回",
        "：",
        ":",
        "，",
        "、",
        "和",
        "至",
        "-",
        " ",
        "\u3000",
        "的",
        "已",
        "完成",
        "了",
        "一半",
        "有",
        "困难",
        "需要协调",
        "谁",
        "吗",
        "？",
        "十",
        "二",
        "0",
        "3",
        "17",
        "９",
        "我科室",
        "情况",
        "如何",
        "目录",
        "未",
    ]
)


def _check_result(result: object) -> None:
    assert result is None or isinstance(result, RESULT_TYPES)
    if isinstance(result, Report | Amend):
        assert result.text
        assert result.text == result.text.strip()
        assert len(result.text) <= MAX_REPORT_CHARS
        assert all(1 <= n <= COUNT for n in result.tasks)
        assert len(set(result.tasks)) == len(result.tasks)
        assert result.status is report_status(result.text)
    if isinstance(result, TaskProgress):
        assert 1 <= result.task <= COUNT
    if isinstance(result, BadReport):
        assert result.reason


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    _check_result(parse(text))


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(ALPHABET, max_size=20))
def test_report_like_text_never_raises(parts: list[str]) -> None:
    _check_result(parse("".join(parts)))


@settings(max_examples=200, deadline=None)
@given(
    number=st.integers(1, COUNT),
    colon=st.sampled_from(["：", ":", " ：", "： "]),
    body=st.text(
        st.characters(exclude_characters="\ufeff\u200b\u200c\u200d\u2060"),
        min_size=1,
        max_size=80,
    ).filter(lambda s: s.strip() == s),
)
def test_task_colon_text_is_always_a_report(number: int, colon: str, body: str) -> None:
    text = "已" + body  # a text not starting with the 进展： scaffolding
    report = parse(f"第{number}项{colon}{text}")
    assert report == Report((number,), text, report_status(text))
