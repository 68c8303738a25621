"""Questions about the plan: a typed line, /my, /task, /units, /help, /id and task choices."""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from bot.answers.help_text import help_text
from bot.conversation import binding, choices
from bot.conversation.actions import Result, Toast, said
from bot.conversation.choices import Button
from bot.conversation.events import CONSOLE, WECOM
from bot.conversation.turn import Turn
from bot.notices.across import respond_all
from bot.notices.desks import by_key


async def answer_line(turn: Turn, line: str, notice: str | None = None) -> Result:
    """Answer one typed line as a question about the notices in use (or just notice `notice`)."""
    core, session = turn.core, turn.session
    unit = await turn.unit()
    state = replace(session.chat, unit=unit)
    notices = core.notices_in_use()
    if notice is not None:
        notices = [d for d in notices if d.key == notice]
    session.chat, answer = respond_all(state, line, notices, today=core.clock().date())
    if answer.claimed_unit:
        return await binding.claim(turn, answer.claimed_unit, answer.text)
    return said(answer.text, choices.task_rows(answer.tasks, answer.notice))


async def my_duties(turn: Turn) -> Result:
    """/my: what the person's unit is responsible for."""
    return await answer_line(turn, "我科室负责什么")


async def task(turn: Turn, args: tuple[str, ...]) -> Result:
    """/task N: one task in full."""
    if len(args) != 1 or not args[0].isdecimal():
        return said(texts.TASK_USAGE)
    return await answer_line(turn, f"第{args[0]}项")


async def units(turn: Turn) -> Result:
    """/units: every unit with its task counts."""
    return await answer_line(turn, "各单位任务总览")


async def help_reply(turn: Turn) -> Result:
    """/help: the question forms, with examples from the notice in force (the first in use)."""
    return said(help_text(turn.core.notices_in_use()[0].knowledge))


async def whoami(turn: Turn) -> Result:
    """/id: the person's id, which the office puts in `[telegram] admins` or `leaders` (on
    WeCom: the account, for `[wecom]`; the console has none: it is the office with --admin)."""
    if turn.person.channel == WECOM:
        return said(texts.YOUR_WECOM_ID.format(account=turn.person.name))
    if turn.person.channel == CONSOLE:
        return said(texts.YOUR_CONSOLE_ID)
    return said(texts.YOUR_ID.format(user_id=turn.person.id))


async def on_task(turn: Turn, button: Button) -> Result:
    """A 第N项 choice under a task list: that task in full."""
    notice = button.notice(1)
    if by_key(turn.core.notices_in_use(), notice) is None:
        return Result((Toast(texts.BUTTON_EXPIRED),))
    answer = await answer_line(turn, f"第{button.number(0)}项", notice)
    return Result((Toast(), *answer.actions), answer.outcome)
