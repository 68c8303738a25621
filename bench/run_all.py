"""One benchmark run: every number of the earlier issues in one table, ours beside the stock stack.

Runs every bench in bench/ through its `measure` function, one after another, with sizes that
take about 17 minutes on a 2-core machine (`--quick`: about 3 minutes), then prints one
Markdown table — metric | ours | stock | goal | met? — with the machine, the date and the sizes
above it. "stock" is python-telegram-bot's `AIORateLimiter` for the fan-out and TinyDB's
default `JSONStorage` for the ledger store; "—" where no stock comparison exists or no goal was
set. Progress goes to stderr, the table to stdout. Exit status 1 if a bench could not run (a
goal not met is shown in the table, not in the status).
Run from the repository root: .venv/bin/python -m bench [--quick] [--json FILE] [--only NAMES]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT / "bench", ROOT):  # the torture benches import `common` as a module
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from bench import (  # noqa: E402
    answers,
    burst,
    e2e_latency,
    fanout,
    ledger_kills,
    report_torture,
    reports,
    restart_torture,
    store,
)


@dataclass(frozen=True)
class Sizes:
    """How much each bench does."""

    rounds: int  # answers: rounds over every question
    questions: int  # e2e: questions over loopback
    recipients: int  # fan-out
    cycles: int  # restart torture
    store_sizes: tuple[int, ...]
    store_reps: int  # appends per phase
    ledger_kills: int
    report_kills: int
    report_sizes: tuple[int, ...]
    report_reps: int  # overview repetitions
    export_reps: int
    burst_users: int  # burst: users asking at once
    burst_questions: int  # burst: questions each
    burst_size: int  # burst: one user's burst beside a victim

    def describe(self) -> str:
        return (
            f"answers {self.rounds} rounds; e2e {self.questions} questions; fan-out "
            f"{self.recipients} recipients; restart torture {self.cycles} cycles; store "
            f"{'/'.join(kilo(s) for s in self.store_sizes)} records, {self.store_reps} appends; "
            f"ledger kills {self.ledger_kills}; report torture {self.report_kills} kills; "
            f"reports {'/'.join(kilo(s) for s in self.report_sizes)} records "
            f"(overview ×{self.report_reps}, export ×{self.export_reps}); burst "
            f"{self.burst_users} users × {self.burst_questions} questions, one user's "
            f"{self.burst_size}"
        )


FULL = Sizes(
    rounds=200,
    questions=500,
    recipients=300,
    cycles=50,
    store_sizes=(1_000, 10_000, 50_000),
    store_reps=200,
    ledger_kills=1000,
    report_kills=30,
    report_sizes=(10_000, 50_000),
    report_reps=5,
    export_reps=3,
    burst_users=100,
    burst_questions=20,
    burst_size=100,
)
QUICK = Sizes(
    rounds=50,
    questions=100,
    recipients=300,
    cycles=10,
    store_sizes=(10_000, 50_000),
    store_reps=50,
    ledger_kills=100,
    report_kills=10,
    report_sizes=(50_000,),
    report_reps=3,
    export_reps=1,
    burst_users=30,
    burst_questions=10,
    burst_size=50,
)
GOAL_SIZE = 50_000  # the store's and the reports' goals are set at 50k records


def kilo(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 and size >= 1000 else str(size)


@dataclass
class Row:
    """One line of the table; `met` None when there is no goal to meet."""

    metric: str
    ours: str
    stock: str = "—"
    goal: str = "—"
    met: bool | None = None
    values: dict[str, Any] = field(default_factory=dict)  # the raw numbers, for --json

    def cells(self) -> list[str]:
        met = "—" if self.met is None else ("yes" if self.met else "**no**")
        return [self.metric, self.ours, self.stock, self.goal, met]


# ---------------------------------------------------------------- one bench -> rows


def answer_rows(result: dict, _sizes: Sizes) -> list[Row]:
    unit = next(row for label, row in result["kinds"].items() if label.startswith("unit"))
    slowest_label, slowest = max(result["kinds"].items(), key=lambda kv: kv[1]["p99_ms"])
    return [
        Row(
            "core answer “X负责什么”, p99",
            f"{unit['p99_ms']:.2f} ms",
            goal="≤ 5 ms",
            met=unit["p99_ms"] <= 5,
            values=unit,
        ),
        Row(
            f"core answer, slowest kind p99 ({slowest_label.split(' (')[0]})",
            f"{slowest['p99_ms']:.2f} ms",
            values=slowest,
        ),
        Row(
            f"loader, shipped notice ({result['tasks']} tasks), p99",
            f"{result['loader']['p99_ms']:.2f} ms",
            values=result["loader"],
        ),
    ]


def e2e_rows(result: dict, _sizes: Sizes) -> list[Row]:
    label = f"answer over loopback, real bot + fake Bot API ({result['questions']} q.)"
    return [
        Row(
            f"{label}, p50",
            f"{result['p50_ms']:.1f} ms",
            goal="≤ 20 ms",
            met=result["p50_ms"] <= 20,
            values=result,
        ),
        Row(
            f"{label}, p99",
            f"{result['p99_ms']:.1f} ms",
            goal="≤ 100 ms",
            met=result["p99_ms"] <= 100,
        ),
    ]


FANOUT_ROWS = (  # fanout.py's row, our label, unit, goal text, goal check
    ("wall time of the fan-out (s)", "wall time", " s", "≤ 12 s", lambda v: v <= 12),
    ("peak sends in any 1-s window", "peak sends in any 1 s", "", "≤ 30", lambda v: v <= 30),
    ("429 answers from the fake", "429 answers", "", "0", lambda v: v == 0),
    ("reminders lost (failed sends)", "reminders lost", "", "0", lambda v: v == 0),
    (
        "question at 2 s, no reminder (s)",
        "question at 2 s, no reminder",
        " s",
        "≤ 2 s",
        lambda v: v <= 2,
    ),
    (
        "question at 3 s, reminder queued (s)",
        "question at 3 s, reminder queued",
        " s",
        "≤ 2 s",
        lambda v: v <= 2,
    ),
)


def fanout_cell(text: str, unit: str) -> str:
    value = fanout.number(text)
    if value is None:
        return text
    note = text.split(maxsplit=1)[1] if " " in text else ""
    return f"{text.split()[0]}{unit}" + (f" {note}" if note else "")


def fanout_rows(result: dict, _sizes: Sizes) -> list[Row]:
    rows = []
    count = result["recipients"]
    for column, who in (("real", "real bot"), ("ours", "FairRateLimiter burst")):
        for source, label, unit, goal, check in FANOUT_ROWS:
            ours, stock = result["rows"][column][source], result["rows"]["stock"][source]
            value = fanout.number(ours)
            rows.append(
                Row(
                    f"fan-out to {count} ({who}): {label}",
                    fanout_cell(ours, unit),
                    fanout_cell(stock, unit),
                    goal,
                    value is not None and check(value),
                    {"ours": value, "stock": fanout.number(stock)},
                )
            )
    return rows


def restart_rows(result: dict, _sizes: Sizes) -> list[Row]:
    label = f"restart torture, {result['cycles']} starts ({result['kills']} kill -9)"
    other = len(result["problems"]) - result["missed"] - result["unexplained_duplicates"]
    context = {k: result[k] for k in ("expected", "delivered", "stale", "duplicates", "ambiguous")}
    return [
        Row(
            f"{label}: nudges due / delivered / expired while down",
            f"{result['expected']} / {result['delivered']} / {result['stale']}",
            values=context,
        ),
        Row(f"{label}: nudges missed", str(result["missed"]), goal="0", met=result["missed"] == 0),
        Row(
            f"{label}: duplicates beyond ambiguous sends",
            f"{result['unexplained_duplicates']} ({result['duplicates']} dup., "
            f"{result['ambiguous']} ambiguous)",
            goal="0",
            met=result["unexplained_duplicates"] == 0,
        ),
        Row(
            f"{label}: other problems (slow catch-up, files)",
            str(other),
            goal="0",
            met=other == 0,
            values={"problems": result["problems"]},
        ),
    ]


def store_rows(result: dict, _sizes: Sizes) -> list[Row]:
    rows = []
    for size, numbers in result.items():
        ours, stock = numbers["ours"], numbers["stock"]
        at = f"ledger store, {kilo(size)} records"
        p50 = ours["append_p50_ms"]
        at_goal = size == GOAL_SIZE
        rows.append(
            Row(
                f"{at}: append p50 (stock: insert)",
                f"{p50:.2f} ms",
                f"{stock['append_p50_ms']:.1f} ms",
                "≤ 10 ms" if at_goal else "—",
                p50 <= 10 if at_goal else None,
                numbers,
            )
        )
        if at_goal:
            ratio = numbers["speedup_p50"]
            rows += [
                Row(
                    f"{at}: append p99",
                    f"{ours['append_p99_ms']:.2f} ms",
                    f"{stock['append_p99_ms']:.1f} ms (n={stock['appends']})",
                    "≤ 50 ms",
                    ours["append_p99_ms"] <= 50,
                ),
                Row(
                    f"{at}: stock / ours, append p50",
                    f"{ratio:.0f}×",
                    goal="≥ 20×",
                    met=ratio >= 20,
                ),
                Row(
                    f"{at}: longest event-loop stall during appends",
                    f"{ours['stall_ms']:.1f} ms",
                    goal="≤ 50 ms",
                    met=ours["stall_ms"] <= 50,
                ),
                Row(
                    f"{at}: cold start (open + load)",
                    f"{ours['cold_ms'] / 1000:.2f} s",
                    f"{stock['cold_ms'] / 1000:.2f} s",
                    "≤ 2 s",
                    ours["cold_ms"] <= 2000,
                ),
                Row(
                    f"{at}: bytes on disk per record",
                    f"{ours['bytes_per_record']:.0f} B",
                    f"{stock['bytes_per_record']:.0f} B",
                    "≤ 350 B",
                    ours["bytes_per_record"] <= 350,
                ),
            ]
        limit = {10_000: 80, GOAL_SIZE: 150}.get(size)
        if limit:
            rows.append(
                Row(
                    f"{at}: peak RSS of the process",
                    f"{ours['rss_peak_mb']:.0f} MB",
                    f"{stock['rss_peak_mb']:.0f} MB",
                    f"≤ {limit} MB",
                    ours["rss_peak_mb"] <= limit,
                )
            )
    return rows


def ledger_kill_rows(result: dict, _sizes: Sizes) -> list[Row]:
    problems = len(result["problems"])
    return [
        Row(
            f"ledger writer kill -9 ×{result['kills']}: acknowledged records lost, "
            "shards unreadable, temp files left",
            f"{problems} (of {result['acknowledged']} acknowledged)",
            goal="0",
            met=problems == 0,
            values=result,
        )
    ]


def report_torture_rows(result: dict, _sizes: Sizes) -> list[Row]:
    label = f"bot kill -9 ×{result['kills']} while staff report"
    problems = len(result["problems"])
    # A report handled but not yet confirmed at a kill comes again and is acknowledged again
    # (recorded once): "acknowledged" counts those repeats too.
    return [
        Row(
            f"{label}: sent / recorded / acknowledged (with repeats after a kill)",
            f"{result['sent']} / {result['recorded']} / {result['acknowledged']}",
            goal="recorded = sent",
            met=result["recorded"] == result["sent"],
            values=result,
        ),
        Row(
            f"{label}: problems (not recorded, not acknowledged, recorded twice, temp files)",
            str(problems),
            goal="0",
            met=problems == 0,
        ),
    ]


def reports_rows(result: dict, _sizes: Sizes) -> list[Row]:
    rows = []
    for size, numbers in result.items():
        at = f"office reports, {kilo(size)} records"
        at_goal = size == GOAL_SIZE
        overview_ms, export_s = numbers["overview_s"] * 1000, numbers["export_s"]
        rows += [
            Row(
                f"{at}: overview",
                f"{overview_ms:.1f} ms",
                goal="≤ 200 ms" if at_goal else "—",
                met=overview_ms <= 200 if at_goal else None,
                values=numbers,
            ),
            Row(
                f"{at}: Excel export ({numbers['xlsx_bytes'] / 1e6:.1f} MB)",
                f"{export_s:.2f} s",
                goal="≤ 3 s" if at_goal else "—",
                met=export_s <= 3 if at_goal else None,
            ),
        ]
        if at_goal:
            rows += [
                Row(
                    f"{at}: openpyxl alone writing the same cells (floor under the export)",
                    f"{numbers['openpyxl_floor_s']:.2f} s",
                ),
                Row(f"{at}: chart", f"{numbers['chart_s'] * 1000:.0f} ms"),
            ]
    return rows


def burst_rows(result: dict, _sizes: Sizes) -> list[Row]:
    crowd, one = result["crowd"], result["burst"]
    label = f"burst, {result['users']} users × {result['questions']} questions at once"
    rows = [
        Row(
            f"{label}: reply {name} (Telegram's floor {crowd['floor'][key]:.1f} s)",
            f"{crowd['replies'][key]:.1f} s",
            values=crowd if name == "p50" else {},
        )
        for name, key in (("p50", "p50_s"), ("p99", "p99_s"))
    ]
    rows.append(
        Row(
            f"{label}: flood-limit violations",
            str(crowd["violations"]),
            goal="0",
            met=crowd["violations"] == 0,
        )
    )
    rows.append(
        Row(
            f"burst of {result['size']} from one user: another user's reply (floor 0 s)",
            f"{one['victim_s']:.2f} s",
            goal="≤ 3 s",
            met=one["victim_s"] <= 3,
            values=one,
        )
    )
    return rows


# ---------------------------------------------------------------- the run


@dataclass(frozen=True)
class Bench:
    """One bench: its name, what it runs, how it says so, and its rows."""

    name: str
    run: Callable[[Sizes], Any]
    what: Callable[[Sizes], str]
    rows: Callable[[Any, Sizes], list[Row]]


BENCHES = (
    Bench(
        "answers",
        lambda s: answers.measure(s.rounds),
        lambda s: f"{s.rounds} rounds",
        answer_rows,
    ),
    Bench(
        "e2e_latency",
        lambda s: e2e_latency.measure(s.questions),
        lambda s: f"{s.questions} questions",
        e2e_rows,
    ),
    Bench(
        "fanout",
        lambda s: fanout.measure(s.recipients),
        lambda s: f"{s.recipients} recipients, three fan-outs",
        fanout_rows,
    ),
    Bench(
        "restart_torture",
        lambda s: restart_torture.measure(s.cycles),
        lambda s: f"{s.cycles} cycles",
        restart_rows,
    ),
    Bench(
        "store",
        lambda s: store.measure(list(s.store_sizes), s.store_reps),
        lambda s: f"{'/'.join(kilo(n) for n in s.store_sizes)} records",
        store_rows,
    ),
    Bench(
        "ledger_kills",
        lambda s: ledger_kills.measure(s.ledger_kills),
        lambda s: f"{s.ledger_kills} kills",
        ledger_kill_rows,
    ),
    Bench(
        "report_torture",
        lambda s: report_torture.measure(s.report_kills),
        lambda s: f"{s.report_kills} kills",
        report_torture_rows,
    ),
    Bench(
        "reports",
        lambda s: reports.measure(list(s.report_sizes), s.report_reps, s.export_reps),
        lambda s: f"{'/'.join(kilo(n) for n in s.report_sizes)} records",
        reports_rows,
    ),
    Bench(
        "burst",
        lambda s: burst.measure(s.burst_users, s.burst_questions, s.burst_size),
        lambda s: f"{s.burst_users} users × {s.burst_questions}, one user's {s.burst_size}",
        burst_rows,
    ),
)


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:  # Linux; elsewhere the fallback
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def table(rows: list[Row]) -> str:
    lines = ["| metric | ours | stock | goal | met? |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, about 3 minutes")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also save the raw numbers")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated benches: " + ",".join(b.name for b in BENCHES),
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    chosen = [b for b in BENCHES if not args.only or b.name in args.only.split(",")]
    # Every subprocess (the bot, the ledger writer, the store's probe) imports this checkout's
    # code, not whatever the editable install points at.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.CRITICAL)  # one traceback per stock 429
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)  # a killed bot's request

    began, started_at, load_before = time.monotonic(), datetime.now().astimezone(), load()
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    failed: list[str] = []
    for index, bench in enumerate(chosen, start=1):
        progress(f"[{index}/{len(chosen)}] {bench.name} ({bench.what(sizes)}) …")
        t0 = time.monotonic()
        try:
            result = bench.run(sizes)
            rows += bench.rows(result, sizes)
            raw[bench.name] = result
        except Exception:  # one broken bench must not cost the others' numbers
            traceback.print_exc()
            failed.append(bench.name)
            rows.append(Row(f"{bench.name}: could not run (see stderr)", "error", met=False))
        progress(f"      {time.monotonic() - t0:.0f} s")
    took = time.monotonic() - began

    mode = "quick" if args.quick else "full"
    minutes, seconds = divmod(round(took), 60)
    print(f"Command: `.venv/bin/python -m bench{' --quick' if args.quick else ''}` ({mode} run)")
    print(f"Machine: {machine()}")
    print(
        f"Date: {started_at:%Y-%m-%d %H:%M %Z}; took {minutes} min {seconds:02d} s; "
        f"load average (1/5/15 min) {load_before} before, {load()} after"
    )
    print(f"Sizes: {sizes.describe()}")
    print()
    print(table(rows))
    missed = [row.metric for row in rows if row.met is False]
    print()
    print(
        f"Goals met: {sum(row.met is True for row in rows)} of {sum(row.met is not None for row in rows)}."
    )
    if missed:
        print("Not met: " + "; ".join(missed) + ".")

    if args.json:
        document = {
            "command": sys.argv,
            "mode": mode,
            "machine": machine(),
            "date": started_at.isoformat(timespec="seconds"),
            "seconds": took,
            "load_average": {"before": load_before, "after": load()},
            "sizes": dataclasses.asdict(sizes),
            "rows": [dataclasses.asdict(row) for row in rows],
            "raw": raw,
            "failed": failed,
        }
        args.json.write_text(
            json.dumps(document, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
