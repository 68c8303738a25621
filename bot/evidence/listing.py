"""The ledger's evidence as the 台账 shows it: a 佐证 cell per task and unit, and the zip of
``/export 含佐证`` (the workbook, then the files by task and unit, named so a clerk finds them).

Pure over the ledger, except `write_zip`, which reads the stored files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

import bot.evidence.texts as say
from bot.evidence.kinds import megabytes
from bot.evidence.lines import document_number_in
from bot.evidence.store import EvidenceStore
from bot.ledger.history import Entry, Ledger
from bot.normalize import safe_filename

__all__ = [
    "FOLDER",
    "LINKS_FILE",
    "Item",
    "by_task",
    "cells",
    "described",
    "by_report",
    "items",
    "write_zip",
    "zip_entries",
]

FOLDER = "佐证材料"
LINKS_FILE = "链接与文号.txt"
CELL_SEPARATOR = "；"


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of evidence: a file (its name as sent and digest) or a link or 文号 (its
    text, no digest), for a unit's task, with who attached it and when, and the id of the
    report it belongs to (if any)."""

    task: int
    unit: str
    name: str
    digest: str | None
    at: datetime
    by: str
    report: int | None = None


def _kind_of(text: str) -> str:
    """链接 or 文号, as a text given as evidence is shown."""
    return say.NUMBER if document_number_in(text) == text else say.LINK


def described(entry: Entry) -> str:
    """What an evidence record attached, as people read it (the reply, the 历史 sheet):
    “现场.png”（12 KB）、文号 江环〔2021〕12号."""
    shown = [f"“{f.name}”（{megabytes(f.size)}）" for f in entry.files]
    if entry.text:
        shown.append(_kind_of(entry.text).format(text=entry.text))
    return "、".join(shown)


def items(ledger: Ledger) -> list[Item]:
    """Every file, link and 文号 in the ledger's evidence records, oldest first."""
    found: list[Item] = []
    for entry in ledger.evidence():
        shown = [(f.name, f.digest) for f in entry.files]
        shown += [(entry.text, None)] if entry.text else []
        found += [
            Item(task, entry.unit, name, digest, entry.at, entry.name, entry.ref)
            for task in entry.tasks
            for name, digest in shown
        ]
    return found


def by_report(ledger: Ledger) -> dict[int, tuple[str, ...]]:
    """Report id → the names of the evidence sent with or for it (what a 复核 shows beside
    it), in one pass over the ledger's evidence."""
    names: dict[int, tuple[str, ...]] = {}
    for item in items(ledger):
        if item.report is not None:
            names[item.report] = (*names.get(item.report, ()), item.name)
    return names


def cells(ledger: Ledger) -> dict[tuple[int, str], str]:
    """(task, unit) → the 佐证 cell: the names of its files and its links and 文号, in order."""
    by_key: dict[tuple[int, str], list[str]] = {}
    for item in items(ledger):
        shown = by_key.setdefault((item.task, item.unit), [])
        if item.name not in shown:
            shown.append(item.name)
    return {key: CELL_SEPARATOR.join(names) for key, names in by_key.items()}


def by_task(ledger: Ledger) -> dict[int, str]:
    """task → a 佐证 cell for a row per task: one line per unit, ``综合科：现场.png；方案.pdf``,
    units in the order they first sent evidence."""
    lines: dict[int, list[str]] = {}
    for (task, unit), shown in cells(ledger).items():
        lines.setdefault(task, []).append(f"{unit}：{shown}")
    return {task: "\n".join(found) for task, found in lines.items()}


def _file_name(item: Item) -> str:
    """A stored file's name in the zip: its day, then its name as sent."""
    return f"{item.at:%Y-%m-%d}_{safe_filename(item.name)}"


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or with （2）, （3）… before its extension when a different file has it."""
    if name not in taken:
        return name
    path = PurePath(name)
    number = 2
    while f"{path.stem}（{number}）{path.suffix}" in taken:
        number += 1
    return f"{path.stem}（{number}）{path.suffix}"


Ledgers = Sequence[tuple[str, Ledger]]  # (the notice's name, its ledger)


def zip_entries(ledgers: Ledgers) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The zip's layout: (path, digest) of each file, and the text of each folder's
    链接与文号.txt by path. ``佐证材料/第24项/综合科/2021-11-15_照片.jpg``; with several
    notices each has its folder first (``佐证材料/政务公开工作要点/第24项/…``). A file sent
    twice to the same task and unit is listed once."""
    files: list[tuple[str, str]] = []
    notes: dict[str, list[str]] = {}
    seen: dict[str, tuple[set[str], set[str]]] = {}  # folder → names, digests
    for notice, ledger in ledgers:
        head = f"{FOLDER}/{safe_filename(notice)}" if len(ledgers) > 1 else FOLDER
        for item in items(ledger):
            folder = f"{head}/第{item.task}项/{safe_filename(item.unit)}"
            if item.digest is None:
                line = (
                    f"{item.at:%Y-%m-%d} {item.by}：{_kind_of(item.name).format(text=item.name)}"
                )
                notes.setdefault(f"{folder}/{LINKS_FILE}", []).append(line)
                continue
            taken, kept = seen.setdefault(folder, (set(), set()))
            if item.digest in kept:
                continue
            name = _unique(_file_name(item), taken)
            taken.add(name)
            kept.add(item.digest)
            files.append((f"{folder}/{name}", item.digest))
    return files, {path: "\n".join(lines) + "\n" for path, lines in notes.items()}


def write_zip(
    workbook: bytes, workbook_name: str, ledgers: Ledgers, store: EvidenceStore
) -> bytes:
    """The zip of ``/export 含佐证``: the workbook at the top, the evidence under 佐证材料/.
    A file missing from the store (never expected) is left out."""
    files, notes = zip_entries(ledgers)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(workbook_name, workbook)
        for path, digest in files:
            if store.has(digest):
                archive.writestr(path, store.read(digest))
        for path, text in notes.items():
            archive.writestr(path, text.encode("utf-8"))
    return buffer.getvalue()
