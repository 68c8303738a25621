"""The console chat: read a line, answer it with the same core the Telegram bot uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TextIO

from bot import texts
from bot.answers.respond import ChatState
from bot.clock import Clock
from bot.normalize import printable
from bot.notices.across import parse_across, record_across, respond_all
from bot.notices.desks import Desk, Notice, by_key
from bot.notices.visibility import Viewer
from bot.progress.recording import Sender
from bot.progress.texts import numbers
from bot.reminders.pauses import parse_pause
from bot.reminders.texts import PAUSE_IN_CONSOLE

QUIT_WORDS = {"退出", "再见", "exit", "quit", "q"}
CONSOLE_USER = 0
CONSOLE_NAME = "控制台"


def _progress(
    line: str,
    state: ChatState,
    notices: Sequence[Notice],
    clock: Clock | None,
    window: timedelta | None,
) -> str | None:
    """A report, correction or progress question typed in the console; None for anything else."""
    parsed, named = parse_across(line, notices)
    if parsed is None:
        return None
    desks = [n for n in notices if isinstance(n, Desk)]
    if not desks or clock is None or window is None:
        return texts.LEDGER_BUSY
    now = clock()
    # The console has no message ids: the moment in microseconds stands in for one.
    sender = Sender(
        state.unit, CONSOLE_USER, CONSOLE_NAME, CONSOLE_USER, int(now.timestamp() * 1e6)
    )
    # The console runs where the data directory is, so it reads the ledger as the office does.
    viewer = Viewer(state.unit, office=True)
    notice = named.key if named else None
    reply = record_across(parsed, sender, desks, now, window, notice=notice, viewer=viewer)
    if reply.choices and len(desks) == 1:
        return f"{reply.text}\n可选：{numbers(n for _, n in reply.choices)}"
    if reply.choices:
        options = "、".join(f"{by_key(desks, k).name}第{n}项" for k, n in reply.choices)
        return f"{reply.text}\n可选：{options}"
    return reply.text


PROMPT = "> "


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


def run_chat(
    notices: Sequence[Notice],
    state: ChatState,
    lines: TextIO,
    out: TextIO,
    *,
    interactive: bool,
    clock: Clock | None = None,
    window: timedelta | None = None,
) -> None:
    """Answer `lines` one by one until they end or the user says 退出.

    Piped input gets exactly one reply per line, each followed by a blank line and no prompt,
    so a script can pair its questions with the replies. When `notices` are desks (their
    ledgers open) and a correction `window` is given, reports and corrections are recorded.
    """
    if interactive:
        print(banner(notices, state), end="\n\n", file=out)
    while True:
        if interactive:
            print(PROMPT, end="", file=out, flush=True)
        line = lines.readline()
        if not line:
            break
        if line.strip().lower() in QUIT_WORDS:
            print("再见。", file=out)
            break
        today = clock().date() if clock else None
        if today and parse_pause(line, today) is not None:
            print(PAUSE_IN_CONSOLE, end="\n\n", file=out, flush=True)
            continue
        progress = _progress(line.rstrip("\n"), state, notices, clock, window)
        if progress is not None:
            print(printable(progress), end="\n\n", file=out, flush=True)
            continue
        state, answer = respond_all(state, line.rstrip("\n"), notices, today=today)
        if answer.claimed_unit:  # the console trusts who you say you are
            state = replace(state, unit=answer.claimed_unit)
        print(printable(answer.text), end="\n\n", file=out, flush=True)
