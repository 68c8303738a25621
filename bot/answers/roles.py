"""Which tasks a unit holds in one role (牵头 / 配合), and whether it must do a given task.

Pure: reads the notice's knowledge; dates as the duties answer gives them.
"""

from __future__ import annotations

from datetime import date

import bot.answers.texts as answer_texts
from bot.answers.model import Answer, Knowledge
from bot.answers.timeline import next_due
from bot.duties import duties_for, pending_groups
from bot.plan import Role
from bot.registry.units import Unit


def role_answer(unit: Unit, role: Role, know: Knowledge, today: date | None) -> Answer:
    """Only the tasks `unit` holds in `role` (我们牵头哪些任务), each with its next due date;
    the other roles are counted in a closing line."""
    duties = duties_for(unit, know.plan, know.registry)
    chosen = [d for d in duties if d.role is role]
    dues = {
        d.task.number: next_due(tuple(m.due for m in know.deadlines.get(d.task.number, ())), today)
        for d in chosen
    }
    others = len(duties) - len(chosen)
    text = answer_texts.role_duties(unit.name, role, chosen, dues, others)
    return Answer(text, tuple(d.task.number for d in chosen))


def must_do_answer(unit: Unit, number: int, know: Knowledge) -> Answer:
    """要 / 不需要 for `unit` on task `number` (第3项我们要不要做): its role and the group
    phrase it comes through, or who holds the task; 暂不确定 when a group the office has not
    defined yet may include the unit."""
    task = know.plan.task(number)
    if task is None:
        return Answer(answer_texts.no_such_task(number, know.plan))
    duty = next((d for d in duties_for(unit, know.plan, know.registry) if d.task == task), None)
    if duty is not None:
        return Answer(answer_texts.must_do(unit.name, duty))
    pending = [
        name for name, tasks in pending_groups(know.plan, know.registry).items() if task in tasks
    ]
    return Answer(answer_texts.need_not_do(unit.name, task, know.registry, pending))
