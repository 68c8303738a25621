"""Command line: ``chat`` (console chat), ``plan`` (what was read), ``run`` (the bot on
Telegram, WeCom or both),
``export`` (the 台账 as an Excel file, or a zip of it and the evidence files), ``chart`` (the 台账 as a picture), ``holidays`` (the
year's holiday arrangement),
``import`` (a notice file) and ``deadline`` (a task's due dates)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import bot.workbook.texts as workbook_texts
from bot import texts
from bot.answers.model import ChatState, Knowledge
from bot.answers.planview import plan_document, plan_table
from bot.backup import add_backup_parser, backup_command
from bot.clock import Clock, clock_from, parse_instant, system_clock
from bot.config import Config, load_config
from bot.console.chat import run_chat
from bot.conversation.core import OUTBOX_FILE, STORE_FILE
from bot.errors import DataFileError
from bot.evidence.listing import write_zip
from bot.evidence.store import EvidenceStore
from bot.evidence.texts import ZIPPED
from bot.holidays.command import add_holidays_parser, holidays_command
from bot.holidays.holiday_file import HolidayFile
from bot.importing.command import Answers, Console, Target, import_command
from bot.ledger.deadlines import notice_year_end
from bot.ledger.history import Ledger
from bot.ledger.store import LedgerStore
from bot.normalize import safe_filename
from bot.notices.across import headed
from bot.notices.catalog import read_catalog
from bot.notices.deadline_command import add_deadline_parser, deadline_command
from bot.notices.desks import Desk, Notice, active, ledger_dir, load_later, named_in
from bot.notices.knowledge import load_knowledge
from bot.notices.office_files import remembered
from bot.notices.texts import UNKNOWN_NOTICE
from bot.office.chart import chart_filename, render_chart
from bot.office.export import (
    EXPORT_BUSY,
    EXPORT_FAILED,
    EXPORT_WHICH_NOTICE,
    EXPORTED,
    export_filename,
    export_workbook,
)
from bot.office.overview import Overview, build_overview
from bot.office.texts import CHART_BUSY, CHART_WHICH_NOTICE, CHARTED
from bot.registry.units import Unit
from bot.store.instance_lock import AlreadyRunningError, InstanceLock
from bot.store.storage import Store
from bot.workbook.write import plan_workbook

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="分工助手")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="配置文件（TOML），默认使用随程序发布的数据")
    common.add_argument("--notice", type=Path, help="分工方案通知文本，覆盖配置")
    common.add_argument("--units", type=Path, help="单位名录（TOML），覆盖配置")
    common.add_argument("--data", type=Path, help="机器人数据目录（绑定等），覆盖配置")
    common.add_argument(
        "--of", metavar="简称", help="chat、plan、export、chart 只看这个通知（已归档的也可以）"
    )
    common.add_argument(
        "--now",
        metavar="时间",
        help="从这一时刻起按真实速度走的时钟，如 2021-11-15T08:59:50+08:00",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    chat = commands.add_parser("chat", parents=[common], help="控制台对话，无需 Telegram")
    chat.add_argument(
        "--as", dest="as_unit", metavar="单位", help="以该单位身份提问，如 --as 综合科"
    )
    chat.add_argument(
        "--admin", action="store_true", help="以办公室管理员身份使用（办公室的命令、审批）"
    )
    chat.add_argument(
        "--files",
        type=Path,
        metavar="文件夹",
        help="/export、/chart 的文件写到这里，默认当前文件夹",
    )
    plan = commands.add_parser("plan", parents=[common], help="显示读入的分工方案和问题")
    plan.add_argument("--json", action="store_true", help="输出 JSON，便于核对和脚本处理")
    plan.add_argument(
        "--xlsx",
        type=Path,
        metavar="文件",
        help="把读到的分工方案写成 Excel 表格，改好后用 import 读回",
    )
    commands.add_parser(
        "run", parents=[common], help="运行机器人（Telegram、企业微信，或两者同时）"
    )
    add_backup_parser(commands)
    add_deadline_parser(commands, common)
    add_holidays_parser(commands, common)
    notice = commands.add_parser(
        "import",
        parents=[common],
        help="读入通知文件（.docx、.xlsx、.txt、.html、.pdf），确认后启用",
    )
    notice.add_argument(
        "file", type=Path, metavar="文件", help="通知的 Word、Excel、文本、网页或 PDF 文件"
    )
    notice.add_argument(
        "--new",
        action="store_true",
        help="作为又一个通知启用（与在用的通知并行），而不是修订；修订其他通知用 --of 简称",
    )
    notice.add_argument("--name", metavar="简称", help="--new 的通知的简称，默认取自标题")
    notice.add_argument(
        "--yes", action="store_true", help="不询问，直接启用（名录外的名称除下面指明的都不加入）"
    )
    notice.add_argument(
        "--propose",
        action="store_true",
        help="单位名录还没有单位时，不询问，按通知拟定的名录全部加入（每个名称作为单位或统称）",
    )
    notice.add_argument(
        "--alias",
        action="append",
        default=[],
        type=_pair(required=True),
        metavar="名称=单位",
        help="把通知里名录外的名称作为名录中某单位（或统称）的别名加入名录，可重复",
    )
    notice.add_argument(
        "--add-unit",
        action="append",
        default=[],
        type=_pair(required=False),
        metavar="名称[=类别]",
        help="把通知里名录外的名称作为新单位加入名录；不写类别则按名称推断，可重复",
    )
    notice.add_argument(
        "--same",
        action="append",
        default=[],
        type=int,
        metavar="新编号",
        help="需确认的匹配：新通知的这一项与原来匹配的那一项是同一项（进展随之迁移），可重复",
    )
    notice.add_argument(
        "--different",
        action="append",
        default=[],
        type=int,
        metavar="新编号",
        help="需确认的匹配：不是同一项（旧任务结束，新任务重新开始），可重复",
    )
    export = commands.add_parser("export", parents=[common], help="把台账导出为 Excel 文件")
    _add_out(export, ".xlsx", "台账-日期.xlsx")
    export.add_argument(
        "--with-evidence",
        action="store_true",
        help="写成压缩包（.zip）：台账和佐证材料文件，按“佐证材料/第N项/单位/”存放",
    )
    chart = commands.add_parser("chart", parents=[common], help="把台账画成图（PNG 文件）")
    _add_out(chart, ".png", "台账图-日期.png")
    return parser


def _add_out(command: argparse.ArgumentParser, kind: str, default: str) -> None:
    """``--out 文件`` of `export` and `chart`."""
    command.add_argument(
        "--out",
        type=Path,
        metavar="文件",
        help=f"输出的 {kind} 文件，默认为当前目录下的 {default}（几个通知在用时，每个通知一个文件，文件名以简称开头）",
    )


def _pair(*, required: bool) -> Callable[[str], tuple[str, str | None]]:
    """An argparse type for ``名称=值`` (the value optional unless `required`)."""

    def parse(text: str) -> tuple[str, str | None]:
        name, equals, value = text.partition("=")
        if not name.strip() or (required and not value.strip()) or (equals and not value.strip()):
            raise argparse.ArgumentTypeError(f"应写成 名称=值：{text}")
        return name.strip(), value.strip() or None

    return parse


def _clock(args: argparse.Namespace, config: Config) -> Clock:
    if args.now is None:
        return system_clock(config.timezone)
    return clock_from(parse_instant(args.now, config.timezone), config.timezone)


def _config(args: argparse.Namespace) -> Config:
    """The config file's settings, then the files the data directory remembers, with the
    command line's paths put over them."""
    config = load_config(args.config)
    config = replace(
        config, notice=args.notice or config.notice, data_dir=args.data or config.data_dir
    )
    config = remembered(config)  # the registry and deadline file the data directory uses
    return replace(config, registry=args.units or config.registry)


def _run(config: Config, know: Knowledge, clock: Clock) -> int:
    # Imported here so the console chat and plan never load a channel's library. Durations as
    # timedelta (RetryAfter.retry_after): PTB's future default, without its warning.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    from handlers.channels import run_bot

    if not config.channels:
        print(texts.BOT_NOT_CONFIGURED, file=sys.stderr)
        return EXIT_USAGE
    try:
        return run_bot(config, know, clock)
    except (AlreadyRunningError, DataFileError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE


def _chat(args: argparse.Namespace, config: Config, know: Knowledge, clock: Clock) -> int:
    state = ChatState()
    if args.as_unit:
        match = know.registry.find(args.as_unit)
        if match is None or not match.confident or not isinstance(match.entry, Unit):
            hint = f"您是说“{match.entry.name}”吗？" if match else ""
            print(texts.AS_UNKNOWN.format(text=args.as_unit, hint=hint), file=sys.stderr)
            return EXIT_USAGE
        state = ChatState(unit=match.entry.name)
    interactive = sys.stdin.isatty()
    notices = _notices(args, config, know)

    def talk(notices: Sequence[Notice], stores: tuple[Store, Store] | None = None) -> None:
        run_chat(
            notices,
            state,
            sys.stdin,
            sys.stdout,
            interactive=interactive,
            clock=clock,
            config=config,
            admin=args.admin,
            stores=stores,
            files=args.files,
            nudges=args.now is not None,
        )

    try:
        # Reports go into the same 台账 as the bot's; one process writes a data directory.
        config.data_dir.mkdir(parents=True, exist_ok=True)
        with InstanceLock(config.data_dir), ExitStack() as stack:
            desks = [_open_desk(stack, config, notice) for notice in notices]
            stores = tuple(
                stack.enter_context(Store(config.data_dir / name))
                for name in (STORE_FILE, OUTBOX_FILE)
            )
            talk(desks, stores)
    except AlreadyRunningError:
        print(texts.LEDGER_BUSY, file=sys.stderr)
        talk(notices)
    return 0


def _all_notices(args: argparse.Namespace, config: Config, know: Knowledge) -> list[Notice]:
    """Just the given notice with --notice, else every notice in the catalog."""
    first = next(e for e in read_catalog(config.data_dir) if e.primary)
    if args.notice is not None:
        return [Notice(first, know)]
    later = load_later(config, know.registry)
    return [Notice(first, know), *(Notice(e, k) for e, k in later)]


def _notices(args: argparse.Namespace, config: Config, know: Knowledge) -> list[Notice]:
    """The notice --of names, else the notices in use (the first when all are archived).

    Raises:
        UnknownNoticeError: --of names no notice.
    """
    everything = _all_notices(args, config, know)
    if args.of:
        named = named_in(everything, args.of)
        if named is None:
            raise UnknownNoticeError(UNKNOWN_NOTICE.format(name=args.of))
        return [named]
    return active(everything) or everything[:1]


class UnknownNoticeError(ValueError):
    """--of names no notice in the catalog; the message is the Chinese reason."""


def _open_desk(stack: ExitStack, config: Config, notice: Notice) -> Desk:
    """The notice with its ledger open until `stack` closes."""
    store = stack.enter_context(LedgerStore(ledger_dir(config.data_dir, notice.key)))
    return Desk(notice.entry, notice.knowledge, Ledger(store, review=config.review.required))


class _OfficeFile(NamedTuple):
    """What `export` or `chart` writes: its messages and how a notice's file is made."""

    which_notice: str
    busy: str
    done: str
    make: Callable[[Desk, Overview, Config], bytes]
    name: Callable[[Overview], str]


_EXPORT = _OfficeFile(
    EXPORT_WHICH_NOTICE,
    EXPORT_BUSY,
    EXPORTED,
    lambda desk, overview, config: export_workbook(
        desk.knowledge, desk.ledger, overview, config.timezone
    ),
    lambda overview: export_filename(overview.today),
)
_EXPORT_ZIP = _OfficeFile(
    EXPORT_WHICH_NOTICE,
    EXPORT_BUSY,
    ZIPPED,
    lambda desk, overview, config: write_zip(
        _EXPORT.make(desk, overview, config),
        export_filename(overview.today),
        [(desk.name, desk.ledger)],
        EvidenceStore(config.data_dir),
    ),
    lambda overview: str(Path(export_filename(overview.today)).with_suffix(".zip")),
)
_CHART = _OfficeFile(
    CHART_WHICH_NOTICE,
    CHART_BUSY,
    CHARTED,
    lambda desk, overview, _: render_chart(overview, desk.knowledge.plan, desk.knowledge.registry),
    chart_filename,
)


def _office_file(
    args: argparse.Namespace, config: Config, know: Knowledge, clock: Clock, kind: _OfficeFile
) -> int:
    """Write the 台账 workbook or picture of each notice chosen (one file each)."""
    # Opening the ledger removes temp files a crash left, which is a write: like the bot, the
    # command takes the data directory's lock, and says so when the bot is running.
    today = clock().date()
    chosen = _notices(args, config, know)
    several = len(chosen) > 1
    if several and args.out:
        print(kind.which_notice, file=sys.stderr)
        return EXIT_USAGE
    files = []
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        with InstanceLock(config.data_dir), ExitStack() as stack:
            for notice in chosen:
                desk = _open_desk(stack, config, notice)
                overview = build_overview(
                    desk.knowledge, desk.ledger, today, config.reminders.digest
                )
                data = kind.make(desk, overview, config)
                name = kind.name(overview)
                out = args.out or Path(f"{safe_filename(desk.name)}-{name}" if several else name)
                files.append((out, data, len(desk.ledger.store)))
    except AlreadyRunningError:
        print(kind.busy, file=sys.stderr)
        return EXIT_USAGE
    for out, data, records in files:
        try:
            out.write_bytes(data)
        except OSError as error:
            print(EXPORT_FAILED.format(path=out, error=error.strerror or error), file=sys.stderr)
            return EXIT_USAGE
        print(kind.done.format(path=out, day=texts.full_date(today), records=records))
    return 0


def _plan(args: argparse.Namespace, notices: list[Notice], config: Config) -> int:
    """What was read: one notice as before; several, each under its name (JSON: a list)."""
    if args.xlsx is not None:
        return _plan_xlsx(args.xlsx, notices, config)
    documents = [plan_document(n.knowledge.plan, n.knowledge.deadlines) for n in notices]
    if args.json and len(notices) == 1:
        print(json.dumps(documents[0], ensure_ascii=False, indent=2))
    elif args.json:
        listed = [
            {"key": n.key, "name": n.name, **d} for n, d in zip(notices, documents, strict=True)
        ]
        print(json.dumps({"notices": listed}, ensure_ascii=False, indent=2))
    else:
        tables = [
            plan_table(n.knowledge.plan, n.knowledge.registry, n.knowledge.deadlines)
            for n in notices
        ]
        print("\n\n".join(headed(n, t, notices) for n, t in zip(notices, tables, strict=True)))
    return 0


def _plan_xlsx(path: Path, notices: list[Notice], config: Config) -> int:
    """Write the notice that was read as the workbook a clerk corrects and imports back."""
    if len(notices) > 1:
        print(workbook_texts.WHICH_NOTICE, file=sys.stderr)
        return EXIT_USAGE
    plan = notices[0].knowledge.plan
    data = plan_workbook(plan, notice_year_end(plan, config.year_end))
    try:
        path.write_bytes(data)
    except OSError as error:
        reason = error.strerror or error
        print(workbook_texts.WRITE_FAILED.format(path=path, error=reason), file=sys.stderr)
        return EXIT_USAGE
    print(workbook_texts.WRITTEN.format(path=path, tasks=len(plan.tasks)))
    return 0


def _import(args: argparse.Namespace) -> int:
    """Read a notice file, settle what it needs with the office, and on confirmation enable it."""
    try:
        config = _config(args)
        now = _clock(args, config)()
    except (DataFileError, ValueError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    answers = Answers(
        yes=args.yes,
        propose=args.propose,
        aliases=tuple(args.alias),
        units=tuple(args.add_unit),
        same=frozenset(args.same),
        different=frozenset(args.different),
    )
    target = Target(new=args.new, of=args.of, name=args.name or "")
    console = Console(sys.stdin, sys.stdout, sys.stderr)
    return import_command(args.file, answers, config, now, console, target)


def _holidays(args: argparse.Namespace) -> int:
    """Read a holiday arrangement and, on confirmation, store it."""
    try:
        config = _config(args)
        now = _clock(args, config)()
        HolidayFile(config.data_dir).refresh()
    except (DataFileError, ValueError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    return holidays_command(args, config, now, Console(sys.stdin, sys.stdout, sys.stderr))


def main(argv: list[str] | None = None) -> int:
    """Run a command; data-file errors are printed in Chinese with exit status 2."""
    args = _parser().parse_args(argv)
    if args.command == "backup":  # needs no notice: works while the notice is broken
        return backup_command(args)
    if args.command == "import":  # needs no current notice: replaces a broken one too
        return _import(args)
    if args.command == "holidays":  # needs no notice either
        return _holidays(args)
    try:
        config = _config(args)
        HolidayFile(config.data_dir).refresh()  # the office's holiday arrangements, if any
        clock = _clock(args, config)
        know = load_knowledge(config, imported=args.notice is None)
    except DataFileError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:  # --now
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.command == "run":
        return _run(config, know, clock)
    try:
        if args.command == "export":
            kind = _EXPORT_ZIP if args.with_evidence else _EXPORT
            return _office_file(args, config, know, clock, kind)
        if args.command == "chart":
            return _office_file(args, config, know, clock, _CHART)
        if args.command == "chat":
            return _chat(args, config, know, clock)
        if args.command == "deadline":
            notices = active(_all_notices(args, config, know)) or _notices(args, config, know)
            return deadline_command(
                args.words,
                args.of,
                notices,
                config,
                today=clock().date(),
                out=sys.stdout,
                err=sys.stderr,
            )
        return _plan(args, _notices(args, config, know), config)
    except (DataFileError, UnknownNoticeError) as error:  # a later notice, a ledger file, --of
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return 0


if __name__ == "__main__":
    sys.exit(main())
