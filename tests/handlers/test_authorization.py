"""Who may do what: every command and every question that touches the 台账 or the office, for
each kind of person, as one table. A command registered in handlers/app.py, or a question kind
an intent of bot/grammar/intents.py, that is not in the table fails `test_the_table_is_complete`.

The people: a stranger (unbound), someone whose "我是综合科" waits for the office (pending),
综合科's staff, 执法二科's staff (another unit), a leader who observes, and the office's admin.
The 台账 (from the notice: task 2 is 综合科's alone, task 17 is shared by 综合科 and 执法二科
among others, task 24 is 办公室's alone) holds one report on each, whose texts are the secrets
an answer must not show to whoever may not read them.

Outcomes: allowed (done, or answered in full: the report asked about is shown); own-only (only
about the asker's own unit); notice-only (answered from the public notice, no report shown);
refused (a clear word, nothing shown and nothing changed in the data directory).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import get_args

import pytest
from telegram.ext import CommandHandler

import bot.answers.texts as answer_texts
import bot.evidence.texts as evidence_texts
import bot.people.texts as group_texts
import bot.progress.texts as progress_texts
import bot.reminders.texts as nudge_texts
from bot import texts
from bot.grammar import intents as i
from tests.conftest import DATA, NOTICE
from tests.handlers.conftest import ADMIN, NOW, Build, Harness, user

ROLES = ("unbound", "pending", "staff", "other unit's staff", "leader", "admin")
UNBOUND, PENDING, STAFF, OTHER, LEADER = 4001, 4002, 2001, 2002, 9002
PEOPLE = dict(zip(ROLES, (UNBOUND, PENDING, STAFF, OTHER, LEADER, ADMIN), strict=True))
UNIT_OF = {STAFF: "综合科", OTHER: "执法二科"}
REPORTER = 1001  # 办公室's, who reports on task 24; not one of the columns
REGISTERED, PLAIN = -100500, -100600  # 综合科's work group; a group registered to no unit
BOT = "@fengong_test_bot"
DEADLINES = DATA / "deadlines.toml"

OWN_TASK = "征求意见稿已起草"  # 综合科 on task 2 (综合科's alone)
SHARED = "已办结留言一百二十八条"  # 综合科 on task 17 (shared with 执法二科)
FOREIGN = "缺少平台账号"  # 办公室 on task 24 (no column's unit holds it)
SECRETS = {"综合科": (OWN_TASK, SHARED), "办公室": (FOREIGN,)}

ALLOWED, OWN, PUBLIC, REFUSED = "allowed", "own-only", "notice-only", "refused"
NOTICE_BYTES = NOTICE.read_bytes()
REFUSALS = {
    texts.OFFICE_ONLY,
    answer_texts.ASK_UNIT_FIRST,
    group_texts.GROUP_NOT_ALLOWED.format(unit="综合科"),
    progress_texts.PROGRESS_AFTER_BINDING,
    progress_texts.PROGRESS_IN_GROUP,
    texts.OFFICE_QUESTION_FOR_STAFF,
    nudge_texts.PAUSE_NEEDS_UNIT,
}


@dataclass(frozen=True)
class Cell:
    """One probe's context: the running bot and who plays the column."""

    bot: Harness
    who: int


Probe = Callable[[Cell], Awaitable[str]]


def files(bot: Harness) -> dict[Path, bytes]:
    root = bot.core.config.data_dir
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


async def say(cell: Cell, text: str, chat: int | None = None) -> str:
    """`cell.who` writes `text` in `chat` (default: their private chat); the bot's reply there."""
    chat = chat or cell.who
    raw = cell.bot.api.send_text(chat, text, user=user(cell.who))
    sent = [m.text for m in await cell.bot.feed(raw) if m.chat_id == chat]
    assert sent, f"no reply to {text!r} from {cell.who}"
    return sent[0]


def judged(cell: Cell, reply: str, before: dict[Path, bytes], secret: str | None) -> str:
    """The outcome a reply shows: a leak of another unit's report fails at once."""
    unit = UNIT_OF.get(cell.who)
    if secret is not None and secret in reply:
        return ALLOWED
    for owner, said in SECRETS.items():
        leaked = [s for s in said if s in reply]
        may_read = owner == unit or cell.who in {LEADER, ADMIN}
        assert may_read or not leaked, f"{cell.who} read {owner}'s report: {reply}"
    if reply in REFUSALS:
        assert files(cell.bot) == before, "refused, yet the data directory changed"
        return REFUSED
    return OWN if unit is not None and reply.startswith(unit) else PUBLIC


def ask(text: str, secret: str | None = None, chat: int | None = None) -> Probe:
    """A question (or a command that reads): what its answer shows of `secret`."""

    async def probe(cell: Cell) -> str:
        before = files(cell.bot)
        return judged(cell, await say(cell, text, chat), before, secret)

    return probe


def command(line: str, chat: int | None = None) -> Probe:
    """A command: refused (and nothing changed), or else allowed."""

    async def probe(cell: Cell) -> str:
        before = files(cell.bot)
        reply = await say(cell, line, chat)
        if reply in REFUSALS:
            assert files(cell.bot) == before, f"{line} refused, yet the data directory changed"
            return REFUSED
        return ALLOWED

    return probe


def record(text: str) -> Probe:
    """A line that writes to the 台账: allowed when the ledger grew, else refused unchanged."""

    async def probe(cell: Cell) -> str:
        before, entries = files(cell.bot), len(cell.bot.core.ledger.history())
        await say(cell, text)
        if len(cell.bot.core.ledger.history()) > entries:
            return ALLOWED
        assert files(cell.bot) == before, f"{text!r} was not recorded, yet data changed"
        return REFUSED

    return probe


def send_file(name: str, content: bytes) -> Probe:
    """A file sent in a private chat: the office's notice import; anyone else's is evidence
    for their unit, refused unless a unit and a type of evidence (tests/e2e/test_evidence.py)."""

    async def probe(cell: Cell) -> str:
        before = files(cell.bot)
        raw = cell.bot.api.send_document(cell.who, name, content, user=user(cell.who))
        [reply] = [m.text for m in await cell.bot.feed(raw) if m.chat_id == cell.who]
        if reply == evidence_texts.NEEDS_UNIT or "未保存" in reply:
            assert files(cell.bot) == before, "file refused, yet the data directory changed"
            return REFUSED
        return ALLOWED

    return probe


def admin_asked(api) -> int:
    """Messages sent to the admin, or edited in place (a user's changed request)."""
    return sum(len(api.calls(method, ADMIN)) for method in ("sendMessage", "editMessageText"))


def to_office(text: str) -> Probe:
    """A line that asks the office for something: allowed when an admin was asked."""

    async def probe(cell: Cell) -> str:
        before = admin_asked(cell.bot.api)
        await say(cell, text)
        return ALLOWED if admin_asked(cell.bot.api) > before else REFUSED

    return probe


A, M, P, R = ALLOWED, OWN, PUBLIC, REFUSED  # M: mine (own-only)
# Each row: the probe, the outcome per column, and the command or question kind it covers.
# fmt: off
MATRIX: dict[str, tuple[Probe, tuple[str, ...], object]] = {
    #                                                        unbound pending staff other leader admin
    "/start":            (command("/start"),                 (A, A, A, A, A, A), "/start"),
    "/help":             (command("/help"),                  (A, A, A, A, A, A), "/help"),
    "/id":               (command("/id"),                    (A, A, A, A, A, A), "/id"),
    "/unit":             (command("/unit"),                  (A, A, A, A, A, A), "/unit"),
    "/my":               (ask("/my"),                        (R, R, M, M, R, R), "/my"),
    "/task 2":           (ask("/task 2", OWN_TASK),          (P, P, P, P, P, P), "/task"),
    "/units":            (ask("/units"),                     (P, P, P, P, P, P), "/units"),
    "/pending":          (command("/pending"),               (R, R, R, R, R, A), "/pending"),
    "/users":            (command("/users"),                 (R, R, R, R, R, A), "/users"),
    "/bind":             (command("/bind 7777 执法一科"),     (R, R, R, R, R, A), "/bind"),
    "/unbind":           (command(f"/unbind {STAFF}"),       (R, R, R, R, R, A), "/unbind"),
    "/reload":           (command("/reload"),                (R, R, R, R, R, A), "/reload"),
    "/deadline":         (command("/deadline 2 2021-12-20"), (R, R, R, R, R, A), "/deadline"),
    "/paused":           (command("/paused"),                (R, R, R, R, R, A), "/paused"),
    "/overview":         (command("/overview"),              (R, R, R, R, A, A), "/overview"),
    "/overview 24":      (ask("/overview 24", FOREIGN),      (R, R, R, R, A, A), "/overview"),
    "/missing":          (command("/missing"),               (R, R, R, R, A, A), "/missing"),
    "/return":           (command("/return 2 综合科 材料不全"), (R, R, R, R, R, A), "/return"),
    "/export":           (command("/export"),                (R, R, R, R, A, A), "/export"),
    "/instruct":         (command("/instruct 2 请抓紧推进"),   (R, R, R, R, A, A), "/instruct"),
    "/chart":            (command("/chart"),                 (R, R, R, R, A, A), "/chart"),
    "/notices":          (command("/notices"),               (R, R, R, R, A, A), "/notices"),
    "/archive":          (command("/archive 政务公开"),       (R, R, R, R, R, A), "/archive"),
    "/unarchive":        (command("/unarchive 政务公开"),     (R, R, R, R, R, A), "/unarchive"),
    "/group in a group": (command("/group 综合科", PLAIN),   (R, R, A, R, R, A), "/group"),
    "/ungroup":          (command("/ungroup", REGISTERED),   (R, R, A, R, R, A), "/ungroup"),
    # Progress questions: only the units on the task, and the office, read its reports.
    "第2项进展":          (ask("第2项进展", OWN_TASK),        (P, P, A, P, A, A), i.Progress),
    "第17项的完成情况":    (ask("第17项的完成情况", SHARED),    (P, P, A, A, A, A), i.Progress),
    "第24项还有谁没报":    (ask("第24项还有谁没报", FOREIGN),   (P, P, P, P, A, A), i.Progress),
    "我科室进展":          (ask("我科室进展"),                 (R, R, M, M, R, R), i.Progress),
    # In a group every member reads the answer: it speaks for the group's unit, not the asker.
    "第2项进展 in 综合科's group": (
        ask(f"{BOT} 第2项进展", OWN_TASK, REGISTERED),        (A, A, A, A, A, A), i.Progress),
    "第2项进展 in another group": (
        ask(f"{BOT} 第2项进展", OWN_TASK, PLAIN),             (P, P, P, P, P, P), i.Progress),
    "我科室进展 in another group": (
        ask(f"{BOT} 我科室进展", None, PLAIN),               (R, R, R, R, R, R), i.Progress),
    # Writing to the 台账, and asking the office.
    "第2项：report":      (record("第2项 正在推进"),           (R, R, A, R, R, R), i.Report),
    "修改：…":            (record("修改：初稿已报送"),          (R, R, A, R, R, R), i.Amend),
    "撤回":               (record("撤回"),                    (R, R, A, R, R, R), i.Withdraw),
    "申请延期":            (record("第2项申请延期到2022年1月20日，理由：等待上级文件"),
                                                              (R, R, A, R, R, R), i.Extension),
    "批示":               (record("批示 第2项：请抓紧推进"),    (R, R, R, R, A, A), i.Instruction),
    "我是执法一科":        (to_office("我是执法一科"),          (A, A, A, A, A, A), i.SetUnit),
    # A file is a notice for the office to import; anyone else's is evidence (no .txt).
    "a notice file":     (send_file("通知.txt", NOTICE_BYTES), (R, R, R, R, R, A), "document"),
    # Questions about the notice: public, whoever asks; never a report.
    "帮助":               (ask("帮助"),                       (P, P, P, P, P, P), i.Help),
    "是":                 (ask("是"),                         (P, P, P, P, P, P), i.Confirm),
    "不是":               (ask("不是"),                       (P, P, P, P, P, P), i.Deny),
    "我科室负责什么":      (ask("我科室负责什么"),              (R, R, M, M, R, R), i.Duties),
    "执法一科进展":        (ask("执法一科进展"),                (P, P, P, P, P, P), i.Duties),
    "第24项":             (ask("第24项", FOREIGN),            (P, P, P, P, P, P), i.TaskDetail),
    "第24项谁负责":        (ask("第24项谁负责", FOREIGN),       (P, P, P, P, P, P), i.Owners),
    "第八部分":           (ask("第八部分"),                    (P, P, P, P, P, P), i.SectionTasks),
    "搜索 舆情":           (ask("搜索 舆情"),                  (P, P, P, P, P, P), i.Search),
    "各单位任务总览":      (ask("各单位任务总览"),              (P, P, P, P, P, P), i.Units),
    "待明确":             (ask("待明确"),                      (P, P, P, P, P, P), i.Pending),
    "本周要做什么":        (ask("本周要做什么"),                (R, R, M, M, R, R), i.Due),
    "第3项我们要不要做":    (ask("第3项我们要不要做"),           (R, R, P, P, R, R), i.Applies),
    "执法科":             (ask("执法科"),                      (P, P, P, P, P, P), i.WhichUnit),
    "怎么申请延期":        (ask("怎么申请延期"),                (P, P, P, P, P, P), i.HowTo),
    "你好":               (ask("你好"),                       (P, P, P, P, P, P), i.SmallTalk),
    "unknown":           (ask("今天天气怎么样呀"),             (P, P, P, P, P, P), i.Unknown),
    # Never a record while the bot is unsure; never one outside 1..34.
    # 搞定 is done (the corpus: 第32项搞定✅); 好了 alone is not sure.
    "第2项 好了":          (record("第2项 好了"),               (R, R, R, R, R, R), i.AskBack),
    "第99项：已完成":      (record("第99项：已完成"),           (R, R, R, R, R, R), i.Malformed),
    # One's own reminders; the office's questions in words are the office's and leaders'.
    "暂停提醒":            (command("暂停提醒到12月1日"),       (R, R, A, A, R, R), i.Pause),
    "恢复提醒":            (command("恢复提醒"),                (A, A, A, A, A, A), i.Resume),
    "哪些单位还没报":       (command("哪些单位还没报"),          (R, R, R, R, A, A), i.Office),
}
# fmt: on
FRESH = {"/ungroup"}  # staff removing the group would leave the admin nothing to remove


async def scene(build: Build, tmp_path: Path) -> Harness:
    """The bot with its people bound, a pending request, two groups and three reports.

    /deadline writes the clerk's deadline file: each bot has its own copy.
    """
    deadlines = tmp_path / f"deadlines-{len(list(tmp_path.glob('deadlines-*')))}.toml"
    deadlines.write_bytes(DEADLINES.read_bytes())
    bot = await build(deadlines=deadlines)
    telegram = replace(bot.core.config.telegram, leaders=frozenset({LEADER}))
    bot.core.config = replace(bot.core.config, telegram=telegram)
    for who, unit in (*UNIT_OF.items(), (REPORTER, "办公室")):
        bot.core.bindings.bind(who, f"用户{who}", unit, NOW)
    bot.api.add_group(REGISTERED, "综合科工作群")
    bot.api.add_group(PLAIN, "闲聊群")
    setup = Cell(bot, STAFF)
    assert (await say(setup, "/group 综合科", REGISTERED)).startswith("已将本群登记为综合科")
    await say(Cell(bot, PENDING), "我是综合科")
    assert bot.core.bindings.pending_of(PENDING) is not None
    for who, line in (
        (STAFF, f"第2项：{OWN_TASK}"),
        (STAFF, f"第17项：{SHARED}"),
        (REPORTER, f"第24项有困难：{FOREIGN}"),
    ):
        assert (await bot.report(who, line)).startswith("已记录")
    return bot


@pytest.mark.parametrize("row", MATRIX)
async def test_who_may_do_what(build: Build, tmp_path: Path, row: str):
    probe, expected, _ = MATRIX[row]
    bot = await scene(build, tmp_path)
    seen = {}
    for role, who in PEOPLE.items():  # the admin last: what the office does changes most
        seen[role] = await probe(Cell(await scene(build, tmp_path) if row in FRESH else bot, who))
    assert seen == dict(zip(ROLES, expected, strict=True))


async def test_the_table_is_complete(bot: Harness):
    """A new command or question kind must get a row (and so a decision for every role)."""
    registered = {
        f"/{name}"
        for handlers in bot.app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    kinds = {kind for _, _, kind in MATRIX.values()}
    questions = set(get_args(i.Intent)) | {"document"}
    assert registered - kinds == set(), "commands with no row in MATRIX"
    assert questions - kinds == set(), "question kinds with no row in MATRIX"
    assert all(len(outcomes) == len(ROLES) for _, outcomes, _ in MATRIX.values())
