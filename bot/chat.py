"""The console chat: read a line, answer it with the same core the Telegram bot uses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TextIO

from bot import texts
from bot.answers import ChatState, Knowledge, respond
from bot.clock import Clock
from bot.ledger import Ledger
from bot.nudge_texts import PAUSE_IN_CONSOLE
from bot.pauses import parse_pause
from bot.progress import Sender, record_progress
from bot.progress_texts import numbers
from bot.reports import parse_report

QUIT_WORDS = {"退出", "再见", "exit", "quit", "q"}
CONSOLE_USER = 0
CONSOLE_NAME = "控制台"


@dataclass(frozen=True, slots=True)
class Desk:
    """The ledger the console writes reports into, and the correction window."""

    ledger: Ledger
    window: timedelta


def _progress(
    line: str, state: ChatState, know: Knowledge, desk: Desk | None, clock: Clock | None
) -> str | None:
    """A report, correction or progress question typed in the console; None for anything else."""
    parsed = parse_report(line, task_count=len(know.plan.tasks))
    if parsed is None:
        return None
    if desk is None or clock is None:
        return texts.LEDGER_BUSY
    now = clock()
    # The console has no message ids: the moment in microseconds stands in for one.
    sender = Sender(
        state.unit, CONSOLE_USER, CONSOLE_NAME, CONSOLE_USER, int(now.timestamp() * 1e6)
    )
    reply = record_progress(parsed, sender, know, desk.ledger, now, desk.window)
    if reply.choices:
        return f"{reply.text}\n可选：{numbers(reply.choices)}"
    return reply.text


PROMPT = "> "


def banner(know: Knowledge, state: ChatState) -> str:
    """The greeting shown when a person (not a script) starts the chat."""
    plan = know.plan
    lines = [
        "分工助手（控制台）",
        f"已读入《{plan.title}》：{len(plan.sections)} 个部分，{len(plan.tasks)} 项任务。",
    ]
    if plan.problems:
        lines.append(
            f"读入时有 {len(plan.problems)} 处需要办公室处理，运行 python -m bot plan 查看。"
        )
    if state.unit:
        lines.append(f"当前身份：{state.unit}")
    lines.append(
        "直接输入问题，例如“综合科负责什么”；输入“帮助”看更多示例，“退出”或 Ctrl-D 结束。"
    )
    return "\n".join(lines)


def run_chat(
    know: Knowledge,
    state: ChatState,
    lines: TextIO,
    out: TextIO,
    *,
    interactive: bool,
    clock: Clock | None = None,
    desk: Desk | None = None,
) -> None:
    """Answer `lines` one by one until they end or the user says 退出.

    Piped input gets exactly one reply per line, each followed by a blank line and no prompt,
    so a script can pair its questions with the replies. With a `desk`, progress reports and
    corrections go into its ledger.
    """
    if interactive:
        print(banner(know, state), end="\n\n", file=out)
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
        progress = _progress(line.rstrip("\n"), state, know, desk, clock)
        if progress is not None:
            print(progress, end="\n\n", file=out, flush=True)
            continue
        state, answer = respond(state, line.rstrip("\n"), know, today=today)
        if answer.claimed_unit:  # the console trusts who you say you are
            state = replace(state, unit=answer.claimed_unit)
        print(answer.text, end="\n\n", file=out, flush=True)
