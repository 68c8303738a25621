"""The console chat: read a line, answer it with the same core the Telegram bot uses."""

from __future__ import annotations

from dataclasses import replace
from typing import TextIO

from bot.answers import ChatState, Knowledge, respond
from bot.clock import Clock
from bot.nudge_texts import PAUSE_IN_CONSOLE
from bot.pauses import parse_pause

QUIT_WORDS = {"退出", "再见", "exit", "quit", "q"}
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
) -> None:
    """Answer `lines` one by one until they end or the user says 退出.

    Piped input gets exactly one reply per line, each followed by a blank line and no prompt,
    so a script can pair its questions with the replies.
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
        state, answer = respond(state, line.rstrip("\n"), know, today=today)
        if answer.claimed_unit:  # the console trusts who you say you are
            state = replace(state, unit=answer.claimed_unit)
        print(answer.text, end="\n\n", file=out, flush=True)
