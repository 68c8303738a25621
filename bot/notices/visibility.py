"""Who may read the 台账 (ledger): the one rule every answer drawn from it follows. Pure.

The notice itself is public (主动公开): what a task asks, who holds it and by when are answered
to anyone. Progress (statuses, report texts, 有困难 reasons, who has not reported) is not:

* the office's admins and the leaders who observe read every unit's, in their private chats;
* a unit's bound staff (private chat) and the unit's registered work group read their unit's
  own progress and, on a task the unit holds, the progress of every unit holding that task —
  units sharing a task see each other's reports;
* anyone else — not bound, waiting for the office's approval, a group registered to no unit —
  gets the notice only, and a line saying how to see progress.

A group is an audience of its own: whoever asks there, every member reads the answer, so it is
answered as the group's unit (registered with /group by that unit's staff or an admin), never
with the asker's reach. The console chat (`python -m bot chat`) runs on the machine that holds
the data directory and reads as the office.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import bot.instructions.texts as instruction_texts
import bot.progress.texts as say
from bot.answers.model import Knowledge
from bot.answers.respond import task_text
from bot.instructions.column import instructions_on
from bot.notices.desks import Desk
from bot.progress.recording import unit_duties


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who will read an answer: the unit they speak for, and whether they read every unit's.

    `group` marks a group chat, so a refusal can say how a group gets to see progress.
    """

    unit: str | None = None
    office: bool = False
    group: bool = False

    def reads_task(self, task: int, know: Knowledge) -> bool:
        """True when the progress of every unit on `task` may be shown to this viewer."""
        return self.office or (self.unit is not None and task in unit_duties(self.unit, know))


NOBODY = Viewer()
OFFICE = Viewer(office=True)


def _no_progress(viewer: Viewer, task: int) -> str:
    """Why a task's answer shows no progress, and how to see it."""
    if viewer.unit is not None:
        return say.PROGRESS_NOT_A_PARTY.format(unit=viewer.unit, task=task)
    return say.PROGRESS_IN_GROUP if viewer.group else say.PROGRESS_AFTER_BINDING


def instructions_shown(number: int, viewer: Viewer, desk: Desk) -> str:
    """The leaders' 批示 on task `number`, one a line, for a viewer who may read its progress
    (a 批示 is the 台账's, not the public notice's); empty for anyone else or when none."""
    if not viewer.reads_task(number, desk.knowledge):
        return ""
    return instruction_texts.lines(instructions_on(number, desk.ledger))


def task_progress(number: int, viewer: Viewer, desk: Desk, today: date) -> str:
    """Answer 第N项进展: every holder's progress for those who may read it, and the leaders'
    批示; else the task itself (the public notice) and a line saying why there is no progress."""
    know = desk.knowledge
    if viewer.reads_task(number, know):
        coverage = say.task_coverage(number, know, desk.ledger)
        shown = instructions_shown(number, viewer, desk)
        return f"{coverage}\n{shown}" if shown else coverage
    task = know.plan.task(number)
    public = task_text(task, know, today) if task is not None else ""
    return "\n".join(line for line in (public, _no_progress(viewer, number)) if line)


def unit_progress(viewer: Viewer, desks: Sequence[Desk]) -> str:
    """Answer 我科室进展: the viewer's unit's tasks with their latest status, in every notice."""
    if viewer.unit is None:
        return say.PROGRESS_IN_GROUP if viewer.group else say.PROGRESS_AFTER_BINDING
    parts = []
    for desk in desks:
        held = unit_duties(viewer.unit, desk.knowledge)
        if held:
            parts.append((desk, say.unit_progress(viewer.unit, held, desk.ledger)))
    if not parts:
        return say.unit_progress(viewer.unit, {}, desks[0].ledger)
    if len(desks) == 1:
        return parts[0][1]
    return "\n\n".join(f"{desk.label}\n{text}" for desk, text in parts)
