"""Command line: ``chat`` (console chat), ``plan`` (what was read), ``run`` (the Telegram bot),
``export`` (the 台账 as an Excel file)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from bot import import_texts, texts
from bot.answers import ChatState, Knowledge
from bot.backup import add_backup_parser, backup_command
from bot.chat import Desk, run_chat
from bot.clock import Clock, clock_from, parse_instant, system_clock
from bot.config import Config, load_config
from bot.errors import DataFileError, NoticeError
from bot.export import EXPORT_BUSY, EXPORT_FAILED, EXPORTED, export_filename, export_workbook
from bot.importers import read_notice, unknown_names
from bot.instance_lock import AlreadyRunningError, InstanceLock
from bot.knowledge import activate_notice, load_knowledge
from bot.ledger import Ledger
from bot.ledger_store import LEDGER_DIR, LedgerStore
from bot.overview import build_overview
from bot.planview import plan_document, plan_table
from bot.registry import Unit, load_registry

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="分工助手")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="配置文件（TOML），默认使用随程序发布的数据")
    common.add_argument("--notice", type=Path, help="分工方案通知文本，覆盖配置")
    common.add_argument("--units", type=Path, help="单位名录（TOML），覆盖配置")
    common.add_argument("--data", type=Path, help="机器人数据目录（绑定等），覆盖配置")
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
    plan = commands.add_parser("plan", parents=[common], help="显示读入的分工方案和问题")
    plan.add_argument("--json", action="store_true", help="输出 JSON，便于核对和脚本处理")
    commands.add_parser("run", parents=[common], help="运行 Telegram 机器人")
    add_backup_parser(commands)
    notice = commands.add_parser(
        "import", parents=[common], help="读入通知文件（.docx、.xlsx、.txt），确认后启用"
    )
    notice.add_argument("file", type=Path, metavar="文件", help="通知的 Word、Excel 或文本文件")
    notice.add_argument("--yes", action="store_true", help="不询问，直接启用")
    export = commands.add_parser("export", parents=[common], help="把台账导出为 Excel 文件")
    export.add_argument(
        "--out",
        type=Path,
        metavar="文件",
        help="输出的 .xlsx 文件，默认为当前目录下的 台账-日期.xlsx",
    )
    return parser


def _clock(args: argparse.Namespace, config: Config) -> Clock:
    if args.now is None:
        return system_clock(config.timezone)
    return clock_from(parse_instant(args.now, config.timezone), config.timezone)


def _config(args: argparse.Namespace) -> Config:
    """The config file's settings with the command line's paths put over them."""
    config = load_config(args.config)
    return replace(
        config,
        notice=args.notice or config.notice,
        registry=args.units or config.registry,
        data_dir=args.data or config.data_dir,
    )


def _run(config: Config, know: Knowledge, clock: Clock) -> int:
    # Imported here so the console chat and plan never load Telegram. Durations as
    # timedelta (RetryAfter.retry_after): PTB's future default, without its warning.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    from handlers.app import run_bot

    if not config.telegram.token:
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
    try:
        # Reports go into the same 台账 as the bot's; one process writes a data directory.
        config.data_dir.mkdir(parents=True, exist_ok=True)
        with InstanceLock(config.data_dir), LedgerStore(config.data_dir / LEDGER_DIR) as store:
            desk = Desk(Ledger(store), config.ledger.correction_window)
            run_chat(
                know, state, sys.stdin, sys.stdout, interactive=interactive, clock=clock, desk=desk
            )
    except AlreadyRunningError:
        print(texts.LEDGER_BUSY, file=sys.stderr)
        run_chat(know, state, sys.stdin, sys.stdout, interactive=interactive, clock=clock)
    return 0


def _export(args: argparse.Namespace, config: Config, know: Knowledge, clock: Clock) -> int:
    # Opening the ledger removes temp files a crash left, which is a write: like the bot, the
    # export takes the data directory's lock, and says so when the bot is running.
    today = clock().date()
    out = args.out or Path(export_filename(today))
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        with InstanceLock(config.data_dir), LedgerStore(config.data_dir / LEDGER_DIR) as store:
            ledger = Ledger(store)
            overview = build_overview(know, ledger, today, config.reminders.digest)
            data = export_workbook(know, ledger, overview, config.timezone)
            records = len(store)
    except AlreadyRunningError:
        print(EXPORT_BUSY, file=sys.stderr)
        return EXIT_USAGE
    try:
        out.write_bytes(data)
    except OSError as error:
        print(EXPORT_FAILED.format(path=out, error=error.strerror or error), file=sys.stderr)
        return EXIT_USAGE
    print(EXPORTED.format(path=out, day=texts.full_date(today), records=records))
    return 0


def _plan(args: argparse.Namespace, know: Knowledge) -> int:
    if args.json:
        print(json.dumps(plan_document(know.plan, know.deadlines), ensure_ascii=False, indent=2))
    else:
        print(plan_table(know.plan, know.registry, know.deadlines))
    return 0


def _import(args: argparse.Namespace) -> int:
    """Read a notice file, show what was read, and on confirmation make it the active notice."""
    try:
        config = _config(args)
        now = _clock(args, config)()
        registry = load_registry(config.registry)
        try:
            data = args.file.read_bytes()
        except OSError as error:
            raise NoticeError(args.file, f"无法打开（{error.strerror or error}）") from error
        plan = read_notice(data, args.file.name, registry)
    except (DataFileError, ValueError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    print(
        import_texts.import_summary(args.file.name, plan, registry, unknown_names(plan, registry))
    )
    if not args.yes:
        print(import_texts.CONFIRM, end="", flush=True)
        if not import_texts.is_yes(sys.stdin.readline()):
            print(import_texts.DECLINED)
            return 1
    # The bot reads the notice only at start and on /reload, and both files are replaced
    # atomically, so a running bot does not stop the import; it is told when it takes effect.
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            with InstanceLock(config.data_dir):
                stored = activate_notice(config.data_dir, args.file.name, data, at=now)
            after = import_texts.TAKES_EFFECT
        except AlreadyRunningError:
            stored = activate_notice(config.data_dir, args.file.name, data, at=now)
            after = import_texts.BOT_RUNNING
    except OSError as error:
        print(
            import_texts.WRITE_FAILED.format(path=config.data_dir, error=error.strerror or error),
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(import_texts.IMPORTED.format(name=args.file.name, path=stored))
    print(after)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a command; data-file errors are printed in Chinese with exit status 2."""
    args = _parser().parse_args(argv)
    if args.command == "backup":  # needs no notice: works while the notice is broken
        return backup_command(args)
    if args.command == "import":  # needs no current notice: replaces a broken one too
        return _import(args)
    try:
        config = _config(args)
        clock = _clock(args, config)
        know = load_knowledge(config, today=clock().date(), imported=args.notice is None)
    except DataFileError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:  # --now
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.command == "run":
        return _run(config, know, clock)
    if args.command == "export":
        try:
            return _export(args, config, know, clock)
        except DataFileError as error:  # a damaged ledger file
            print(error, file=sys.stderr)
            return EXIT_USAGE
    try:
        return _chat(args, config, know, clock) if args.command == "chat" else _plan(args, know)
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return 0


if __name__ == "__main__":
    sys.exit(main())
