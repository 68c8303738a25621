"""The office finishes the job in a spreadsheet, from a terminal: ``plan --xlsx``, a clerk's edit,
``import`` of the edited workbook, and the plan then in force shows exactly the edit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.bot.importing.test_import_cli import chat, run_bot
from tests.bot.workbook.workbook_edits import TASK_1, clerk_edit
from tests.conftest import UNITS


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[data]\npath = "data"\n', encoding="utf-8")
    return path


def plan_json(config: Path) -> dict:
    result = run_bot("plan", "--config", str(config), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def essentials(task: dict) -> tuple:
    parties = sorted((p["name"], p["role"]) for p in task["parties"])
    due = [(d["date"], d["source"]) for d in task["due"]]
    return task["section"], task["requirement"], parties, due


def test_plan_xlsx_edited_by_a_clerk_and_imported_back(config: Path, tmp_path: Path):
    before = {t["number"]: essentials(t) for t in plan_json(config)["tasks"]}
    book = tmp_path / "分工表.xlsx"
    written = run_bot("plan", "--config", str(config), "--xlsx", str(book))
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(f"已写入 {book}：34 项任务。")
    book.write_bytes(clerk_edit(book.read_bytes()))

    result = run_bot("import", str(book), "--config", str(config), "--yes")
    assert result.returncode == 0, result.stderr
    assert "共 15 个部分，33 项任务：" in result.stdout
    assert "【修订对比】新增 0 项，删除 1 项，修改 3 项，未变 30 项" in result.stdout
    assert "第19项：市环境信息中心：配合 → 牵头" in result.stdout
    assert "第2项：增加 机关党委（配合）" in result.stdout
    assert "删除：原第34项 将本要点落实情况" in result.stdout

    after = {t["number"]: essentials(t) for t in plan_json(config)["tasks"]}
    expected = dict(before)
    del expected[34]
    section, _, parties, due = before[1]
    expected[1] = (section, TASK_1, parties, due)
    section, requirement, parties, due = before[19]
    expected[19] = (
        section,
        requirement,
        sorted([("法规与标准科", "lead"), ("市环境信息中心", "lead")]),
        due,
    )
    section, requirement, parties, due = before[2]
    expected[2] = (section, requirement, sorted([*parties, ("机关党委", "cooperate")]), due)
    assert before[24][3] == [("2021-11-20", "通知原文"), ("2021-12-10", "通知原文")]
    expected[24] = (*before[24][:3], [("2021-11-30", "通知原文")])  # the clerk's date wins
    expected[5] = (*before[5][:3], [("2021-12-15", "通知原文")])
    assert after == expected

    answers = chat(config, "机关党委", "第19项", "我科室负责什么")
    assert "牵头：法规与标准科、市环境信息中心" in answers
    assert "· 第2项 " in answers.split("【配合")[1]  # 机关党委, added by the clerk


def test_several_notices_need_of(config: Path, tmp_path: Path):
    extra = tmp_path / "另一通知.txt"
    extra.write_text(
        "某局2024年工作要点分工方案\n一、做好公开\n1. 公开规划。（牵头单位：办公室）\n",
        encoding="utf-8",
    )
    added = run_bot("import", str(extra), "--config", str(config), "--new", "--yes")
    assert added.returncode == 0, added.stderr
    book = tmp_path / "分工表.xlsx"
    refused = run_bot("plan", "--config", str(config), "--xlsx", str(book))
    assert (refused.returncode, refused.stderr) == (
        2,
        "有几个通知在用：请用 --of 简称 指明导出哪一个。\n",
    )
    assert not book.exists()


def test_an_unknown_name_and_a_bad_date_are_put_to_the_office(config: Path, tmp_path: Path):
    units = tmp_path / "units.toml"
    shutil.copyfile(UNITS, units)
    with config.open("a", encoding="utf-8") as file:
        file.write('[registry]\npath = "units.toml"\n')
    path = tmp_path / "分工表.xlsx"
    assert run_bot("plan", "--config", str(config), "--xlsx", str(path)).returncode == 0
    book = openpyxl.load_workbook(path)
    sheet = book["分工"]
    row = next(c.row for c in sheet["A"] if c.value == "3")
    sheet.cell(row, 4, "宣传教育科")  # 牵头
    sheet.cell(row, 8, "6月底前")  # 截止日期 without a year
    book.save(path)

    result = run_bot(
        "import", str(path), "--config", str(config), "--add-unit", "宣传教育科=科室", "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert "  · 宣传教育科（第3项）—— 如是新单位，请加入单位名录" in result.stdout
    assert "第3项的截止日期“6月底前”无法识别，请写成 2022-06-30" in result.stdout
    assert "已加入单位名录：新单位“宣传教育科”（科室" in result.stdout
    [task] = [t for t in plan_json(config)["tasks"] if t["number"] == 3]
    assert ("宣传教育科", "lead") in [(p["name"], p["role"]) for p in task["parties"]]
    assert [d["source"] for d in task["due"]] == ["默认"]
    assert "第3项" in chat(config, "宣传教育科", "我科室负责什么")
