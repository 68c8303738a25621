"""Other offices' real notices through the command line, as a new office would run it.

One notice per layout that read no task before issue 16's loader work: a table one cell a
line between ``|`` lines (chizhou-xfj), the same with rows that start with an empty cell and
no numbers (bozhou-qiaocheng-town), cells ending in `` |`` with a 责任领导 column
(huoshan-kfq-2025), and a paragraph notice with unlabelled role notes (kunming-guandu-2016).
`python -m bot plan --json` must give the tasks and parties of the hand-written answer key.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.normalize import name_key
from tests.conftest import ROOT

NOTICES = ROOT / "tests" / "data" / "notices"
IDS = ["chizhou-xfj", "bozhou-qiaocheng-town", "huoshan-kfq-2025", "kunming-guandu-2016"]


def _pairs(parties: list[dict]) -> set[tuple[str, str]]:
    return {(name_key(p["name"]), p["role"]) for p in parties}


@pytest.mark.parametrize("notice", IDS)
def test_plan_json_reads_the_answer_key(notice: str, tmp_path):
    key = json.loads((NOTICES / f"{notice}.key.json").read_text(encoding="utf-8"))
    units = tmp_path / "units.toml"
    units.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "plan", "--json", "--units", str(units)]
        + ["--notice", str(NOTICES / key["notice"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    assert [(t["number"], t["printed"]) for t in tasks] == [
        (k["number"], k["printed"]) for k in key["tasks"]
    ]
    for task, expected in zip(tasks, key["tasks"], strict=True):
        assert name_key(task["requirement"]).startswith(name_key(expected["starts"]))
        assert _pairs(task["parties"]) == _pairs(expected["parties"])
