"""The Chinese text of progress replies: recorded, corrected, the unit's items, a task's coverage."""

from __future__ import annotations

from collections.abc import Iterable

from bot.answers.model import Knowledge
from bot.duties import Duty, duties_for
from bot.ledger.history import REPORT, Entry, Ledger
from bot.ledger.reports import Status
from bot.texts import ROLE_LABELS, shorten

NEEDS_UNIT = "请先绑定单位（发 /start），再报告进展。"
PROGRESS_AFTER_BINDING = "进展只对承担单位和办公室可见，绑定单位后可查看进展（发 /start）。"
PROGRESS_NOT_A_PARTY = "{unit}不承担第{task}项，这一项的进展只对承担单位和办公室可见。"
PROGRESS_IN_GROUP = (
    "本群还没有登记为单位工作群，群里不显示进展。请私聊我查看，"
    "或由本单位人员在群里发“/group 单位名”登记本群。"
)
WHICH_TASK = "这条进展是哪一项的？请点选，或写成“第17项：……”。"
NOT_YOURS = "{unit}在{tasks}中没有任务，未记录。请检查项号。"
ALREADY_RECORDED = "这条消息已经记录过了。"
NO_REPORT = "未报告"
NO_CONTENT = "没有读到进展内容，未记录。请写上进展，例如：已办结留言128条"
ASK_STATUS = "{tasks}“{text}”是已完成，还是仍在办理？请点选，点选前不记录。"
NO_TASK_NO_STATUS = "没看出是哪一项、什么进展，未记录。请写成“第17项：已完成”这样。"
AWAITING_REVIEW = "待复核"
PASSED_REVIEW = "已销号"
REVIEW_NOTE = "办公室复核通过后销号，此节点不再提醒。"
PROPOSED = "将记录为：{records}\n请点“确认”，点选前不记录。"
PROPOSED_ONE = "{tasks} {status}（{text}）"
CONFIRM = "确认"
CONFIRM_ALL = "全部确认"
CHANGE_TO = "改为{status}"
CANCEL = "取消"
CANCELLED = "已取消，未记录。"
ASK_BLOCKER = "第{task}项遇到了什么困难？请用一句话回复，办公室会在督办汇总里看到。"


def numbers(tasks: Iterable[int]) -> str:
    """``第3、5项``."""
    return "第" + "、".join(str(t) for t in tasks) + "项"


def no_such_task(task: int) -> str:
    """A progress question about a task no notice in use has."""
    return f"在用的通知里都没有第{task}项。"


def _when(entry: Entry) -> str:
    return f"{entry.at.month}月{entry.at.day}日 {entry.at:%H:%M}"


def recorded(entry: Entry) -> str:
    """已记录 and what: said only after the durable write returned."""
    return (
        f"已记录：{entry.unit} {numbers(entry.tasks)} {entry.status}（{_when(entry)}）："
        f"{shorten(entry.text, 40)}。可发“撤回”或“修改：……”更正。"
    )


def recorded_before(entry: Entry) -> str:
    """The answer to a message already in the ledger: a report's 已记录 again, else a note."""
    return recorded(entry) if entry.kind == REPORT else ALREADY_RECORDED


def withdrawn(entry: Entry) -> str:
    """The withdrawn report, named so the user sees which one went."""
    return f"已撤回 {_when(entry)} 的进展（{numbers(entry.tasks)}：{shorten(entry.text, 20)}），历史中保留记录。"


def amended(entry: Entry) -> str:
    """The report as it now reads."""
    return (
        f"已修改 {_when(entry)} 的进展：{numbers(entry.tasks)} {entry.status}："
        f"{shorten(entry.text, 40)}（原内容保留在历史中）。"
    )


def status_label(entry: Entry, ledger: Ledger) -> str:
    """A report's status as answers show it: 已完成 reads 已完成（待复核）until the office
    passes it and 已完成（已销号）after, when the office reviews."""
    if entry.status is not Status.DONE or not ledger.review:
        return str(entry.status)
    passed = ledger.verification(entry.id) is not None
    return f"{entry.status}（{PASSED_REVIEW if passed else AWAITING_REVIEW}）"


def unit_progress(unit: str, held: dict[int, Duty], ledger: Ledger) -> str:
    """The unit's tasks with their latest status and date."""
    if not held:
        return f"{unit}在本通知中没有分到任务。"
    reported = 0
    lines = []
    for number, duty in held.items():
        latest = ledger.latest(number, unit)
        label = ROLE_LABELS[duty.role]
        if latest is None:
            lines.append(f"· 第{number}项（{label}）{NO_REPORT}")
            continue
        reported += 1
        lines.append(
            f"· 第{number}项（{label}）{status_label(latest, ledger)} "
            f"{latest.at.month}-{latest.at.day:02d}："
            f"{shorten(latest.text, 24)}"
        )
    head = f"{unit}进展：共 {len(held)} 项，已报告 {reported} 项，未报告 {len(held) - reported} 项"
    return "\n".join([head, *lines])


def task_coverage(task: int, know: Knowledge, ledger: Ledger) -> str:
    """Which duty-holding units of `task` have and have not reported (group members too)."""
    holders = [
        (unit, duty)
        for unit in know.registry.units
        for duty in duties_for(unit, know.plan, know.registry)
        if duty.task.number == task
    ]
    if not holders:
        return f"第{task}项没有已明确的承担单位（统称待办公室明确）。"
    done, waiting = [], []
    for unit, duty in holders:
        latest = ledger.latest(task, unit.name)
        via = f"，来自“{duty.via}”" if duty.via else ""
        if latest is None:
            waiting.append(f"{unit.name}（{ROLE_LABELS[duty.role]}{via}）")
        else:
            done.append(
                f"· {unit.name}（{ROLE_LABELS[duty.role]}{via}）{status_label(latest, ledger)} "
                f"{latest.at.month}-{latest.at.day:02d}：{shorten(latest.text, 20)}"
            )
    lines = [f"第{task}项进展：{len(holders)} 个单位，已报告 {len(done)}，未报告 {len(waiting)}"]
    lines.extend(done)
    if waiting:
        lines.append("未报告：" + "、".join(waiting))
    return "\n".join(lines)
