"""``python -m bot import``: the office imports a notice from a terminal.

Shows what was read; asks what to do with each name the registry lacks and whether each
doubtful match is the same task, unless the command line already says (for scripts); asks
before the notice takes effect; then moves the ledger's reports to the new task numbers and
stores the notice as the active one. Which notice the file is follows the bot's one rule
(`bot.importing.workflow`) unless --new or --of says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

import bot.importing.texts as import_texts
from bot.answers.model import Knowledge
from bot.config import Config
from bot.errors import DataFileError
from bot.importing.registry_file import (
    Addition,
    NewAlias,
    NewGroup,
    NewUnit,
    RegistryEditError,
    add_to_registry,
)
from bot.importing.registry_proposal import propose, propose_kind
from bot.importing.review import (
    Offer,
    Review,
    follow_revision,
    notice_digest,
    offers,
    replacing_review,
    review_notice,
)
from bot.importing.workflow import as_new, first_review, keep_new, keep_revision
from bot.ledger.history import CONSOLE_NAME, CONSOLE_USER, Ledger
from bot.ledger.store import LedgerStore
from bot.normalize import name_key
from bot.notice_files.importers import load_notice, read_file
from bot.notice_files.limits import LIMITS
from bot.notice_files.worker import read_rows
from bot.notices.catalog import (
    PRIMARY,
    NoticeEntry,
    notice_file,
    read_catalog,
)
from bot.notices.desks import Notice, ledger_dir, named_in
from bot.notices.knowledge import active_notice
from bot.notices.office_files import ensure_registry, own_files, remember
from bot.notices.texts import UNKNOWN_NOTICE
from bot.plan import PartyKind, Plan
from bot.reading.loader import RawRow
from bot.registry.units import Registry, load_registry
from bot.revisions.diff import Decisions, Doubt
from bot.revisions.texts import doubt_label, doubt_question
from bot.store.instance_lock import AlreadyRunningError, InstanceLock

EXIT_DECLINED = 1
EXIT_USAGE = 2


class ImportRefused(ValueError):
    """The command line asks for what cannot be done; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class Answers:
    """What the command line already says, so a script need not answer prompts.

    `aliases` maps a name the notice uses to the registry entry it stands for; `units` maps a
    name to its kind, or to None to take the kind its name suggests; `same` and `different`
    are new task numbers of doubtful matches; `propose` takes the registry proposed from the
    notice without asking, when the registry has no units yet.
    """

    yes: bool = False
    propose: bool = False
    aliases: tuple[tuple[str, str], ...] = ()
    units: tuple[tuple[str, str | None], ...] = ()
    same: frozenset[int] = frozenset()
    different: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Target:
    """Which notice the file is: a revision of the notice named `of` (the first notice when
    None), or, with `new`, a further notice named `name` (from its title when empty)."""

    new: bool = False
    of: str | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class Console:
    """The terminal: answers read from `lines`, text written to `out`, errors to `err`."""

    lines: TextIO
    out: TextIO
    err: TextIO

    def say(self, text: str = "") -> None:
        """Write a line."""
        self.out.write(f"{text}\n")

    def ask(self, prompt: str) -> str | None:
        """Write `prompt` and read one answer; None once the input has ended."""
        self.out.write(prompt)
        self.out.flush()
        line = self.lines.readline()
        return line if line else None


def import_command(
    path: Path,
    answers: Answers,
    config: Config,
    now: datetime,
    console: Console,
    target: Target = Target(),
) -> int:
    """Import the notice file at `path`; returns the exit status (0, 1 declined, 2 error)."""
    try:
        data = read_file(path, LIMITS)
        rows = read_rows(data, path.name)  # in a worker process, within LIMITS
        ensure_registry(config.registry)
        registry = load_registry(config.registry)
        key, review = _reviewed(rows, path.name, config, registry, target)
        if review.replaces:  # a new office: its own registry and deadline file
            config = own_files(config)
            ensure_registry(config.registry)
            review = replacing_review(
                rows, path.name, load_registry(config.registry), review.current
            )
        console.say(import_texts.review_text(path.name, review))
        review = _with_additions(review, rows, path.name, answers, config, now, console, key)
        decisions = _decisions(review, answers, console)
    except (DataFileError, RegistryEditError, ImportRefused) as error:
        console.err.write(f"{error}\n")
        return EXIT_USAGE
    except OSError as error:  # the empty registry could not be created
        console.err.write(
            f"{import_texts.WRITE_FAILED.format(path=config.registry, error=error)}\n"
        )
        return EXIT_USAGE
    if decisions is None or not (answers.yes or _confirmed(console)):
        console.say(import_texts.DECLINED)
        return EXIT_DECLINED
    if key is None:
        return _add(path.name, data, target.name or "", config, now, console)
    status = _store(path.name, data, review.decided(decisions), key, config, now, console)
    if status == 0 and key == PRIMARY:
        remember(config)  # the data directory's registry and deadline file, for every command
    return status


def _reviewed(
    rows: list[RawRow], filename: str, config: Config, registry: Registry, target: Target
) -> tuple[str | None, Review]:
    """The key of the notice the file revises (None for a further notice) and the review.

    With no --new nor --of, the bot's rule (`bot.importing.workflow`): a revision of the
    notice in use it most resembles, else a further notice, or the sample replaced.

    Raises:
        ImportRefused: --of names no notice.
    """
    if target.new:
        return None, review_notice(rows, filename, registry, None)
    notices = _in_use(config, registry, every=target.of is not None)
    if target.of is not None:
        named = named_in(notices, target.of)
        if named is None:
            raise ImportRefused(UNKNOWN_NOTICE.format(name=target.of))
        return named.key, review_notice(rows, filename, registry, named.knowledge.plan)
    if not notices:  # a broken notice in use is replaced, not compared with
        return PRIMARY, review_notice(rows, filename, registry, None)
    notice, review = first_review(rows, filename, registry, notices, config)
    return (None if as_new(review) else notice.key), review


def _in_use(config: Config, registry: Registry, every: bool) -> list[Notice]:
    """The catalog's notices that load (archived ones too when `every`), first notice first."""
    found = []
    for entry in read_catalog(config.data_dir):
        if entry.archived and not every:
            continue
        try:
            found.append(Notice(entry, Knowledge(_plan_of(config, entry, registry), registry)))
        except DataFileError:
            if not entry.primary:
                raise
    return found


def _current(config: Config, registry: Registry, key: str | None) -> Plan | None:
    """Notice `key` read with `registry` (None for a further notice)."""
    entry = next((e for e in read_catalog(config.data_dir) if e.key == key), None)
    try:
        return None if entry is None else _plan_of(config, entry, registry)
    except DataFileError:
        if key != PRIMARY:
            raise
        return None  # a broken first notice is replaced, not compared with


def _plan_of(config: Config, entry: NoticeEntry, registry: Registry) -> Plan:
    path = active_notice(config) if entry.primary else notice_file(config.data_dir, entry)
    return load_notice(path, registry)


def _add(
    filename: str, data: bytes, name: str, config: Config, now: datetime, console: Console
) -> int:
    """Keep the file as a further notice; the bot takes it on /reload or its next start."""
    try:
        key = keep_new(config.data_dir, filename, data, name, now)
    except OSError as error:
        reason = error.strerror or error
        console.err.write(
            f"{import_texts.WRITE_FAILED.format(path=config.data_dir, error=reason)}\n"
        )
        return EXIT_USAGE
    entry = next(e for e in read_catalog(config.data_dir) if e.key == key)
    path = notice_file(config.data_dir, entry)
    console.say(import_texts.ADDED_NOTICE.format(name=filename, path=path, key=key))
    console.say(import_texts.ADDED_TAKES_EFFECT)
    return 0


def _with_additions(
    review: Review,
    rows: list[RawRow],
    filename: str,
    answers: Answers,
    config: Config,
    now: datetime,
    console: Console,
    key: str | None,
) -> Review:
    """Add what the office chose to the registry, then read the notice again with it."""
    additions = _additions(review, answers, console)
    if not additions:
        return review
    registry = add_to_registry(config.registry, additions, day=now.date(), source=filename)
    for addition in additions:
        console.say(import_texts.added_text(addition, registry))
    console.say(import_texts.REGISTRY_SAVED.format(path=config.registry))
    if review.replaces:
        review = replacing_review(rows, filename, registry, review.current)
    else:
        review = review_notice(rows, filename, registry, _current(config, registry, key))
    console.say(f"\n{import_texts.REREAD}\n{import_texts.review_text(filename, review)}")
    return review


def _additions(review: Review, answers: Answers, console: Console) -> list[Addition]:
    """One addition per name the flags or the office's answers add; left-out names give none.

    With a registry that has no units yet, the registry proposed from the notice is offered
    first for every name the flags leave; declined, each name is asked about in turn.
    """
    offered = offers(review)
    given = _flagged(offered, review.registry, answers)
    rest = [offer for offer in offered if offer.item.name not in given]
    if rest and not review.registry.units:
        proposal = propose([offer.item for offer in rest], review.registry)
        console.say(import_texts.proposal_text(proposal))
        if answers.propose or (not answers.yes and _proposal_taken(console)):
            return [*given.values(), *proposal]
    chosen = list(given.values())
    for offer in rest:
        if not answers.yes:
            choice = _ask_choice(offer, console)
            if choice is not None:
                chosen.append(choice)
    return chosen


def _proposal_taken(console: Console) -> bool:
    """The office's answer to the proposal: an empty line takes it, the end of input does not."""
    answer = console.ask(import_texts.ASK_PROPOSAL)
    return answer is not None and (not answer.strip() or import_texts.is_yes(answer))


def _flagged(
    offered: Sequence[Offer], registry: Registry, answers: Answers
) -> dict[str, Addition]:
    """The additions --alias and --add-unit ask for, by the name as the notice writes it."""
    kinds = {offer.item.name: offer.item.kind for offer in offered}
    given: dict[str, Addition] = {}
    for written, of in answers.aliases:
        name = _named(written, kinds, "--alias")
        given[name] = NewAlias(name, of)
    for written, kind in answers.units:
        name = _named(written, kinds, "--add-unit")
        if kinds[name] is PartyKind.GROUP:
            given[name] = NewGroup(name)
            continue
        given[name] = NewUnit(name, kind or propose_kind(name, registry))
    return given


def _named(written: str, kinds: dict[str, PartyKind], flag: str) -> str:
    name = name_key(written)
    if name not in kinds:
        unknown = "、".join(kinds) or "无"
        raise ImportRefused(f"{flag} {written}：通知里没有名录外的名称“{name}”（有：{unknown}）")
    return name


def _ask_choice(offer: Offer, console: Console) -> Addition | None:
    """Ask what to do with one name; an empty answer or the end of input leaves it out."""
    console.say(import_texts.unknown_question(offer.item))
    additions = offer.choices[:-1]  # the last choice, leaving the name out, is number 0
    for number, choice in enumerate(additions, 1):
        console.say(f"  {number}. {import_texts.choice_label(choice)}")
    console.say(f"  0. {import_texts.LEAVE_OUT}")
    while True:
        text = (console.ask(import_texts.ASK_CHOICE) or "").strip()
        if text in {"", "0"}:
            return None
        if text.isdecimal() and int(text) <= len(additions):
            return additions[int(text) - 1]
        console.say(f"请输入 0 到 {len(additions)} 之间的数字。")


def _decisions(review: Review, answers: Answers, console: Console) -> Decisions | None:
    """The office's answer on each doubtful match; None when the input ended before all."""
    doubts = {d.new.number: d for d in review.doubts}
    for flag, numbers in (("--same", answers.same), ("--different", answers.different)):
        stray = sorted(numbers - doubts.keys())
        if stray:
            listed = "、".join(f"第{n}项" for n in doubts) or "无"
            raise ImportRefused(
                f"{flag} {stray[0]}：第{stray[0]}项不是需确认的匹配（需确认的：{listed}）"
            )
    decisions: dict[tuple[int, int], bool] = {}
    for number, doubt in doubts.items():
        if number in answers.same or number in answers.different:
            decisions[doubt.key] = number in answers.same
        elif answers.yes:
            raise ImportRefused(
                f"{doubt_label(doubt)} 是否同一项未确认：请加 --same {number} 或 "
                f"--different {number}。通知未启用。"
            )
        else:
            same = _ask_same(doubt, console)
            if same is None:
                return None
            decisions[doubt.key] = same
    return decisions


def _ask_same(doubt: Doubt, console: Console) -> bool | None:
    """Ask whether a doubtful match is one task; None once the input has ended."""
    console.say(doubt_question(doubt))
    while True:
        answer = console.ask(import_texts.ASK_SAME)
        if answer is None:
            console.say()
            return None
        if import_texts.is_yes(answer):
            return True
        if import_texts.is_no(answer):
            return False
        console.say("请回答 是 或 否。")


def _confirmed(console: Console) -> bool:
    return import_texts.is_yes(console.ask(import_texts.CONFIRM) or "")


def _store(
    filename: str,
    data: bytes,
    review: Review,
    key: str,
    config: Config,
    now: datetime,
    console: Console,
) -> int:
    """Move the ledger's reports to the new numbers, then make the notice the active one.

    The bot reads the notice only at start and on /reload, and both files are replaced
    atomically, so a running bot does not stop the import, unless the ledger it writes has
    reports to move: only the bot may write its ledger then, so the file goes to the bot.
    """
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            with InstanceLock(config.data_dir):
                _follow(config.data_dir, key, review, data, now)
                stored = keep_revision(config.data_dir, key, key == PRIMARY, filename, data, now)
            after = import_texts.TAKES_EFFECT
        except AlreadyRunningError:
            if _must_follow(config.data_dir, key, review):
                console.err.write(f"{import_texts.BOT_MUST_IMPORT}\n")
                return EXIT_USAGE
            stored = keep_revision(config.data_dir, key, key == PRIMARY, filename, data, now)
            after = import_texts.BOT_RUNNING
    except DataFileError as error:
        console.err.write(f"{error}\n")
        return EXIT_USAGE
    except OSError as error:
        reason = error.strerror or error
        console.err.write(
            f"{import_texts.WRITE_FAILED.format(path=config.data_dir, error=reason)}\n"
        )
        return EXIT_USAGE
    console.say(import_texts.IMPORTED.format(name=filename, path=stored))
    console.say(after)
    return 0


def _must_follow(data_dir: Path, key: str, review: Review) -> bool:
    """True when the notice's ledger has reports and the revision moves or ends tasks."""
    has_reports = any(ledger_dir(data_dir, key).glob("ledger-*.json"))
    return has_reports and review.diff is not None and not review.diff.keeps_numbers


def _follow(data_dir: Path, key: str, review: Review, data: bytes, now: datetime) -> None:
    if not _must_follow(data_dir, key, review):
        return
    with LedgerStore(ledger_dir(data_dir, key)) as store:
        # The console has no message ids: the moment in microseconds stands in for one.
        follow_revision(
            Ledger(store),
            review.diff,
            notice_digest(data),
            user=CONSOLE_USER,
            name=CONSOLE_NAME,
            chat=CONSOLE_USER,
            message=int(now.timestamp() * 1e6),
            now=now,
        )
