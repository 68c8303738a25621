"""Questions about the notice: a task (what, who, when, for us?), a section, the units, due dates."""

from __future__ import annotations

import re

from bot.grammar.intents import (
    Applies,
    Due,
    Intent,
    Owners,
    Pending,
    Progress,
    SectionTasks,
    TaskDetail,
    Units,
    Window,
)
from bot.grammar.taskrefs import tasks_in
from bot.grammar.timewords import DUE_WORDS, TODO_WORDS, window
from bot.grammar.units import mentions_me
from bot.normalize import parse_number

OWNER_WORDS = re.compile(
    r"谁负责|谁牵头|谁配合|谁来|谁做|谁管|由谁|归谁|责任单位|牵头单位|配合单位|责任科室|哪个(?:科室|单位|部门)"
    r"|哪些(?:科室|单位|部门)|哪几个(?:科室|单位)|是谁的"
)
_APPLIES = re.compile(
    r"要不要|需不需要|用不用|是否|有没有|管不管|涉及|有关|相关|负责吗|要做吗|需要做吗|做吗|的事吗|有份|算不算"
)
_PROGRESS = re.compile(r"进展|进度|完成情况|落实情况|(?:完成|办结|做完)(?:了)?(?:吗|没有?)")
_SECTION = re.compile(
    r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:部分|章|节|大项|板块)|^([一二三四五六七八九十]{1,3})\s*[、.．]"
)
_UNITS = re.compile(
    r"总览|概览|所有单位|全部单位|各单位(?:的)?任务|单位一览|任务统计|分工统计|各单位分工"
)
_PENDING = re.compile(r"待明确|待办公室明确|未明确|范围未定|没明确")


def _about_task(task: int, text: str) -> Intent:
    if mentions_me(text) and _APPLIES.search(text):
        return Applies(task)
    if DUE_WORDS.search(text):
        return Due(Window.ALL, task)
    if OWNER_WORDS.search(text):
        return Owners(task)
    if _PROGRESS.search(text):
        return Progress(task)
    return TaskDetail(task)


def task_questions(text: str) -> list[Intent]:
    """Questions about the tasks a canonical line names, one per task."""
    return [_about_task(task, text) for task in tasks_in(text)]


def due_question(text: str) -> Due | None:
    """``本周要做什么`` → week, ``有没有逾期`` → overdue, ``截止日期`` → all; None otherwise."""
    named = window(text)
    if named is Window.OVERDUE or (named is not None and TODO_WORDS.search(text)):
        return Due(named)
    if DUE_WORDS.search(text):
        return Due(named or Window.ALL)
    return None


def section_question(text: str) -> SectionTasks | None:
    """``第五部分``, ``第12章``, ``十二、``."""
    found = _SECTION.search(text)
    if found is None:
        return None
    number = parse_number(found.group(1) or found.group(2))
    return SectionTasks(number) if number else None


def listing_question(text: str) -> Units | Pending | None:
    """``各单位任务总览`` (every unit's count) or ``待明确`` (groups still to define)."""
    if _PENDING.search(text):
        return Pending()
    return Units() if _UNITS.search(text) else None
