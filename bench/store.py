"""Ledger storage at scale (goals G5, G7): our monthly-sharded LedgerStore vs stock TinyDB.

For each size the data is written straight to disk (one write per file), then measured in a
fresh subprocess so sizes do not add up in one process's memory. Ours: durable append p50/p99
into a full month (1.5k records, as at the end of a month), the longest event-loop stall while
appends run via `await store.run(...)` (a 1 ms ticker), cold start (open + load every shard),
bytes per record, RSS after load and peak. Stock: `TinyDB(path)` with its default JSONStorage,
the same records in one file, insert p50/p99 and bytes per record.
Goals at 50k: append p50 <= 10 ms, p99 <= 50 ms; stall <= 50 ms; cold start <= 2 s; <= 350 B
per record; RSS <= 80 MB at 10k, <= 150 MB at 50k.
Run: .venv/bin/python bench/store.py [--sizes 1000,10000,50000] [--reps 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from bot.ledger.store import TABLE, LedgerStore, shard_name  # noqa: E402
from bot.store.storage import AtomicJSONStorage  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
# 300 staff reporting weekly: about 1.5k progress replies a month.
PER_MONTH = 1500
STAFF = 300
# The month the newest records (and the measured appends) fall in.
NEWEST = datetime(2026, 6, 1, tzinfo=ZONE)
UNITS = [
    "办公室",
    "综合科",
    "法制科",
    "执法一科",
    "执法二科",
    "执法三科",
    "信息中心",
    "财务科",
    "人事科",
    "宣传科",
    "监督科",
    "应急管理科",
]
STATUSES = ["已完成", "进行中", "未开始", "有困难"]
PHRASES = [
    "已完成现场检查",
    "正在整理台账材料",
    "预计下周五前提交",
    "已与相关单位对接",
    "汇总报告已报办公室审核",
    "部分数据仍需核实",
    "已召开专题会议研究部署",
    "按计划推进中",
    "存在人手不足的困难",
    "需协调财务科解决经费",
    "政策解读材料已在官网发布",
    "舆情监测未发现异常",
]


def month_start(months_back: int) -> datetime:
    index = NEWEST.year * 12 + NEWEST.month - 1 - months_back
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=ZONE)


def progress_text(rng: random.Random) -> str:
    text = ""
    while len(text) < 50:
        text += rng.choice(PHRASES) + "，"
    return text[:49] + "。"


def make_record(rng: random.Random, n: int, at: datetime) -> dict[str, Any]:
    """A progress reply: the nth reply overall, from one of the staff in a private chat."""
    user = 5_000_000_000 + rng.randrange(STAFF)
    return {
        "task": rng.randint(1, 34),
        "unit": rng.choice(UNITS),
        "user": user,
        "chat": user,
        "message": 1000 + n,  # unique per chat as well, since it is unique overall
        "status": rng.choice(STATUSES),
        "text": progress_text(rng),
        "time": at.isoformat(timespec="seconds"),
    }


def history(size: int) -> list[tuple[datetime, dict[str, Any]]]:
    """`size` replies at PER_MONTH a month, the newest month full, the oldest one partial."""
    rng = random.Random(size)
    months = -(-size // PER_MONTH)
    offset = months * PER_MONTH - size
    out = []
    for n in range(size):
        month, place = divmod(n + offset, PER_MONTH)
        start = month_start(months - 1 - month)
        at = start + timedelta(minutes=place * 28 * 24 * 60 // PER_MONTH)
        out.append((at, make_record(rng, n, at)))
    return out


def build_ours(directory: Path, size: int) -> None:
    """Write the shards with one AtomicJSONStorage write each, as the appends would leave them."""
    shards: dict[str, dict[str, Any]] = {}
    for record_id, (at, record) in enumerate(history(size), start=1):
        shards.setdefault(shard_name(at), {})[str(record_id)] = record
    for name, table in shards.items():
        AtomicJSONStorage(directory / name).write({TABLE: table})


def build_stock(path: Path, size: int) -> None:
    """Write one file exactly as TinyDB's default JSONStorage writes it."""
    table = {str(i): record for i, (_, record) in enumerate(history(size), start=1)}
    storage = JSONStorage(str(path))
    storage.write({"_default": table})
    storage.close()


def memory() -> dict[str, float]:
    """Current and peak resident memory of this process, in MB."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    fields = dict(line.split(":", 1) for line in status.splitlines())
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def new_records(size: int, reps: int, seed: int) -> list[tuple[datetime, dict[str, Any]]]:
    rng = random.Random(seed)
    at = NEWEST + timedelta(days=27)
    return [(at, make_record(rng, size + seed * reps + i, at)) for i in range(reps)]


async def appends_on_loop(
    store: LedgerStore, records: list[tuple[datetime, dict[str, Any]]]
) -> tuple[list[float], float]:
    """Append through `store.run` while a 1 ms ticker records how late the loop wakes it."""
    loop = asyncio.get_running_loop()
    stall = 0.0
    done = False

    async def ticker() -> None:
        nonlocal stall
        while not done:
            due = loop.time() + 0.001
            await asyncio.sleep(0.001)
            stall = max(stall, loop.time() - due)

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    samples = []
    for at, record in records:
        start = time.perf_counter()
        await store.run(store.append, record, at=at)
        samples.append(time.perf_counter() - start)
    done = True
    await tick
    return samples, stall


def measure_ours(directory: Path, size: int, reps: int) -> dict[str, Any]:
    before = memory()
    start = time.perf_counter()
    store = LedgerStore(directory)
    cold = time.perf_counter() - start
    loaded = memory()
    assert len(store) == size
    disk = sum(p.stat().st_size for p in directory.glob("ledger-*.json"))
    samples = []
    for at, record in new_records(size, reps, 1):
        start = time.perf_counter()
        store.append(record, at=at)
        samples.append(time.perf_counter() - start)
    on_loop, stall = asyncio.run(appends_on_loop(store, new_records(size, reps, 2)))
    rng = random.Random(3)
    keys = [(r["chat"], r["message"]) for r in rng.sample(store.records(), 200)]
    finds = []
    for chat, message in keys:
        start = time.perf_counter()
        store.find(chat, message)
        finds.append(time.perf_counter() - start)
    store.close()
    return {
        "cold_s": cold,
        "shards": len(list(directory.glob("ledger-*.json"))),
        "bytes_per_record": disk / size,
        "append_ms": [1000 * s for s in samples],
        "on_loop_ms": [1000 * s for s in on_loop],
        "stall_ms": 1000 * stall,
        "find_us": 1e6 * statistics.median(finds),
        "rss_before": before["VmRSS"],
        "rss_loaded": loaded["VmRSS"],
        "rss_peak": memory()["VmHWM"],
    }


def measure_stock(path: Path, size: int, reps: int) -> dict[str, Any]:
    disk = path.stat().st_size
    start = time.perf_counter()
    db = TinyDB(path)
    assert len(db) == size
    cold = time.perf_counter() - start
    samples = []
    for _, record in new_records(size, reps, 1):
        start = time.perf_counter()
        db.insert(record)
        samples.append(time.perf_counter() - start)
    db.close()
    return {
        "cold_s": cold,
        "bytes_per_record": disk / size,
        "insert_ms": [1000 * s for s in samples],
        "rss_peak": memory()["VmHWM"],
    }


def in_subprocess(kind: str, path: Path, size: int, reps: int) -> dict[str, Any]:
    args = [sys.executable, __file__, "--measure", kind, str(path), str(size), str(reps)]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def stock_reps(size: int, reps: int) -> int:
    # A stock insert re-reads and rewrites the whole file: about 0.5-1 s at 50k.
    return max(5, min(reps, 300_000 // size))


def measure_size(size: int, reps: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Ours and stock at `size` records, each measured in a fresh subprocess: raw samples."""
    with tempfile.TemporaryDirectory() as work:
        ledger, stock_file = Path(work) / "ledger", Path(work) / "stock.json"
        ledger.mkdir()
        build_ours(ledger, size)
        build_stock(stock_file, size)
        ours = in_subprocess("ours", ledger, size, reps)
        stock = in_subprocess("stock", stock_file, size, stock_reps(size, reps))
    return ours, stock


def summarize(ours: dict[str, Any], stock: dict[str, Any]) -> dict[str, Any]:
    """The numbers of one size: times in ms, sizes in bytes, memory in MB."""
    append, on_loop, insert = ours["append_ms"], ours["on_loop_ms"], stock["insert_ms"]
    return {
        "shards": ours["shards"],
        "ours": {
            "append_p50_ms": statistics.median(append),
            "append_p99_ms": percentile(append, 0.99),
            "appends": len(append),
            "on_loop_p50_ms": statistics.median(on_loop),
            "on_loop_p99_ms": percentile(on_loop, 0.99),
            "stall_ms": ours["stall_ms"],
            "cold_ms": 1000 * ours["cold_s"],
            "bytes_per_record": ours["bytes_per_record"],
            "find_us": ours["find_us"],
            "rss_loaded_mb": ours["rss_loaded"],
            "rss_peak_mb": ours["rss_peak"],
        },
        "stock": {
            "append_p50_ms": statistics.median(insert),
            "append_p99_ms": percentile(insert, 0.99),
            "appends": len(insert),
            "cold_ms": 1000 * stock["cold_s"],
            "bytes_per_record": stock["bytes_per_record"],
            "rss_peak_mb": stock["rss_peak"],
        },
        "speedup_p50": statistics.median(insert) / statistics.median(append),
    }


def measure(sizes: list[int], reps: int = 200) -> dict[int, dict[str, Any]]:
    """`summarize` for each size."""
    return {size: summarize(*measure_size(size, reps)) for size in sizes}


def report(size: int, ours: dict[str, Any], stock: dict[str, Any]) -> None:
    append, on_loop, insert = ours["append_ms"], ours["on_loop_ms"], stock["insert_ms"]
    p50 = statistics.median(append)
    print(f"\n== {size:,} records ({ours['shards']} monthly shards, appends into a full month)")
    print(
        f"ours   append  p50 {p50:7.2f} ms  p99 {percentile(append, 0.99):7.2f} ms  "
        f"max {max(append):7.2f} ms  (n={len(append)})"
    )
    print(
        f"ours   via run p50 {statistics.median(on_loop):7.2f} ms  "
        f"p99 {percentile(on_loop, 0.99):7.2f} ms  longest loop stall {ours['stall_ms']:.2f} ms"
        f"  (n={len(on_loop)})"
    )
    print(
        f"ours   cold start {ours['cold_s'] * 1000:7.1f} ms  "
        f"{ours['bytes_per_record']:5.0f} B/record  find p50 {ours['find_us']:.1f} µs"
    )
    print(
        f"ours   RSS before open {ours['rss_before']:5.1f} MB  after load "
        f"{ours['rss_loaded']:5.1f} MB  peak {ours['rss_peak']:5.1f} MB"
    )
    stock_p50 = statistics.median(insert)
    print(
        f"stock  insert  p50 {stock_p50:7.2f} ms  p99 {percentile(insert, 0.99):7.2f} ms  "
        f"max {max(insert):7.2f} ms  (n={len(insert)})  "
        f"{stock['bytes_per_record']:5.0f} B/record  RSS peak {stock['rss_peak']:5.1f} MB  "
        f"cold start {stock['cold_s'] * 1000:.1f} ms"
    )
    print(f"stock/ours append p50: {stock_p50 / p50:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--reps", type=int, default=200, help="appends per phase (ours)")
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        kind, path, size, reps = args.measure
        measure_one = measure_ours if kind == "ours" else measure_stock
        print(json.dumps(measure_one(Path(path), int(size), int(reps))))
        return
    print(f"Python {sys.version.split()[0]}, {PER_MONTH} records a month, data under /tmp")
    for size in (int(s) for s in args.sizes.split(",")):
        report(size, *measure_size(size, args.reps))


if __name__ == "__main__":
    main()
