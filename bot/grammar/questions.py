"""Questions about the notice: a task (what, who, when, for us?), a section, the units, due dates."""

from __future__ import annotations

import re
from datetime import date

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
from bot.grammar.units import ME_WORDS, mentions_me
from bot.normalize import parse_number

ME = "|".join(ME_WORDS)
OWNER_WORDS = re.compile(
    r"谁负责|谁牵头|谁配合|谁来|谁做|谁管|由谁|归谁|责任单位|牵头单位|配合单位|责任科室|哪个(?:科室|单位|部门)"
    r"|哪些(?:科室|单位|部门)|哪几个(?:科室|单位)|是谁的|归哪个|哪个科"
)
_APPLIES = re.compile(
    r"要不要|需不需要|用不用|是否|有没有|管不管|涉及|有关|相关|负责吗|要做吗|需要做吗|做吗|的事吗|有份|算不算"
    r"|参与|有.{1,4}的份|是不是|牵头还是配合|配合还是牵头|什么角色|(?:需要|要|得)落实"
    r"|(?:搞|做|要|办|管|干)不[？?。]*$"
)
# Who has done or reported a task: progress, not who holds it (第17项哪些单位完成了).
_WHO_DONE = re.compile(
    r"(?:谁|哪些|哪个|哪几个)(?:单位|科室|部门)?(?:已经?)?(?:完成|办结|做完|报)了?"
)
# My unit's progress asked in words: 已完成的有哪些, 我们报了哪些, 我们的进度怎么样了.
_MY_PROGRESS = re.compile(
    rf"^(?:{ME})?(?:已经?)?(?:完成|报|办结)了?的(?:有|是)(?:哪些|哪几项|几项)"
    rf"|^(?:{ME})?(?:已经?)?(?:完成|报|办结)了?的(?:项目|任务|事项|工作)(?:能|可以)?(?:看|查|列)"
    rf"|^(?:{ME})(?:已经?)?报了(?:哪些|哪几项|几项)"
    rf"|^(?:{ME})还有(?:哪些|哪几项|几项)没有?报"
    rf"|^(?:{ME})的?(?:目前|现在|最近)?的?(?:进度|进展)(?:怎么样|如何|咋样|怎样)了?[吗呢啊]?[？?]*$"
)
_PROGRESS = re.compile(
    r"进展|进度|完成情况|落实情况|(?:完成|办结|做完)(?:了)?(?:吗|没有?)|(?:有没有|是否)(?:完成|办结|做完)"
)
_SECTION = re.compile(
    r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:部分|章|节|大项|板块)|^([一二三四五六七八九十]{1,3})\s*[、.．]"
)
_UNITS = re.compile(
    r"总览|概览|所有单位|全部单位|各单位(?:的)?任务|单位一览|任务统计|分工统计|各单位分工"
    r"|(?:每个|各个)单位|各单位各|各(?:科室|分局|单位).{0,8}(?:分别|各)?(?:有|是)?(?:多少|几)项"
)
_PENDING = re.compile(r"待明确|待办公室明确|未明确|范围未定|没明确")


def _about_task(task: int, text: str) -> Intent:
    if mentions_me(text) and _APPLIES.search(text):
        return Applies(task)
    if _WHO_DONE.search(text):
        return Progress(task)
    if DUE_WORDS.search(text):
        return Due(Window.ALL, task)
    if OWNER_WORDS.search(text):
        return Owners(task)
    if _PROGRESS.search(text):
        return Progress(task)
    return TaskDetail(task)


_WHAT = re.compile(r"是什么|什么内容|具体内容|讲的?什么|说的?什么|啥内容")


def task_questions(text: str) -> list[Intent]:
    """Questions about the tasks a canonical line names, one per task; a later question
    without a number asks about the same task (``第24项是什么，谁负责``)."""
    tasks = tasks_in(text)
    parts = [p for p in re.split(r"[，,]", text) if p.strip()]
    later = parts[1:]
    if len(tasks) == 1 and later and not any(tasks_in(p) for p in later):
        asks = (OWNER_WORDS, DUE_WORDS, _PROGRESS, _WHAT)
        if tasks_in(parts[0]) and all(any(w.search(p) for w in asks) for p in later):
            return [_about_task(tasks[0], p) for p in parts]
    return [_about_task(task, text) for task in tasks]


def my_progress(text: str) -> Progress | None:
    """``已完成的有哪些``, ``已经完成的任务能看下吗``, ``我们报了哪些``, ``我们还有哪些没报``:
    my unit's progress."""
    return Progress() if _MY_PROGRESS.search(text) else None


def due_question(text: str, today: date) -> Due | None:
    """``本周要做什么`` → week, ``有没有逾期`` → overdue, ``截止日期`` → all, ``12月要交哪些``
    → next_month (on 2021-11-15); None otherwise."""
    named = window(text, today)
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
