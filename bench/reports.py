"""The office's reports at scale: overview, Excel export and chart over big ledgers.

For each size a ledger of that many records (reports from the units holding each task, with a
correction or withdrawal now and then, 1.5k a month) is written straight to its monthly shards,
then opened with LedgerStore + Ledger as the bot would. Measured: opening, `build_overview`
(median of --reps), `export_workbook` (xlsxwriter; median of
--export-reps, the size of the file) and `render_chart` once, and beside the export, in the same
run and on the same rows, openpyxl's write-only mode writing those rows' values (both sheets,
with the time formats, no other styling): what the export cost when it was written with openpyxl.
Goals at 50k: overview <= 200 ms, export <= 3 s. CPU times are printed beside the export's two
figures: on a shared machine they are what the wall clock would be on an idle one.
Run: .venv/bin/python bench/reports.py [--sizes 10000,50000] [--reps 5] [--export-reps 3]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402

from bot.answers.model import Knowledge  # noqa: E402
from bot.duties import task_holders  # noqa: E402
from bot.ledger.deadlines import plan_deadlines  # noqa: E402
from bot.ledger.history import Ledger  # noqa: E402
from bot.ledger.store import TABLE, LedgerStore, shard_name  # noqa: E402
from bot.office.chart import render_chart  # noqa: E402
from bot.office.export import export_workbook, sheet_rows  # noqa: E402
from bot.office.layout import DATE_FORMAT, MOMENT_FORMAT  # noqa: E402
from bot.office.overview import Overview, build_overview  # noqa: E402
from bot.reading.loader import load_plan  # noqa: E402
from bot.registry.units import load_registry  # noqa: E402
from bot.store.storage import AtomicJSONStorage  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
PER_MONTH = 1500
STAFF = 300
END = datetime(2021, 11, 30, 18, 0, tzinfo=ZONE)  # the newest record
TODAY = date(2021, 12, 1)
STATUSES = ["已完成", "进行中", "进行中", "有困难"]
PHRASES = [
    "已完成现场检查",
    "正在整理台账材料",
    "预计下周五前提交",
    "已与相关单位对接",
    "汇总报告已报办公室审核",
    "部分数据仍需核实",
    "政策解读材料已在官网发布",
    "舆情监测未发现异常",
]


def knowledge() -> Knowledge:
    registry = load_registry(ROOT / "data" / "units.toml")
    plan = load_plan(ROOT / "data" / "notice-2021.txt", registry)
    return Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=date(2021, 12, 31)))


def records(know: Knowledge, size: int) -> list[tuple[datetime, dict[str, Any]]]:
    """`size` ledger records, oldest first, at PER_MONTH a month up to END."""
    rng = random.Random(size)
    holders = [
        (task, unit)
        for task, units in task_holders(know.plan, know.registry).items()
        for unit in units
    ]
    step = timedelta(days=30) / PER_MONTH
    out: list[tuple[datetime, dict[str, Any]]] = []
    last_report: dict[int, int] = {}  # user -> id of their last report
    for n in range(size):
        at = END - step * (size - 1 - n)
        user = 5_000_000_000 + rng.randrange(STAFF)
        base = {"by": user, "n": f"员工{user % 1000}", "at": at.isoformat(), "chat": user}
        base["message"] = 1000 + n
        ref = last_report.get(user)
        roll = rng.random()
        if ref is not None and roll < 0.02:
            kind = "w" if roll < 0.01 else "a"
            unit = out[ref - 1][1]["u"]
            record = base | {"k": kind, "u": unit, "ref": ref}
            if kind == "a":
                record |= {"t": out[ref - 1][1]["t"], "s": "已完成", "x": "更正：" + PHRASES[0]}
            del last_report[user]
        else:
            task, unit = rng.choice(holders)
            milestones = know.deadlines.get(task, ())
            due = milestones[0].due.isoformat() if milestones else None
            text = "，".join(rng.sample(PHRASES, 3)) + "。"
            record = base | {
                "k": "r",
                "u": unit,
                "t": [task],
                "s": rng.choice(STATUSES),
                "x": text,
                "d": {str(task): due},
            }
            last_report[user] = n + 1
        out.append((at, record))
    return out


def build(directory: Path, know: Knowledge, size: int) -> None:
    """Write the shards with one write each, as the appends would have left them."""
    shards: dict[str, dict[str, Any]] = {}
    for record_id, (at, record) in enumerate(records(know, size), start=1):
        shards.setdefault(shard_name(at), {})[str(record_id)] = record
    directory.mkdir(parents=True)
    for name, table in shards.items():
        AtomicJSONStorage(directory / name).write({TABLE: table})


def timed(reps: int, fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    """The median time of `reps` calls of `fn(*args)`, and its result."""
    wall, _, result = clocked(reps, fn, *args)
    return wall, result


def clocked(reps: int, fn: Callable[..., Any], *args: Any) -> tuple[float, float, Any]:
    """The median wall-clock and CPU times of `reps` calls of `fn(*args)`, and its result.

    The CPU time is the process's own: on a machine others are loading, it tells what the
    wall clock would on an idle one.
    """
    walls, cpus, result = [], [], None
    for _ in range(reps):
        began, cpu = time.perf_counter(), time.process_time()
        result = fn(*args)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def openpyxl_same(know: Knowledge, ledger: Ledger, overview: Overview) -> bytes:
    """The export's rows (`sheet_rows`, the same values in both sheets) written by openpyxl's
    write-only mode, times in the office's zone with the export's formats, nothing else."""
    tasks, history = sheet_rows(know, ledger, overview)
    workbook = Workbook(write_only=True)
    for name, rows in (("台账", tasks), ("历史", history)):
        sheet = workbook.create_sheet(name)
        for values in rows:
            sheet.append([_openpyxl_cell(sheet, value) for value in values])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _openpyxl_cell(sheet: Any, value: object) -> object:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value.astimezone(ZONE).replace(tzinfo=None))
        cell.number_format = MOMENT_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def measure(sizes: list[int], reps: int = 5, export_reps: int = 3) -> dict[int, dict[str, float]]:
    """Per size: open, overview, export, chart and openpyxl on the same rows (s); the .xlsx
    (bytes)."""
    know = knowledge()
    with tempfile.TemporaryDirectory() as tmp, LedgerStore(Path(tmp)) as empty:
        render_chart(build_overview(know, Ledger(empty), TODAY), know.plan)  # font, first draw
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp) / "ledger"
            build(directory, know, size)
            began = time.perf_counter()
            with LedgerStore(directory) as store:
                ledger = Ledger(store)
                opened = time.perf_counter() - began
                overview_s, overview = timed(reps, build_overview, know, ledger, TODAY)
                export_s, export_cpu, data = clocked(
                    export_reps, export_workbook, know, ledger, overview, ZONE
                )
                chart_s, _ = timed(1, render_chart, overview, know.plan)
                openpyxl_s, openpyxl_cpu, _ = clocked(
                    export_reps, openpyxl_same, know, ledger, overview
                )
        results[size] = {
            "open_s": opened,
            "overview_s": overview_s,
            "export_s": export_s,
            "xlsx_bytes": len(data),
            "chart_s": chart_s,
            "openpyxl_floor_s": openpyxl_s,  # the key bench/run_all.py reads
            "export_cpu_s": export_cpu,
            "openpyxl_cpu_s": openpyxl_cpu,
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--export-reps", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        "records   open      overview  export (CPU)       xlsx      chart     "
        "openpyxl, same rows (CPU)"
    )
    for size, row in measure(sizes, args.reps, args.export_reps).items():
        print(
            f"{size:<9} {row['open_s'] * 1000:6.0f} ms {row['overview_s'] * 1000:6.1f} ms "
            f"{row['export_s']:6.2f} s ({row['export_cpu_s']:5.2f} s)  "
            f"{row['xlsx_bytes'] / 1e6:5.1f} MB  {row['chart_s'] * 1000:5.0f} ms   "
            f"{row['openpyxl_floor_s']:6.2f} s ({row['openpyxl_cpu_s']:5.2f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
