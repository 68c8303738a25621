"""The office's files: /export (the 台账 as .xlsx; with 含佐证, a zip of it and the evidence
files) and /chart (the same as a PNG picture).

All are built in a worker thread, so a large ledger never stalls the event loop; a PNG goes
out as a file too, keeping its full resolution for reading small labels.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from pathlib import PurePath

from bot.conversation.actions import Answered, Reply, Result, SendFile
from bot.conversation.core import Core
from bot.conversation.events import TELEGRAM, WECOM
from bot.conversation.turn import Turn
from bot.evidence.kinds import MB, megabytes
from bot.evidence.listing import write_zip, zip_entries
from bot.evidence.store import EvidenceStore
from bot.evidence.texts import ZIP_CAPTION, ZIP_TOO_BIG
from bot.normalize import safe_filename
from bot.notices.desks import Desk, split_notice
from bot.office.chart import chart_caption, chart_filename, render_chart
from bot.office.export import export_caption, export_filename, export_workbook
from bot.office.overview import build_overview

Build = Callable[[Core, Desk, date], tuple[bytes, str, str]]
WITH_EVIDENCE = frozenset({"含佐证", "含佐证材料", "佐证", "佐证材料"})  # /export 含佐证
# The largest file a bot may send: Telegram's sendDocument, WeCom's media upload of a file.
# The console writes any size.
SEND_LIMITS = {TELEGRAM: 50 * MB, WECOM: 20 * MB}


def _named(filename: str, desk: Desk, several: bool) -> str:
    """With several notices, each file's name starts with its notice's name."""
    return f"{safe_filename(desk.name)}-{filename}" if several else filename


def _workbook(core: Core, desk: Desk, today: date) -> tuple[bytes, str, str]:
    know, ledger = desk.knowledge, desk.ledger
    overview = build_overview(know, ledger, today, core.config.reminders.digest)
    data = export_workbook(know, ledger, overview, core.config.timezone)
    return data, export_caption(overview, know), export_filename(today)


def _chart(core: Core, desk: Desk, today: date) -> tuple[bytes, str, str]:
    know = desk.knowledge
    overview = build_overview(know, desk.ledger, today, core.config.reminders.digest)
    chart = render_chart(overview, know.plan, know.registry)
    return chart, chart_caption(overview), chart_filename(overview)


def _zipped(core: Core, desk: Desk, workbook: bytes, name: str) -> tuple[bytes, str, str]:
    """The zip of `/export 含佐证`: the workbook named `name` and the notice's evidence files;
    its name is the workbook's with .zip, its caption's extra line counts the files."""
    ledgers = [(desk.name, desk.ledger)]
    data = write_zip(workbook, name, ledgers, EvidenceStore(core.config.data_dir))
    files, _ = zip_entries(ledgers)
    return data, ZIP_CAPTION.format(files=len(files)), str(PurePath(name).with_suffix(".zip"))


def _too_big(turn: Turn, name: str, size: int) -> str | None:
    """Why the zip `name` of `size` bytes cannot go out on the person's channel, or None."""
    limit = SEND_LIMITS.get(turn.person.channel)
    if limit is None or size <= limit:
        return None
    return ZIP_TOO_BIG.format(name=name, size=megabytes(size), limit=megabytes(limit))


async def _files(
    turn: Turn, args: tuple[str, ...], build: Build, *, evidence: bool = False
) -> Result:
    """One file per notice in use, or for the notice the command names ("/export 政务公开");
    with `evidence`, each file goes into a zip with the notice's evidence files."""
    core = turn.core
    named, _ = split_notice(core.desks, list(args))
    desks = [named] if named else core.active_desks()
    several = len(core.active_desks()) > 1 or named is not None and named.archived
    files = []
    for desk in desks:
        data, caption, filename = await asyncio.to_thread(build, core, desk, core.clock().date())
        filename = _named(filename, desk, several)
        if evidence:
            data, more, filename = await asyncio.to_thread(_zipped, core, desk, data, filename)
            caption = f"{caption}\n{more}"
            too_big = _too_big(turn, filename, len(data))
            if too_big is not None:
                files.append(Reply(too_big))
                continue
        caption = f"{desk.label}\n{caption}" if several else caption
        files.append(SendFile(filename, data, caption))
    return Result(tuple(files), Answered())


async def export(turn: Turn, args: tuple[str, ...]) -> Result:
    """/export [通知] [含佐证]: the 台账 and its full history as an Excel file (an archived
    notice's too, when named); with 含佐证, a zip of it and the evidence files."""
    words = tuple(word for word in args if word not in WITH_EVIDENCE)
    return await _files(turn, words, _workbook, evidence=len(words) < len(args))


async def chart(turn: Turn, args: tuple[str, ...]) -> Result:
    """/chart: completion by section and by unit as a PNG picture."""
    return await _files(turn, args, _chart)
