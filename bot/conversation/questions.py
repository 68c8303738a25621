"""Questions about the plan: a question the grammar read, /my, /task, /units, /help, /id, task
choices, and the question back for a vague unit with its choices."""

from __future__ import annotations

from dataclasses import replace

import bot.answers.texts as answer_texts
from bot import texts
from bot.answers.help_text import help_text
from bot.answers.respond import Question
from bot.conversation import binding, choices
from bot.conversation.actions import Asked, Result, Toast, said
from bot.conversation.choices import Button
from bot.conversation.events import CONSOLE, WECOM
from bot.conversation.turn import Turn
from bot.grammar.intents import Duties, TaskDetail, Units, WhichUnit
from bot.notices.across import answer_all, answer_in, headed
from bot.notices.desks import Notice, by_key
from bot.notices.visibility import instructions_shown
from bot.people.picker import fingerprint


async def answer(
    turn: Turn, intent: Question, *, named: Notice | None = None, only: Notice | None = None
) -> Result:
    """Answer one question about the notices in use: from the notice `named` in the line
    (under its name), or `only` that one (a task button's)."""
    core, session = turn.core, turn.session
    state = replace(session.chat, unit=await turn.unit())
    today = core.clock().date()
    if named is not None:
        session.chat, found = answer_in(state, intent, named, today=today)
    else:
        notices = [only] if only is not None else core.notices_in_use()
        session.chat, found = answer_all(state, intent, notices, today=today)
    if found.claimed_unit:
        return await binding.claim(turn, found.claimed_unit, found.text)
    text = found.text
    if isinstance(intent, TaskDetail):
        text += await _instructions(turn, intent.task, named or only)
    return said(text, choices.task_rows(found.tasks, found.notice))


async def _instructions(turn: Turn, number: int, notice: Notice | None) -> str:
    """The leaders' 批示 on task `number` below its answer, for those who may read them."""
    desks = turn.core.active_desks() if turn.core.recording else []
    held = [d for d in desks if d.knowledge.plan.task(number) is not None]
    if notice is not None:
        held = [d for d in held if d.key == notice.key]
    if not held:
        return ""
    viewer = await turn.viewer()
    shown = [(d, instructions_shown(number, viewer, d)) for d in held]
    return "".join(f"\n{headed(d, lines, held)}" for d, lines in shown if lines)


def which_unit(turn: Turn, intent: WhichUnit) -> Result:
    """执法科, 分局: ask which unit is meant, each candidate (and the group) a choice."""
    registry = turn.core.registry
    text = answer_texts.which_unit(intent.typed, intent.candidates, intent.group)
    rows = choices.which_unit_rows(
        registry, fingerprint(registry), intent.candidates, intent.group
    )
    return said(text, rows, Asked())


async def on_unit(turn: Turn, button: Button) -> Result:
    """The unit chosen after 执法科指哪个单位: its duties."""
    registry = turn.core.registry
    entry = choices.chosen_unit(registry, button, fingerprint(registry))
    if entry is None:
        return Result((Toast(texts.BUTTON_EXPIRED),))
    found = await answer(turn, Duties((entry.name,)))
    return Result((Toast(), *found.actions), found.outcome)


async def my_duties(turn: Turn) -> Result:
    """/my: what the person's unit is responsible for."""
    return await answer(turn, Duties())


async def task(turn: Turn, args: tuple[str, ...]) -> Result:
    """/task N: one task in full."""
    if len(args) != 1 or not args[0].isdecimal():
        return said(texts.TASK_USAGE)
    return await answer(turn, TaskDetail(int(args[0])))


async def units(turn: Turn) -> Result:
    """/units: every unit with its task counts."""
    return await answer(turn, Units())


async def help_reply(turn: Turn) -> Result:
    """/help: the question forms, with examples from the notice in force (the first in use)."""
    core = turn.core
    return said(help_text(core.notices_in_use()[0].knowledge, core.clock().date()))


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
    notice = by_key(turn.core.notices_in_use(), button.notice(1))
    if notice is None:
        return Result((Toast(texts.BUTTON_EXPIRED),))
    found = await answer(turn, TaskDetail(button.number(0)), only=notice)
    return Result((Toast(), *found.actions), found.outcome)
