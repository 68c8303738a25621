"""`python -m bot chat --as 综合科 --now …` opens with the nudges due to the unit at that
moment, their choices numbered. From the notice: tasks without a date are due Friday
2021-12-31, nudged five working days earlier on Friday 12-24; 综合科 holds tasks 1, 2, 9 and,
through 各科室（单位）, 8, 11, 13 and 16 — seven tasks in one message. Task 24, due 11-20 and
nudged on 11-15, is 办公室's."""

from __future__ import annotations

from pathlib import Path

from tests.bot.importing.test_import_cli import run_bot


def chat(data: Path, now: str, *lines: str) -> list[str]:
    typed = "".join(f"{line}\n" for line in lines)
    result = run_bot("chat", "--as", "综合科", "--data", str(data), "--now", now, answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n").split("\n\n")


def test_the_nudge_due_now_arrives_and_its_number_reports(tmp_path: Path):
    nudge, done, again = chat(tmp_path / "data", "2021-12-24T09:30:00+08:00", "1", "我科室进展")
    assert nudge.startswith("【工作提醒】综合科：7 项需要关注")
    assert [f"第{n}项" in nudge for n in (1, 2, 8, 9, 11, 13, 16)] == [True] * 7
    assert "[1] 第1项 已完成  [2] 进行中  [3] 有困难  [4] 延期  [5] 第2项 已完成" in nudge
    assert done.startswith("已记录：综合科 第1项（截止 12月31日（周五））已完成")
    assert again.startswith(
        "综合科进展：共 10 项，已报告 1 项，未报告 9 项\n· 第1项（负责）已完成"
    )


def test_with_no_nudge_due_each_line_has_one_reply(tmp_path: Path):
    [answer] = chat(tmp_path / "data", "2021-11-15T09:30:00+08:00", "第24项是什么")
    assert answer.startswith("第24项")
