"""The console chat: a channel of the same conversation the Telegram bot has.

Each line is an event for `bot.conversation` (a line starting with / is a command); its
result is printed: replies, then choices as numbered options (typing the number presses it),
messages for others as "→ 发给 …：…". The console speaks for the unit it was told (`--as`,
"我是…"); the 台账 and its person's records (a pause) are the data directory's. `/import 路径` sends
a notice file (or holiday arrangement) as the office would in Telegram: its questions' choices
are numbered like any other. `/attach 路径 [第N项]` sends a file as 佐证材料 (for task N, else
the chat asks which). With `--now` and a unit, the chat opens with the nudges due to
that unit at that moment, as they would arrive (a block before the first reply, only when one
is due, and none while the console's person has paused reminders), their choices numbered.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.answers.model import ChatState
from bot.clock import Clock, system_clock
from bot.config import DEFAULT_NOTICE, DEFAULT_REGISTRY, DEFAULT_TIMEZONE, Config
from bot.conversation.actions import (
    Choice,
    Edit,
    EditSent,
    Reply,
    Result,
    Send,
    SendFile,
    Toast,
)
from bot.conversation.core import Core
from bot.conversation.due import due_now
from bot.conversation.events import CONSOLE, Command, Event, File, Person, Place, Press, Text
from bot.conversation.router import Conversation
from bot.errors import NoticeError
from bot.ledger.history import CONSOLE_NAME, CONSOLE_USER
from bot.normalize import printable
from bot.notices.desks import Desk, Notice
from bot.store.atomic import PRIVATE, replace_file
from bot.store.storage import Store

QUIT_WORDS = {"退出", "再见", "exit", "quit", "q"}
PROMPT = "> "
PERSON = Person(CONSOLE, CONSOLE_USER, CONSOLE_NAME)
HERE = Place(CONSOLE_USER, group=False)
_TASK = re.compile(r"第\s*([0-9]{1,4})\s*[项条]")  # /attach's task, after the path


def banner(notices: Sequence[Notice], state: ChatState) -> str:
    """The greeting shown when a person (not a script) starts the chat."""
    lines = ["分工助手（控制台）"]
    for notice in notices:
        plan = notice.knowledge.plan
        lines.append(
            f"已读入《{plan.title}》：{len(plan.sections)} 个部分，{len(plan.tasks)} 项任务。"
        )
        if plan.problems:
            lines.append(
                f"读入时有 {len(plan.problems)} 处需要办公室处理，运行 python -m bot plan 查看。"
            )
    if len(notices) > 1:
        names = "、".join(n.name for n in notices)
        lines.append(f"几个通知同时在用（简称：{names}），问题前写上简称只问那一个通知。")
    if state.unit:
        lines.append(f"当前身份：{state.unit}")
    lines.append(
        "直接输入问题，例如“综合科负责什么”；输入“帮助”看更多示例，“退出”或 Ctrl-D 结束。"
    )
    return "\n".join(lines)


def _options(choices: list[Choice], first: int = 1) -> str:
    return "  ".join(f"[{i}] {c.label}" for i, c in enumerate(choices, first))


def render(result: Result, files: Path) -> tuple[str, list[Choice]]:
    """A result as the console prints it, and the choices a number now presses; files are
    written into `files` and named.

    A press's short answer (a toast) is printed only when nothing else is: elsewhere it
    repeats the reply.
    """
    parts: list[str] = []
    offered: list[Choice] = []
    for action in result.actions:
        if isinstance(action, Edit):
            offered = []  # the pressed message's choices are replaced
        if isinstance(action, Reply | Edit) and action.text is not None:
            shown = [c for row in action.rows for c in row]
            numbers = _options(shown, len(offered) + 1)
            offered += shown
            parts.append(action.text + (f"\n{numbers}" if shown else ""))
        elif isinstance(action, Send):
            parts.append(f"→ 发给 {action.to or action.chat_id}：{action.text}")
        elif isinstance(action, SendFile):
            path = files / action.name
            files.mkdir(parents=True, exist_ok=True)
            replace_file(path, action.data, mode=PRIVATE)  # the 台账 is the office's only
            parts.append(f"→ 文件已写入 {path}\n{action.caption}")
        elif isinstance(action, EditSent) and action.text is not None:
            parts.append(f"→ 改为：{action.text}")
    if not parts:
        parts = [a.text for a in result.actions if isinstance(a, Toast) and a.text]
    return "\n".join(parts), offered


def event_of(line: str, offered: list[Choice], moment: int) -> Event:
    """The event a typed line is: a number among the options, a /command, or text."""
    typed = line.strip()
    if typed.isdecimal() and 1 <= int(typed) <= len(offered):
        return Press(PERSON, HERE, offered[int(typed) - 1].data, moment)
    if typed.startswith("/import ") and typed[8:].strip():
        return file_event(Path(typed[8:].strip()), moment)
    if typed.startswith("/attach ") and typed[8:].strip():
        return attach_event(typed[8:].strip(), moment)
    if typed.startswith("/") and len(typed) > 1:
        name, *args = typed[1:].split()
        return Command(PERSON, HERE, name.lower(), tuple(args), moment)
    return Text(PERSON, HERE, line, moment)


def attach_event(args: str, moment: int) -> File:
    """`/attach 路径 [第N项]`: the file at the path as evidence, for task N when named."""
    path, _, last = args.rpartition(" ")
    task = _TASK.fullmatch(last)
    if task is None or not path.strip():
        path, task = args, None
    caption = f"第{task.group(1)}项佐证" if task else ""
    return file_event(Path(path.strip()), moment, caption=caption, as_evidence=True)


def file_event(path: Path, moment: int, *, caption: str = "", as_evidence: bool = False) -> File:
    """The file at `path` sent by the console's person; read only when the conversation asks."""

    async def fetch() -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise NoticeError(path, f"无法读取：{error.strerror or error}") from error

    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # fetch says why
    return File(
        PERSON,
        HERE,
        path.name,
        size,
        caption,
        fetch=fetch,
        message_id=moment,
        as_evidence=as_evidence,
    )


def _bare_config() -> Config:
    """The defaults, for a console given notices alone (nothing is recorded then)."""
    return Config(DEFAULT_NOTICE, DEFAULT_REGISTRY, ZoneInfo(DEFAULT_TIMEZONE))


def run_chat(
    notices: Sequence[Notice],
    state: ChatState,
    lines: TextIO,
    out: TextIO,
    *,
    interactive: bool,
    clock: Clock | None = None,
    config: Config | None = None,
    admin: bool = False,
    stores: tuple[Store, Store] | None = None,
    files: Path | None = None,
    nudges: bool = False,
) -> None:
    """Answer `lines` one by one until they end or the user says 退出.

    Piped input gets exactly one reply per line, each followed by a blank line and no prompt,
    so a script can pair its questions with the replies. When `notices` are desks (their
    ledgers open), reports and requests are recorded, and `stores` are the bot's records;
    `admin` speaks as the office. Files (/export, /chart) are written into `files`. With
    `nudges` (and desks and a unit) the chat opens with the unit's nudges due now.
    """
    config = config or _bare_config()
    clock = clock or system_clock(UTC)
    core = Core.console(config, notices, clock, admin=admin, stores=stores)
    conversation = Conversation(core)
    conversation.sessions.of(PERSON).chat = state
    folder = files or Path.cwd()
    due = all(isinstance(n, Desk) for n in notices) and nudges and state.unit
    opening = due_now(core, PERSON, state.unit) if due else None
    chat = _chat(
        conversation,
        notices,
        state,
        lines,
        out,
        interactive=interactive,
        files=folder,
        opening=opening,
    )
    asyncio.run(chat)


async def _chat(
    conversation: Conversation,
    notices: Sequence[Notice],
    state: ChatState,
    lines: TextIO,
    out: TextIO,
    *,
    interactive: bool,
    files: Path,
    opening: Result | None = None,
) -> None:
    if interactive:
        print(banner(notices, state), end="\n\n", file=out)
    offered: list[Choice] = []
    if opening is not None:
        text, offered = render(opening, files)
        print(printable(text), end="\n\n", file=out, flush=True)
    while True:
        if interactive:
            print(PROMPT, end="", file=out, flush=True)
        line = lines.readline()
        if not line:
            break
        if line.strip().lower() in QUIT_WORDS:
            print("再见。", file=out)
            break
        # The console has no message ids: the moment in microseconds stands in for one.
        moment = int(conversation.core.clock().timestamp() * 1e6)
        result = await conversation.handle(event_of(line.rstrip("\n"), offered, moment))
        text, shown = render(result, files)
        if any(isinstance(a, Reply | Edit) for a in result.actions):
            offered = shown  # else (a file, a toast) the choices shown before still stand
        print(printable(text), end="\n\n", file=out, flush=True)
