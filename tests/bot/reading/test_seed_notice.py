"""A second, independent reading of the shipped notice data/notice-2021.txt.

Every expected value below was written by hand from the notice text and the naming
rules (data/units.toml), not taken from the loader's output.
"""

import datetime
import re

import pytest

from bot.plan import PartyKind, Role

# Shorthand for the table below.
U, G = "unit", "group"
LEAD, RESP, COOP, REF = "lead", "responsible", "cooperate", "reference"

OFFICE = "办公室"
GENERAL = "综合科"
LAW = "法规与标准科"
FINANCE = "财务与审计科"
EIA = "环境影响评价与排放管理科"
SOLID = "固体废物与核（辐射）安全管理科"
ENF1 = "执法一科"
ENF2 = "执法二科"
PARTY_CTTEE = "机关党委"
INFO = "市环境信息中心"

ALL_OFFICES = "各科室（单位）"
CONCERNED = "各有关科室（单位）"
RELEVANT = "各相关科室（单位）"
BRANCHES = "各市（区）分局"
INSTITUTIONS = "各直属事业单位"
APPROVERS = "具有审批职能的各相关科室"
PLANNERS = "具有编制专项规划任务的科室"

SECTIONS = [
    (1, "做好各类规划主动公开"),
    (2, "做好监管执法信息公开"),
    (3, "做好财政信息公开"),
    (4, "做好政府网站专栏信息公开"),
    (5, "做好常态化疫情防控信息公开"),
    (6, "持续加强重大政策发布解读"),
    (7, "不断改进政策解读工作方式"),
    (8, "切实增强回应关切效果"),
    (9, "做好政务信息管理工作"),
    (10, "完善政务公开平台"),
    (11, "推进基层政务公开标准化规范化"),
    (12, "提高依申请公开工作质量"),
    (13, "加强配套制度建设"),
    (14, "加强工作指导"),
    (15, "狠抓任务落实"),
]

# task number -> section number it sits under
EXPECTED_SECTION: dict[int, int] = {
    1: 1,
    2: 1,
    3: 2,
    4: 2,
    5: 3,
    6: 3,
    7: 4,
    8: 4,
    9: 5,
    10: 6,
    11: 6,
    12: 7,
    13: 7,
    14: 7,
    15: 8,
    16: 8,
    17: 8,
    18: 8,
    19: 9,
    20: 10,
    21: 10,
    22: 10,
    23: 11,
    24: 11,
    25: 12,
    26: 12,
    27: 12,
    28: 13,
    29: 13,
    30: 14,
    31: 14,
    32: 14,
    33: 15,
    34: 15,
}

# task number -> parties in the order written: (canonical name, kind, role)
EXPECTED_PARTIES: dict[int, list[tuple[str, str, str]]] = {
    # 综合科、具有编制专项规划任务的科室
    1: [(GENERAL, U, RESP), (PLANNERS, G, RESP)],
    # 综合科牵头，各有关科室（单位）配合
    2: [(GENERAL, U, LEAD), (CONCERNED, G, COOP)],
    # 具有审批职能的各相关科室；各市（区）分局
    3: [(APPROVERS, G, RESP), (BRANCHES, G, RESP)],
    # 法规与标准科、执法一科、执法二科；各市（区）分局
    4: [(LAW, U, RESP), (ENF1, U, RESP), (ENF2, U, RESP), (BRANCHES, G, RESP)],
    # 财务与审计科牵头，各直属事业单位配合
    5: [(FINANCE, U, LEAD), (INSTITUTIONS, G, COOP)],
    # 各市（区）分局
    6: [(BRANCHES, G, RESP)],
    # 市环境信息中心牵头，各有关科室（单位）配合
    7: [(INFO, U, LEAD), (CONCERNED, G, COOP)],
    # 各科室（单位）
    8: [(ALL_OFFICES, G, RESP)],
    # 综合科、机关党委；各市（区）分局
    9: [(GENERAL, U, RESP), (PARTY_CTTEE, U, RESP), (BRANCHES, G, RESP)],
    # 环境影响评价与排放管理科牵头，各科室（单位）配合
    10: [(EIA, U, LEAD), (ALL_OFFICES, G, COOP)],
    # 各科室（单位）
    11: [(ALL_OFFICES, G, RESP)],
    # 办公室牵头，各科室（单位）配合
    12: [(OFFICE, U, LEAD), (ALL_OFFICES, G, COOP)],
    # 各科室（单位）；各市（区）分局
    13: [(ALL_OFFICES, G, RESP), (BRANCHES, G, RESP)],
    # 办公室；各市（区）分局
    14: [(OFFICE, U, RESP), (BRANCHES, G, RESP)],
    # 办公室牵头，各相关科室（单位）配合
    15: [(OFFICE, U, LEAD), (RELEVANT, G, COOP)],
    # 各科室（单位）；各市（区）分局
    16: [(ALL_OFFICES, G, RESP), (BRANCHES, G, RESP)],
    # 办公室、信息中心、执法二科牵头，各科室（单位）配合
    17: [(OFFICE, U, LEAD), (INFO, U, LEAD), (ENF2, U, LEAD), (ALL_OFFICES, G, COOP)],
    # 办公室、信息中心、执法二科
    18: [(OFFICE, U, RESP), (INFO, U, RESP), (ENF2, U, RESP)],
    # 法规与标准科牵头，信息中心配合
    19: [(LAW, U, LEAD), (INFO, U, COOP)],
    # 环境影响评价与排放管理科
    20: [(EIA, U, RESP)],
    # 办公室、信息中心；各市（区）分局
    21: [(OFFICE, U, RESP), (INFO, U, RESP), (BRANCHES, G, RESP)],
    # 办公室、信息中心
    22: [(OFFICE, U, RESP), (INFO, U, RESP)],
    # 办公室；各市（区）分局
    23: [(OFFICE, U, RESP), (BRANCHES, G, RESP)],
    # 办公室牵头，各相关科室（单位）配合
    24: [(OFFICE, U, LEAD), (RELEVANT, G, COOP)],
    # 办公室，各相关科室（单位）配合；各市（区）分局
    25: [(OFFICE, U, RESP), (RELEVANT, G, COOP), (BRANCHES, G, RESP)],
    # 办公室，各相关科室（单位）配合；各市（区）分局
    26: [(OFFICE, U, RESP), (RELEVANT, G, COOP), (BRANCHES, G, RESP)],
    # 办公室牵头,财务与审计科配合; 各市(区)分局参照落实
    27: [(OFFICE, U, LEAD), (FINANCE, U, COOP), (BRANCHES, G, REF)],
    # 执法一科、执法二科、环境影响评价与排放管理科、固体废物与核(辐射)安全管理科按职责分工落实
    28: [(ENF1, U, RESP), (ENF2, U, RESP), (EIA, U, RESP), (SOLID, U, RESP)],
    # 办公室,各相关科室(单位)配合; 各市(区)分局
    29: [(OFFICE, U, RESP), (RELEVANT, G, COOP), (BRANCHES, G, RESP)],
    # 办公室;各市(区)分局
    30: [(OFFICE, U, RESP), (BRANCHES, G, RESP)],
    # <p>办公室</p>
    31: [(OFFICE, U, RESP)],
    # <p>办公室；各市（区）分局</p>
    32: [(OFFICE, U, RESP), (BRANCHES, G, RESP)],
    # <p>办公室</p>
    33: [(OFFICE, U, RESP)],
    # <p>办公室</p>
    34: [(OFFICE, U, RESP)],
}

# Pending groups (no members in data/units.toml) -> the tasks that name them.
PENDING_GROUPS: dict[str, list[int]] = {
    CONCERNED: [2, 7],
    RELEVANT: [15, 24, 25, 26, 29],
    APPROVERS: [3],
    PLANNERS: [1],
}

TASK_NUMBERS = list(range(1, 35))


def test_tables_cover_all_34_tasks():
    assert sorted(EXPECTED_PARTIES) == TASK_NUMBERS
    assert sorted(EXPECTED_SECTION) == TASK_NUMBERS


def test_title_and_issued_date(plan):
    assert plan.title == "江门市生态环境局2021年政务公开工作要点分工方案"
    assert plan.issued == datetime.date(2021, 10, 28)


def test_sections(plan):
    assert [(s.number, s.title) for s in plan.sections] == SECTIONS
    assert plan.section(13).title == "加强配套制度建设"


def test_task_numbers_once_each_in_order(plan):
    assert [t.number for t in plan.tasks] == TASK_NUMBERS


@pytest.mark.parametrize("number", TASK_NUMBERS, ids=[f"task-{n}" for n in TASK_NUMBERS])
def test_task_section(plan, number):
    task = plan.task(number)
    assert task is not None
    assert task.section == EXPECTED_SECTION[number]


@pytest.mark.parametrize("number", TASK_NUMBERS, ids=[f"task-{n}" for n in TASK_NUMBERS])
def test_task_parties(plan, number):
    task = plan.task(number)
    assert task is not None
    got = [(p.name, p.kind.value, p.role.value) for p in task.parties]
    assert got == EXPECTED_PARTIES[number]


def test_tasks_in_each_section(plan):
    for number, _title in SECTIONS:
        expected = [n for n, s in EXPECTED_SECTION.items() if s == number]
        assert [t.number for t in plan.tasks_in(number)] == expected, number


def test_enum_values_used_by_the_table():
    # The table spells kinds and roles as strings; make sure they are the enum values.
    assert {U, G} == {k.value for k in PartyKind}
    assert {LEAD, RESP, COOP, REF} == {r.value for r in Role}


# ---- requirement and responsibility text of rows with quirks ----


def test_task_7_without_space_after_number(plan):
    assert plan.task(7).requirement == "按省政府考核要求，每年至少更新一次“开放江门”数据集。"
    assert plan.task(8).requirement == "及时反馈网民对调查征集信息的意见。"


def test_task_17_page_break_continuation(plan):
    task = plan.task(17)
    assert task.requirement == (
        "认真做好政务舆情（政务新媒体后台留言）和“省长留言信箱”“12345”政府热线等"
        "各类留言信息的办理工作，以解决问题的具体举措实质性回应社会关切。"
    )
    assert task.responsibility == "办公室、信息中心、执法二科牵头，各科室（单位）配合"
    assert not any(t.requirement.startswith("措实质性") for t in plan.tasks)


def test_task_18_follows_the_continuation(plan):
    task = plan.task(18)
    assert task.requirement == (
        "认真做好舆情回应工作，认真核查已作出的承诺的跟踪落实及公开情况，切实维护政府公信力。"
    )
    assert task.section == 8


def test_task_24_both_deadlines(plan):
    requirement = plan.task(24).requirement
    assert "2021年11月20日前" in requirement
    assert "2021年12月10日前" in requirement
    assert requirement == (
        "要分别于2021年11月20日前和2021年12月10日前完成主动公开基层目录编制，"
        "并统一在政府信息公开平台上对外发布。"
    )


def test_task_27_half_width_punctuation(plan):
    task = plan.task(27)
    assert task.requirement == (
        "正确适用《政府信息公开信息处理费管理办法》，严格依照规定的标准、程序、方式计收信息处理费。"
    )
    assert task.responsibility == "办公室牵头，财务与审计科配合；各市（区）分局参照落实"


def test_task_28_half_width_punctuation(plan):
    task = plan.task(28)
    assert task.requirement == (
        "做好生态环境领域的公共企事业单位环境信息公开工作，主动对接上级部门做好工作衔接开展，"
        "依法对公共企事业单位环境信息公开工作做好指导和监督，"
        "依法处理对有关公共企事业单位环境信息公开的申诉。"
    )
    assert task.responsibility == (
        "执法一科、执法二科、环境影响评价与排放管理科、固体废物与核（辐射）安全管理科按职责分工落实"
    )


def test_task_29_half_width_punctuation(plan):
    task = plan.task(29)
    assert task.requirement == (
        "严格落实《国务院办公厅政府信息公开年度报告有关事项的通知》（国办公开办函〔2019〕60号）"
        "文件要求，规范政府信息公开工作年度报告格式和内容，提高年报基础性数据的准确度，"
        "强化数据的分析提炼，多用图表形式向社会公开更多有价值的基础性数据，"
        "进一步提升政府信息公开工作年度报告质量。"
    )
    assert task.responsibility == "办公室，各相关科室（单位）配合；各市（区）分局"


def test_task_30_half_width_punctuation(plan):
    task = plan.task(30)
    assert task.requirement == (
        "本部门主要负责同志、各市（区）分局主要负责同志每年至少听取1次政务公开工作汇报，"
        "专题研究部署政务公开工作。"
    )
    assert task.responsibility == "办公室；各市（区）分局"


def test_no_half_width_punctuation_left(plan):
    for task in plan.tasks:
        for text in (task.requirement, task.responsibility):
            assert not set(text) & set(",;:()"), (task.number, text)


def test_tasks_31_to_34_without_p_tags(plan):
    for task in plan.tasks:
        assert "<" not in task.requirement, task.number
        assert ">" not in task.requirement, task.number
    assert plan.task(31).requirement == (
        "加强队伍建设，定期组织开展政府信息公开工作培训和研讨交流，不断提升业务能力。"
        "加强基层政府政策解读、依申请公开工作业务培训和案例指导。"
    )
    assert plan.task(32).requirement == (
        "正确对待社会上各类政务公开第三方评估结果，原则上不以行政机关名义领取民间奖励，"
        "不选择性参加评估结果对本机关有利的发布会、论坛等相关活动。"
    )
    assert plan.task(34).requirement == (
        "将本要点落实情况纳入政府信息公开工作年度报告予以公开，接受社会监督。"
    )


def test_responsibilities_31_to_34_without_p_tags(plan):
    assert plan.task(31).responsibility == "办公室"
    assert plan.task(32).responsibility == "办公室；各市（区）分局"
    assert plan.task(33).responsibility == "办公室"
    assert plan.task(34).responsibility == "办公室"


def test_task_33_spaces_around_digits_removed(plan):
    task = plan.task(33)
    assert "本部门2021年政务公开工作重点任务台账" in task.requirement
    assert task.requirement == (
        "建立本部门2021年政务公开工作重点任务台账，明确具体分工、实时跟进推动，确保落实到位。"
    )


def test_no_requirement_keeps_its_number(plan):
    for task in plan.tasks:
        assert not re.match(r"\s*\d+[.．、]", task.requirement), task.number
        assert " " not in task.requirement, task.number
        assert " " not in task.responsibility, task.number


# ---- problems ----


def test_one_problem_per_pending_group_and_nothing_else(plan):
    assert len(plan.problems) == len(PENDING_GROUPS), plan.problems
    for group, numbers in PENDING_GROUPS.items():
        matching = [p for p in plan.problems if group in p.why]
        assert len(matching) == 1, (group, plan.problems)
        why = matching[0].why
        assert "待办公室明确" in why
        for n in numbers:
            assert f"第{n}项" in why, (group, n, why)
        mentioned = sorted(int(n) for n in re.findall(r"第(\d+)项", why))
        assert mentioned == numbers, (group, why)
