"""What a unit has due and when: time windows, its open milestones in one, a task's due dates.

Pure: reads the notice's knowledge and the ledger (for 已完成 reports and granted extensions),
with `today` passed in. Dates a unit is held to come from `bot.ledger.milestones`, the one rule.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import bot.answers.texts as answer_texts
from bot.answers.model import Answer, Knowledge
from bot.duties import duties_for
from bot.grammar.intents import Window
from bot.ledger.history import Ledger
from bot.ledger.milestones import milestones_for, open_dues
from bot.plan import Role, Task
from bot.registry.units import Unit
from bot.workdays import add_workdays, workdays_between

SOON_WORKDAYS = 10  # 快到期: today and the next ten working days


def window_range(window: Window, today: date) -> tuple[date | None, date | None]:
    """The window's first and last day, both included; None where it is open-ended.

    Weeks run Monday to Sunday; 逾期 ends yesterday; 快到期 runs from today to the
    `SOON_WORKDAYS`-th working day after it.
    """
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    next_month = (first_of_month + timedelta(days=31)).replace(day=1)
    match window:
        case Window.WEEK:
            return monday, monday + timedelta(days=6)
        case Window.NEXT_WEEK:
            return monday + timedelta(days=7), monday + timedelta(days=13)
        case Window.MONTH:
            return first_of_month, next_month - timedelta(days=1)
        case Window.NEXT_MONTH:
            days = calendar.monthrange(next_month.year, next_month.month)[1]
            return next_month, next_month.replace(day=days)
        case Window.SOON:
            return today, add_workdays(today, SOON_WORKDAYS)
        case Window.OVERDUE:
            return None, today - timedelta(days=1)
    return None, None


@dataclass(frozen=True, slots=True)
class DueItem:
    """One open milestone of a unit: the task, the unit's role on it, the date, days left."""

    task: Task
    role: Role
    due: date
    workdays_left: int  # negative when overdue


def _open_dues(ledger: Ledger | None, know: Knowledge, task: int, unit: str) -> tuple[date, ...]:
    """`open_dues`; with no ledger (a console beside the running bot), the notice's dates."""
    if ledger is None:
        return tuple(m.due for m in know.deadlines.get(task, ()))
    return open_dues(ledger, know.deadlines, task, unit)


def open_items(unit: Unit, know: Knowledge, ledger: Ledger | None, today: date) -> list[DueItem]:
    """Every milestone `unit` is held to and has not reported 已完成, by due date then task."""
    items = [
        DueItem(duty.task, duty.role, due, workdays_between(today, due))
        for duty in duties_for(unit, know.plan, know.registry)
        for due in _open_dues(ledger, know, duty.task.number, unit.name)
    ]
    return sorted(items, key=lambda item: (item.due, item.task.number))


def in_window(items: Sequence[DueItem], window: Window, today: date) -> list[DueItem]:
    """The items whose due date falls in `window` as of `today`."""
    first, last = window_range(window, today)
    return [
        item
        for item in items
        if (first is None or item.due >= first) and (last is None or item.due <= last)
    ]


def window_answer(
    units: Sequence[Unit], window: Window, know: Knowledge, ledger: Ledger | None, today: date
) -> Answer:
    """Each unit's open items due in `window` (本周要做什么, 有没有逾期 …), soonest first.

    A unit with nothing in the window gets one line saying so and naming its next open item.
    """
    phrase = answer_texts.window_phrase(window, *window_range(window, today))
    blocks, numbers = [], []
    for unit in units:
        items = open_items(unit, know, ledger, today)
        chosen = in_window(items, window, today)
        blocks.append(answer_texts.due_window(unit.name, window, phrase, today, chosen, items))
        numbers.extend(item.task.number for item in chosen)
    return Answer("\n".join(blocks), tuple(dict.fromkeys(numbers)))


def next_due(dues: Sequence[date], today: date | None) -> date | None:
    """The first of `dues` on or after `today`, else the last (overdue); the first without
    `today`; None when there are none."""
    if not dues:
        return None
    if today is None:
        return dues[0]
    return next((due for due in dues if due >= today), dues[-1])


def task_due_answer(
    unit: Unit | None, number: int, know: Knowledge, ledger: Ledger | None, today: date
) -> Answer:
    """A task's due dates for `unit` (24项啥时候截止): each date the unit is held to, done or
    with the working days left; the notice's dates when the unit does not hold the task (or
    no unit is known)."""
    task = know.plan.task(number)
    if task is None:
        return Answer(answer_texts.no_such_task(number, know.plan))
    held = unit is not None and any(
        duty.task.number == number for duty in duties_for(unit, know.plan, know.registry)
    )
    if unit is not None and held:
        still_open = set(_open_dues(ledger, know, number, unit.name))
        dues = (
            milestones_for(ledger, know.deadlines, number, unit.name)
            if ledger is not None
            else tuple(sorted(still_open))
        )
        return Answer(answer_texts.task_dues(task, unit.name, dues, still_open, today))
    dues = tuple(m.due for m in know.deadlines.get(number, ()))
    not_held = unit.name if unit is not None else None
    return Answer(answer_texts.task_dues(task, None, dues, set(dues), today, not_held=not_held))
