"""One small test per export quirk of the notice loader, on hand-written inputs and the shipped notice.

Each quirk is shown on a few lines built in the test (so a failure names the quirk), and where
the shipped notice has the same quirk, on that notice too. Expected values are read off the
inputs by hand.
"""

from __future__ import annotations

import pytest

from bot.normalize import cjk_to_int, int_to_cjk, name_key
from bot.plan import Plan, Problem, Task
from bot.reading.loader import (
    header_columns,
    load_plan,
    parse_plan,
    section_heading,
    split_inline_responsibility,
    split_rows,
    task_start,
)
from bot.registry.units import Registry, load_registry
from tests.conftest import NOTICE, UNITS

HEADER = "工作任务\t具体要求\t责任单位"
NOT_ATTACHED = "不是章节、任务或责任单位，未归入任何任务"


def table(*rows: str) -> str:
    """A minimal table-layout notice: the header row, then `rows` (cells joined by tabs)."""
    return "\n".join([HEADER, *rows])


def parties(task: Task | None) -> list[tuple[str, str, str]]:
    assert task is not None
    return [(p.name, p.kind, p.role) for p in task.parties]


def whys(plan: Plan) -> list[str]:
    return [p.why for p in plan.problems]


def numbers(plan: Plan) -> list[int]:
    return [t.number for t in plan.tasks]


# --- page-break continuation row --------------------------------------------------------------


def test_page_break_continuation_row_is_joined_to_previous_requirement(registry: Registry):
    text = table(
        "一、做好回应关切。\t1. 认真做好政务舆情的办理工作，以解决问题的具体举\t办公室牵头，各科室（单位）配合",
        "",
        "\t措实质性回应社会关切。\t",
        "\t2. 做好舆情回应工作。\t办公室",
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1, 2]
    first = plan.task(1)
    assert (
        first.requirement == "认真做好政务舆情的办理工作，以解决问题的具体举措实质性回应社会关切。"
    )
    assert parties(first) == [("办公室", "unit", "lead"), ("各科室（单位）", "group", "cooperate")]
    assert first.line == 2
    assert plan.task(2).requirement == "做好舆情回应工作。"
    assert plan.problems == ()


def test_page_break_continuation_row_in_shipped_notice(plan: Plan):
    task = plan.task(17)
    assert task.requirement.endswith("以解决问题的具体举措实质性回应社会关切。")
    assert parties(task) == [
        ("办公室", "unit", "lead"),
        ("市环境信息中心", "unit", "lead"),
        ("执法二科", "unit", "lead"),
        ("各科室（单位）", "group", "cooperate"),
    ]
    assert plan.task(18).requirement.startswith("认真做好舆情回应工作")
    assert not any(p.line == 54 for p in plan.problems)


def test_continuation_row_may_carry_the_rest_of_the_responsibility(registry: Registry):
    text = table(
        "一、做好监管执法信息公开。\t1. 加强行政执法信息公开，\t法规与标准科、执法一科、",
        "\t及时公开执法结果。\t执法二科；各市（区）分局",
    )
    plan = parse_plan(text, registry)
    assert plan.task(1).requirement == "加强行政执法信息公开，及时公开执法结果。"
    assert parties(plan.task(1)) == [
        ("法规与标准科", "unit", "responsible"),
        ("执法一科", "unit", "responsible"),
        ("执法二科", "unit", "responsible"),
        ("各市（区）分局", "group", "responsible"),
    ]
    assert plan.problems == ()


# --- stray spaces in a section title ----------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "number", "title"),
    [
        ("十三、加强 配套制度 建设。", 13, "加强配套制度建设"),
        ("十 四、 加强 工作指导。", 14, "加强工作指导"),
        ("一、\u3000做好\u3000各类规划\u3000主动公开", 1, "做好各类规划主动公开"),
        ("第 二 部分  重点任务", 2, "重点任务"),
    ],
    ids=["inner-spaces", "space-inside-numeral", "full-width-spaces", "part-style"],
)
def test_stray_spaces_in_section_title(registry: Registry, cell: str, number: int, title: str):
    plan = parse_plan(table(f"{cell}\t1. 做好甲。\t办公室"), registry)
    assert [(s.number, s.title) for s in plan.sections] == [(number, title)]
    assert plan.task(1).section == number


def test_stray_spaces_in_section_title_in_shipped_notice(plan: Plan):
    assert plan.section(13).title == "加强配套制度建设"
    assert plan.section(14).title == "加强工作指导"


# --- no space after the task number -----------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    ["1.", "1、", "1．", "（1）", "(1)"],
    ids=["dot", "dunhao", "wide-dot", "wide-paren", "paren"],
)
def test_no_space_after_task_number(registry: Registry, marker: str):
    text = table(f"一、做好网站专栏信息公开。\t{marker}按省政府考核要求更新数据集。\t办公室")
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1]
    assert plan.task(1).requirement == "按省政府考核要求更新数据集。"


def test_no_space_after_task_number_in_shipped_notice(plan: Plan):
    assert plan.task(7).requirement.startswith("按省政府考核要求")
    assert plan.task(8).requirement.startswith("及时反馈网民")
    assert plan.task(31).requirement.startswith("加强队伍建设")


# --- half-width punctuation ------------------------------------------------------------------


def test_half_width_punctuation_in_responsibility(registry: Registry):
    text = table(
        "一、提高依申请公开工作质量。\t1. 正确适用信息处理费管理办法。\t办公室牵头,财务与审计科配合; 各市(区)分局参照落实"
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [
        ("办公室", "unit", "lead"),
        ("财务与审计科", "unit", "cooperate"),
        ("各市（区）分局", "group", "reference"),
    ]
    assert plan.problems == ()


def test_half_width_brackets_inside_a_unit_name(registry: Registry):
    text = table(
        "一、加强配套制度建设。\t1. 做好指导和监督。\t执法一科、固体废物与核(辐射)安全管理科按职责分工落实"
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [
        ("执法一科", "unit", "responsible"),
        ("固体废物与核（辐射）安全管理科", "unit", "responsible"),
    ]


def test_half_width_punctuation_in_requirement_becomes_full_width_beside_chinese(
    registry: Registry,
):
    text = table(
        "一、加强配套制度建设。\t1. 做好指导工作,主动对接(上级部门),公开1,000条。\t办公室"
    )
    plan = parse_plan(text, registry)
    assert plan.task(1).requirement == "做好指导工作，主动对接（上级部门），公开1,000条。"


def test_half_width_punctuation_in_shipped_notice(plan: Plan):
    assert parties(plan.task(27)) == [
        ("办公室", "unit", "lead"),
        ("财务与审计科", "unit", "cooperate"),
        ("各市（区）分局", "group", "reference"),
    ]
    assert parties(plan.task(28))[-1] == ("固体废物与核（辐射）安全管理科", "unit", "responsible")
    assert "公开工作，主动对接上级部门" in plan.task(28).requirement
    assert "（国办公开办函〔2019〕60号）" in plan.task(29).requirement
    assert parties(plan.task(30)) == [
        ("办公室", "unit", "responsible"),
        ("各市（区）分局", "group", "responsible"),
    ]


# --- <p>…</p> wrapped cells ------------------------------------------------------------------


def test_markup_wrapped_cells(registry: Registry):
    text = table(
        "<p>一、狠抓任务落实。</p>\t<p>1. 建立重点任务台账。</p>\t<p>办公室</p>",
        '\t<p style="text-align:left">2. 纳入年度报告&nbsp;予以公开。</p>\t<p>办公室；<br/>各市（区）分局</p>',
    )
    plan = parse_plan(text, registry)
    assert [(s.number, s.title) for s in plan.sections] == [(1, "狠抓任务落实")]
    assert plan.task(1).requirement == "建立重点任务台账。"
    assert plan.task(2).requirement == "纳入年度报告予以公开。"
    assert parties(plan.task(1)) == [("办公室", "unit", "responsible")]
    assert parties(plan.task(2)) == [
        ("办公室", "unit", "responsible"),
        ("各市（区）分局", "group", "responsible"),
    ]
    assert plan.problems == ()


def test_markup_wrapped_cells_in_shipped_notice(plan: Plan):
    assert plan.section(15).title == "狠抓任务落实"
    assert [t.section for t in plan.tasks[30:]] == [14, 14, 15, 15]
    for number in (31, 32, 33, 34):
        assert "<" not in plan.task(number).requirement
        assert "<" not in plan.task(number).responsibility
    assert parties(plan.task(32)) == [
        ("办公室", "unit", "responsible"),
        ("各市（区）分局", "group", "responsible"),
    ]


# --- several roles in one cell ---------------------------------------------------------------


@pytest.mark.parametrize(
    "separator",
    ["，", "；", ";", ",", "; "],
    ids=["comma", "semicolon", "half-semicolon", "half-comma", "half-semicolon-space"],
)
def test_several_roles_in_one_cell(registry: Registry, separator: str):
    text = table(
        f"一、做好各类规划主动公开。\t1. 做好规划归集整理。\t综合科牵头{separator}各有关科室（单位）配合"
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [
        ("综合科", "unit", "lead"),
        ("各有关科室（单位）", "group", "cooperate"),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "办公室、执法一科牵头，各科室（单位）配合；各市（区）分局参照执行",
            [
                ("办公室", "unit", "lead"),
                ("执法一科", "unit", "lead"),
                ("各科室（单位）", "group", "cooperate"),
                ("各市（区）分局", "group", "reference"),
            ],
        ),
        (
            "法规与标准科牵头，综合科协办",
            [("法规与标准科", "unit", "lead"), ("综合科", "unit", "cooperate")],
        ),
        (
            "牵头单位：办公室；配合单位：综合科、机关党委",
            [
                ("办公室", "unit", "lead"),
                ("综合科", "unit", "cooperate"),
                ("机关党委", "unit", "cooperate"),
            ],
        ),
        (
            "执法一科、执法二科按职责分工落实",
            [("执法一科", "unit", "responsible"), ("执法二科", "unit", "responsible")],
        ),
        (
            "综合科、机关党委；各市（区）分局",
            [
                ("综合科", "unit", "responsible"),
                ("机关党委", "unit", "responsible"),
                ("各市（区）分局", "group", "responsible"),
            ],
        ),
    ],
    ids=["lead-cooperate-reference", "xieban", "labels", "by-duty", "no-role-word"],
)
def test_role_words_in_one_cell(
    registry: Registry, cell: str, expected: list[tuple[str, str, str]]
):
    plan = parse_plan(table(f"一、做好公开。\t1. 做好甲。\t{cell}"), registry)
    assert parties(plan.task(1)) == expected


def test_the_same_party_named_twice_with_one_role_is_listed_once(registry: Registry):
    plan = parse_plan(table("一、做好公开。\t1. 做好甲。\t办公室、局办公室；办公室"), registry)
    assert parties(plan.task(1)) == [("办公室", "unit", "responsible")]


def test_aliases_are_canonicalised(registry: Registry):
    plan = parse_plan(
        table("一、做好公开。\t1. 做好甲。\t信息中心牵头，财务科、各分局配合"), registry
    )
    assert parties(plan.task(1)) == [
        ("市环境信息中心", "unit", "lead"),
        ("财务与审计科", "unit", "cooperate"),
        ("各市（区）分局", "group", "cooperate"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "责任单位：办公室牵头，综合科配合；各市（区）分局参照执行",
            [
                ("办公室", "unit", "lead"),
                ("综合科", "unit", "cooperate"),
                ("各市（区）分局", "group", "reference"),
            ],
        ),
        (
            "责任单位：执法一科、执法二科按职责分工落实",
            [("执法一科", "unit", "responsible"), ("执法二科", "unit", "responsible")],
        ),
    ],
    ids=["lead-cooperate-reference", "by-duty"],
)
def test_responsibility_label_followed_by_role_words(
    registry: Registry, line: str, expected: list[tuple[str, str, str]]
):
    """责任单位：甲牵头，乙配合 — the generic label does not hide the role words after it."""
    plan = parse_plan("\n".join(["一、做好公开", "1. 做好甲。", line]), registry)
    assert parties(plan.task(1)) == expected
    assert plan.problems == ()


def test_comma_between_names_after_a_label_keeps_the_label(registry: Registry):
    """配合单位：甲，乙 — both cooperate; the comma is a loose 、, not a new clause."""
    text = "\n".join(
        ["一、做好公开", "1. 做好甲。", "牵头单位：办公室", "配合单位：综合科，机关党委"]
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [
        ("办公室", "unit", "lead"),
        ("综合科", "unit", "cooperate"),
        ("机关党委", "unit", "cooperate"),
    ]


# --- UTF-8 BOM --------------------------------------------------------------------------------

PARAGRAPH_NOTICE = "\n".join(
    [
        "一、做好各类规划主动公开",
        "1. 主动公开“十四五”规划。（牵头单位：综合科；配合单位：办公室）",
        "2. 做好规划归集整理。（责任单位：综合科）",
        "二、做好财政信息公开",
        "3. 推进预算公开。（牵头单位：财务与审计科；配合单位：各直属事业单位）",
    ]
)
TABLE_NOTICE = table(
    "一、做好各类规划主动公开。\t1. 主动公开“十四五”规划。\t综合科牵头，办公室配合",
    "\t2. 做好规划归集整理。\t综合科",
    "二、做好财政信息公开。\t3. 推进预算公开。\t财务与审计科牵头，各直属事业单位配合",
)
TITLED_NOTICE = "江门市生态环境局2021年政务公开工作要点分工方案\n" + TABLE_NOTICE
SMALL_NOTICE_PARTIES = {
    1: [("综合科", "unit", "lead"), ("办公室", "unit", "cooperate")],
    2: [("综合科", "unit", "responsible")],
    3: [("财务与审计科", "unit", "lead"), ("各直属事业单位", "group", "cooperate")],
}
SMALL_NOTICES = pytest.mark.parametrize(
    "text",
    [PARAGRAPH_NOTICE, TABLE_NOTICE, TITLED_NOTICE],
    ids=["paragraph-section-first", "table-header-first", "title-first"],
)


def assert_small_notice(plan: Plan) -> None:
    assert numbers(plan) == [1, 2, 3]
    assert [(s.number, s.title) for s in plan.sections] == [
        (1, "做好各类规划主动公开"),
        (2, "做好财政信息公开"),
    ]
    assert [t.section for t in plan.tasks] == [1, 1, 2]
    assert {t.number: parties(t) for t in plan.tasks} == SMALL_NOTICE_PARTIES
    assert plan.problems == ()


@SMALL_NOTICES
def test_small_notices_read_without_quirks(registry: Registry, text: str):
    assert_small_notice(parse_plan(text, registry))


@SMALL_NOTICES
def test_utf8_bom_in_text(registry: Registry, text: str):
    assert_small_notice(parse_plan("\ufeff" + text, registry))


@SMALL_NOTICES
def test_utf8_bom_in_file(registry: Registry, tmp_path, text: str):
    path = tmp_path / "notice.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert_small_notice(load_plan(path, registry))


def test_utf8_bom_in_shipped_notice_file(registry: Registry, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(b"\xef\xbb\xbf" + NOTICE.read_bytes())
    assert load_plan(path, registry) == load_plan(NOTICE, registry)


def test_utf8_bom_in_registry_file(tmp_path):
    """Notepad saves UTF-8 with a BOM; a clerk editing units.toml there must not break the bot."""
    path = tmp_path / "units.toml"
    path.write_bytes(b"\xef\xbb\xbf" + UNITS.read_bytes())
    with_bom = load_registry(path)
    assert [u.name for u in with_bom.units] == [u.name for u in load_registry(UNITS).units]


# --- CRLF line endings ------------------------------------------------------------------------


@SMALL_NOTICES
@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_line_endings(registry: Registry, text: str, newline: str):
    assert_small_notice(parse_plan(text.replace("\n", newline), registry))


def test_crlf_line_endings_in_shipped_notice(registry: Registry, plan: Plan, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(NOTICE.read_bytes().replace(b"\n", b"\r\n"))
    crlf = load_plan(path, registry)
    assert crlf.tasks == plan.tasks
    assert crlf.problems == plan.problems
    assert crlf.sections == plan.sections


# --- full-width digits and spaces -------------------------------------------------------------


def test_full_width_digits_in_task_numbers(registry: Registry):
    text = "\n".join(
        [
            "一、做好公开",
            "１．做好甲。（牵头单位：办公室）",
            "（２）做好乙。（牵头单位：综合科）",
            "１０、做好丙。（牵头单位：机关党委）",
        ]
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1, 2, 10]
    assert plan.task(10).requirement == "做好丙。"
    assert parties(plan.task(2)) == [("综合科", "unit", "lead")]


def test_full_width_spaces_in_cells(registry: Registry):
    text = table(
        "一、\u3000做好公开。\t1.\u3000做好\u3000甲。\t办公室\u3000牵头，\u3000综合科\u3000配合"
    )
    plan = parse_plan(text, registry)
    assert plan.section(1).title == "做好公开"
    assert plan.task(1).requirement == "做好甲。"
    assert parties(plan.task(1)) == [("办公室", "unit", "lead"), ("综合科", "unit", "cooperate")]


def test_full_width_digits_in_number_column(registry: Registry):
    text = "\n".join(
        [
            "序号\t工作任务\t具体要求\t责任单位",
            "１\t一、做好公开。\t做好甲。\t办公室",
            "２\t\t做好乙。\t综合科",
        ]
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1, 2]
    assert plan.task(2).requirement == "做好乙。"


# --- numbers inside a requirement -------------------------------------------------------------


def test_decimal_number_inside_requirement_is_not_a_task(registry: Registry):
    text = table("一、做好公开。\t1. 全年主动公开政府信息1.5万条。\t办公室")
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1]
    assert plan.task(1).requirement == "全年主动公开政府信息1.5万条。"


@pytest.mark.parametrize("number", ["5.5万条", "5．5万条"], ids=["dot", "wide-dot"])
def test_decimal_number_starting_a_continuation_row_is_not_a_task(registry: Registry, number: str):
    text = table(
        "一、做好公开。\t1. 做好甲。\t办公室",
        "\t3. 全年主动公开政府信息不少于\t综合科",
        f"\t{number}。\t",
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1, 3]
    assert plan.task(3).requirement == f"全年主动公开政府信息不少于{number}。"
    assert not any("第5项" in why for why in whys(plan))


def test_decimal_number_starting_a_paragraph_line_is_not_a_task(registry: Registry):
    text = "\n".join(
        [
            "一、做好公开",
            "3. 全年主动公开政府信息不少于",
            "5.5万条，按时更新。（牵头单位：办公室）",
        ]
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [3]
    assert plan.task(3).requirement == "全年主动公开政府信息不少于5.5万条，按时更新。"
    assert parties(plan.task(3)) == [("办公室", "unit", "lead")]


def test_smaller_number_starting_a_line_is_text(registry: Registry):
    text = "\n".join(
        [
            "一、做好公开",
            "3. 每年至少听取",
            "1. 次工作汇报。（牵头单位：办公室）",
        ]
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [3]
    assert parties(plan.task(3)) == [("办公室", "unit", "lead")]


# --- stray line after the table ---------------------------------------------------------------


def test_stray_line_after_table_is_a_problem_not_glued_to_last_task(registry: Registry):
    text = table(
        "一、狠抓任务落实。\t1. 建立重点任务台账。\t办公室",
        "\t2. 将落实情况纳入年度报告。\t办公室",
        "",
        "抄送：市政府办公室",
    )
    plan = parse_plan(text, registry)
    last = plan.task(2)
    assert last.requirement == "将落实情况纳入年度报告。"
    assert last.responsibility == "办公室"
    assert parties(last) == [("办公室", "unit", "responsible")]
    assert plan.problems == (Problem(5, "抄送：市政府办公室", NOT_ATTACHED),)


def test_stray_line_after_paragraphs_is_a_problem(registry: Registry):
    text = PARAGRAPH_NOTICE + "\n\n抄送：市政府办公室。"
    plan = parse_plan(text, registry)
    assert plan.task(3).requirement == "推进预算公开。"
    assert [(p.line, p.text, p.why) for p in plan.problems] == [
        (7, "抄送：市政府办公室。", NOT_ATTACHED)
    ]


def test_stray_line_after_shipped_notice(registry: Registry, plan: Plan):
    text = NOTICE.read_text(encoding="utf-8") + "\n\n抄送：市政府办公室\n"
    lines = len(NOTICE.read_text(encoding="utf-8").splitlines())
    stray = parse_plan(text, registry)
    assert stray.tasks == plan.tasks
    assert set(stray.problems) - set(plan.problems) == {
        Problem(lines + 2, "抄送：市政府办公室", NOT_ATTACHED)
    }


def test_repeated_header_row_after_a_page_break_is_skipped(registry: Registry):
    """Word repeats the table header on every page; the export keeps each copy."""
    text = table(
        "一、做好公开。\t1. 做好甲。\t办公室",
        HEADER,
        "\t2. 做好乙。\t综合科",
    )
    plan = parse_plan(text, registry)
    assert plan.task(1).requirement == "做好甲。"
    assert parties(plan.task(1)) == [("办公室", "unit", "responsible")]
    assert parties(plan.task(2)) == [("综合科", "unit", "responsible")]
    assert plan.problems == ()


def test_page_number_line_in_table_does_not_touch_tasks(registry: Registry):
    text = table("一、做好公开。\t1. 做好甲。\t办公室", "— 2 —", "\t2. 做好乙。\t综合科")
    plan = parse_plan(text, registry)
    assert plan.task(1).requirement == "做好甲。"
    assert parties(plan.task(1)) == [("办公室", "unit", "responsible")]
    assert parties(plan.task(2)) == [("综合科", "unit", "responsible")]


def test_page_number_line_inside_a_task_paragraph_is_not_glued(registry: Registry):
    """A page footer (— 2 —) between two lines of one task paragraph is no part of the task."""
    text = "\n".join(["一、做好公开", "1. 做好甲，", "— 2 —", "做好乙。（牵头单位：办公室）"])
    plan = parse_plan(text, registry)
    assert plan.task(1).requirement == "做好甲，做好乙。"
    assert parties(plan.task(1)) == [("办公室", "unit", "lead")]


# --- numbering problems -----------------------------------------------------------------------


def test_numbering_gap_is_reported(registry: Registry):
    text = table(
        "一、做好公开。\t1. 做好甲。\t办公室",
        "\t2. 做好乙。\t办公室",
        "\t4. 做好丁。\t办公室",
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1, 2, 4]
    assert [(p.line, p.why) for p in plan.problems] == [(4, "编号跳过了第3项，可能有任务未读到")]


def test_numbering_gap_of_several_is_reported_as_a_range(registry: Registry):
    text = table("一、做好公开。\t1. 做好甲。\t办公室", "\t5. 做好戊。\t办公室")
    plan = parse_plan(text, registry)
    assert [(p.line, p.why) for p in plan.problems] == [
        (3, "编号跳过了第2项至第4项，可能有任务未读到")
    ]


def test_numbering_gap_in_shipped_notice_with_a_row_removed(registry: Registry):
    lines = NOTICE.read_text(encoding="utf-8").splitlines()
    assert lines[44].startswith("\t11. ")  # line 45
    del lines[44]
    plan = parse_plan("\n".join(lines), registry)
    assert numbers(plan) == [n for n in range(1, 35) if n != 11]
    assert [(p.line, p.why) for p in plan.problems if "编号" in p.why] == [
        (46, "编号跳过了第11项，可能有任务未读到")
    ]


def test_numbering_restarting_in_a_new_section_is_renumbered_in_reading_order(
    registry: Registry,
):
    """Issue 16's contract: numbers that restart per section become 1…N, the printed kept."""
    text = "\n".join(
        [
            "一、做好公开",
            "1. 做好甲。（责任单位：办公室）",
            "2. 做好乙。（责任单位：办公室）",
            "二、做好解读",
            "1. 做好丙。（责任单位：综合科）",
        ]
    )
    plan = parse_plan(text, registry)
    assert [(t.section, t.number, t.printed) for t in plan.tasks] == [
        (1, 1, "1"),
        (1, 2, "2"),
        (2, 3, "1"),
    ]
    assert [(p.line, p.why) for p in plan.problems] == [(5, "原编号“1”，按顺序记为第3项")]


# --- unknown and pending names ----------------------------------------------------------------


def test_unknown_unit_is_reported_with_closest_registry_name(registry: Registry):
    text = table(
        "一、做好公开。\t1. 做好甲。\t法规标准科牵头，办公室配合",
        "\t2. 做好乙。\t法规标准科",
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [
        ("法规标准科", "unit", "lead"),
        ("办公室", "unit", "cooperate"),
    ]
    assert [(p.line, p.text, p.why) for p in plan.problems] == [
        (
            2,
            "法规标准科",
            "单位“法规标准科”不在单位名录中，最接近的是“法规与标准科”（第1项、第2项）",
        )
    ]


def test_unknown_group_phrase_is_reported_as_group(registry: Registry):
    text = table("一、做好公开。\t1. 做好甲。\t办公室牵头，各街道办事处配合")
    plan = parse_plan(text, registry)
    assert parties(plan.task(1))[1] == ("各街道办事处", "group", "cooperate")
    assert [(p.text, p.why) for p in plan.problems] == [
        ("各街道办事处", "统称“各街道办事处”不在单位名录中，成员未知（第1项）")
    ]


def test_pending_group_is_reported(registry: Registry):
    text = table("一、做好公开。\t1. 做好甲。\t具有审批职能的各相关科室；各市（区）分局")
    plan = parse_plan(text, registry)
    assert parties(plan.task(1))[0] == ("具有审批职能的各相关科室", "group", "responsible")
    assert [(p.line, p.text) for p in plan.problems] == [(2, "具有审批职能的各相关科室")]
    assert "待办公室明确" in plan.problems[0].why


def test_unknown_and_pending_names_in_shipped_notice(plan: Plan):
    assert not any("不在单位名录中" in why for why in whys(plan))
    pending = {p.text for p in plan.problems if "待办公室明确" in p.why}
    assert pending == {
        "具有编制专项规划任务的科室",
        "各有关科室（单位）",
        "具有审批职能的各相关科室",
        "各相关科室（单位）",
    }


# --- missing or empty responsibility ----------------------------------------------------------


def test_task_without_responsibility_is_reported(registry: Registry):
    text = table("一、做好公开。\t1. 做好甲。\t", "\t2. 做好乙。\t办公室")
    plan = parse_plan(text, registry)
    assert plan.task(1).parties == ()
    assert [(p.line, p.why) for p in plan.problems] == [(2, "第1项没有读到责任单位")]


def test_paragraph_task_without_responsibility_is_reported(registry: Registry):
    text = "\n".join(["一、做好公开", "1. 做好甲。", "2. 做好乙。（牵头单位：办公室）"])
    plan = parse_plan(text, registry)
    assert plan.task(1).requirement == "做好甲。"
    assert plan.task(1).parties == ()
    assert [(p.line, p.why) for p in plan.problems] == [(2, "第1项没有读到责任单位")]


def test_empty_label_clause_is_reported(registry: Registry):
    text = "\n".join(["一、做好公开", "1. 做好甲。（牵头单位：；配合单位：办公室）"])
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [("办公室", "unit", "cooperate")]
    assert [(p.line, p.text) for p in plan.problems] == [(2, "牵头单位：")]


# --- separate columns and other table shapes --------------------------------------------------


def test_number_cell_written_with_a_dot(registry: Registry):
    """序号 cells are sometimes typed as "1." or "2、"; the requirement must not keep the mark."""
    text = "\n".join(
        [
            "序号\t工作任务\t具体要求\t责任单位",
            "1.\t一、做好公开。\t做好甲。\t办公室",
            "2、\t\t做好乙。\t综合科",
        ]
    )
    plan = parse_plan(text, registry)
    assert numbers(plan) == [1, 2]
    assert plan.task(1).requirement == "做好甲。"
    assert plan.task(2).requirement == "做好乙。"


@pytest.mark.parametrize(
    "placeholder", ["/", "—", "无", "-"], ids=["slash", "dash", "none-word", "hyphen"]
)
def test_placeholder_in_cooperate_column_is_no_party(registry: Registry, placeholder: str):
    """Tables mark "no cooperating unit" with / — 无; that is no unit."""
    text = "\n".join(
        [
            "序号\t工作任务\t具体要求\t牵头单位\t配合单位",
            f"1\t一、做好公开。\t做好甲。\t办公室\t{placeholder}",
        ]
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [("办公室", "unit", "lead")]
    assert plan.problems == ()


def test_enumeration_comma_inside_brackets_does_not_split_a_name(registry: Registry):
    """各县（市、区）… is one group phrase; the 、 inside its bracket separates no names."""
    text = "\n".join(
        ["一、做好公开", "1. 做好甲。（牵头单位：办公室；配合单位：各县（市、区）分局、综合科）"]
    )
    plan = parse_plan(text, registry)
    assert parties(plan.task(1)) == [
        ("办公室", "unit", "lead"),
        ("各县（市、区）分局", "group", "cooperate"),
        ("综合科", "unit", "cooperate"),
    ]


# --- helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("十三、加强 配套制度 建设。", (13, "加强配套制度建设")),
        ("一、做好各类规划主动公开。", (1, "做好各类规划主动公开")),
        ("十五、狠抓任务落实", (15, "狠抓任务落实")),
        ("二十一、其他", (21, "其他")),
        ("第二部分 重点任务", (2, "重点任务")),
        ("第十部分重点任务", (10, "重点任务")),
        ("一、做好,主动公开", (1, "做好，主动公开")),
        ("一、", None),
        ("1. 做好公开", None),
        ("（一）做好公开", None),
        ("零、做好公开", None),
        ("十一二、做好公开", None),
        ("做好一、二项", None),
    ],
    ids=[
        "spaces",
        "one",
        "fifteen",
        "twenty-one",
        "part",
        "part-no-space",
        "half-comma",
        "no-title",
        "task",
        "bracket-task",
        "zero",
        "bad-numeral",
        "not-at-start",
    ],
)
def test_section_heading(cell: str, expected: tuple[int, str] | None):
    assert section_heading(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("7.按省政府考核要求", (7, "按省政府考核要求")),
        ("1. 主动公开", (1, "主动公开")),
        ("12、加强", (12, "加强")),
        ("3．做好", (3, "做好")),
        ("（3）做好", (3, "做好")),
        ("(12) 做好", (12, "做好")),
        ("（二）加强", (2, "加强")),
        ("(十一)加强", (11, "加强")),
        ("１．做好", (1, "做好")),
        ("5.", (5, "")),
        ("1.5万条", None),
        ("3．5个工作日", None),
        ("一、做好", None),
        ("第1项", None),
        ("0. 做好", None),
        ("做好1. 公开", None),
        ("", None),
    ],
    ids=[
        "no-space",
        "space",
        "dunhao",
        "wide-dot",
        "wide-paren",
        "half-paren",
        "cjk-paren",
        "cjk-half-paren",
        "wide-digit",
        "number-only",
        "decimal",
        "wide-decimal",
        "section",
        "ordinal",
        "zero",
        "not-at-start",
        "empty",
    ],
)
def test_task_start(cell: str, expected: tuple[int, str] | None):
    assert task_start(cell) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "做好监管。（牵头单位：固体废物与核（辐射）安全管理科；配合单位：办公室）",
            ("做好监管。", "牵头单位：固体废物与核（辐射）安全管理科；配合单位：办公室"),
        ),
        (
            "做好监管（责任单位：固体废物与核（辐射）安全管理科）。",
            ("做好监管", "责任单位：固体废物与核（辐射）安全管理科"),
        ),
        (
            "做好监管(牵头单位:固体废物与核(辐射)安全管理科)",
            ("做好监管", "牵头单位:固体废物与核(辐射)安全管理科"),
        ),
        ("（责任单位：办公室）", ("", "责任单位：办公室")),
        ("做好核（辐射）设施监管（含（放射源）管理）", None),
        ("做好监管。", None),
        ("做好监管）", None),
        ("（国办公开办函〔2019〕60号）", None),
    ],
    ids=[
        "nested-lead",
        "nested-responsible-trailing-stop",
        "half-width",
        "bracket-only",
        "nested-no-label",
        "no-bracket",
        "unbalanced",
        "document-number",
    ],
)
def test_split_inline_responsibility(text: str, expected: tuple[str, str] | None):
    assert split_inline_responsibility(text) == (expected or (text, None))


def test_header_columns_of_separate_lead_and_cooperate_columns():
    (row,) = split_rows("序号\t重点任务\t具体措施\t牵头单位\t配合单位")
    assert header_columns(row) == {
        "number": 0,
        "section": 1,
        "requirement": 2,
        "lead": 3,
        "cooperate": 4,
    }


def test_header_columns_of_shipped_header():
    (row,) = split_rows(HEADER)
    assert header_columns(row) == {"section": 0, "requirement": 1, "responsibility": 2}


@pytest.mark.parametrize(
    "line",
    ["一、做好各类规划主动公开。\t1. 主动公开规划。\t综合科", "工作任务", "江门市生态环境局文件"],
    ids=["task-row", "single-cell", "cover"],
)
def test_header_columns_rejects_other_rows(line: str):
    (row,) = split_rows(line)
    assert header_columns(row) is None


def test_split_rows_drops_blank_rows_and_markup():
    rows = split_rows("\n\t\t\n<p></p>\n<p>一、 做好 公开</p>\t<p>1. 做好甲。</p>\n")
    assert [(r.line, r.cells) for r in rows] == [(4, ["一、做好公开", "1.做好甲。"])]


@pytest.mark.parametrize("number", range(1, 100), ids=str)
def test_cjk_numeral_round_trip(number: int):
    assert cjk_to_int(int_to_cjk(number)) == number


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("九十九", 99),
        ("两", 2),
        ("〇", None),
        ("", None),
        ("百", None),
        ("十十", None),
        ("一二", None),
    ],
    ids=[
        "ten",
        "fifteen",
        "twenty",
        "ninety-nine",
        "liang",
        "zero",
        "empty",
        "hundred",
        "double-ten",
        "two-digits",
    ],
)
def test_cjk_to_int(numeral: str, expected: int | None):
    assert cjk_to_int(numeral) == expected


@pytest.mark.parametrize(
    "name",
    [
        "各市（区）分局",
        "各市(区)分局",
        " 固体废物与核( 辐射 )安全管理科 ",
        "<p>办公室</p>",
        "办公室&nbsp;牵头",
        "牵头单位:办公室;配合单位:综合科",
        "各县\u3000(市、区)分局",
        "",
        "办公室&amp;nbsp;牵头",
        "<<p>p>办公室",
    ],
    ids=[
        "full",
        "half",
        "spaces",
        "markup",
        "entity",
        "labels",
        "ideographic-space",
        "empty",
        "double-escaped-entity",
        "tag-inside-tag",
    ],
)
def test_name_key_is_idempotent(name: str):
    once = name_key(name)
    assert name_key(once) == once
    assert " " not in once
    assert "(" not in once


def test_name_key_of_half_and_full_width_brackets_agree():
    assert name_key("固体废物与核(辐射)安全管理科") == "固体废物与核（辐射）安全管理科"
    assert name_key("各市 ( 区 ) 分局") == name_key("各市（区）分局")
