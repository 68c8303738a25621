"""Every choice (button) the bot offers, and reading back the data a press brings.

Data is short ASCII, at most 64 bytes, in formats that never change (old buttons keep
working): t: task, s: status under a nudge, r: the task for a report, k:/u: the unit picker,
w: the unit meant by a vague word (执法科), cf: a proposed report confirmed, changed or cancelled,
ok:/no: a binding request, xg:/xr: an extension request, vp:/vb: a report on review (复核),
im:/iu:/it: an import, hd: holidays, iw: 写批示 under the weekly digest (a reply to the digest is
then known for one), ev: the task of an evidence file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import bot.holidays.texts as holiday_texts
import bot.instructions.texts as instruction_texts
import bot.people.texts as people_texts
import bot.progress.texts as progress_texts
import bot.reminders.review_texts as review_texts
from bot.conversation.actions import Choice, Rows
from bot.ledger.reports import Status
from bot.notices.desks import Desk
from bot.people.picker import PickerPage, kinds
from bot.plan import PRIMARY
from bot.registry.units import Group, Registry, Unit
from bot.reminders.nudges import Nudge

TASKS_PER_ROW = 5
STATUS_BUTTONS = (("c", "已完成"), ("p", "进行中"), ("h", "有困难"), ("e", "延期"))
MAX_TASK_BUTTONS = 40
# ASCII digits only and whole-string matches: data the bot did not make is refused.
_PATTERNS = {
    "kind": re.compile(r"k:([0-9a-f]{6}):([0-9]{1,3}):([0-9]{1,3})"),
    "unit": re.compile(r"u:([0-9a-f]{6}):([0-9]{1,4})"),
    # A person id: a Telegram user id, or a number from 2**53 up (`bot.people.addresses`).
    "approve": re.compile(r"ok:([0-9]{1,17}):([0-9]{1,9})"),
    "reject": re.compile(r"no:([0-9]{1,17}):([0-9]{1,9})"),
    # 批准 / 拒绝 as made before requests were numbered (user, registry id, unit index).
    "old_approve": re.compile(r"ok:([0-9]{1,15}):([0-9a-f]{6}):([0-9]{1,4})"),
    "old_reject": re.compile(r"no:([0-9]{1,15}):([0-9a-f]{6}):([0-9]{1,4})"),
    "task": re.compile(r"t:([0-9]{1,4})(?::([0-9]{1,4}))?"),
    "status": re.compile(r"s:([0-9]{1,4}):([0-9]{8}):([cphe])(?::([0-9]{1,4}))?"),
    "grant": re.compile(r"xg:([0-9]{1,12})(?::([0-9]{1,4}))?"),
    "refuse": re.compile(r"xr:([0-9]{1,12})(?::([0-9]{1,4}))?"),
    "pass": re.compile(r"vp:([0-9]{1,12})(?::([0-9]{1,4}))?"),
    "send_back": re.compile(r"vb:([0-9]{1,12})(?::([0-9]{1,4}))?"),
    "import": re.compile(r"im:([0-9a-f]{8}):([ynsxpo])"),
    "import_name": re.compile(r"iu:([0-9a-f]{8}):([0-9]{1,3}):([0-9]{1,2})"),
    "import_match": re.compile(r"it:([0-9a-f]{8}):([0-9]{1,4}):([0-9]{1,4}):([yn])"),
    "choice": re.compile(r"r:([0-9]{1,4})(?::([0-9]{1,4}))?"),
    "holidays": re.compile(r"hd:([0-9a-f]{8}):([yn])"),
    "which_unit": re.compile(r"w:([0-9a-f]{6}):([ug])([0-9]{1,4})"),
    "instruct": re.compile(r"iw"),
    "evidence": re.compile(r"ev:([0-9]{1,4})(?::([0-9]{1,4}))?"),
    "confirm": re.compile(r"cf:([0-9]{1,9}):([ycphn])"),
}
INSTRUCTION_PROMPT = "iw"
# Tasks of the first notice carry no notice key, as before there were several notices.
FIRST = PRIMARY


@dataclass(frozen=True, slots=True)
class Button:
    """A decoded press: what it asks for and its fields (the registry id stays a str)."""

    action: str
    fields: tuple[str | None, ...]

    def number(self, index: int) -> int:
        """A numeric field."""
        return int(self.fields[index] or 0)

    def notice(self, index: int) -> str:
        """The notice key in an optional last field: the first notice's when left out."""
        return self.fields[index] or FIRST


def _suffix(notice: str) -> str:
    return "" if notice == FIRST else f":{notice}"


def decode(data: str | None) -> Button | None:
    """Read data the bot made; anything else (stale, forged, garbled) gives None."""
    for action, pattern in _PATTERNS.items():
        match = pattern.fullmatch(data or "")
        if match:
            return Button(action, match.groups())
    return None


def _in_rows(choices: Sequence[Choice]) -> Rows:
    return tuple(
        tuple(choices[i : i + TASKS_PER_ROW]) for i in range(0, len(choices), TASKS_PER_ROW)
    )


def kind_rows(registry: Registry, fp: str) -> Rows:
    """One choice per unit kind."""
    return tuple((Choice(kind, f"k:{fp}:{i}:0"),) for i, kind in enumerate(kinds(registry)))


def unit_rows(page: PickerPage, kind_index: int, fp: str) -> Rows:
    """One choice per unit on the page, then ‹ › to turn pages."""
    rows = [(Choice(unit.name, f"u:{fp}:{i}"),) for i, unit in page.units]
    turn = []
    if page.page > 0:
        turn.append(Choice("‹ 上一页", f"k:{fp}:{kind_index}:{page.page - 1}"))
    if page.page + 1 < page.pages:
        turn.append(Choice("下一页 ›", f"k:{fp}:{kind_index}:{page.page + 1}"))
    if turn:
        rows.append(tuple(turn))
    return tuple(rows)


def decision_rows(user_id: int, number: int) -> Rows:
    """批准 / 拒绝 for the user's request `number`, and for no other."""
    return (
        (
            Choice(people_texts.APPROVE, f"ok:{user_id}:{number}"),
            Choice(people_texts.REJECT, f"no:{user_id}:{number}"),
        ),
    )


def task_rows(numbers: tuple[int, ...], notice: str = FIRST) -> Rows:
    """Choices that open each listed task (of notice `notice`) in full."""
    end = _suffix(notice)
    return _in_rows([Choice(f"第{n}项", f"t:{n}{end}") for n in numbers[:MAX_TASK_BUTTONS]])


def nudge_choices(desks: Sequence[Desk], nudges: Sequence[Nudge]) -> Rows:
    """已完成 / 进行中 / 有困难 / 延期 for each task and due date in a nudge, one row each,
    each row naming its notice when several notices (`desks`) are in use."""
    names = {d.key: d.tag for d in desks} if len(desks) > 1 else None
    return status_choices([(n.notice, n.task, n.due) for n in nudges], names)


def status_choices(
    triples: Sequence[tuple[str, int, date]], names: dict[str, str] | None = None
) -> Rows:
    """已完成 / 进行中 / 有困难 / 延期 for each (notice, task, due date), one row each (the
    nudge's buttons, also when the bot asks back which status a report meant)."""
    return tuple(
        tuple(
            Choice(
                f"{(names or {}).get(notice, '')}第{task}项 {label}" if code == "c" else label,
                f"s:{task}:{due:%Y%m%d}:{code}{_suffix(notice)}",
            )
            for code, label in STATUS_BUTTONS
        )
        for notice, task, due in dict.fromkeys(triples)
    )


def confirm_rows(token: int, status: Status | None) -> Rows:
    """确认, 改为 each other status (one proposed report at `status`; None: several, confirmed
    or cancelled together) and 取消, for the proposal numbered `token`."""
    if status is None:
        return ((Choice(progress_texts.CONFIRM_ALL, f"cf:{token}:y"),), _cancel(token))
    others = [
        Choice(progress_texts.CHANGE_TO.format(status=label), f"cf:{token}:{code}")
        for code, label in STATUS_BUTTONS[:3]
        if label != status.value
    ]
    return ((Choice(progress_texts.CONFIRM, f"cf:{token}:y"), *others), _cancel(token))


def _cancel(token: int) -> tuple[Choice, ...]:
    return (Choice(progress_texts.CANCEL, f"cf:{token}:n"),)


def extension_rows(request: int, notice: str = FIRST) -> Rows:
    """同意 / 驳回 under an extension request (in notice `notice`'s ledger) for the office."""
    end = _suffix(notice)
    return ((Choice("同意", f"xg:{request}{end}"), Choice("驳回", f"xr:{request}{end}")),)


def instruction_rows() -> Rows:
    """写批示 under the weekly digest the office's readers get."""
    return ((Choice(instruction_texts.DIGEST_CHOICE, INSTRUCTION_PROMPT),),)


def review_rows(report: int, notice: str = FIRST, number: int | None = None) -> Rows:
    """通过 / 退回 under a report awaiting review (in notice `notice`'s ledger); `number` is
    the report's place in a list of several, shown on its buttons."""
    end, mark = _suffix(notice), f"{number} " if number is not None else ""
    return (
        (
            Choice(f"{mark}{review_texts.PASS}", f"vp:{report}{end}"),
            Choice(f"{mark}{review_texts.SEND_BACK}", f"vb:{report}{end}"),
        ),
    )


def holiday_rows(token: str) -> Rows:
    """启用 / 取消 under a holiday arrangement read for the office."""
    return (
        (
            Choice(holiday_texts.ENABLE, f"hd:{token}:y"),
            Choice(holiday_texts.CANCEL, f"hd:{token}:n"),
        ),
    )


def which_unit_rows(
    registry: Registry, fp: str, candidates: Sequence[str], group: str | None
) -> Rows:
    """One choice per candidate unit of a vague word, then its group phrase (全部), if any;
    `fp` is the registry's fingerprint, so a choice made before a change is refused."""
    index = {u.name: i for i, u in enumerate(registry.units)}
    found = [Choice(name, f"w:{fp}:u{index[name]}") for name in candidates if name in index]
    groups = {g.name: i for i, g in enumerate(registry.groups)}
    if group in groups:
        found.append(Choice(f"{group}（全部）", f"w:{fp}:g{groups[group]}"))
    return _in_rows(found)


def chosen_unit(registry: Registry, button: Button, fp: str) -> Unit | Group | None:
    """The unit (or group phrase) a `which_unit_rows` choice names; None if it is stale."""
    if button.fields[0] != fp:
        return None
    entries = registry.units if button.fields[1] == "u" else registry.groups
    number = button.number(2)
    return entries[number] if number < len(entries) else None


def choice_rows(tasks: Sequence[tuple[str, int]], names: dict[str, str] | None = None) -> Rows:
    """One choice per candidate (notice key, task) for a report that named none; `names`
    labels each with its notice when several are in use."""
    return _in_rows(
        [
            Choice(f"{(names or {}).get(key, '')}第{n}项", f"r:{n}{_suffix(key)}")
            for key, n in tasks[:MAX_TASK_BUTTONS]
        ]
    )


def nudged_tasks(data: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """The (notice key, task) pairs a nudge asked about, from its choices' data."""
    found = []
    for item in data:
        button = decode(item)
        if button is not None and button.action == "status":
            found.append((button.notice(3), button.number(0)))
    return tuple(dict.fromkeys(found))


def evidence_rows(tasks: Sequence[tuple[str, int]], names: dict[str, str] | None = None) -> Rows:
    """One choice per candidate (notice key, task) for an evidence file that named none."""
    return _in_rows(
        [
            Choice(f"{(names or {}).get(key, '')}第{n}项", f"ev:{n}{_suffix(key)}")
            for key, n in tasks[:MAX_TASK_BUTTONS]
        ]
    )
