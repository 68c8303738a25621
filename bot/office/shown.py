"""A task's standing as the 台账 and the chart show it: the overview's, or 待明确. Pure.

Rule "待明确 is never 已完成": a task no registry unit holds yet, or one that also names a group
phrase the office has not defined (its members may still owe work), is 待明确 while the units
known to hold it are all done (or when there are none). While a known unit is still at work the
task shows that unit's standing, as that is the more urgent fact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from bot.duties import pending_groups
from bot.office.overview import Overview, Standing
from bot.plan import Plan
from bot.registry.units import Registry

__all__ = [
    "COLOURS",
    "SHOWN",
    "UNDECIDED",
    "notice_name",
    "shown_counts",
    "task_shown",
    "undecided",
]

UNDECIDED = "待明确"
SHOWN = (*(standing.value for standing in Standing), UNDECIDED)
"""Every standing a task can show, in the order the office reads them."""

COLOURS = {
    Standing.DONE.value: "4CAF50",
    Standing.ONGOING.value: "64B5F6",
    Standing.BLOCKED.value: "FFB74D",
    Standing.SILENT.value: "BDBDBD",
    Standing.LATE.value: "E57373",
    UNDECIDED: "B39DDB",
}
"""One colour per shown standing (RGB hex), shared by the workbook's 状态 cells and the chart."""


def undecided(plan: Plan, registry: Registry | None) -> dict[int, tuple[str, ...]]:
    """Task number → the group phrases on it the office has not defined yet (none without a
    registry)."""
    if registry is None:
        return {}
    found: dict[int, tuple[str, ...]] = {}
    for name, tasks in pending_groups(plan, registry).items():
        for task in tasks:
            found[task.number] = (*found.get(task.number, ()), name)
    return found


def task_shown(overview: Overview, task: int, pending: Mapping[int, object]) -> str:
    """What the 状态 of `task` shows; `pending` holds the tasks naming an undefined group."""
    standing = overview.task_standing(task)
    if standing is None or (standing is Standing.DONE and task in pending):
        return UNDECIDED
    return standing.value


def shown_counts(
    overview: Overview, tasks: Iterable[int], pending: Mapping[int, object]
) -> Counter[str]:
    """How many of `tasks` show each standing (待明确 included)."""
    return Counter(task_shown(overview, task, pending) for task in tasks)


def notice_name(plan: Plan) -> str:
    """The notice's title in 书名号 (a 《》 inside it becomes 〈〉), or "" when it has none."""
    title = plan.title.strip().removeprefix("《").removesuffix("》")
    if not title:
        return ""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"
