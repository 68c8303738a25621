"""Restart torture: the real bot killed (`kill -9`) or stopped (SIGTERM) at random moments.

Every unit of the shipped registry has one bound user, and the office has spread the tasks'
due dates over twelve weeks. The bot's clock starts, cycle after cycle, at a random later
instant: later the same day, just before 09:00 on the next working day, or after a day more of
downtime (0 to about 48 h in all). Afterwards every message the fake server received is matched
against the pure nudge plan, day by day and person by person, and the outbox tells which sends
were ambiguous (in flight at a kill) and which nudges were listed to the office as stale.

Used by `tests/e2e/test_restart_torture.py` (a few cycles) and `bench/restart_torture.py`.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.answers.model import Knowledge
from bot.config import load_config
from bot.notices.knowledge import load_knowledge
from bot.people.bindings import Bindings
from bot.reminders.nudges import Nudge, plan_nudges
from bot.store.storage import Store
from bot.workdays import add_workdays
from tests.e2e.conftest import ADMIN, launch
from tests.fakebotapi import FakeBotApi

ZONE = ZoneInfo("Asia/Shanghai")
# The year end: most tasks fall due on 2021-12-31, so every unit is nudged on most days.
FIRST_START = datetime(2021, 12, 20, 8, 59, 57, tzinfo=ZONE)
FIRST_USER = 5000
TASKS = 34
# A nudge due this long before a stop must have gone out (the fan-out of 18 takes ~1 s).
SETTLE = timedelta(seconds=8)
CATCH_UP_LIMIT = 60.0
_ITEM = re.compile(r"第(\d+)项（")
_DUE = re.compile(r"截止 (\d+)月(\d+)日")
_WAKE = re.compile(r"提醒检查（([^）]+)）：发出 (\d+) 条")


@dataclass
class Cycle:
    """One run of the bot: its simulated start, real start and stop, and how it was stopped."""

    start: datetime
    launched: float
    stopped: float = 0.0
    killed: bool = False

    def sim(self, moment: float) -> datetime:
        """The bot's simulated time at the real (monotonic) `moment`, give or take start-up."""
        return self.start + timedelta(seconds=moment - self.launched)

    @property
    def end(self) -> datetime:
        """An upper bound of the bot's simulated time when it stopped."""
        return self.sim(self.stopped)


@dataclass
class Report:
    """What a torture run found; `problems` empty means every promise held."""

    cycles: int = 0
    kills: int = 0
    expected: int = 0
    delivered: int = 0
    stale: int = 0
    ambiguous: int = 0
    duplicates: int = 0
    catch_ups: int = 0
    slowest_catch_up: float = 0.0
    wake_delays: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.cycles} 次启动（其中 kill -9 {self.kills} 次）：应发 {self.expected} 条，"
            f"送达 {self.delivered}，列为过期 {self.stale}，重复 {self.duplicates}，"
            f"记为不确定（ambiguous）{self.ambiguous}；补发 {self.catch_ups} 条，"
            f"最慢 {self.slowest_catch_up:.1f} s；到点后开始发送的延迟最大 "
            f"{max(self.wake_delays, default=0):.3f} s（{len(self.wake_delays)} 次）；"
            f"问题 {len(self.problems)} 个"
        )


def _knowledge(workdir: Path) -> Knowledge:
    return load_knowledge(load_config(workdir / "config.toml"))


def seed(workdir: Path) -> dict[int, str]:
    """Spread the tasks' due dates over the simulated weeks and bind one user to every unit.

    The office sets task n due on the ((7 n) mod 55 + 3)-th working day from the first start,
    so every unit has nudges due most days of the run. Returns chat id -> unit.
    """
    deadlines = workdir / "deadlines.toml"
    lines = ["[tasks]"]
    for number in range(1, TASKS + 1):
        due = add_workdays(FIRST_START.date(), (7 * number) % 55 + 3)
        lines.append(f"{number} = [{due.isoformat()}]")
    deadlines.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (workdir / "config.toml").write_text(
        f'[data]\npath = "data"\n[deadlines]\npath = "deadlines.toml"\n'
        f"[telegram]\nadmins = [{ADMIN}]\n",
        encoding="utf-8",
    )
    registry = _knowledge(workdir).registry
    members = {FIRST_USER + i: unit.name for i, unit in enumerate(registry.units)}
    with Store(workdir / "data" / "bot.json") as store:
        bindings = Bindings(store)
        for chat, unit in members.items():
            bindings.bind(chat, f"用户{chat}", unit, FIRST_START - timedelta(days=1))
    return members


def next_start(rng: random.Random, after: datetime) -> datetime:
    """A later simulated start: later the same day, just before 09:00, or after days down."""
    roll = rng.random()
    if roll < 0.55 and after.hour < 17:
        return after + timedelta(seconds=rng.uniform(10, 3 * 3600))
    skip = 1 if roll < 0.9 else 2
    day = add_workdays(after.date(), skip)
    if roll < 0.9:
        clock = datetime.combine(day, datetime.min.time(), ZONE) + timedelta(
            hours=8, minutes=59, seconds=rng.uniform(55, 59.5)
        )
    else:
        clock = datetime.combine(day, datetime.min.time(), ZONE) + timedelta(
            hours=rng.uniform(8, 17)
        )
    return max(clock, after + timedelta(seconds=10))


def _outbox_records(workdir: Path) -> dict[str, dict]:
    path = workdir / "data" / "outbox.json"
    if not path.exists():
        return {}
    records = json.loads(path.read_text(encoding="utf-8")).get("outbox", {}).values()
    return {r["key"]: r for r in records}


def run_cycles(
    api: FakeBotApi, workdir: Path, cycles: int, rng: random.Random
) -> tuple[list[Cycle], dict[str, dict]]:
    """Start and kill or stop the bot `cycles` times; the last stop is graceful.

    Returns the runs and every outbox record seen after any of them (the bot forgets records
    two weeks old, the check needs them all).
    """
    records: dict[str, dict] = {}
    done: list[Cycle] = []
    start = FIRST_START
    for index in range(cycles):
        launched = time.monotonic()
        running = launch(api, workdir, "--now", start.isoformat())
        cycle = Cycle(start, launched)
        time.sleep(rng.uniform(0.5, 6.0))
        cycle.killed = index < cycles - 1 and rng.random() < 0.5
        if cycle.killed:
            os.kill(running.process.pid, signal.SIGKILL)
            running.process.wait(timeout=20)
        else:
            assert running.stop() == 0, running.log_text()
        cycle.stopped = time.monotonic()
        done.append(cycle)
        records.update(_outbox_records(workdir))
        start = next_start(rng, cycle.end + timedelta(seconds=2))
    return done, records


def _items(text: str) -> list[tuple[int, int, int]]:
    """(task, due month, due day) of every item of a nudge message."""
    lines = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        task = _ITEM.search(line)
        due = _DUE.search(lines[index + 1]) if task and index + 1 < len(lines) else None
        if task and due:
            found.append((int(task.group(1)), int(due.group(1)), int(due.group(2))))
    return found


def _key(nudge: Nudge) -> tuple[int, int, int]:
    return (nudge.task, nudge.due.month, nudge.due.day)


def check(
    api: FakeBotApi,
    workdir: Path,
    members: dict[int, str],
    cycles: list[Cycle],
    outbox: dict[str, dict],
) -> Report:
    """Match what the fake server received against the plan; collect every broken promise."""
    report = Report(cycles=len(cycles), kills=sum(c.killed for c in cycles))
    knowledge = _knowledge(workdir)
    last_day = cycles[-1].end.date()
    plan = [
        n
        for n in plan_nudges(
            knowledge.plan,
            knowledge.registry,
            knowledge.deadlines,
            start=FIRST_START.date(),
            end=last_day,
            zone=ZONE,
        )
        if FIRST_START <= n.at <= cycles[-1].end
    ]
    records = list(outbox.values())
    stale_ids = {i for r in records if r["chat"] is None for i in r["items"]}
    unsure = {  # in flight at a kill: may or may not have arrived
        (r["chat"], i) for r in records if r["state"] in {"ambiguous", "stale"} for i in r["items"]
    }
    report.ambiguous = sum(1 for r in records if r["state"] == "ambiguous")
    report.stale = len(stale_ids)

    received: Counter[tuple[int, date, tuple[int, int, int]]] = Counter()
    for message in api.sent():
        if message.chat_id not in members:
            continue
        running = [c for c in cycles if c.launched <= message.time <= c.stopped]
        if not running:
            report.problems.append(f"发给 {message.chat_id} 的消息不在任何一次运行期间")
            continue
        cycle = running[-1]
        day = cycle.sim(message.time).date()
        if "补发" in message.text:
            report.catch_ups += 1
            waited = message.time - cycle.launched
            report.slowest_catch_up = max(report.slowest_catch_up, waited)
            if waited > CATCH_UP_LIMIT:
                report.problems.append(f"补发用了 {waited:.1f} s（{message.chat_id}，{day}）")
        for item in _items(message.text):
            received[(message.chat_id, day, item)] += 1

    for nudge in plan:
        for chat, unit in members.items():
            if unit != nudge.unit:
                continue
            report.expected += 1
            count = received.pop((chat, nudge.at.date(), _key(nudge)), 0)
            report.delivered += count > 0
            if count > 1:
                report.duplicates += count - 1
                if (chat, nudge.id) not in unsure:
                    report.problems.append(f"重复且未记为不确定：{nudge.id} → {chat}")
            if count == 0 and nudge.id not in stale_ids and (chat, nudge.id) not in unsure:
                report.problems.append(f"漏发且未列为过期：{nudge.id} → {chat}（{nudge.at}）")
            if count == 0 and _was_up(nudge.at, cycles):
                report.problems.append(f"运行期间到期却未发出：{nudge.id} → {chat}")
    for (chat, day, item), count in received.items():
        report.problems.append(f"计划外的提醒：{chat} {day} 第{item[0]}项 ×{count}")
    if report.duplicates > report.ambiguous:
        report.problems.append(
            f"重复 {report.duplicates} 条多于不确定的发送 {report.ambiguous} 条"
        )
    return _check_files(workdir, report)


def _was_up(at: datetime, cycles: list[Cycle]) -> bool:
    """True when a run was up at `at` and for long enough after it to send."""
    return any(c.start <= at and at + SETTLE <= c.end - timedelta(seconds=3) for c in cycles)


def _wake_delays(workdir: Path) -> list[float]:
    """How late after 09:00 each send-time wake-up that sent something started (from the logs)."""
    delays = []
    for log in workdir.glob("bot-*.log"):
        for match in _WAKE.finditer(log.read_text(encoding="utf-8", errors="replace")):
            moment = datetime.fromisoformat(match.group(1))
            if moment.hour == 9 and moment.minute == 0 and int(match.group(2)):
                delays.append(moment.second + moment.microsecond / 1e6)
    return delays


def _check_files(workdir: Path, report: Report) -> Report:
    report.wake_delays = _wake_delays(workdir)
    data = workdir / "data"
    for path in data.glob("*.json"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            report.problems.append(f"{path.name} 无法解析：{error}")
    leftovers = [p.name for p in data.iterdir() if p.name.endswith(".tmp")]
    if leftovers:
        report.problems.append(f"遗留临时文件：{leftovers}")
    return report


def torture(api: FakeBotApi, workdir: Path, cycles: int, seed_value: int) -> Report:
    """Seed the data directory, run the cycles, check everything."""
    members = seed(workdir)
    runs, outbox = run_cycles(api, workdir, cycles, random.Random(seed_value))
    return check(api, workdir, members, runs, outbox)
