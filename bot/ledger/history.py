"""The 台账: every progress report, withdrawal and correction, kept as history, never overwritten.

Each message is one record in the `LedgerStore` (deduplicated by chat and message id): a report
(``r``) names tasks, a status and a text; a withdrawal (``w``) or an amendment (``a``) refers to
an earlier report. An extension request (``x``) asks to move a unit's milestone to a later date,
the office's decision (``d``) grants or refuses it, and a return (``b``) sends a 已完成 report
back to 进行中. When the office reviews 已完成 reports (复核), a verification (``v``) passes one:
its milestones are closed (销号). A leader's 批示 (``i``) on a task is kept beside them, every
one, never replaced. Evidence (``e``) links files (by content digest) or a link or 文号 to a
unit's task, and to the report it belongs to when there is one. What a unit stands at for a task
is derived from that history: the latest report still in force, as last amended or returned, the
milestones moved by granted extensions, and the reports passed on review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore

__all__ = [
    "AMEND",
    "DECISION",
    "EVIDENCE",
    "EXTENSION",
    "INSTRUCTION",
    "REPORT",
    "RENUMBER",
    "RETURN",
    "VERIFY",
    "WITHDRAW",
    "Attachment",
    "Entry",
    "Ledger",
    "LedgerError",
    "Moved",
]

REPORT, WITHDRAW, AMEND = "r", "w", "a"
EXTENSION, DECISION, RETURN = "x", "d", "b"
VERIFY = "v"  # the office passed a 已完成 report on review (复核): its milestones are closed
RENUMBER = "n"  # a revised notice: tasks continue under new numbers, or end
INSTRUCTION = "i"  # a leader's 批示 on a task: who, when, the task, the words
EVIDENCE = "e"  # 佐证材料: files by digest, or a link or 文号 as text
# Who the ledger names for what is done at the console (a report, an import): no chat, no user.
CONSOLE_USER = 0
CONSOLE_NAME = "控制台"
# (task, unit, due date as planned) → the later date an extension moved it to.
Moved = dict[tuple[int, str, date], date]


@dataclass(frozen=True, slots=True)
class Attachment:
    """One evidence file as recorded: its SHA-256 (hex), its name as sent, its size in bytes."""

    digest: str
    name: str
    size: int


class LedgerError(ValueError):
    """A withdrawal or correction that cannot be made; the message is the Chinese reason."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One report as it now stands (after corrections), or one withdrawal/correction record."""

    id: int
    kind: str
    unit: str
    tasks: tuple[int, ...]
    dues: dict[int, date | None]
    status: Status | None
    text: str
    user: int
    name: str
    at: datetime
    ref: int | None = None
    amended: bool = False
    until: date | None = None  # an extension request's new date
    granted: bool | None = None  # a decision: granted or refused
    returned: str | None = None  # a report the office sent back: its reason
    numbers: dict[int, int] | None = None  # a renumbering: old task number → new
    files: tuple[Attachment, ...] = ()  # evidence: the files attached

    def due(self, task: int) -> date | None:
        """The milestone this report is about for `task` (its next open due date then)."""
        return self.dues.get(task)


class _Shared:
    """One copy of each value that recurs across a ledger's entries.

    Units, names, users, task lists, due dates, dues and UTC offsets repeat from report to
    report; shared, an entry costs little beyond its text and time. One per ledger, so that
    the ledgers of several notices share nothing.
    """

    def __init__(self) -> None:
        # Strings, ints, tuples of ints, dates and time zones: no two of them compare equal.
        self._values: dict[Any, Any] = {}
        # A record's "d" as written (its items) → the entry's dues.
        self._dues: dict[tuple[tuple[str, str | None], ...], dict[int, date | None]] = {}

    def entry(self, record: dict[str, Any]) -> Entry:
        """The entry of a record as written (with its `id`)."""
        share = self._values.setdefault
        kind, unit, user, name = record["k"], record["u"], record["by"], record.get("n", "")
        tasks = tuple(record.get("t", ()))
        at = datetime.fromisoformat(record["at"])
        status, until = record.get("s"), record.get("to")
        return Entry(
            id=record["id"],
            kind=share(kind, kind),
            unit=share(unit, unit),
            tasks=share(tasks, tasks),
            dues=self._dues_of(record.get("d")),
            status=Status(status) if status else None,
            text=record.get("x", ""),
            user=share(user, user),
            name=share(name, name),
            at=at.replace(tzinfo=share(at.tzinfo, at.tzinfo)),
            ref=record.get("ref"),
            until=self._date(until) if until else None,
            granted=record.get("ok"),
            numbers={int(k): v for k, v in record["m"].items()} if "m" in record else None,
            files=tuple(Attachment(*f) for f in record.get("f", ())),
        )

    def _dues_of(self, written: dict[str, str | None] | None) -> dict[int, date | None]:
        key = tuple(written.items()) if written else ()
        dues = self._dues.get(key)
        if dues is None:
            dues = {int(task): self._date(due) if due else None for task, due in key}
            self._dues[key] = dues
        return dues

    def _date(self, iso: str) -> date:
        day = date.fromisoformat(iso)
        return self._values.setdefault(day, day)


@dataclass(slots=True)
class _View:
    """Reports in force by id, each (task, unit)'s latest one, extensions, and milestones done.

    Never changed once published, except `done`, which is computed once on first use.
    """

    reports: dict[int, Entry]
    latest: dict[tuple[int, str], int]
    requests: dict[int, Entry] = field(default_factory=dict)  # extension requests, undecided
    decisions: dict[int, Entry] = field(default_factory=dict)  # by the request's id
    moved: Moved = field(default_factory=dict)
    notices: frozenset[str] = frozenset()  # the revised notices renumbered for
    instructions: dict[int, Entry] = field(default_factory=dict)  # 批示 by id
    evidence: dict[int, Entry] = field(default_factory=dict)  # 佐证材料 by id
    verified: dict[int, Entry] = field(default_factory=dict)  # by the report's id
    done: frozenset[tuple[int, str | None, date]] | None = None  # filled on first use

    @classmethod
    def replay(cls, entries: Iterable[Entry]) -> _View:
        """The view after `entries`, in one pass (a start-up reads the whole history)."""
        view = cls({}, {})
        for entry in entries:
            view._take(entry)
        view.latest = _latest_of(view.reports)
        return view

    def apply(self, entry: Entry) -> _View:
        """The view after `entry`, leaving this one untouched."""
        view = _View(
            dict(self.reports),
            self.latest,
            dict(self.requests),
            dict(self.decisions),
            dict(self.moved),
            self.notices,
            dict(self.instructions),
            dict(self.evidence) if entry.kind in {EVIDENCE, RENUMBER} else self.evidence,
            dict(self.verified),
        )
        view._take(entry)
        if entry.kind == REPORT:
            view.latest = self.latest | {(task, entry.unit): entry.id for task in entry.tasks}
        elif entry.kind in {WITHDRAW, AMEND, RETURN, RENUMBER}:
            view.latest = _latest_of(view.reports)
        return view

    def _take(self, entry: Entry) -> None:
        """Apply `entry` to this view's own dicts (not `latest`): only on a view not yet shared."""
        if entry.kind == REPORT:
            self.reports[entry.id] = entry
        elif entry.kind == EXTENSION:
            self.requests[entry.id] = entry
        elif entry.kind == INSTRUCTION:
            self.instructions[entry.id] = entry
        elif entry.kind == EVIDENCE:
            self.evidence[entry.id] = entry
        elif entry.kind == RENUMBER:
            self._renumber(entry.numbers or {})
            self.notices |= {entry.text}
        elif entry.kind == VERIFY:
            if entry.ref in self.reports:
                self.verified[entry.ref] = entry
        elif entry.kind == DECISION:
            request = self.requests.pop(entry.ref, None)
            if request is None:
                return
            self.decisions[entry.ref] = entry
            if entry.granted:
                [task] = request.tasks
                self.moved[(task, request.unit, request.due(task))] = request.until
        elif (old := self.reports.get(entry.ref)) is not None:
            if entry.kind == WITHDRAW:
                del self.reports[entry.ref]
            elif entry.kind == RETURN:
                self.reports[entry.ref] = replace(old, status=Status.ONGOING, returned=entry.text)
            else:
                self.reports[entry.ref] = replace(
                    old,
                    tasks=entry.tasks,
                    dues={t: old.dues.get(t) for t in entry.tasks},
                    status=entry.status,
                    text=entry.text,
                    amended=True,
                )

    def _renumber(self, numbers: dict[int, int]) -> None:
        """Reports, extensions and 批示 follow their tasks to the new numbers; ended tasks drop out.

        The records themselves keep the numbers they were written with (the history).
        """

        def moved(entry: Entry) -> Entry | None:
            tasks = tuple(numbers[t] for t in entry.tasks if t in numbers)
            if not tasks:
                return None
            dues = {numbers[t]: d for t, d in entry.dues.items() if t in numbers}
            return replace(entry, tasks=tasks, dues=dues)

        for table in (self.reports, self.requests, self.instructions, self.evidence):
            for key, entry in list(table.items()):
                follows = moved(entry)
                if follows is None:
                    del table[key]
                else:
                    table[key] = follows
        self.moved = {
            (numbers[task], unit, due): to
            for (task, unit, due), to in self.moved.items()
            if task in numbers
        }


def _latest_of(reports: dict[int, Entry]) -> dict[tuple[int, str], int]:
    """Each (task, unit)'s latest report: the highest id, as `reports` is in id order."""
    latest: dict[tuple[int, str], int] = {}
    for report in reports.values():
        for task in report.tasks:
            latest[(task, report.unit)] = report.id
    return latest


class Ledger:
    """Reports in a `LedgerStore`, with the derived view served from memory.

    Writers are `report`, `withdraw` and `amend`; each is one durable append that returns only
    after the record is on disk. Call them through `store.run` from the event loop.
    """

    def __init__(self, store: LedgerStore, *, review: bool = False) -> None:
        """Read the history and derive the view; writes keep it up to date.

        `review`: a 已完成 report closes its milestones only once the office passes it (复核).
        """
        self.store = store
        self.review = review
        self._shared = _Shared()
        self._view = _View.replay(self.history())

    def _record(self, kind: str, unit: str, *, user: int, name: str, now: datetime) -> dict:
        if now.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{now.isoformat()}")
        return {"k": kind, "u": unit, "by": user, "n": name, "at": now.isoformat()}

    def _append(
        self, record: dict[str, Any], chat: int, message: int, now: datetime
    ) -> Entry | None:
        record |= {"chat": chat, "message": message}
        new_id = self.store.append(record, at=now)
        if new_id is None:
            return None
        entry = self._shared.entry({**record, "id": new_id})
        # A new view object, swapped in whole: readers on the event loop never see it half-built.
        self._view = self._derived().apply(entry)
        return entry

    def report(
        self,
        *,
        unit: str,
        tasks: tuple[int, ...],
        status: Status,
        text: str,
        dues: dict[int, date | None],
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """Record a report; None (nothing written) when this message was recorded before."""
        record = self._record(REPORT, unit, user=user, name=name, now=now)
        record |= {
            "t": list(tasks),
            "s": status.value,
            "x": text,
            "d": {str(t): d.isoformat() if d else None for t, d in dues.items()},
        }
        return self._append(record, chat, message, now)

    def last_report(self, user: int) -> Entry | None:
        """The user's latest report still in force."""
        mine = [e for e in self.reports().values() if e.user == user]
        return max(mine, key=lambda e: e.id) if mine else None

    def _correctable(self, user: int, now: datetime, window: timedelta) -> Entry:
        if now.utcoffset() is None:
            raise ValueError(f"时间必须带时区：{now.isoformat()}")
        last = self.last_report(user)
        if last is None:
            raise LedgerError("您还没有可以撤回或修改的进展报告。")
        if now - last.at > window:
            minutes = int(window.total_seconds() // 60)
            raise LedgerError(
                f"上一条进展（{last.at:%m-%d %H:%M}）已超过 {minutes} 分钟，不能再撤回或修改；"
                "请直接报告新的进展。"
            )
        return last

    def withdraw(
        self, *, user: int, name: str, chat: int, message: int, now: datetime, window: timedelta
    ) -> Entry | None:
        """Withdraw the user's last report (within `window`); returns the withdrawn report.

        Raises:
            LedgerError: No report, or the last one is older than `window`.
        """
        last = self._correctable(user, now, window)
        record = self._record(WITHDRAW, last.unit, user=user, name=name, now=now) | {
            "ref": last.id
        }
        return last if self._append(record, chat, message, now) else None

    def amend(
        self,
        *,
        user: int,
        name: str,
        tasks: tuple[int, ...],
        status: Status | None,
        text: str,
        chat: int,
        message: int,
        now: datetime,
        window: timedelta,
    ) -> Entry | None:
        """Replace the text (and the status and tasks, if given) of the user's last report.

        Raises:
            LedgerError: No report, or the last one is older than `window`.
        """
        last = self._correctable(user, now, window)
        record = self._record(AMEND, last.unit, user=user, name=name, now=now)
        record |= {
            "ref": last.id,
            "t": list(tasks or last.tasks),
            "s": (status or last.status).value,
            "x": text,
        }
        if self._append(record, chat, message, now) is None:
            return None
        return self.reports()[last.id]

    def request_extension(
        self,
        *,
        unit: str,
        task: int,
        due: date,
        until: date,
        reason: str,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """Record a unit's request to move its milestone `due` of `task` to `until`."""
        record = self._record(EXTENSION, unit, user=user, name=name, now=now)
        record |= {
            "t": [task],
            "d": {str(task): due.isoformat()},
            "to": until.isoformat(),
            "x": reason,
        }
        return self._append(record, chat, message, now)

    def decide_extension(
        self,
        request: int,
        *,
        granted: bool,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """Grant or refuse an open extension request; returns the request.

        Raises:
            LedgerError: No such request, or it was decided already (the message says by whom).
        """
        asked = self._derived().requests.get(request)
        if asked is None:
            decided = self._derived().decisions.get(request)
            if decided is None:
                raise LedgerError("找不到这条延期申请。")
            verdict = "同意" if decided.granted else "驳回"
            raise LedgerError(
                f"这条申请已由{decided.name}于 {decided.at:%m-%d %H:%M} {verdict}，无需重复处理。"
            )
        record = self._record(DECISION, asked.unit, user=user, name=name, now=now)
        record |= {"ref": request, "ok": granted}
        return asked if self._append(record, chat, message, now) else None

    def return_report(
        self,
        task: int,
        unit: str,
        *,
        reason: str,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """Send the unit's 已完成 report on `task` back to 进行中, with the office's reason.

        Raises:
            LedgerError: The unit's latest report on `task` does not say 已完成.
        """
        latest = self.latest(task, unit)
        if latest is None or latest.status is not Status.DONE:
            raise LedgerError(f"{unit}第{task}项目前没有“已完成”的报告，无需退回。")
        self._not_verified(latest)
        record = self._record(RETURN, unit, user=user, name=name, now=now)
        record |= {"ref": latest.id, "t": [task], "x": reason}
        return latest if self._append(record, chat, message, now) else None

    def in_review(self, report: int) -> Entry:
        """The 已完成 report `report`, still in force and not yet passed or returned.

        Raises:
            LedgerError: It is gone, was returned, or was passed already (by whom, when).
        """
        entry = self._derived().reports.get(report)
        if entry is None:
            raise LedgerError("找不到这条报告（可能已撤回），无需复核。")
        if entry.returned is not None:
            raise LedgerError(f"这条报告已退回（理由：{entry.returned}），无需重复处理。")
        if entry.status is not Status.DONE:
            raise LedgerError("这条报告已改为未完成，无需复核。")
        self._not_verified(entry)
        return entry

    def _not_verified(self, report: Entry) -> None:
        passed = self._derived().verified.get(report.id)
        if passed is not None:
            raise LedgerError(
                f"这条报告已由{passed.name}于 {passed.at:%m-%d %H:%M} 通过复核（已销号），"
                "无需重复处理。"
            )

    def review_report(
        self,
        report: int,
        *,
        reason: str | None,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """The office's review (复核) of the 已完成 report `report`: with no `reason` it passes
        (通过, a ``v`` record: its milestones are closed, 销号); with one it returns it (退回, a
        ``b`` record: the report reads 进行中 again and its milestones are open).

        Returns the report; None (nothing written) when this message was recorded before.

        Raises:
            LedgerError: The report is gone, was returned, or was passed already.
        """
        if self.store.find(chat, message) is not None:
            return None  # the channel delivered this press again
        entry = self.in_review(report)
        kind = VERIFY if reason is None else RETURN
        record = self._record(kind, entry.unit, user=user, name=name, now=now)
        record |= {"ref": report, "t": list(entry.tasks)}
        if reason is not None:
            record["x"] = reason
        return entry if self._append(record, chat, message, now) else None

    def verification(self, report: int) -> Entry | None:
        """The record that passed report `report` on review, if one did."""
        return self._derived().verified.get(report)

    def awaiting_review(self) -> list[Entry]:
        """The 已完成 reports in force that wait for the office's review (待复核), oldest
        first; none when the office does not review."""
        if not self.review:
            return []
        view = self._derived()
        return [
            e
            for e in view.reports.values()
            if e.status is Status.DONE and e.id not in view.verified
        ]

    def closed_at(self, task: int, unit: str, due: date | None) -> datetime | None:
        """When the unit's milestone `due` of `task` was closed (销号), None while open.

        Closed by the first 已完成 report in force about it, or, when the office reviews, by
        the first verification of such a report.
        """
        view = self._derived()
        moments = [
            view.verified[e.id].at if self.review else e.at
            for e in view.reports.values()
            if e.status is Status.DONE
            and e.unit == unit
            and task in e.tasks
            and e.due(task) == due
            and (not self.review or e.id in view.verified)
        ]
        return min(moments, default=None)

    def renumber(
        self,
        numbers: dict[int, int],
        notice: str,
        *,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """A revised notice takes effect: `numbers` maps each continuing task's old number to its
        new one; reports on tasks not in it stop counting (they stay in the history).

        `notice` names the revised notice (a digest of the file), so the same revision is never
        applied twice (see `renumbered_for`).
        """
        record = self._record(RENUMBER, "", user=user, name=name, now=now)
        record |= {"m": {str(old): new for old, new in numbers.items()}, "x": notice}
        return self._append(record, chat, message, now)

    def instruct(
        self,
        task: int,
        *,
        text: str,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """Record a leader's 批示 on `task`; None (nothing written) when this message was
        recorded before. Every 批示 is kept: a later one is added, never a replacement."""
        record = self._record(INSTRUCTION, "", user=user, name=name, now=now)
        record |= {"t": [task], "x": text}
        return self._append(record, chat, message, now)

    def instructions(self) -> list[Entry]:
        """Every 批示 on a task still in the notice, oldest first (under its current number)."""
        return list(self._derived().instructions.values())

    def attach(
        self,
        *,
        unit: str,
        task: int,
        report: int | None,
        files: tuple[Attachment, ...],
        text: str,
        user: int,
        name: str,
        chat: int,
        message: int,
        now: datetime,
    ) -> Entry | None:
        """Record evidence for the unit's `task`: `files` already stored by digest, or `text` (a
        link or 文号); `report` is the report it belongs to, if any. None when this message
        was recorded before."""
        record = self._record(EVIDENCE, unit, user=user, name=name, now=now)
        record |= {"t": [task], "f": [[f.digest, f.name, f.size] for f in files], "x": text}
        if report is not None:
            record["ref"] = report
        return self._append(record, chat, message, now)

    def evidence(self) -> list[Entry]:
        """Every evidence record, oldest first (tasks as now numbered)."""
        return list(self._derived().evidence.values())

    def renumbered_for(self, notice: str) -> bool:
        """True when the ledger already follows the revised notice `notice` (its digest)."""
        return notice in self._derived().notices

    def open_request(self, task: int, unit: str) -> Entry | None:
        """The unit's undecided extension request on `task`, if any."""
        return next(
            (e for e in self._derived().requests.values() if e.unit == unit and task in e.tasks),
            None,
        )

    def open_requests(self) -> list[Entry]:
        """Every undecided extension request, oldest first."""
        return sorted(self._derived().requests.values(), key=lambda e: (e.at, e.id))

    def request(self, request: int) -> Entry | None:
        """An undecided extension request by id."""
        return self._derived().requests.get(request)

    def moved(self) -> Moved:
        """Milestones moved by granted extensions: (task, unit, planned due) → new date."""
        return self._derived().moved

    def closed(self) -> dict[tuple[int, str | None, date], datetime]:
        """When each milestone was finished by its unit: (task, unit, due) → the time of the
        first report in force saying 已完成 about it (a withdrawn or returned one does not count).

        The one place the unit's part is dated; the on-time figures (`bot.office.ontime`) ask
        here. A report waiting for 复核 counts at its own time, so the office's pace at review
        never makes a unit late; `closed_at` is the 销号 moment itself.
        """
        closes: dict[tuple[int, str | None, date], datetime] = {}
        for entry in self.reports().values():  # in id order: the first report wins
            if entry.status is Status.DONE:
                for task in entry.tasks:
                    if (due := entry.due(task)) is not None:
                        closes.setdefault((task, entry.unit, due), entry.at)
        return closes

    def recorded(self, chat: int, message: int) -> Entry | None:
        """What message `message` in chat `chat` wrote to the ledger, as written; None if nothing."""
        record = self.store.find(chat, message)
        return self._shared.entry(record) if record is not None else None

    def history(self) -> list[Entry]:
        """Every record as written, oldest first (who, when, what)."""
        return [self._shared.entry(r) for r in self.store.records()]

    def _derived(self) -> _View:
        return self._view

    def reports(self) -> dict[int, Entry]:
        """Reports in force by id, each as last amended; withdrawn ones left out."""
        return self._derived().reports

    def latest(self, task: int, unit: str) -> Entry | None:
        """The unit's latest report in force on `task`."""
        view = self._derived()
        found = view.latest.get((task, unit))
        return view.reports[found] if found is not None else None

    def done(self) -> frozenset[tuple[int, str | None, date]]:
        """(task, unit, due) of every milestone reported 已完成 by a report in force."""
        view = self._derived()
        if view.done is None:
            view.done = frozenset(self.closed())
        return view.done

    def blocked_since(self, moment: datetime | None) -> list[Entry]:
        """Reports in force saying 有困难, made after `moment` (all when None)."""
        return [
            e
            for e in self.reports().values()
            if e.status is Status.BLOCKED and (moment is None or e.at > moment)
        ]
