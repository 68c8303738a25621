"""The office's questions in words: who has not reported, the overall progress, the export.

A line telling done work on a task, asking nothing (``第8项已完成3条，还有2条未反馈``), is a
report, never the office's question, whatever words of the office's it holds.
"""

from __future__ import annotations

import re

from bot.grammar.intents import Office, OfficeAsk
from bot.grammar.safety import asks, marks_completion
from bot.grammar.taskrefs import tasks_in

_MISSING = re.compile(
    r"(?:哪些|哪个|哪几个|谁|那些|有谁|还有谁|什么)(?:单位|科室|部门|分局)?(?:还|仍|至今|到现在|目前|现在)*(?:没有?|未|没)"
    r"(?:报|汇报|上报|报送|反馈|填报|交)"
    r"|未报(?:单位|名单|情况)?|没报的|催报|缺报|漏报|未反馈"
    r"|(?:还|仍|尚)(?:没有?|未)(?:报|汇报|上报|报送|反馈|填报|交)的?(?:单位|科室|部门|分局)"
)
_OVERVIEW = re.compile(
    r"(?:总体|整体|全局|总的|全部|所有单位的?|各单位的?|大家的?|全局的?|汇总)(?:的)?(?:工作)?(?:进展|进度|完成情况|落实情况)"
    r"|(?:进展|进度|完成情况|落实情况)(?:总览|汇总|概况|统计|一览)|台账(?:总览|汇总|情况)|完成率|(?:总体|整体|全局)的?情况"
    r"|(?:总体|整体|全局)[^，,。？?]{0,4}(?:到|在)?(?:什么|哪个|啥)(?:程度|阶段|地步)|出个?汇总|(?:做|来)个汇总"
)
_EXPORT = re.compile(
    r"导出|下载(?:台账|表格|进展|excel|表)|台账.{0,4}(?:下载|导)|export|excel|xlsx|生成(?:台账|表格)|台账表格",
    re.I,
)


def office_question(text: str) -> Office | None:
    """The office question `text` asks in words, if any (第17项谁还没报 names its task)."""
    if _EXPORT.search(text):
        return Office(OfficeAsk.EXPORT)
    tasks = tasks_in(text)
    if tasks and marks_completion(text) and not asks(text):
        return None  # work told on a task: a report
    if _MISSING.search(text):
        return Office(OfficeAsk.MISSING, tasks[0] if tasks else None)
    if _OVERVIEW.search(text):
        return Office(OfficeAsk.OVERVIEW)
    return None
