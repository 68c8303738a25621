"""How to report, ask for 延期, pause nudges, withdraw or amend: short answers with an example
in the asker's terms (its own next open task, a date a few working days on).

Pure: reads the notice's knowledge and the ledger, with `today` passed in.
"""

from __future__ import annotations

from datetime import date

import bot.answers.texts as answer_texts
from bot.answers.model import Answer, Knowledge
from bot.answers.timeline import open_items
from bot.duties import duties_for
from bot.grammar.intents import Topic
from bot.ledger.history import Ledger
from bot.registry.units import Unit
from bot.workdays import add_workdays

AHEAD_WORKDAYS = 5  # how far on an example's date lies


def example_task(unit: Unit | None, know: Knowledge, ledger: Ledger | None, today: date) -> int:
    """The task an example names: the unit's next open one, else its first, else the notice's
    middle task."""
    if unit is not None:
        items = open_items(unit, know, ledger, today)
        upcoming = [item for item in items if item.due >= today] or items
        if upcoming:
            return upcoming[0].task.number
        duties = duties_for(unit, know.plan, know.registry)
        if duties:
            return duties[0].task.number
    tasks = know.plan.tasks
    return tasks[len(tasks) // 2].number if tasks else 1


def howto_answer(
    topic: Topic, unit: Unit | None, know: Knowledge, ledger: Ledger | None, today: date
) -> Answer:
    """Two or three lines on how to do `topic`, with an example from the asker's own tasks."""
    number = example_task(unit, know, ledger, today)
    later = add_workdays(today, AHEAD_WORKDAYS)
    return Answer(answer_texts.howto(topic.value, number, later), (number,))
