"""The office sends a notice file: what was read and what changed, then its questions.

Only admins, in a private chat; anyone else sending a file is asked for text. The file waits
in memory (`Core.imports`) for the office's answers and 启用 / 取消 (a restart forgets it).
Each name the registry lacks gets a message with its choices (an alias, a new unit or group,
appended to the registry file, after which the notice is read again and shown anew; or left
out); each doubtful match gets 是同一项 / 不是, and 启用 waits until all are answered. 启用
stores the file (`bot.importing.workflow`), reloads, and tells units that gained or lost
tasks, once. An arrangement of next year's holidays sent as a file goes to `holidays`.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import Counter
from pathlib import PurePath

import bot.importing.texts as import_texts
import bot.workbook.texts as workbook_texts
from bot import texts
from bot.conversation import holidays
from bot.conversation.actions import (
    Action,
    Answered,
    Asked,
    Changed,
    Choice,
    Edit,
    EditSent,
    Refused,
    Reply,
    Result,
    Rows,
    Send,
    SendFile,
    Toast,
    said,
)
from bot.conversation.choices import Button
from bot.conversation.core import Core
from bot.conversation.events import File
from bot.conversation.turn import Turn
from bot.duties import task_holders
from bot.errors import DataFileError, NoticeError
from bot.importing.registry_file import Addition, RegistryEditError, add_to_registry
from bot.importing.registry_proposal import propose
from bot.importing.review import Offer, follow_revision, notice_digest
from bot.importing.workflow import PendingImport, first_review, keep_new, keep_revision
from bot.ledger.deadlines import notice_year_end
from bot.notice_files.importers import SUFFIXES, unreadable
from bot.notice_files.limits import LIMITS, check_size, too_big
from bot.notice_files.worker import read_rows_async
from bot.notices.across import headed
from bot.notices.catalog import notice_name
from bot.notices.desks import by_key
from bot.notices.office_files import own_files, remember
from bot.revisions.diff import Doubt
from bot.revisions.texts import NOT_SAME, SAME, doubt_question, open_doubts_refusal, unit_notice
from bot.workbook.write import plan_workbook

log = logging.getLogger(__name__)
TRACK = "import"
_EXPIRED = Result((Toast(import_texts.EXPIRED, alert=True),), Refused("expired"))


def panel_rows(token: str, pending: PendingImport) -> Rows:
    """启用 / 取消, the switch between a revision and a notice of its own, the workbook."""
    decide = (Choice("启用", f"im:{token}:y"), Choice("取消", f"im:{token}:n"))
    workbook = (Choice(workbook_texts.EXPORT_BUTTON, f"im:{token}:x"),)
    if pending.review.replaces:  # the sample is no notice to revise nor to run beside
        return (decide, workbook)
    other = (
        import_texts.SWITCH_TO_REVISION.format(label=pending.closest_label)
        if pending.as_new
        else import_texts.SWITCH_TO_NEW
    )
    return (decide, (Choice(other, f"im:{token}:s"),), workbook)


def _proposal_rows(token: str) -> Rows:
    return (
        (Choice(import_texts.TAKE_PROPOSAL, f"im:{token}:p"),),
        (Choice(import_texts.ONE_BY_ONE, f"im:{token}:o"),),
    )


def _name_rows(token: str, index: int, offered: Offer) -> Rows:
    return tuple(
        (Choice(import_texts.choice_label(choice), f"iu:{token}:{index}:{i}"),)
        for i, choice in enumerate(offered.choices)
    )


def _doubt_rows(token: str, doubt: Doubt) -> Rows:
    old, new = doubt.key
    return (
        (Choice(SAME, f"it:{token}:{old}:{new}:y"),),
        (Choice(NOT_SAME, f"it:{token}:{old}:{new}:n"),),
    )


async def _fetch(event: File) -> bytes:
    """The file's bytes, refused unread when its size says it is too big, or the bytes do."""
    if event.size > LIMITS.max_bytes:
        raise NoticeError(event.name, too_big(event.size, LIMITS))
    data = event.data if event.data is not None else await event.fetch()
    check_size(data, event.name, LIMITS)
    return data


async def on_file(turn: Turn, event: File) -> Result:
    """A file in a private chat: an admin's notice to import; from anyone else, ask for text.

    Nothing is fetched before the sender, the type and the size pass; the file is read in a
    worker process within `LIMITS`, one file at a time, while the bot goes on answering.
    """
    core = turn.core
    if not turn.admin or event.place.group:
        return said(texts.ONLY_TEXT, outcome=Refused("only text"))
    name = event.name or "未命名"
    if PurePath(name).suffix.lower() not in SUFFIXES:
        refusal = unreadable(name) or import_texts.NOT_A_NOTICE.format(name=name)
        return said(refusal, outcome=Refused("not a notice"))
    try:
        async with core.import_reading:
            data = await _fetch(event)
            rows = await read_rows_async(data, name)
        text = "\n".join("\t".join(cells) for _, cells in rows)
        if holidays.looks_like_arrangement(text):
            return holidays.offer(core, text)
        closest, review = await asyncio.to_thread(
            first_review, rows, name, core.registry, core.active_desks(), core.config
        )
    except DataFileError as error:
        return said(str(error), outcome=Refused(str(error)))
    token = secrets.token_hex(4)
    pending = PendingImport.of(name, data, rows, review, closest.key, closest.label)
    pending.name = notice_name(event.caption)
    core.imports[token] = pending
    return Result(_ask(event.place.id, token, pending), Asked())


def _ask(chat: int, token: str, pending: PendingImport) -> tuple[Action, ...]:
    """The summary and diff; then a message per question and 启用 / 取消 apart, if any."""
    summary = import_texts.review_text(pending.filename, pending.review)
    if not pending.names and not pending.review.doubts:
        return (Reply(f"{summary}\n\n{pending.panel_text()}", panel_rows(token, pending)),)
    actions: list[Action] = [Reply(summary)]
    if pending.names and not pending.review.registry.units:  # a new office's empty registry
        proposal = propose([offer.item for offer in pending.names], pending.review.registry)
        actions.append(Reply(import_texts.proposal_text(proposal), _proposal_rows(token)))
    else:
        actions.extend(_ask_names(token, pending))
    actions.extend(
        Reply(doubt_question(doubt), _doubt_rows(token, doubt)) for doubt in pending.review.doubts
    )
    return (*actions, *_new_panel(chat, token, pending))


def _ask_names(token: str, pending: PendingImport) -> list[Action]:
    """A message per name the registry lacks, with its choices."""
    return [
        Reply(import_texts.unknown_question(offered.item), _name_rows(token, index, offered))
        for index, offered in enumerate(pending.names)
    ]


def _new_panel(chat: int, token: str, pending: PendingImport) -> tuple[Action, ...]:
    """启用 / 取消 under the latest messages; the previous panel loses its choices."""
    panel = Reply(pending.panel_text(), panel_rows(token, pending), track=f"{TRACK}:{token}")
    if pending.panel is None:
        return (panel,)
    return (panel, EditSent(chat, pending.panel, None))


def _refresh_panel(chat: int, token: str, pending: PendingImport) -> tuple[Action, ...]:
    """Show on 启用 / 取消's message what is still open."""
    if pending.panel is None:
        return ()
    return (EditSent(chat, pending.panel, pending.panel_text(), panel_rows(token, pending)),)


def sent(core: Core, track: str, where: list[tuple[int, int]]) -> bool:
    """Remember the message carrying an import's 启用 / 取消; False for another flow's sends."""
    kind, _, token = track.partition(":")
    if kind != TRACK:
        return False
    pending = core.imports.get(token)
    if pending is not None and where:
        pending.panel = where[-1][1]
    return True


async def on_press(turn: Turn, button: Button, press_id: int) -> Result:
    """An import's choice: a name's, a doubtful match's, or 启用 / 取消 and the others."""
    async with turn.core.import_lock:
        pending = turn.core.imports.get(button.fields[0] or "")
        if pending is None:
            return _EXPIRED
        if button.action == "import_name":
            return await _on_name(turn, button, pending)
        if button.action == "import_match":
            return await _on_match(turn, button, pending)
        return await _on_decision(turn, button, pending, press_id)


async def _on_name(turn: Turn, button: Button, pending: PendingImport) -> Result:
    """A choice for a name the registry lacks: add it to the registry, or leave it out."""
    token, index, choice = button.fields[0] or "", button.number(1), button.number(2)
    if index >= len(pending.names) or choice >= len(pending.names[index].choices):
        return _EXPIRED
    offered = pending.names[index]
    addition = offered.choices[choice]
    if addition is None:
        pending.answered.add(index)
        text = import_texts.left_out_text(offered.item)
        edited = Edit(text, _name_rows(token, index, offered))
        chat = turn.place.id
        return Result((Toast(), edited, *_refresh_panel(chat, token, pending)), Answered())
    return await _add(turn, token, pending, range(index, index + 1), [addition])


async def _add(
    turn: Turn, token: str, pending: PendingImport, indexes: range, additions: list[Addition]
) -> Result:
    """Append `additions` (for the names at `indexes`) to the registry file, then read the
    notice again and show it anew."""
    core = turn.core
    try:
        registry = await asyncio.to_thread(
            add_to_registry,
            core.config.registry,
            additions,
            day=core.clock().date(),
            source=pending.filename,
        )
    except RegistryEditError as error:
        failed = import_texts.NOT_ADDED.format(error=error)
        return Result((Toast(), Reply(failed)), Refused(str(error)))
    pending.answered.update(indexes)
    added = "\n".join(import_texts.added_text(addition, registry) for addition in additions)
    await _reload(core)
    pending.review = await asyncio.to_thread(pending.reread, registry)
    summary = import_texts.review_text(pending.filename, pending.review)
    return Result(
        (
            Toast(),
            Edit(f"{added}{import_texts.KEPT_ON_CANCEL}"),
            Reply(f"{import_texts.REREAD}\n{summary}"),
            *_new_panel(turn.place.id, token, pending),
        ),
        Changed(),
    )


async def _reload(core: Core) -> None:
    """The bot takes the registry it was just given; a notice that no longer loads keeps the
    old knowledge, and the office hears of it on /reload."""
    try:
        await core.reload_knowledge()
    except DataFileError as error:
        log.warning("加入单位名录后重新读入失败：%s", error)


async def _on_match(turn: Turn, button: Button, pending: PendingImport) -> Result:
    """是同一项 / 不是 for one doubtful match; the office may change its answer until 启用."""
    token, key = button.fields[0] or "", (button.number(1), button.number(2))
    if key not in {d.key for d in pending.review.doubts}:
        return _EXPIRED
    pending.decisions[key] = button.fields[3] == "y"
    pending.review = await asyncio.to_thread(pending.review.decided, pending.decisions)
    doubt = next(d for d in pending.review.doubts if d.key == key)
    edited = Edit(doubt_question(doubt), _doubt_rows(token, doubt))
    return Result((Toast(), edited, *_refresh_panel(turn.place.id, token, pending)), Answered())


async def _on_decision(
    turn: Turn, button: Button, pending: PendingImport, press_id: int
) -> Result:
    """启用 or 取消, or one of the choices that keep the import waiting."""
    token, choice = button.fields[0] or "", button.fields[1]
    if choice == "y" and pending.open_doubts:
        refusal = open_doubts_refusal(pending.open_doubts)
        return Result((Toast(refusal, alert=True),), Refused(refusal))
    if choice == "s":
        return _switch(token, pending)
    if choice == "x":
        return await _workbook(turn, pending)
    if choice == "p":
        return await _take_proposal(turn, token, pending)
    if choice == "o":
        actions = (Edit(import_texts.ONE_BY_ONE_CHOSEN), *_ask_names(token, pending))
        return Result((Toast(), *actions, *_new_panel(turn.place.id, token, pending)), Asked())
    del turn.core.imports[token]
    if choice == "n":
        return Result((Toast(), Edit(import_texts.CANCELLED)), Answered())
    if pending.as_new:
        return await _enable_new(turn, pending)
    return await _enable(turn, pending, press_id)


def _switch(token: str, pending: PendingImport) -> Result:
    """Between a notice of its own and a revision of the notice it most resembles."""
    pending.as_new = not pending.as_new
    text = pending.panel_text()
    if pending.panel is None:  # the summary and 启用 / 取消 are one message
        summary = import_texts.review_text(pending.filename, pending.review)
        text = f"{summary}\n\n{text}"
    return Result((Toast(), Edit(text, panel_rows(token, pending))), Answered())


async def _workbook(turn: Turn, pending: PendingImport) -> Result:
    """What was read as the workbook the office corrects and sends back."""
    plan = pending.review.plan
    year_end = notice_year_end(plan, turn.core.config.year_end)
    data = await asyncio.to_thread(plan_workbook, plan, year_end)
    stem = PurePath(pending.filename).stem.removesuffix(workbook_texts.FILE_SUFFIX)
    caption = workbook_texts.EXPORT_CAPTION.format(tasks=len(plan.tasks))
    file = SendFile(f"{stem}{workbook_texts.FILE_SUFFIX}.xlsx", data, caption)
    return Result((Toast(), file), Answered())


async def _take_proposal(turn: Turn, token: str, pending: PendingImport) -> Result:
    """Every name the registry lacks added as the proposal has it; then the notice anew."""
    open_names = [i for i in range(len(pending.names)) if i not in pending.answered]
    items = [pending.names[i].item for i in open_names]
    additions = list(propose(items, pending.review.registry))
    return await _add(turn, token, pending, range(len(pending.names)), additions)


async def _enable(turn: Turn, pending: PendingImport, press_id: int) -> Result:
    """Reports follow their tasks, the revision is stored, the bot reloads; units told."""
    core, person = turn.core, turn.person
    target = by_key(core.desks, pending.closest_key)
    diff = pending.review.diff
    try:
        await core.ledger.store.run(
            follow_revision,
            target.ledger,
            diff,
            notice_digest(pending.data),
            user=person.id,
            name=person.name,
            chat=turn.place.id,
            message=-press_id,
            now=core.clock(),
        )
        await asyncio.to_thread(
            keep_revision,
            core.config.data_dir,
            target.key,
            target.entry.primary,
            pending.filename,
            pending.data,
            core.clock(),
        )
        if pending.review.replaces:  # the office's own deadline file, remembered
            core.config = own_files(core.config)
            await asyncio.to_thread(remember, core.config)
        await core.reload_knowledge()
    except (DataFileError, OSError) as error:
        failed = import_texts.FAILED.format(error=error)
        return Result((Toast(), Edit(failed)), Refused(str(error)))
    units = list(dict.fromkeys([*diff.gained, *diff.lost]))
    tasks = len(target.knowledge.plan.tasks)
    enabled = import_texts.ENABLED.format(name=pending.filename, tasks=tasks, units=len(units))
    desks = core.active_desks()
    told = {unit: headed(target, unit_notice(unit, diff), desks) for unit in units}
    return Result((Toast(), Edit(enabled), *await _tell(core, told)), Changed())


async def _enable_new(turn: Turn, pending: PendingImport) -> Result:
    """Keep the file as a further notice; each unit holding tasks in it is told once."""
    core = turn.core
    try:
        key = await asyncio.to_thread(
            keep_new,
            core.config.data_dir,
            pending.filename,
            pending.data,
            pending.name,
            core.clock(),
        )
        await core.reload_knowledge()
    except (DataFileError, OSError) as error:
        failed = import_texts.FAILED.format(error=error)
        return Result((Toast(), Edit(failed)), Refused(str(error)))
    desk = by_key(core.desks, key)
    know = desk.knowledge
    held = Counter(
        unit for units in task_holders(know.plan, know.registry).values() for unit in units
    )
    enabled = import_texts.ENABLED_NEW.format(
        label=desk.label, tasks=len(know.plan.tasks), units=len(held)
    )
    told = {
        unit: import_texts.new_notice_for_unit(desk.label, unit, count)
        for unit, count in held.items()
    }
    return Result((Toast(), Edit(enabled), *await _tell(core, told)), Changed())


async def _tell(core: Core, by_unit: dict[str, str]) -> list[Action]:
    """Each unit's users their text, once."""
    sends: list[Action] = []
    for unit, text in by_unit.items():
        for binding in await core.store.run(core.bindings.users_of, unit):
            sends.append(Send(binding.user_id, text, to=unit))
    return sends
