"""The plan as the office checks it: a JSON document, or a readable table with the problems."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import bot.answers.texts as answer_texts
from bot import texts
from bot.ledger.deadlines import Milestone
from bot.plan import Plan
from bot.registry.units import Registry


def plan_document(plan: Plan, deadlines: Mapping[int, tuple[Milestone, ...]]) -> dict[str, Any]:
    """The plan as plain data: sections, tasks with canonical parties and due dates, problems."""
    return {
        "title": plan.title,
        "issued": plan.issued.isoformat() if plan.issued else None,
        "year": plan.year,
        "sections": [{"number": s.number, "title": s.title} for s in plan.sections],
        "tasks": [
            {
                "number": t.number,
                "printed": t.printed,
                "section": t.section,
                "requirement": t.requirement,
                "responsibility": t.responsibility,
                "parties": [
                    {"name": p.name, "kind": p.kind.value, "role": p.role.value} for p in t.parties
                ],
                "due": [
                    {"date": m.due.isoformat(), "source": m.source.value, "words": m.words}
                    for m in deadlines.get(t.number, ())
                ],
                "time_text": t.time_text,
                "line": t.line,
            }
            for t in plan.tasks
        ],
        "problems": [{"line": p.line, "text": p.text, "why": p.why} for p in plan.problems],
    }


def plan_table(
    plan: Plan, registry: Registry, deadlines: Mapping[int, tuple[Milestone, ...]]
) -> str:
    """The plan as text: each section, its tasks and their parties, then the problems."""
    issued = f"（{plan.issued.isoformat()}）" if plan.issued else ""
    lines = [f"{plan.title}{issued}", f"{len(plan.sections)} 个部分，{len(plan.tasks)} 项任务"]
    for section in plan.sections:
        lines.append(texts.section_label(section))
        for task in plan.tasks_in(section.number):
            lines.append(f"  第{task.number}项 {texts.shorten(task.requirement, 40)}")
            lines.extend(
                f"      {line}" for line in answer_texts.responsibility_lines(task, registry)
            )
            due = answer_texts.due_line(deadlines.get(task.number, ()))
            if due:
                lines.append(f"      {due}")
    orphans = [t for t in plan.tasks if plan.section(t.section) is None]
    lines.extend(
        f"  第{t.number}项（不在任何部分） {texts.shorten(t.requirement, 40)}" for t in orphans
    )
    lines.append(f"问题（{len(plan.problems)} 条）：" if plan.problems else "问题：无")
    lines.extend(texts.problem_line(p) for p in plan.problems)
    return "\n".join(lines)
