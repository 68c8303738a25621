"""A leader's 批示 in words: each form read into (task, words as typed), and what is no 批示."""

from __future__ import annotations

import pytest

from bot.grammar import intents as i
from bot.grammar.instructions import instruction, on_task
from bot.grammar.vocabulary import Vocabulary
from tests.bot.grammar.conftest import read


@pytest.mark.parametrize(
    ("line", "task", "words"),
    [
        ("批示 第24项：请抓紧推进，11月底前完成。", 24, "请抓紧推进，11月底前完成。"),
        ("批示第24项 请抓紧", 24, "请抓紧"),
        ("批示：第二十四项 请抓紧", 24, "请抓紧"),
        ("领导批示：第24项 请抓紧", 24, "请抓紧"),
        ("第24项批示：请抓紧推进", 24, "请抓紧推进"),
        ("对第24项批示：请抓紧推进", 24, "请抓紧推进"),
        ("24项批示：加快", 24, "加快"),
        ("批示 24 请抓紧", 24, "请抓紧"),
        ("批示 第 24 项：请抓紧", 24, "请抓紧"),
        # the words as typed: full-width digits, list markers and other tasks stay
        ("批示 第２４项：１.加快进度；2.月底前完成", 24, "１.加快进度；2.月底前完成"),
        ("第24项批示：与第25项一并推进", 24, "与第25项一并推进"),
        # a 批示 may ask: the keyword makes it one
        ("批示 第24项：为何逾期？请说明", 24, "为何逾期？请说明"),
        # a task named further on is the task; the words keep it
        ("批示：请就第24项抓紧推进", 24, "请就第24项抓紧推进"),
        # what is missing is asked for by the flow
        ("批示：请抓紧", None, "请抓紧"),
        ("批示 第24项", 24, ""),
        ("批示", None, ""),
    ],
    ids=[
        "keyword-task-colon",
        "keyword-glued",
        "chinese-number",
        "leader-keyword",
        "task-then-keyword",
        "dui-task",
        "bare-xiang",
        "bare-number",
        "spaced-reference",
        "typed-as-is",
        "other-task-in-words",
        "asking-words",
        "task-inside",
        "no-task",
        "no-words",
        "keyword-alone",
    ],
)
def test_an_instruction_form_reads_its_task_and_words(line: str, task: int | None, words: str):
    assert instruction(line) == i.Instruction(task, words)


@pytest.mark.parametrize(
    "line",
    [
        "第24项有批示吗",
        "怎么写批示",
        "批示怎么写",
        "第24项的批示是什么",
        "第24项已完成",
        "请抓紧",
        "批示精神已传达，第24项已完成",
        "领导批示已收到，第24项正在办理",
    ],
    ids=[
        "asks-if-any",
        "how-to",
        "how-to-keyword-first",
        "asks-what",
        "report",
        "no-keyword",
        "report-quoting-spirit",
        "report-acknowledging",
    ],
)
def test_a_line_that_asks_or_reports_is_no_instruction(line: str):
    assert instruction(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第24项：请抓紧推进", i.Instruction(24, "请抓紧推进")),
        ("24项 请抓紧", i.Instruction(24, "请抓紧")),
        ("任务24 请抓紧", i.Instruction(24, "请抓紧")),
        ("请办公室就第24项抓紧推进", i.Instruction(24, "请办公室就第24项抓紧推进")),
        ("批示 第24项：请抓紧", i.Instruction(24, "请抓紧")),
        ("第24项什么时候完成？", None),
        ("请抓紧", None),
    ],
    ids=["task-colon", "bare-xiang", "renwu", "task-inside", "keyword", "question", "no-task"],
)
def test_a_reply_to_the_digest_is_on_the_task_it_names(line: str, expected):
    assert on_task(line) == expected


@pytest.mark.parametrize(
    ("line", "task"),
    [
        ("批示 第24项：请修改后重报", 24),
        ("批示第24项：撤回重报", 24),
        ("批示：第24项 申请延期的要说明理由", 24),
        ("第24项批示：已完成的要复核", 24),
        ("批示 第8项已完成，第10项进行中", 8),
    ],
    ids=["amend-word", "withdraw-word", "extension-word", "done-word", "reports-inside"],
)
def test_understand_reads_an_instruction_before_reports_and_commands(
    line: str, task: int, vocabulary: Vocabulary
):
    [found] = read(line, vocabulary)
    assert isinstance(found, i.Instruction)
    assert found.task == task
