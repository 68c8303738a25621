"""The loader on notices of other offices: other units, groups, numbering, layouts and quirks.

Each notice in tests/data is invented and has its own registry. The expected parties of every
task are written out by hand from reading the notice, one parametrized case per task.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.plan import Plan
from bot.reading.loader import load_plan
from bot.registry.units import Registry, load_registry

DATA = Path(__file__).resolve().parents[2] / "data"
NOT_ATTACHED = "不是章节、任务或责任单位，未归入任何任务"

Expected = list[tuple[str, str, str]]


def parties(plan: Plan, number: int) -> Expected:
    task = plan.task(number)
    assert task is not None, f"第{number}项未读到"
    return [(p.name, p.kind, p.role) for p in task.parties]


# --- (a) 青溪区教育局: paragraphs, "一、" sections, "（1）" tasks, inline and line labels -------

EDUCATION = DATA / "qingxi-education-2023.txt"
EDUCATION_UNITS = DATA / "qingxi-education-units.toml"


@pytest.fixture(scope="module")
def education_registry() -> Registry:
    return load_registry(EDUCATION_UNITS)


@pytest.fixture(scope="module")
def education(education_registry: Registry) -> Plan:
    return load_plan(EDUCATION, education_registry)


def test_education_notice_outline(education: Plan):
    assert education.title == "青溪区教育局2023年教育重点工作分工方案"
    assert education.issued == date(2023, 2, 20)
    assert [(s.number, s.title) for s in education.sections] == [
        (1, "推进义务教育优质均衡发展"),
        (2, "加强教师队伍建设"),
        (3, "守牢校园安全底线"),
        (4, "办好人民满意的教育"),
    ]
    assert [(t.number, t.section, t.line) for t in education.tasks] == [
        (1, 1, 19),
        (2, 1, 21),
        (3, 2, 29),
        (4, 2, 32),
        (5, 3, 37),
        (6, 3, 39),
        (8, 4, 45),
        (9, 4, 47),
    ]


EDUCATION_PARTIES: dict[int, Expected] = {
    1: [
        ("基础教育科", "unit", "lead"),
        ("组织人事科", "unit", "cooperate"),
        ("各教育集团", "group", "cooperate"),
    ],
    2: [("基础教育科", "unit", "responsible"), ("各中小学", "group", "responsible")],
    3: [
        ("组织人事科", "unit", "lead"),
        ("教师发展中心", "unit", "cooperate"),
        ("财务科", "unit", "cooperate"),
    ],
    4: [("组织人事科", "unit", "lead")],
    5: [
        ("安全管理科", "unit", "lead"),
        ("区公安分局", "unit", "cooperate"),
        ("各中小学", "group", "cooperate"),
        ("各幼儿园", "group", "cooperate"),
    ],
    6: [
        ("后勤管理中心", "unit", "lead"),
        ("各中小学", "group", "cooperate"),
        ("各幼儿园", "group", "cooperate"),
    ],
    8: [("学生资助管理中心", "unit", "responsible")],
    9: [
        ("督导室", "unit", "lead"),
        ("相关学校", "group", "cooperate"),
        ("各幼儿园", "group", "reference"),
    ],
}
EDUCATION_CASES = {
    1: "inline-labels-pending-group",
    2: "multi-line-then-label-line",
    3: "wrapped-decimal-and-aliases",
    4: "multi-line-inline-labels",
    5: "half-width-inline-unknown-unit",
    6: "two-label-lines",
    8: "inline-alias-after-gap",
    9: "bracket-before-stop-reference",
}


@pytest.mark.parametrize(
    ("number", "expected"), EDUCATION_PARTIES.items(), ids=EDUCATION_CASES.values()
)
def test_education_notice_parties(education: Plan, number: int, expected: Expected):
    assert parties(education, number) == expected


@pytest.mark.parametrize(
    ("number", "requirement"),
    [
        (1, "深化集团化办学，新组建教育集团2个，实现集团化办学覆盖公办中小学比例达到60%以上。"),
        (
            2,
            "推进课后服务提质扩面，课后服务覆盖率保持100%，丰富课后服务课程供给，严禁以课后服务名义组织集体补课。",
        ),
        (3, "实施“强师工程”，安排教师培训经费不少于5.5万元，组织全员培训不少于72学时。"),
        (4, "深化中小学教师“区管校聘”管理改革，推进义务教育学校校长教师交流轮岗。"),
        (5, "开展校园安全隐患排查整治，每学期不少于2次，重点排查消防、食堂、校车等环节。"),
        (6, "落实学生饮用水和食堂食品安全管理责任。"),
        (8, "做好学生资助工作，确保应助尽助。"),
        (9, "配合做好“双减”专项督查，督促问题整改到位"),
    ],
    ids=[f"task-{n}" for n in (1, 2, 3, 4, 5, 6, 8, 9)],
)
def test_education_notice_requirements(education: Plan, number: int, requirement: str):
    assert education.task(number).requirement == requirement


def test_education_notice_problems(education: Plan):
    problems = [(p.line, p.text, p.why) for p in education.problems]
    unknown = [p for p in problems if p[1] == "区公安分局"]
    assert len(unknown) == 1
    assert unknown[0][0] == 37
    assert unknown[0][2].startswith("单位“区公安分局”不在单位名录中")
    assert unknown[0][2].endswith("（第5项）")
    assert [p for p in problems if p[1] != "区公安分局"] == [
        (19, "各教育集团", "统称“各教育集团”的范围待办公室明确（第1项）"),
        (45, "做好学生资助工作，确保应助尽助。", "编号跳过了第7项，可能有任务未读到"),
        (47, "相关学校", "统称“相关学校”不在单位名录中，成员未知（第9项）"),
        (49, "抄送：区委办公室，区政府办公室。", NOT_ATTACHED),
    ]


# --- (b) 兰海市卫生健康局: table with 序号 and separate 牵头/配合 columns --------------------

HEALTH = DATA / "lanhai-health-2022.txt"
HEALTH_UNITS = DATA / "lanhai-health-units.toml"


@pytest.fixture(scope="module")
def health_registry() -> Registry:
    return load_registry(HEALTH_UNITS)


def windows_copy(path: Path, tmp_path: Path) -> Path:
    """The same notice saved the Windows way: UTF-8 with a BOM and CRLF line endings."""
    copy = tmp_path / path.name
    copy.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    return copy


@pytest.fixture(scope="module", params=["as-shipped", "bom-crlf"])
def health(request: pytest.FixtureRequest, health_registry: Registry, tmp_path_factory) -> Plan:
    path = HEALTH
    if request.param == "bom-crlf":
        path = windows_copy(HEALTH, tmp_path_factory.mktemp("health"))
    return load_plan(path, health_registry)


def test_health_notice_outline(health: Plan):
    assert health.title == "兰海市卫生健康局2022年卫生健康重点工作任务清单"
    assert health.issued == date(2022, 3, 15)
    assert [(s.number, s.title) for s in health.sections] == [
        (1, "深化医药卫生体制改革"),
        (2, "提升公共卫生服务能力"),
        (3, "积极应对人口老龄化"),
        (4, "加强卫生健康监督执法"),
        (5, "加强机关自身建设"),
    ]
    assert [(t.number, t.section, t.line) for t in health.tasks] == [
        (1, 1, 18),
        (2, 1, 19),
        (3, 2, 20),
        (4, 2, 23),
        (5, 3, 24),
        (6, 4, 25),
        (7, 5, 26),
        (8, 5, 27),
    ]


HEALTH_PARTIES: dict[int, Expected] = {
    1: [
        ("体制改革处", "unit", "lead"),
        ("医政医管处", "unit", "cooperate"),
        ("财务处", "unit", "cooperate"),
        ("各区卫生健康局", "group", "cooperate"),
    ],
    2: [
        ("医政医管处", "unit", "lead"),
        ("体制改革处", "unit", "cooperate"),
        ("规划发展与信息化处", "unit", "cooperate"),
        ("市医疗保障局", "unit", "cooperate"),
    ],
    3: [
        ("疾病预防控制处", "unit", "lead"),
        ("市疾病预防控制中心", "unit", "cooperate"),
        ("各区卫生健康局", "group", "cooperate"),
    ],
    4: [("疾病预防控制处", "unit", "lead"), ("财务处", "unit", "lead")],
    5: [
        ("老龄健康处（市老龄办）", "unit", "lead"),
        ("基层卫生健康处", "unit", "cooperate"),
        ("各区卫生健康局", "group", "cooperate"),
    ],
    6: [
        ("市卫生健康综合监督执法支队", "unit", "lead"),
        ("医政医管处", "unit", "cooperate"),
        ("各公立医院", "group", "cooperate"),
    ],
    7: [
        ("办公室", "unit", "lead"),
        ("各处室", "group", "cooperate"),
        ("各直属单位", "group", "cooperate"),
    ],
    8: [
        ("办公室", "unit", "lead"),
        ("各处室", "group", "cooperate"),
        ("各直属单位", "group", "cooperate"),
        ("各区卫生健康局", "group", "cooperate"),
    ],
}
HEALTH_CASES = {
    1: "lead-and-cooperate-columns",
    2: "aliases-half-width-commas-unknown",
    3: "page-break-continuation",
    4: "two-leads-empty-cooperate",
    5: "half-width-brackets-in-name",
    6: "pending-group",
    7: "groups",
    8: "semicolons-group-alias",
}


@pytest.mark.parametrize(("number", "expected"), HEALTH_PARTIES.items(), ids=HEALTH_CASES.values())
def test_health_notice_parties(health: Plan, number: int, expected: Expected):
    assert parties(health, number) == expected


@pytest.mark.parametrize(
    ("number", "requirement"),
    [
        (1, "推进紧密型县域医共体建设，完善医共体内部人员、财务、药品统一管理机制。"),
        (2, "推动公立医院高质量发展，开展公立医院绩效考核。"),
        (
            3,
            "巩固适龄儿童免疫规划疫苗接种率在90%以上，完善传染病监测预警机制，做好重点传染病防控工作。",
        ),
        (4, "完成全市公共卫生应急物资储备1.5万件。"),
        (8, "完成年度重点工作任务台账管理，按季度通报进展。"),
    ],
    ids=[f"task-{n}" for n in (1, 2, 3, 4, 8)],
)
def test_health_notice_requirements(health: Plan, number: int, requirement: str):
    assert health.task(number).requirement == requirement


def test_health_notice_problems(health: Plan):
    problems = [(p.line, p.text, p.why) for p in health.problems]
    unknown = [p for p in problems if p[1] == "市医疗保障局"]
    assert len(unknown) == 1
    assert unknown[0][0] == 19
    assert unknown[0][2].startswith("单位“市医疗保障局”不在单位名录中")
    assert unknown[0][2].endswith("（第2项）")
    assert [p for p in problems if p[1] != "市医疗保障局"] == [
        (25, "各公立医院", "统称“各公立医院”的范围待办公室明确（第6项）"),
        (29, "兰海市卫生健康局办公室2022年3月16日印发", NOT_ATTACHED),
    ]


# --- (c) 滨江市自然资源局: "第一部分" sections, "（一）" tasks, 主责/协办 label lines -----------

RESOURCES = DATA / "binjiang-resources-2024.txt"
RESOURCES_UNITS = DATA / "binjiang-resources-units.toml"


@pytest.fixture(scope="module")
def resources() -> Plan:
    return load_plan(RESOURCES, load_registry(RESOURCES_UNITS))


def test_resources_notice_outline(resources: Plan):
    assert resources.title == "滨江市自然资源局2024年法治政府建设工作要点"
    assert resources.issued is None
    assert [(s.number, s.title) for s in resources.sections] == [
        (1, "完善依法行政制度体系"),
        (2, "严格规范公正文明执法"),
    ]
    assert [(t.number, t.section, t.line) for t in resources.tasks] == [
        (1, 1, 4),
        (2, 1, 7),
        (3, 2, 10),
        (4, 2, 12),
    ]
    assert (
        resources.task(3).requirement == "全面推行行政执法“三项制度”，执法全过程记录率达到100%。"
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            1,
            [
                ("政策法规科", "unit", "lead"),
                ("办公室", "unit", "cooperate"),
                ("各分局", "group", "cooperate"),
            ],
        ),
        (
            2,
            [
                ("政策法规科", "unit", "lead"),
                ("各科室", "group", "cooperate"),
                ("各分局", "group", "reference"),
            ],
        ),
        (3, [("执法监督科", "unit", "lead"), ("各分局", "group", "cooperate")]),
        (4, [("执法监督科", "unit", "responsible"), ("政策法规科", "unit", "responsible")]),
    ],
    ids=[
        "zhuze-xieban-lines",
        "responsibility-label-with-role-words",
        "inline-group-alias",
        "responsibility-label-by-duty",
    ],
)
def test_resources_notice_parties(resources: Plan, number: int, expected: Expected):
    assert parties(resources, number) == expected


def test_resources_notice_has_no_problems(resources: Plan):
    assert resources.problems == ()


# --- the test registries themselves -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [EDUCATION_UNITS, HEALTH_UNITS, RESOURCES_UNITS],
    ids=["education", "health", "resources"],
)
def test_every_spelling_in_test_registry_resolves(path: Path):
    registry = load_registry(path)
    for entry in (*registry.units, *registry.groups):
        for spelling in (entry.name, *entry.aliases):
            assert registry.lookup(spelling) is entry, spelling


def test_test_registry_groups_expand(health_registry: Registry, education_registry: Registry):
    districts = health_registry.lookup("各区卫生健康局")
    assert [u.name for u in health_registry.members(districts)] == [
        "东湖区卫生健康局",
        "西岭区卫生健康局",
        "南港区卫生健康局",
    ]
    schools = education_registry.lookup("各中小学")
    assert [u.name for u in education_registry.members(schools)] == [
        "青溪第一中学",
        "青溪实验小学",
    ]
    assert education_registry.lookup("各教育集团").pending
