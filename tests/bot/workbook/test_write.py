"""The plan workbook: written for a clerk (bot.workbook.write), read back exactly (bot.workbook.read)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from bot.ledger.deadlines import Source, plan_deadlines, task_milestones
from bot.notice_files.importers import plan_of
from bot.notice_files.limits import LIMITS
from bot.notice_files.workbook_reader import xlsx_rows
from bot.plan import Party, PartyKind, Plan, Role, Section, Task
from bot.reading.loader import RawRow
from bot.registry.units import Registry
from bot.workbook.read import workbook_plan
from bot.workbook.write import plan_workbook

YEAR_END = date(2021, 12, 31)
HEADER = [
    "序号",
    "部分",
    "具体要求",
    "牵头",
    "负责",
    "配合",
    "参照落实",
    "截止日期",
    "时限原文",
    "待确认",
]


def written(plan: Plan) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(plan_workbook(plan, YEAR_END)))


def read_back(data: bytes, registry: Registry) -> Plan:
    """The workbook's rows as the bounded reader gives them, read as any notice's rows are."""
    return plan_of(xlsx_rows(data, "分工表.xlsx", LIMITS), "分工表.xlsx", registry)


def roles(task: Task) -> dict[str, Role]:
    return {p.name: p.role for p in task.parties}


# --- writing ------------------------------------------------------------------------------------


def test_a_row_per_task_under_its_section_row(plan: Plan):
    sheet = written(plan)["分工"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["标题", plan.title]
    assert rows[1][:2] == ["印发日期", "2021-10-28"]
    assert rows[3] == HEADER
    body = rows[4:]
    section_rows = [r for r in body if r[0] is None]
    assert [r[1] for r in section_rows][:2] == [
        "一、做好各类规划主动公开",
        "二、做好监管执法信息公开",
    ]
    assert len(section_rows) == len(plan.sections)
    task_rows = [r for r in body if r[0] is not None]
    assert [int(r[0]) for r in task_rows] == [t.number for t in plan.tasks]
    by_number = {int(r[0]): r for r in task_rows}
    assert by_number[19][3:7] == ["法规与标准科", None, "市环境信息中心", None]
    assert by_number[24][7] == "2021-11-20、2021-12-10"  # the dates the requirement states
    assert by_number[7][7:9] == ["2021-12-31", "每年至少更新一次"]
    assert by_number[11][7] is None  # due by the default year end: nothing stated


def test_every_cell_is_a_string_never_a_formula(registry: Registry):
    hostile = '=HYPERLINK("http://example.invalid","点此")'
    plan = Plan(
        title="+1+1",
        issued=None,
        sections=(Section(1, "@SUM(A1)"),),
        tasks=(
            Task(
                1, 1, hostile, "", (Party("-2+3", PartyKind.UNIT, Role.LEAD),), 1, time_text="=1"
            ),
        ),
    )
    book = written(plan)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert all(c.data_type in ("s", "n") for c in cells)  # "n" only for empty cells
    assert {hostile, "+1+1", "一、@SUM(A1)", "-2+3", "=1"} <= {c.value for c in cells}
    again = read_back(plan_workbook(plan, YEAR_END), registry)
    assert again.tasks[0].requirement == hostile
    assert again.tasks[0].parties[0].name == "-2+3"


def test_the_guide_sheet_follows_and_is_not_read(plan: Plan):
    book = written(plan)
    assert book.sheetnames == ["分工", "填写说明"]
    assert book["填写说明"]["A1"].value == "填写说明（本页不读入）"


def test_problems_go_to_the_check_column_of_their_task(plan: Plan):
    sheet = written(plan)["分工"]
    checks = {
        int(r[0]): r[9]
        for r in sheet.iter_rows(values_only=True)
        if r[0] and r[0] != "序号" and r[0] not in ("标题", "印发日期")
    }
    pending = [p for p in plan.problems if "待办公室明确" in p.why]
    assert pending  # the shipped notice's group phrases with no members yet
    for problem in pending:
        owner = max((t for t in plan.tasks if t.line <= problem.line), key=lambda t: t.line)
        assert problem.why in checks[owner.number]


# --- reading back -------------------------------------------------------------------------------


def test_the_shipped_plan_reads_back_the_same(plan: Plan, registry: Registry):
    again = read_back(plan_workbook(plan, YEAR_END), registry)
    assert (again.title, again.issued, again.sections) == (plan.title, plan.issued, plan.sections)
    assert [(t.number, t.section, t.requirement) for t in again.tasks] == [
        (t.number, t.section, t.requirement) for t in plan.tasks
    ]
    assert [set(t.parties) for t in again.tasks] == [set(t.parties) for t in plan.tasks]
    before = plan_deadlines(plan, office={}, year_end=YEAR_END)
    after = plan_deadlines(again, office={}, year_end=YEAR_END)
    assert {n: [m.due for m in ms] for n, ms in after.items()} == {
        n: [m.due for m in ms] for n, ms in before.items()
    }
    assert [p.why for p in again.problems] == [
        p.why for p in plan.problems if "待办公室明确" in p.why
    ]


def rows(*body: list[str], before: tuple[list[str], ...] = ()) -> list[RawRow]:
    lines = [*before, HEADER, *body]
    return [(n, cells) for n, cells in enumerate(lines, 1)]


def test_role_columns_are_the_roles_with_no_guessing(registry: Registry):
    plan = workbook_plan(
        rows(
            ["", "一、做好公开"],
            [
                "1",
                "",
                "公开规划，综合科配合",
                "办公室",
                "综合科",
                "机关党委、信息中心",
                "各市（区）分局",
            ],
        ),
        registry,
    )
    [task] = plan.tasks
    assert roles(task) == {
        "办公室": Role.LEAD,
        "综合科": Role.RESPONSIBLE,  # the requirement's "综合科配合" is prose, not a role
        "机关党委": Role.COOPERATE,
        "市环境信息中心": Role.COOPERATE,  # an alias, as anywhere
        "各市（区）分局": Role.REFERENCE,
    }
    assert task.requirement == "公开规划，综合科配合"
    assert plan.sections == (Section(1, "做好公开"),)
    assert task.section == 1


def test_separators_a_clerk_types_between_names(registry: Registry):
    plan = workbook_plan(
        rows(["1", "", "公开", "办公室，综合科\n机关党委；法规与标准科"]), registry
    )
    assert list(roles(plan.tasks[0])) == ["办公室", "综合科", "机关党委", "法规与标准科"]


def test_columns_are_found_by_name_in_any_order(registry: Registry):
    header = ["具体要求", "截止日期", "牵头", "序号", "配合", "负责", "参照落实", "部分"]
    plan = workbook_plan([(1, header), (2, ["公开", "2021-11-30", "办公室", "7"])], registry)
    [task] = plan.tasks
    assert (task.number, task.requirement, roles(task), task.due) == (
        7,
        "公开",
        {"办公室": Role.LEAD},
        (date(2021, 11, 30),),
    )


def test_title_and_issue_date_above_the_header(registry: Registry):
    plan = workbook_plan(
        rows(
            ["1", "", "公开", "办公室"],
            before=(["标题", "某局分工方案"], ["印发日期", "2022年3月1日"]),
        ),
        registry,
    )
    assert (plan.title, plan.issued) == ("某局分工方案", date(2022, 3, 1))


def test_a_clerks_date_wins_over_the_requirements_dates(registry: Registry):
    text = "要分别于2021年11月20日前和2021年12月10日前完成"
    plan = workbook_plan(
        rows(
            ["24", "", text, "办公室", "", "", "", "2021-11-30、2021年12月20日"],
            ["25", "", text, "办公室"],
        ),
        registry,
    )
    first, second = (task_milestones(t, office=(), year_end=YEAR_END) for t in plan.tasks)
    assert [(m.due, m.source) for m in first] == [
        (date(2021, 11, 30), Source.NOTICE),
        (date(2021, 12, 20), Source.NOTICE),
    ]
    assert [(m.due, m.source) for m in second] == [(YEAR_END, Source.DEFAULT)]  # cleared
    assert (
        task_milestones(plan.tasks[0], office=(date(2021, 11, 1),), year_end=YEAR_END)[0].source
        is Source.OFFICE
    )


@pytest.mark.parametrize("bad", ["6月底前", "2021-02-30", "下周"])
def test_an_unreadable_date_is_a_problem(registry: Registry, bad: str):
    plan = workbook_plan(
        rows(["3", "", "公开", "办公室", "", "", "", f"2021-11-30、{bad}"]), registry
    )
    assert plan.tasks[0].due == (date(2021, 11, 30),)
    [problem] = plan.problems
    assert (problem.line, problem.why) == (2, f"第3项的截止日期“{bad}”无法识别，请写成 2022-06-30")


def test_rows_that_cannot_be_tasks_are_problems_and_nothing_else(registry: Registry):
    plan = workbook_plan(
        rows(
            ["1", "", "公开", "办公室"],
            ["1", "", "重复的", "综合科"],
            ["一", "", "中文序号", "综合科"],
            ["", "", "没有序号的新任务", "综合科"],
            ["2", "", "", ""],
            ["3.", "", "序号后多了点", "综合科"],
        ),
        registry,
    )
    assert [(t.number, t.printed) for t in plan.tasks] == [(1, "1"), (2, "2"), (3, "3.")]
    assert [(p.line, p.why) for p in plan.problems] == [
        (3, "序号1重复出现，本行未读入"),
        (4, "序号“一”不是正整数，本行未读入"),
        (5, "这一行没有序号，未读入（新增任务请填写序号）"),
        (6, "第2项没有具体要求"),
        (6, "第2项没有填写牵头、负责、配合或参照落实单位"),
    ]


def test_a_name_the_registry_lacks_is_offered_like_any_notices(registry: Registry):
    plan = workbook_plan(rows(["1", "", "公开", "宣传教育科", "", "各镇街"]), registry)
    assert {(p.name, p.kind) for p in plan.tasks[0].parties} == {
        ("宣传教育科", PartyKind.UNIT),
        ("各镇街", PartyKind.GROUP),
    }
    assert [p.text for p in plan.problems] == ["宣传教育科", "各镇街"]


def test_a_notice_without_the_header_is_read_as_before(plan: Plan, registry: Registry):
    assert (
        workbook_plan(
            [(1, ["工作任务", "具体要求", "责任单位"]), (2, ["一、x", "1. y", "办公室"])], registry
        )
        is None
    )


def test_control_and_bidi_characters_are_not_written(registry: Registry):
    party = (Party("办公室", PartyKind.UNIT, Role.LEAD),)
    plan = Plan("方案\x01\u202e", None, (), (Task(1, 0, "公开\x00规划\x1f", "", party, 1),))
    again = read_back(plan_workbook(plan, YEAR_END), registry)
    assert (again.title, again.tasks[0].requirement) == ("方案", "公开规划")


def test_next_year_in_the_workbook_counts_from_the_signing():
    # A 2023 plan signed in December 2022: 明年7月 is July 2023, as in the deadlines.
    party = (Party("办公室", PartyKind.UNIT, Role.LEAD),)
    task = Task(1, 0, "明年7月份完成改造。", "办公室", party, 1)
    plan = Plan("某局2023年工作要点分工方案", date(2022, 12, 27), (), (task,))
    data = plan_workbook(plan, date(2023, 12, 31))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["分工"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[4][HEADER.index("截止日期")] == "2023-07-31"
