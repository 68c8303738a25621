"""The help's examples, drawn from the notice in force: its units, task numbers and sections.

An office that loads its own notice sees its own 科室 and numbers in /help, not the sample's.
Pure: reads a Knowledge, returns text.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from bot.answers.model import Knowledge
from bot.answers.texts import month_day
from bot.normalize import int_to_cjk
from bot.plan import PartyKind, Role
from bot.workdays import add_workdays

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_STOP = set("的和与及等年月日个有在对按将要为是了各并于把以从或其")
_DIGITS = {c: str(i) for i, c in enumerate("一二三四五六七八九", 1)}
KEYWORD = 4
VERB = 2  # a section title opens with a verb: 推进, 加强, 做好 …
AHEAD_WORKDAYS = 5  # how far on the examples' dates lie
UNDATED = "12月1日"  # the examples' date when neither today nor the notice's date is known


def _units(know: Knowledge) -> list[str]:
    """The notice's units, most tasks first: registry units if any are named, else the
    names as written."""
    held: Counter[str] = Counter()
    for task in know.plan.tasks:
        for party in task.parties:
            if party.kind is PartyKind.UNIT:
                held[party.name] += 1 if party.role is not Role.LEAD else 2
    known = [name for name, _ in held.most_common() if know.registry.unit(name) is not None]
    return known or [name for name, _ in held.most_common()]


def _keyword(know: Knowledge) -> str:
    """A phrase that finds tasks: a section's subject (推进义务教育… → 义务教育) that its
    requirements use, else the four characters found in the most requirements."""
    requirements = [task.requirement for task in know.plan.tasks]
    for section in know.plan.sections:
        subject = section.title[VERB : VERB + KEYWORD]
        found = any(subject in text for text in requirements)
        if len(subject) == KEYWORD and _CJK_RUN.fullmatch(subject) and found:
            return subject
    seen: Counter[str] = Counter()
    for text in requirements:
        phrases = {
            run[i : i + KEYWORD] for run in _CJK_RUN.findall(text) for i in range(len(run) - 3)
        }
        seen.update(p for p in phrases if not _STOP & set(p))
    return seen.most_common(1)[0][0] if seen else ""


def _spoken(unit: str) -> str:
    """The unit as staff may type it, with an Arabic digit (执法二科 → 执法2科), or ""."""
    spoken = "".join(_DIGITS.get(c, c) for c in unit)
    return spoken if spoken != unit else ""


def _held_task(know: Knowledge, unit: str) -> int | None:
    """The first task that names `unit` itself."""
    return next((t.number for t in know.plan.tasks for p in t.parties if p.name == unit), None)


def _reporting(know: Knowledge, unit: str, today: date | None) -> list[str]:
    """How to report, correct, attach evidence, ask for 延期 and pause, with the example
    unit's own task."""
    number = _held_task(know, unit)
    if number is None:
        return []
    base = today or know.plan.issued
    day = month_day(add_workdays(base, AHEAD_WORKDAYS)) if base else UNDATED
    return [
        f"报进度和更正（以{unit}为例）：",
        f"· 第{number}项：已完成 / 第{number}项：正在起草，预计{day}报送",
        f"· 撤回（撤回刚发的进展）/ 修改 第{number}项：已完成",
        f"· 佐证材料（不强制）：照片或文件的说明写“第{number}项佐证”，或发 第{number}项佐证 链接/文号",
        f"· 申请延期 第{number}项 到{day}，理由：……",
        f"· 暂停提醒到{day} / 恢复提醒",
        f"· 本周要做什么 / 有没有逾期 / 第{number}项啥时候截止",
    ]


def help_text(know: Knowledge, today: date | None = None) -> str:
    """The question forms and how to report, each with an example from `know`'s notice; the
    examples' dates lie a few working days after `today` (else the notice's date)."""
    units = _units(know)
    unit = units[0] if units else "办公室"
    others = [u for u in units[1:] if u != unit]
    tasks = know.plan.tasks
    number = tasks[len(tasks) // 2].number if tasks else 1
    names = [unit, *others[:1]]
    names += [s for s in (_spoken(u) for u in units) if s][:1]
    keyword = _keyword(know)
    lines = [
        "可以这样问我：",
        f"· 我是{unit}（先说您是哪个单位）",
        "· 我科室负责什么 / 我们要做什么",
        f"· {names[0]}负责什么" + "".join(f" / {n}的任务" for n in names[1:]),
        f"· 第{number}项是什么 / 第{number}项谁负责",
    ]
    if keyword:
        lines.append(f"· 谁牵头{keyword} / 搜索 {keyword}")
    if know.plan.sections:
        lines.append(f"· 第{int_to_cjk(know.plan.sections[-1].number)}部分有哪些任务")
    lines.append("· 各单位任务总览 / 待明确")
    lines.extend(_reporting(know, unit, today))
    return "\n".join(lines)
