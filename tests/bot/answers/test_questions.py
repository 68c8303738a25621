"""Chinese phrasing to intents: every question form the chat accepts."""

import pytest

from bot.answers.questions import Intent, parse_question

CASES = [
    ("我科室负责什么", Intent.MY_DUTIES, None, ""),
    ("我们要做什么", Intent.MY_DUTIES, None, ""),
    ("本单位有哪些任务", Intent.MY_DUTIES, None, ""),
    ("综合科负责什么", Intent.LOOKUP, None, "综合科"),
    ("执法2科的任务", Intent.LOOKUP, None, "执法2科"),
    ("信息中心", Intent.LOOKUP, None, "信息中心"),
    ("办公室要做什么工作呢？", Intent.LOOKUP, None, "办公室"),
    ("第17项是什么", Intent.TASK_DETAIL, 17, ""),
    ("第十七项", Intent.TASK_DETAIL, 17, ""),
    ("17", Intent.TASK_DETAIL, 17, ""),
    ("第１７项", Intent.TASK_DETAIL, 17, ""),
    ("第17项谁负责", Intent.TASK_OWNERS, 17, ""),
    ("第3项的责任单位", Intent.TASK_OWNERS, 3, ""),
    ("第十二部分有哪些任务", Intent.SECTION, 12, ""),
    ("第12部分", Intent.SECTION, 12, ""),
    ("十二、", Intent.SECTION, 12, ""),
    ("谁牵头政策解读", Intent.SEARCH, None, "政策解读"),
    ("政策解读谁牵头", Intent.SEARCH, None, "政策解读"),
    ("哪个科室负责舆情回应", Intent.SEARCH, None, "舆情回应"),
    ("搜索 舆情", Intent.SEARCH, None, "舆情"),
    ("关于：信息处理费", Intent.SEARCH, None, "信息处理费"),
    ("各单位任务总览", Intent.OVERVIEW, None, ""),
    ("待明确", Intent.PENDING, None, ""),
    ("我是综合科", Intent.SET_UNIT, None, "综合科"),
    ("我在蓬江分局", Intent.SET_UNIT, None, "蓬江分局"),
    ("是", Intent.CONFIRM, None, ""),
    ("不是", Intent.DENY, None, ""),
    ("帮助", Intent.HELP, None, ""),
    ("", Intent.HELP, None, ""),
    ("？", Intent.HELP, None, ""),
]


@pytest.mark.parametrize(
    ("line", "intent", "number", "text"), CASES, ids=[c[0] or "empty" for c in CASES]
)
def test_question_forms(line, intent, number, text):
    question = parse_question(line)
    assert question.intent is intent
    assert question.number == number
    assert question.text == text


def test_who_leads_only_asks_for_leads():
    assert parse_question("谁牵头政策解读").lead_only
    assert not parse_question("谁负责政策解读").lead_only
