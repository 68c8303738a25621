"""`python -m bot plan --json` on small notices: the dates they state, in their own year."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.reading.date_words import NO_YEAR
from tests.conftest import ROOT


def plan_json(tmp_path: Path, lines: list[str]) -> dict:
    notice = tmp_path / "notice.txt"
    notice.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "plan", "--json", "--notice", str(notice)]
        + ["--data", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def dues(document: dict) -> dict[int, list[tuple[str, str]]]:
    return {t["number"]: [(d["date"], d["words"]) for d in t["due"]] for t in document["tasks"]}


def test_plan_shows_the_dates_written_in_the_requirements(tmp_path):
    document = plan_json(
        tmp_path,
        [
            "关于印发《某区2022年政务公开工作要点》分工方案的通知",
            "一、做好信息公开",
            "1. 做好政策解读工作，8月前完成。（牵头单位：办公室；配合单位：综合科）",
            "2. 完善网站栏目，每半年更新一次。（牵头单位：办公室）",
            "3. 做好舆情回应，长期坚持。（牵头单位：综合科）",
            "4. 完善公开制度。（牵头单位：办公室）",
        ],
    )
    assert document["year"] == 2022
    assert dues(document) == {
        1: [("2022-07-31", "")],  # 8月前: the day before August
        2: [("2022-06-30", "每半年"), ("2022-12-31", "每半年")],
        3: [],  # continuous: the periodic progress request applies
        4: [("2022-12-31", "")],  # the default: the notice year's end
    }
    assert not any("年份" in p["why"] for p in document["problems"])


def test_a_notice_without_a_year_says_so_and_invents_no_date(tmp_path):
    document = plan_json(
        tmp_path,
        [
            "关于印发政务公开工作要点分工方案的通知",
            "一、做好信息公开",
            "1. 做好政策解读工作，6月底前完成。（牵头单位：办公室）",
            "2. 完善公开制度。（牵头单位：办公室）",
            "3. 建成平台，2023年3月31日前上线。（牵头单位：办公室）",
        ],
    )
    assert document["year"] is None
    assert dues(document) == {1: [], 2: [], 3: [("2023-03-31", "")]}
    assert {"line": 0, "text": "关于印发政务公开工作要点分工方案的通知", "why": NO_YEAR} in (
        document["problems"]
    )


def test_plan_shows_the_dates_of_a_time_limit_column(tmp_path):
    document = plan_json(
        tmp_path,
        [
            "关于印发《某区2021年政务公开工作要点》分工方案的通知",
            "某政办〔2021〕5号",
            "序号\t工作任务\t具体要求\t责任单位\t完成时限",
            "1\t一、信息公开\t做好政策解读工作。\t办公室\t6月底前",
            "2\t一、信息公开\t完善网站栏目。\t办公室\t2021年11月20日前和12月10日前",
            "3\t一、信息公开\t做好舆情回应。\t综合科\t长期坚持",
            "4\t一、信息公开\t报送工作进展。\t办公室\t每季度",
        ],
    )
    assert [t["time_text"] for t in document["tasks"]] == [
        "6月底前",
        "2021年11月20日前和12月10日前",
        "长期坚持",
        "每季度",
    ]
    assert dues(document) == {
        1: [("2021-06-30", "")],
        2: [("2021-11-20", ""), ("2021-12-10", "")],
        3: [],
        4: [(f"2021-{md}", "每季度") for md in ("03-31", "06-30", "09-30", "12-31")],
    }
