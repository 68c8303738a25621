"""Notices in the containers offices keep them in: Word (.docx), Excel (.xlsx) and text.

The .docx and .xlsx files are built here from the shipped notice's own rows (its text lines,
cut at tabs), the way an office's table holds them, with the section column merged down the
rows of each section. They must read to the plan the text export reads to. The paragraph-style
notice and the bad files are written by hand; their expected values are read off them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from docx.oxml import OxmlElement

from bot.config import load_config
from bot.errors import NoticeError
from bot.importing.registry_file import NewAlias, NewGroup, NewUnit
from bot.importing.review import offers, review_notice
from bot.importing.texts import import_summary, is_yes
from bot.notice_files.importers import (
    decode_text,
    docx_rows,
    load_notice,
    notice_rows,
    read_notice,
    unknown_names,
)
from bot.notices.knowledge import ACTIVE_NOTICE, activate_notice, active_notice, load_knowledge
from bot.plan import PartyKind, Plan, Role
from bot.registry.units import Registry
from tests.conftest import NOTICE

HEADER = ["工作任务", "具体要求", "责任单位"]


def notice_lines() -> tuple[list[str], list[list[str]]]:
    """The shipped notice as its preamble paragraphs and its table rows (header first)."""
    lines = [line for line in NOTICE.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.split("\t") == HEADER)
    return lines[:start], [line.split("\t") for line in lines[start:]]


def section_spans(table: list[list[str]]) -> list[tuple[int, int]]:
    """(first, last) body row of each section: from its named cell to the row before the next."""
    starts = [i for i, row in enumerate(table) if i > 0 and row[0].strip()]
    return list(zip(starts, [*(s - 1 for s in starts[1:]), len(table) - 1], strict=True))


def notice_docx(*, merge: bool) -> bytes:
    preamble, table = notice_lines()
    document = docx.Document()
    for line in preamble:
        document.add_paragraph(line)
    grid = document.add_table(rows=len(table), cols=3)
    for i, row in enumerate(table):
        for j, text in enumerate(row):
            grid.cell(i, j).text = text
    if merge:
        for first, last in section_spans(table):
            if last > first:
                grid.cell(first, 0).merge(grid.cell(last, 0))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def notice_xlsx() -> bytes:
    preamble, table = notice_lines()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in preamble:
        sheet.append([line])
    # the title across the whole table's width, as offices lay it out
    title_row = sheet.max_row
    sheet.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=3)
    top = sheet.max_row + 1
    for row in table:
        sheet.append(row)
    for first, last in section_spans(table):
        if last > first:
            sheet.merge_cells(
                start_row=top + first, start_column=1, end_row=top + last, end_column=1
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def outline(plan: Plan) -> tuple:
    """Everything a plan says except where in the file each thing was found."""
    return (
        plan.title,
        plan.issued,
        plan.sections,
        [(t.number, t.section, t.requirement, t.responsibility, t.parties) for t in plan.tasks],
        [(p.text, p.why) for p in plan.problems],
    )


def check_seed_facts(read: Plan) -> None:
    """Facts of the shipped notice, read off data/notice-2021.txt by hand."""
    assert read.title == "江门市生态环境局2021年政务公开工作要点分工方案"
    assert read.issued == date(2021, 10, 28)
    assert len(read.sections) == 15
    assert [t.number for t in read.tasks] == list(range(1, 35))
    assert read.section(13).title == "加强配套制度建设"
    assert [t.number for t in read.tasks_in(8)] == [15, 16, 17, 18]
    task17 = read.task(17)
    assert task17.requirement.endswith("以解决问题的具体举措实质性回应社会关切。")
    assert [(p.name, p.role) for p in read.task(27).parties] == [
        ("办公室", Role.LEAD),
        ("财务与审计科", Role.COOPERATE),
        ("各市（区）分局", Role.REFERENCE),
    ]
    assert read.task(33).requirement == (
        "建立本部门2021年政务公开工作重点任务台账，明确具体分工、实时跟进推动，确保落实到位。"
    )


# --- the shipped notice in other containers ---------------------------------------------------


@pytest.mark.parametrize("merge", [False, True], ids=["plain-table", "merged-sections"])
def test_docx_table_reads_like_the_text(plan: Plan, registry: Registry, merge: bool):
    read = read_notice(notice_docx(merge=merge), "分工方案.docx", registry)
    check_seed_facts(read)
    assert outline(read) == outline(plan)


def test_xlsx_table_reads_like_the_text(plan: Plan, registry: Registry):
    read = read_notice(notice_xlsx(), "分工方案.xlsx", registry)
    check_seed_facts(read)
    assert outline(read) == outline(plan)


def test_xlsx_rows_keep_excel_row_numbers(registry: Registry):
    preamble, table = notice_lines()
    read = read_notice(notice_xlsx(), "分工方案.xlsx", registry)
    header_row = len(preamble) + 1
    # task 1 is on the first body row, task 3 on the third (Excel numbers rows from 1)
    assert read.task(1).line == header_row + 1
    assert read.task(3).line == header_row + 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"], ids=str)
def test_text_export_in_any_office_encoding(plan: Plan, registry: Registry, encoding: str):
    data = NOTICE.read_text(encoding="utf-8").encode(encoding)
    read = read_notice(data, "通知.TXT", registry)
    assert outline(read) == outline(plan)
    assert [t.line for t in read.tasks] == [t.line for t in plan.tasks]


def test_decode_text_refuses_what_is_no_text():
    with pytest.raises(NoticeError, match="无法识别文本编码"):
        decode_text(b"\xff\xff\xff\x80\x80", "乱码.txt")


# --- hand-written notices ------------------------------------------------------------------------


def paragraph_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("青溪区某局2024年重点工作分工方案")
    document.add_paragraph("2024年3月1日")
    document.add_paragraph("一、加强 政务公开")
    document.add_paragraph("1. 按时更新公开目录。（牵头单位：办公室；配合单位：综合科）")
    # a line break inside one paragraph: the second line is a task of its own
    broken = document.add_paragraph("2. 做好年度报告。")
    broken.add_run().add_break()
    broken.add_run("（牵头单位：综合科）")
    document.add_paragraph("二、做好财政信息公开")
    document.add_paragraph(
        "3.\t公开部门预算。（牵头单位：财务与审计科；配合单位：各市（区）分局）"
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraph_style_docx(registry: Registry):
    read = read_notice(paragraph_docx(), "分工.docx", registry)
    assert read.title == "青溪区某局2024年重点工作分工方案"
    assert read.issued == date(2024, 3, 1)
    assert read.problems == ()
    assert [(s.number, s.title) for s in read.sections] == [
        (1, "加强政务公开"),
        (2, "做好财政信息公开"),
    ]
    assert [(t.number, t.section, t.requirement) for t in read.tasks] == [
        (1, 1, "按时更新公开目录。"),
        (2, 1, "做好年度报告。"),
        (3, 2, "公开部门预算。"),
    ]
    assert [(p.name, p.kind, p.role) for p in read.task(1).parties] == [
        ("办公室", PartyKind.UNIT, Role.LEAD),
        ("综合科", PartyKind.UNIT, Role.COOPERATE),
    ]
    assert [(p.name, p.role) for p in read.task(2).parties] == [("综合科", Role.LEAD)]
    assert [(p.name, p.kind, p.role) for p in read.task(3).parties] == [
        ("财务与审计科", PartyKind.UNIT, Role.LEAD),
        ("各市（区）分局", PartyKind.GROUP, Role.COOPERATE),
    ]


def test_docx_paragraph_positions_count_paragraphs_and_table_rows():
    rows = docx_rows(paragraph_docx(), "分工.docx")
    # paragraph 5 holds a line break: two rows at the same position
    assert [number for number, _ in rows] == [1, 2, 3, 4, 5, 5, 6, 7]
    assert rows[4:6] == [(5, ["2. 做好年度报告。"]), (5, ["（牵头单位：综合科）"])]
    assert rows[6] == (6, ["二、做好财政信息公开"])
    # the tab after "3." is a space: a paragraph is one cell
    assert rows[7] == (
        7,
        ["3. 公开部门预算。（牵头单位：财务与审计科；配合单位：各市（区）分局）"],
    )


def test_docx_paragraphs_inside_a_content_control_are_read(registry: Registry):
    document = docx.Document()
    document.add_paragraph("一、做好规划公开")
    wrapped = document.add_paragraph("1. 公开专项规划。（牵头单位：综合科）")
    document.add_paragraph("2. 公开规划解读。（牵头单位：办公室）")
    # put task 1 inside <w:sdt><w:sdtContent>, as a form template does
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    wrapped._p.addprevious(sdt)
    content.append(wrapped._p)
    out = io.BytesIO()
    document.save(out)
    read = read_notice(out.getvalue(), "控件.docx", registry)
    assert [(t.number, [p.name for p in t.parties]) for t in read.tasks] == [
        (1, ["综合科"]),
        (2, ["办公室"]),
    ]


def test_docx_table_with_merged_cells_and_a_full_width_heading(registry: Registry):
    document = docx.Document()
    document.add_paragraph("某局2024年工作要点分工方案")  # a year, so no problem asks for one
    grid = document.add_table(rows=5, cols=3)
    for j, text in enumerate(HEADER):
        grid.cell(0, j).text = text
    heading = grid.cell(1, 0).merge(grid.cell(1, 2))  # one cell across the table
    heading.text = "一、做好规划公开"
    grid.cell(2, 1).text = "1. 公开专项规划。"
    grid.cell(3, 1).text = "2. 公开规划解读。"
    owner = grid.cell(2, 2).merge(grid.cell(3, 2))  # one owner for both tasks
    owner.text = "综合科牵头，办公室配合"
    # task 2's requirement cell spans a further row, whose owner cell is empty
    requirement = grid.cell(3, 1).merge(grid.cell(4, 1))
    assert requirement.text.startswith("2.")
    out = io.BytesIO()
    document.save(out)
    read = read_notice(out.getvalue(), "合并.docx", registry)
    assert [(s.number, s.title) for s in read.sections] == [(1, "做好规划公开")]
    assert [(t.number, t.requirement) for t in read.tasks] == [
        (1, "公开专项规划。"),
        (2, "公开规划解读。"),
    ]
    for number in (1, 2):
        assert [(p.name, p.role) for p in read.task(number).parties] == [
            ("综合科", Role.LEAD),
            ("办公室", Role.COOPERATE),
        ]
        assert read.task(number).responsibility == "综合科牵头，办公室配合"
    assert read.problems == ()


def test_xlsx_with_number_lead_and_cooperate_columns(registry: Registry):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["某局2022年工作要点分工方案"])
    sheet.append([date(2022, 3, 8)])  # the date typed into a cell Excel made a date
    sheet.append(["序号", "重点任务", "具体措施", "牵头单位", "配合单位"])
    sheet.append([1, "一、做好财政信息公开", "公开部门预算。", "财务与审计科", "办公室，综合科"])
    sheet.append([2.0, None, "公开部门决算。", "财务与审计科", "/"])
    sheet.append([3, "二、加强政策解读", "做好政策解读。", "办公室", None])
    out = io.BytesIO()
    workbook.save(out)
    read = read_notice(out.getvalue(), "表格.xlsx", registry)
    assert read.title == "某局2022年工作要点分工方案"
    assert read.issued == date(2022, 3, 8)
    assert [(t.number, t.section, t.requirement, t.line) for t in read.tasks] == [
        (1, 1, "公开部门预算。", 4),
        (2, 1, "公开部门决算。", 5),
        (3, 2, "做好政策解读。", 6),
    ]
    assert [(p.name, p.role) for p in read.task(1).parties] == [
        ("财务与审计科", Role.LEAD),
        ("办公室", Role.COOPERATE),
        ("综合科", Role.COOPERATE),
    ]
    assert [(p.name, p.role) for p in read.task(2).parties] == [("财务与审计科", Role.LEAD)]


def test_xlsx_sheets_follow_one_another(registry: Registry):
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.append(["一、做好规划公开"])
    first.append(["1. 公开专项规划。（牵头单位：综合科）"])
    second = workbook.create_sheet("续表")
    second.append(["2. 公开规划解读。（牵头单位：办公室）"])
    out = io.BytesIO()
    workbook.save(out)
    read = read_notice(out.getvalue(), "两页.xlsx", registry)
    assert [(t.number, t.line) for t in read.tasks] == [(1, 2), (2, 3)]
    assert [p.name for p in read.task(2).parties] == ["办公室"]


# --- unknown units and the summary ---------------------------------------------------------------


def notice_with_unknown_names() -> bytes:
    document = docx.Document()
    document.add_paragraph("某局2024年工作要点分工方案")  # a year, so no problem asks for one
    document.add_paragraph("一、做好规划公开")
    document.add_paragraph("1. 公开专项规划。（牵头单位：综合科室；配合单位：宣传教育科）")
    document.add_paragraph("2. 公开规划解读。（牵头单位：办公室；配合单位：各街道办事处）")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_unknown_names_with_the_closest_known(registry: Registry):
    read = read_notice(notice_with_unknown_names(), "新单位.docx", registry)
    unknown = unknown_names(read, registry)
    assert [(u.name, u.kind, u.tasks) for u in unknown] == [
        ("综合科室", PartyKind.UNIT, (1,)),
        ("宣传教育科", PartyKind.UNIT, (1,)),
        ("各街道办事处", PartyKind.GROUP, (2,)),
    ]
    # 综合科 is written inside 综合科室
    assert unknown[0].closest is not None
    assert unknown[0].closest.entry.name == "综合科"


def test_summary_lists_what_was_read(registry: Registry):
    read = read_notice(notice_with_unknown_names(), "新单位.docx", registry)
    summary = import_summary("新单位.docx", read, registry, unknown_names(read, registry))
    lines = summary.splitlines()
    assert lines[0] == "读入文件：新单位.docx"
    assert "共 1 个部分，2 项任务：" in lines
    assert "  一、做好规划公开（2 项：第1至2项）" in lines
    assert "涉及单位（1 个）：办公室" in lines
    assert "涉及统称（0 个）：无" in lines
    assert "单位名录中没有的名称（3 个）：" in lines
    assert any(line.startswith("  · 综合科室（第1项）—— 最接近的是“综合科”") for line in lines)
    assert "其他问题：无" in lines  # the unknown names are not listed twice


def test_summary_of_the_shipped_notice(plan: Plan, registry: Registry):
    summary = import_summary("notice-2021.txt", plan, registry, unknown_names(plan, registry))
    assert "共 15 个部分，34 项任务：" in summary
    assert "  八、切实增强回应关切效果（4 项：第15至18项）" in summary
    assert "  五、做好常态化疫情防控信息公开（1 项：第9项）" in summary
    assert "单位名录中没有的名称" not in summary
    # the four groups whose scope the office has still to settle, as read off the notice
    assert "其他问题（4 条）：" in summary


@pytest.mark.parametrize(
    ("answer", "yes"),
    [
        ("y\n", True),
        ("Y", True),
        ("是\n", True),
        ("n\n", False),
        ("", False),
        ("yes please", False),
    ],
)
def test_is_yes(answer: str, yes: bool):
    assert is_yes(answer) is yes


# --- bad files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("通知.pdf", b"%PDF-1.7\n", "通知文件 通知.pdf 有误：不是有效的 PDF 文件"),
        (
            "通知.doc",
            b"\xd0\xcf\x11\xe0",
            "通知文件 通知.doc 有误：旧版 Word 文件（.doc）无法读取",
        ),
        ("通知", b"1. x", "通知文件 通知 有误：不支持的文件类型“无扩展名”"),
        ("通知.odt", b"PK", "通知文件 通知.odt 有误：不支持的文件类型“.odt”"),
        (
            "坏的.docx",
            b"PK\x03\x04 not really a zip",
            "通知文件 坏的.docx 有误：不是有效的 .docx 文件",
        ),
        ("坏的.xlsx", b"\x00" * 64, "通知文件 坏的.xlsx 有误：不是有效的 .xlsx 文件"),
    ],
    ids=["pdf", "doc", "no-suffix", "odt", "corrupt-docx", "corrupt-xlsx"],
)
def test_bad_files_are_refused_in_chinese(
    registry: Registry, filename: str, data: bytes, message: str
):
    with pytest.raises(NoticeError) as caught:
        read_notice(data, filename, registry)
    assert str(caught.value).startswith(message)


def test_a_password_protected_docx_is_refused(registry: Registry):
    # Office keeps an encrypted .docx in an OLE compound file, as it keeps a .doc
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(NoticeError, match="这是设置了密码或旧版格式的文件，请去掉密码"):
        read_notice(ole, "加密.docx", registry)


def test_a_truncated_docx_is_refused(registry: Registry):
    data = notice_docx(merge=False)
    with pytest.raises(NoticeError, match="不是有效的 .docx 文件"):
        read_notice(data[: len(data) // 2], "半个.docx", registry)


def test_a_package_that_unpacks_too_big_is_refused(registry: Registry):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\x00" * (65 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024  # small on the wire, as a zip bomb is
    with pytest.raises(NoticeError, match="解压后超过 20 MB"):
        read_notice(out.getvalue(), "炸弹.docx", registry)


def test_a_workbook_named_docx_is_refused(registry: Registry):
    with pytest.raises(NoticeError, match="不是有效的 .docx 文件"):
        read_notice(notice_xlsx(), "其实是表格.docx", registry)


def test_a_document_named_xlsx_is_refused(registry: Registry):
    with pytest.raises(NoticeError, match="不是有效的 .xlsx 文件"):
        read_notice(paragraph_docx(), "其实是文档.xlsx", registry)


def test_a_docx_without_tasks_is_refused(registry: Registry):
    document = docx.Document()
    document.add_paragraph("关于召开会议的通知")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(NoticeError, match="没有读到任何编号任务"):
        read_notice(out.getvalue(), "会议.docx", registry)


def test_load_notice_names_the_path(tmp_path: Path, registry: Registry):
    missing = tmp_path / "没有.docx"
    with pytest.raises(NoticeError, match=f"通知文件 {missing} 有误：无法打开"):
        load_notice(missing, registry)
    broken = tmp_path / "坏的.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(NoticeError, match=f"通知文件 {broken} 有误：不是有效的 .docx 文件"):
        load_notice(broken, registry)


# --- the imported notice is the one in force -----------------------------------------------------

AT = datetime(2021, 11, 15, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_without_an_import_the_configured_notice_is_used(tmp_path: Path):
    config = replace(load_config(None), data_dir=tmp_path)
    assert active_notice(config) == config.notice


def test_an_imported_notice_wins_over_the_configured_one(tmp_path: Path):
    config = replace(load_config(None), data_dir=tmp_path)
    stored = activate_notice(tmp_path, "分工.docx", paragraph_docx(), at=AT)
    assert stored == tmp_path / "notices" / "分工.docx"
    assert stored.read_bytes() == paragraph_docx()
    assert active_notice(config) == stored
    know = load_knowledge(config)
    assert [t.number for t in know.plan.tasks] == [1, 2, 3]
    assert know.plan.issued == date(2024, 3, 1)
    # a notice given on the command line still wins
    shipped = load_knowledge(config, imported=False)
    assert len(shipped.plan.tasks) == 34


def test_activation_keeps_only_the_file_name(tmp_path: Path):
    stored = activate_notice(tmp_path, '../..\\x/通"知.txt', NOTICE.read_bytes(), at=AT)
    assert stored == tmp_path / "notices" / "通_知.txt"
    text = (tmp_path / ACTIVE_NOTICE).read_text(encoding="utf-8")
    assert 'file = "通_知.txt"' in text
    assert {p.name for p in tmp_path.iterdir()} == {"notices", ACTIVE_NOTICE}  # no temp files


@pytest.mark.parametrize(
    ("pointer", "message"),
    [
        ("[notice\n", "格式错误"),
        ('[notice]\nfile = "../units.toml"\n', "[notice] file 应是 notices 目录中的文件名"),
        ('[notice]\nfile = "gone.docx"\n', "启用的通知"),
    ],
    ids=["bad-toml", "outside-notices", "missing-file"],
)
def test_a_broken_pointer_is_an_error_not_a_fallback(tmp_path: Path, pointer: str, message: str):
    (tmp_path / ACTIVE_NOTICE).write_text(pointer, encoding="utf-8")
    config = replace(load_config(None), data_dir=tmp_path)
    with pytest.raises(NoticeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        active_notice(config)


def test_what_the_office_may_do_with_each_unknown_name(registry: Registry):
    read = read_notice(notice_with_unknown_names(), "新单位.docx", registry)
    rows = notice_rows(notice_with_unknown_names(), "新单位.docx")
    review = review_notice(rows, "新单位.docx", registry, None)
    assert review.plan == read
    assert review.diff is None
    centre, new_unit, group = offers(review)
    # 综合科 is written inside 综合科室: its alias comes first
    assert centre.choices == (
        NewAlias("综合科室", "综合科"),
        NewUnit("综合科室", "科室"),
        NewUnit("综合科室", "党组织"),
        NewUnit("综合科室", "直属事业单位"),
        NewUnit("综合科室", "分局"),
        NewGroup("综合科室"),  # any name may be made a group
        None,
    )
    # the kinds of data/units.toml, 科室 (the name's ending) first, then a group
    kinds = [getattr(c, "kind", "group") for c in new_unit.choices[:-1]]
    assert kinds == ["科室", "党组织", "直属事业单位", "分局", "group"]
    assert new_unit.choices[-1] is None
    assert group.choices == (NewGroup("各街道办事处"), None)
