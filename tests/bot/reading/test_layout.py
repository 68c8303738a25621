"""Each reading rule of issue 16 alone: layout, numbering and the responsibility notes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.plan import Plan
from bot.reading.layout import (
    align,
    cell_header,
    header_length,
    header_of,
    split_cells,
    time_clauses,
    wrapped_header,
)
from bot.reading.loader import parse_plan
from bot.reading.numbering import Style, plan_numbers, task_number
from bot.reading.responsibility import is_collective, split_names, split_responsibility
from bot.registry.units import Registry

EMPTY = Registry([], [])


def _parties(plan: Plan) -> list[list[tuple[str, str]]]:
    """Each task's parties as (name, role) pairs."""
    return [[(p.name, p.role.value) for p in t.parties] for t in plan.tasks]


def test_pipe_row_splits_like_a_tab_row():
    assert split_cells("| 1 | 做好甲 | 市财政局 |") == split_cells(" 1 \t 做好甲 \t 市财政局 ")


def test_header_wrapped_over_two_lines_is_joined():
    joined = wrapped_header(["序号", "工作", "责任"], ["", "任务", "单位"])
    assert joined == ["序号", "工作任务", "责任单位"]
    assert header_of(joined) == {"number": 0, "requirement": 1, "responsibility": 2}


def test_header_written_one_cell_per_line():
    assert cell_header(["序号", "工作任务", "牵头单位", "完成时限", "一、加强统筹"]) == {
        "number": 0,
        "requirement": 1,
        "lead": 2,
        "time": 3,
    }


def test_lead_responsible_column_is_a_lead_column():
    assert header_of(["序号", "工作任务", "牵头责任单位"]) == {
        "number": 0,
        "requirement": 1,
        "lead": 2,
    }


def test_spanned_row_is_realigned_by_content():
    columns = {"number": 0, "section": 1, "requirement": 2, "lead": 3, "time": 4}
    aligned = align(["2", "建立健全工作台账，按月调度进展情况", "市财政局", "6月底前"], columns)
    assert aligned.cells == ["2", "", "建立健全工作台账，按月调度进展情况", "市财政局", "6月底前"]
    assert aligned.moved


@pytest.mark.parametrize(
    ("cell", "value", "printed", "style"),
    [
        ("1、做好", 1, "1", Style.DOT),
        ("（一）加强", 1, "（一）", Style.CJK_PAREN),
        ("③完善", 3, "③", Style.CIRCLED),
        ("(2) 做好", 2, "(2)", Style.PAREN),
    ],
    ids=["dunhao", "cjk-paren", "circled", "paren"],
)
def test_task_number_styles(cell: str, value: int, printed: str, style: Style):
    found = task_number(cell)
    assert found is not None
    assert (found.value, found.printed, found.style) == (value, printed, style)


def test_bare_number_only_when_asked():
    assert task_number("12") is None
    found = task_number("12", bare=True)
    assert found is not None
    assert found.style is Style.BARE


def test_decimal_inside_a_requirement_is_no_number():
    assert task_number("6.2%以上") is None


@pytest.mark.parametrize(
    ("printed", "numbers"),
    [
        ([1, 2, 3], [1, 2, 3]),
        ([1, 2, 1], [1, 2, 3]),
        ([None, None], [1, 2]),
        ([1, 2, 4], [1, 2, 4]),
    ],
    ids=["continuous", "restart", "none", "gap"],
)
def test_plan_numbers(printed, numbers):
    assert plan_numbers(printed) == numbers


def test_some_others_names_the_units_and_the_group():
    assert split_names("市发改局、市财政局等有关部门") == ["市发改局", "市财政局", "有关部门"]
    assert split_names("市卫生健康委等") == ["市卫生健康委"]


def test_first_listed_is_lead_note_applies_from_there_on():
    text = "\n".join(
        [
            "序号\t工作任务\t责任单位",
            "1\t做好甲。\t县发改局、县财政局（首位单位为牵头单位，下同）",
            "2\t做好乙。\t县司法局、县财政局",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(p.name, p.role.value) for p in plan.tasks[1].parties] == [
        ("县司法局", "lead"),
        ("县财政局", "responsible"),
    ]
    assert any("待确认" in p.why for p in plan.problems)


def test_cell_per_line_table_reads_one_task_per_number():
    text = "\n".join(
        [
            "序号",
            "工作任务",
            "责任单位",
            "",
            "1",
            "",
            "做好政策解读工作。",
            "",
            "市发改局",
            "",
            "2",
            "",
            "建立工作台账。",
            "",
            "市财政局",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.number, t.requirement, [p.name for p in t.parties]) for t in plan.tasks] == [
        (1, "做好政策解读工作。", ["市发改局"]),
        (2, "建立工作台账。", ["市财政局"]),
    ]


def test_time_column_is_carried_as_time_text():
    text = "序号\t工作任务\t责任单位\t完成时限\n1\t做好甲。\t市发改局\t6月底前"
    assert parse_plan(text, EMPTY).tasks[0].time_text == "6月底前"


def _tasks(text: str) -> list[tuple[int, str, list[tuple[str, str]], str | None]]:
    plan = parse_plan(text, EMPTY)
    return [
        (t.number, t.requirement, [(p.name, p.role.value) for p in t.parties], t.time_text)
        for t in plan.tasks
    ]


def test_pipe_lines_separate_cells_and_a_section_cell_precedes_the_number():
    # The 序号 column has no header cell; 工作任务 is row-spanned over task 2.
    text = "\n|\n".join(
        ["工作任务", "具体要求", "责任科室", "时限要求"]
        + ["做好公开", "1", "清理文件。", "办公室", "年底前"]
        + ["2", "发布年报。", "各科室", "持续推进"]
    )
    assert _tasks(text) == [
        (1, "清理文件。", [("办公室", "responsible")], "年底前"),
        (2, "发布年报。", [("各科室", "responsible")], "持续推进"),
    ]


def test_cells_ending_in_a_pipe_and_a_person_column():
    lines = ["序号", "重点工作", "责任领导", "责任单位", "完成时限"]
    lines += ["1", "优化服务机 制。", "叶林", "招商工作部、安商工作部", "全年"]
    lines += ["2", "盘活土地。", "马振明", "改革办", "全年"]
    assert _tasks("\n".join(f"{line} |" for line in lines)) == [
        (
            1,
            "优化服务机制。",
            [("招商工作部", "responsible"), ("安商工作部", "responsible")],
            "全年",
        ),
        (2, "盘活土地。", [("改革办", "responsible")], "全年"),
    ]


def test_unnumbered_cells_with_no_separator_are_one_cell_a_line():
    text = "\n".join(
        ["任务", "主要内容", "责任单位", "一、稳增长", "(一)加强预期引导"]
        + ["围绕经济形势宣传解读。", "市发改委牵头落实"]
        + ["加强金融政策公开。", "市金融办、潍坊银监分局分别牵头落实"]
        + ["公开财政收支。", "市发改委牵头落实"]
    )
    assert _tasks(text) == [
        (1, "围绕经济形势宣传解读。", [("市发改委", "lead")], None),
        (2, "加强金融政策公开。", [("市金融办", "lead"), ("潍坊银监分局", "lead")], None),
        (3, "公开财政收支。", [("市发改委", "lead")], None),
    ]


def test_numbered_task_cell_then_requirement_and_a_two_paragraph_party_cell():
    text = "\n\n".join(
        ["工作任务", "具 体 要 求", "责 任 单 位", "时限要求", "(一)做好信息公开"]
        + ["1.推进重大工程公开", "加大公开力度。", "市发改局牵头落实;市工信局按职责分工分别落实"]
        + ["各镇(街区)分别落实"]
    )
    assert _tasks(text) == [
        (
            1,
            "推进重大工程公开加大公开力度。",
            [("市发改局", "lead"), ("市工信局", "responsible"), ("各镇（街区）", "responsible")],
            None,
        )
    ]


def _roles(text: str) -> list[tuple[str, str]]:
    named, _ = split_responsibility(text)
    return [(n.name, n.role.value) for n in named]


@pytest.mark.parametrize(
    ("bracket", "inner"),
    [
        ("（{}）", "市发改局牵头，市财政局、市级相关部门配合"),
        ("({})", "市发改局牵头,市财政局、市级相关部门配合"),
        ("〔{}〕", "市发改局牵头，市财政局、市级相关部门配合"),
        ("[{}]", "责任单位:市发改局牵头,市财政局、市级相关部门配合"),
    ],
)
def test_role_note_in_any_bracket_without_a_label(bracket: str, inner: str):
    text = "一、总体\n1. 精简审批手续。" + bracket.format(inner)
    (task,) = parse_plan(text, EMPTY).tasks
    assert task.requirement == "精简审批手续。"
    assert [(p.name, p.role.value) for p in task.parties] == [
        ("市发改局", "lead"),
        ("市财政局", "cooperate"),
        ("市级相关部门", "cooperate"),
    ]


def test_a_bracket_without_role_words_stays_in_the_requirement():
    text = "一、总体\n1. 提交水保批复(涉及水土保持项目)。（市环保局负责）"
    (task,) = parse_plan(text, EMPTY).tasks
    assert task.requirement.startswith("提交水保批复（涉及水土保持项目）")
    assert [(p.name, p.role.value) for p in task.parties] == [("市环保局", "lead")]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("市发改局会同市财政局", [("市发改局", "lead"), ("市财政局", "cooperate")]),
        ("市发展改革局会市财政局", [("市发展改革局", "lead"), ("市财政局", "cooperate")]),
        ("高新区管委会会市商务局", [("高新区管委会", "lead"), ("市商务局", "cooperate")]),
        ("市人力资源和社会保障局", [("市人力资源和社会保障局", "responsible")]),
        ("区管委会办公室", [("区管委会办公室", "responsible")]),
        # Between a body's own offices: 甲处会乙室 is 甲处 lead, 乙室 cooperate ...
        ("宣传处会办公室", [("宣传处", "lead"), ("办公室", "cooperate")]),
        (
            "规划信息处（爱卫办）会财务处",
            [("规划信息处（爱卫办）", "lead"), ("财务处", "cooperate")],
        ),
        # ... but an office whose name starts with a word in 会 stays whole.
        ("财务处会计科", [("财务处会计科", "responsible")]),
        ("办公室会议室", [("办公室会议室", "responsible")]),
        ("市总工会", [("市总工会", "responsible")]),
        ("甲局、乙局分别牵头落实", [("甲局", "lead"), ("乙局", "lead")]),
        (
            "甲局牵头，乙局等有关部门参加",
            [("甲局", "lead"), ("乙局", "cooperate"), ("有关部门", "cooperate")],
        ),
        (
            "市各有关部门，各县市区人民政府负责落实",
            [("市各有关部门", "lead"), ("各县市区人民政府", "lead")],
        ),
        (
            "甲局牵头，乙局等部门，丙局配合",
            [("甲局", "lead"), ("乙局", "cooperate"), ("丙局", "cooperate")],
        ),
        ("办公室，各相关科室配合", [("办公室", "responsible"), ("各相关科室", "cooperate")]),
        (
            "市級各有關部門及各縣市區政府按職責分工負責",
            [("市級各有關部門", "responsible"), ("各縣市區政府", "responsible")],
        ),
        ("甲辦公室牽頭", [("甲辦公室", "lead")]),
        ("各镇街落实", [("各镇街", "responsible")]),
    ],
)
def test_role_words_of_paragraph_notes(text: str, roles: list[tuple[str, str]]):
    assert _roles(text) == roles


def test_subsection_heading_above_numbered_tasks_is_no_task():
    text = "\n".join(
        [
            "一、推进融圈入群",
            "（一）抓机遇、引龙头",
            "1.大力推进一期建设。[责任单位:老街办、区招商服务中心]",
        ]
    )
    (task,) = parse_plan(text, EMPTY).tasks
    assert (task.number, task.requirement) == (1, "大力推进一期建设。")
    assert [p.name for p in task.parties] == ["老街办", "区招商服务中心"]


def test_first_listed_is_lead_note_applies_to_the_task_that_holds_it():
    text = "\n".join(
        [
            "一、重点工作",
            "1.全县生产总值增长7.5%左右。",
            "责任单位:县发改局(首位单位为牵头单位,下同)、县财政局",
            "2.严控经费。",
            "责任单位:县财政局、县审计局",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert _parties(plan) == [
        [("县发改局", "lead"), ("县财政局", "responsible")],
        [("县财政局", "lead"), ("县审计局", "responsible")],
    ]


def test_pipe_row_with_empty_trailing_cells_is_realigned():
    text = "\n".join(
        [
            "工作任务 | 具体要求 | 责任部门 |",
            "一、做好网站公开。 | 1.更新概况信息。 | 办公室 |",
            "2.更新公众号信息。 | 办公室牵头,各科室配合 | |",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.number, t.requirement) for t in plan.tasks] == [
        (1, "更新概况信息。"),
        (2, "更新公众号信息。"),
    ]
    assert [(p.name, p.role.value) for p in plan.tasks[1].parties] == [
        ("办公室", "lead"),
        ("各科室", "cooperate"),
    ]


def test_row_wider_than_the_header_starts_with_its_headings_and_a_bare_number():
    text = "\n".join(
        [
            "工作任务 | 具体要求 | 责任单位 | 时限要求 | ||",
            "一、以公开助力发展。 | (一)加强信息公开。 | 1 | 增强政策透明度。 | 市政府各有关部门负责落实 | 持续推进",
            "2 | 开设帮扶专题。 | 各县市区人民政府负责落实 | 持续推进",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.number, t.requirement, t.time_text) for t in plan.tasks] == [
        (1, "增强政策透明度。", "持续推进"),
        (2, "开设帮扶专题。", "持续推进"),
    ]
    assert [s.title for s in plan.sections] == ["以公开助力发展"]
    assert _parties(plan) == [
        [("市政府各有关部门", "lead")],
        [("各县市区人民政府", "lead")],
    ]


def test_header_in_traditional_characters_with_a_responsible_office_column():
    assert header_of(["重點任務", "工作內容", "負責科室"]) == {
        "requirement": 1,
        "section": 0,
        "responsibility": 2,
    }
    text = "重點任務 | 工作內容 | 負責科室 |\n政策解讀 | 對政策文件進行全面解讀。 | 綜合科 |"
    (task,) = parse_plan(text, EMPTY).tasks
    assert task.requirement == "對政策文件進行全面解讀。"
    assert [(p.name, p.role.value) for p in task.parties] == [("綜合科", "responsible")]


@pytest.mark.parametrize(
    "name",
    [
        "市直有关部门",
        "区直各部门",
        "市直部门",
        "县（市、区）政府",
        "各县市区人民政府",
        "县市区政府",
        "功能区管委会",
        "开发区管委会",
        "各镇（街）",
        "全区各专班",
        "局主办科室",
        "区级相关部门",
        "有关部门",
        "各縣市區政府",
    ],
)
def test_collectives_are_groups(name: str):
    assert is_collective(name)


@pytest.mark.parametrize(
    "name",
    [
        "市发改局",
        "规划信息处（爱卫办）",
        "霍山经济开发区管委会",
        "人民银行潍坊市中心支行",
        "综合科",
        "办公室",
    ],
)
def test_units_are_no_groups(name: str):
    assert not is_collective(name)


def test_group_note_adds_the_group_to_every_later_task_of_its_section():
    text = "\n".join(
        [
            "一、总体",
            "1.甲事。（牵头单位：市发改局）",
            "二、分项",
            "（以下均需各县市区落实，不再逐一列出）",
            "2.乙事。（牵头单位：市财政局）",
            "3.丙事。（牵头单位：市民政局；配合单位：各县市区）",
            "三、保障",
            "4.丁事。（牵头单位：市司法局）",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert _parties(plan) == [
        [("市发改局", "lead")],
        [("市财政局", "lead"), ("各县市区", "responsible")],
        [("市民政局", "lead"), ("各县市区", "cooperate")],
        [("市司法局", "lead")],
    ]
    assert plan.tasks[1].parties[1].kind.value == "group"
    assert any("待确认" in p.why and "各县市区" in p.text for p in plan.problems)


@pytest.mark.parametrize(
    ("note", "group"),
    [
        ("具体任务均涉及相关市(州)人民政府,不再做分工,下同", "相关市（州）人民政府"),
        ("各项任务均需各县（市、区）落实，不再逐一列出，下同", "各县（市、区）"),
    ],
)
def test_a_same_below_note_adds_its_group_to_its_own_task_and_every_later_one(
    note: str, group: str
):
    # The 下同 note stands inside a task's responsibility note: it is no name, and its
    # group joins that task and every later one, across sections.
    text = "\n".join(
        [
            "一、总体",
            "(一)甲事。〔责任单位:市发改局、市财政局按职责分工负责。〕",
            "二、分项",
            f"(二)乙事。〔责任单位:市民政局按职责分工负责。{note}。〕",
            "(三)丙事。〔责任单位:市司法局〕",
            "三、保障",
            "(四)丁事。〔责任单位:市商务局〕",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert _parties(plan) == [
        [("市发改局", "responsible"), ("市财政局", "responsible")],
        [("市民政局", "responsible"), (group, "responsible")],
        [("市司法局", "responsible"), (group, "responsible")],
        [("市商务局", "responsible"), (group, "responsible")],
    ]
    assert sum("待确认" in p.why and group == p.text for p in plan.problems) == 3


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        # Two topic columns and no requirement column: the second holds the task.
        (["分类", "序号", "事项", "责任单位"], {"section": 0, "number": 1, "requirement": 2}),
        # With a requirement column both topic columns stay topics (the first is the section).
        (["类别", "主要任务", "细化措施", "牵头单位"], {"section": 0, "requirement": 2}),
    ],
)
def test_a_classification_column_is_the_section(header: list[str], columns: dict[str, int]):
    found = header_of(header)
    assert found is not None
    assert {k: v for k, v in found.items() if k in columns} == columns


def test_a_row_spanned_classification_cell_heads_its_rows():
    cells = ["分类", "序号", "事项", "责任单位", "牵头单位"]
    cells += ["发展目标", "1", "甲指标增长6%。", "市乙局、市甲局", "市甲局"]
    cells += ["2", "乙指标增长5%。", "市丙局", "市丙局"]
    plan = parse_plan("\n\n".join(cells), EMPTY)
    assert [s.title for s in plan.sections] == ["发展目标"]
    assert [(t.section, t.requirement) for t in plan.tasks] == [
        (1, "甲指标增长6%。"),
        (1, "乙指标增长5%。"),
    ]
    assert not any("发展目标" in p.text for p in plan.problems)


def test_party_cell_one_unit_a_line_and_a_placeholder_cell():
    cells = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    cells += [
        "1",
        "做好解读工作，\n提升解读质量。",
        "市发改局",
        "市财政局\n各县（市、区）政府",
        "6月底前",
    ]
    cells += ["2", "建立工作台账。", "市财政局", "/", "长期坚持"]
    plan = parse_plan("\n\n".join(cells), EMPTY)
    assert [(t.requirement, t.time_text) for t in plan.tasks] == [
        ("做好解读工作，提升解读质量。", "6月底前"),
        ("建立工作台账。", "长期坚持"),
    ]
    assert _parties(plan) == [
        [("市发改局", "lead"), ("市财政局", "cooperate"), ("各县（市、区）政府", "cooperate")],
        [("市财政局", "lead")],
    ]
    assert not any("待确认" in p.why for p in plan.problems)


def test_numbered_paragraphs_with_no_section_heading():
    text = (
        "关于印发工作要点的通知\n1.做好甲事。（牵头单位：市发改局）\n2.做好乙事。（市财政局负责）"
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.number, t.requirement) for t in plan.tasks] == [
        (1, "做好甲事。"),
        (2, "做好乙事。"),
    ]


def test_unnumbered_paragraphs_each_ending_in_a_note_are_tasks():
    text = "\n".join(
        [
            "各县（市、区）人民政府，市直有关部门：",
            "一、总体",
            "做好甲事。（市发改局牵头，市财政局配合）",
            "做好乙事。",
            "（市民政局负责）",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(t.number, t.printed, t.requirement) for t in plan.tasks] == [
        (1, None, "做好甲事。"),
        (2, None, "做好乙事。"),
    ]
    assert _parties(plan) == [
        [("市发改局", "lead"), ("市财政局", "cooperate")],
        [("市民政局", "lead")],
    ]


def test_plain_task_name_cells_are_sections_and_an_empty_one_is_reported():
    text = "\n".join(
        [
            "工作任务\t具体要求\t责任科室",
            "强化文件公开\t1.清理文件。\t办公室",
            "\t2.发布目录。\t各科室",
            "深化政策解读\t3.做好解读。\t办公室",
            "加强宣传\t\t",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert [(s.number, s.title) for s in plan.sections] == [
        (1, "强化文件公开"),
        (2, "深化政策解读"),
        (3, "加强宣传"),
    ]
    assert [t.section for t in plan.tasks] == [1, 1, 2]
    assert [(p.line, p.why) for p in plan.problems if "名录" not in p.why] == [
        (5, "这一部分没有读到任何任务")
    ]


def test_party_cells_fill_the_party_columns_in_the_header_order():
    cells = ["工作任务", "牵头单位", "责任单位", "完成时限", "一、加强公开"]
    cells += ["1.做好甲事。", "市发改局", "市财政局、市教育局", "6月底前"]
    (parties,) = _parties(parse_plan("\n\n".join(cells), EMPTY))
    assert set(parties) == {
        ("市发改局", "lead"),
        ("市财政局", "responsible"),
        ("市教育局", "responsible"),
    }


def test_a_time_label_inside_the_bracket_is_the_time_not_a_party():
    text = "一、总体\n1.做好甲事。（牵头单位：市发改局；完成时限：2021年6月底前）\n2.做好乙事。（责任单位：市民政局;时间:长期坚持）"
    plan = parse_plan(text, EMPTY)
    assert [t.time_text for t in plan.tasks] == ["2021年6月底前", "长期坚持"]
    assert _parties(plan) == [[("市发改局", "lead")], [("市民政局", "responsible")]]


def test_numbered_prose_above_the_table_is_listed_not_read():
    text = "一、工作要点\n1.深入推进政策解读。\n二、任务分解\n重点任务 | 工作内容 | 负责科室 |\n政策解读 | 全面解读政策文件。 | 综合科 |"
    plan = parse_plan(text, EMPTY)
    assert [t.requirement for t in plan.tasks] == ["全面解读政策文件。"]
    assert [(p.line, p.why) for p in plan.problems if "名录" not in p.why] == [
        (2, "表格之前的编号段落，未读作任务（待确认）")
    ]


@pytest.mark.parametrize(
    ("note", "units", "times"),
    [
        (
            "牵头单位：甲局；责任单位：乙局，6月底完成",
            "牵头单位：甲局；责任单位：乙局",
            ["6月底完成"],
        ),
        ("甲局牵头，乙局配合，年底前", "甲局牵头，乙局配合", ["年底前"]),
        ("甲局，9月底前完成；乙局", "甲局；乙局", ["9月底前完成"]),
        ("甲局牵头，各县市区政府配合", "甲局牵头，各县市区政府配合", []),
    ],
)
def test_a_deadline_clause_in_a_responsibility_note_is_a_time(
    note: str, units: str, times: list[str]
):
    assert time_clauses(note) == (units, times)


@pytest.mark.parametrize(
    "paragraph",
    [
        "1.做好甲事。（牽頭單位:市甲局;責任單位:市乙局,6月底完成）",
        "1.做好甲事。（市甲局牵头，市乙局负责，6月底前完成）",
    ],
)
def test_a_deadline_inside_the_note_is_the_tasks_time_not_a_party(paragraph: str):
    (task,) = parse_plan(f"一、总体\n{paragraph}", EMPTY).tasks
    assert task.requirement == "做好甲事。"
    assert task.time_text in ("6月底完成", "6月底前完成")
    assert all("月" not in p.name for p in task.parties)
    assert len(task.parties) == 2


def test_a_topic_cell_between_column_names_heads_the_requirement_column():
    texts = ["序号", "民生实事", "责任单位", "完成时限", "1", "新建一座桥。"]
    assert header_length(texts) == 4
    assert cell_header(texts) == {"number": 0, "requirement": 1, "responsibility": 2, "time": 3}


@pytest.mark.parametrize(
    "texts",
    [
        ["附件", "序号", "民生实事"],  # a topic cell needs a column name on both sides
        ["序号", "民生实事", "惠民工程", "责任单位"],  # at most one topic cell
        ["序号", "1.新建一座桥。", "责任单位"],  # a topic cell is a short word, not a task
    ],
)
def test_what_is_no_topic_header_cell(texts: list[str]):
    assert header_length(texts) < 3 or cell_header(texts) is None


def test_cells_between_blank_lines_with_a_multi_unit_cell_and_a_spanned_number():
    # One cell a line, blank lines between all cells; task 1's 责任单位 cell lists one unit
    # a line; task 2's 序号 and 责任单位 span a second row that has a requirement and a time.
    cells = ["序号", "民生实事", "责任单位", "完成时限"]
    cells += ["1", "新建一座桥。", "县住建局", "县交通局", "12月底前"]
    cells += ["2", "开工建设养护楼。", "县民政局", "5月底前动工", "建成老年大学。", "12月底前"]
    cells += ["3", "新建农贸市场。", "县商务局", "9月投入使用"]
    plan = parse_plan("\n\n".join(cells), EMPTY)
    assert _tasks("\n\n".join(cells)) == [
        (
            1,
            "新建一座桥。",
            [("县住建局", "responsible"), ("县交通局", "responsible")],
            "12月底前",
        ),
        (
            2,
            "开工建设养护楼。建成老年大学。",
            [("县民政局", "responsible")],
            "5月底前动工；12月底前",
        ),
        (3, "新建农贸市场。", [("县商务局", "responsible")], "9月投入使用"),
    ]
    assert any("跨行" in p.why and "待确认" in p.why for p in plan.problems)


@pytest.mark.parametrize("cell", ["责任领导", "分管领导", "牵头领导", "牵头负责领导", "责任人"])
def test_a_header_naming_a_leader_heads_a_person_column_not_a_party_one(cell: str):
    text = f"序号\t工作任务\t{cell}\t牵头单位\t配合单位\n1\t做好甲事。\t张三\t市甲局\t市乙局"
    assert _tasks(text) == [(1, "做好甲事。", [("市甲局", "lead"), ("市乙局", "cooperate")], None)]


def test_a_time_schedule_column_and_an_unnamed_topic_column():
    # Rule "column names": 时间安排 names a time column; the one unnamed cell is the requirement.
    assert header_of(["专项整治行业名称", "时间安排", "责任单位"]) == {
        "requirement": 0,
        "time": 1,
        "responsibility": 2,
    }


def test_a_ledgers_progress_column_is_neither_requirement_nor_party():
    # Rule "progress column": 落实情况 reports what was done; 责任领导 names a person.
    text = "\n".join(
        [
            "序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |",
            "1 | 新建一座桥。 | 张三 | 县交通局 | 已完成主体工程,正在验收。 |",
            "2 | 改造两所学校。 | 李四 | 县教育局 | 已开工。 |",
        ]
    )
    plan = parse_plan(text, EMPTY)
    assert _tasks(text) == [
        (1, "新建一座桥。", [("县交通局", "responsible")], None),
        (2, "改造两所学校。", [("县教育局", "responsible")], None),
    ]
    assert [(p.line, p.text) for p in plan.problems if "工作进展" in p.why] == [(1, "落实情况")]


def test_a_signing_date_in_chinese_numerals_is_the_issue_date():
    # Rule "signing date in Chinese numerals".
    text = "各村:\n现将计划印发给你们。\n二〇一七年二月二十四日\n某镇工作计划\n1. 做好甲。(责任单位:镇财政所)"
    assert parse_plan(text, EMPTY).issued == date(2017, 2, 24)
