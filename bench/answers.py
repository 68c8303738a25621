"""Core answer latency for every unit, and the loader's time on the shipped notice.

Goal (stack-facts G6): the core answer to "X负责什么" takes p99 <= 5 ms, the line read by
the grammar included.
Run: .venv/bin/python bench/answers.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from bot.answers.model import ChatState, Knowledge
from bot.answers.respond import answer
from bot.config import DEFAULT_NOTICE, DEFAULT_REGISTRY
from bot.grammar.understand import understand
from bot.grammar.vocabulary import vocabulary_of
from bot.reading.loader import load_plan, parse_plan
from bot.registry.units import load_registry


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": statistics.median(samples),
        "p99_ms": percentile(samples, 0.99),
        "max_ms": max(samples),
    }


def measure(rounds: int = 200) -> dict:
    """The loader's time on the shipped notice and the answer time per kind of question (ms)."""
    registry = load_registry(DEFAULT_REGISTRY)
    text = DEFAULT_NOTICE.read_text(encoding="utf-8")
    load_ms = [timed(lambda: parse_plan(text, registry)) for _ in range(rounds)]
    know = Knowledge(load_plan(DEFAULT_NOTICE, registry), registry)
    questions = {
        "unit (每个单位“X负责什么”)": [f"{u.name}负责什么" for u in registry.units],
        "my unit (我科室负责什么)": ["我科室负责什么"],
        "alias / fuzzy (执法2科, 信息中心, 执法三科)": ["执法2科的任务", "信息中心", "执法三科"],
        "task (第N项是什么 / 谁负责)": [f"第{n}项谁负责" for n in range(1, 35)],
        "keyword (谁牵头政策解读)": ["谁牵头政策解读", "搜索 舆情"],
        "overview (各单位任务总览)": ["各单位任务总览"],
    }
    state, today = ChatState(unit="综合科"), date(2021, 11, 15)
    vocabulary = vocabulary_of(know.plan, registry)  # built once per notice, as the bot does

    def ask(line: str) -> None:
        """The line read by the grammar and each of its questions answered."""
        for intent in understand(line, vocabulary, today=today):
            answer(state, intent, know, today=today)

    kinds, pooled = {}, []
    for label, lines in questions.items():
        samples = [timed(lambda q=q: ask(q)) for _ in range(rounds) for q in lines]
        kinds[label] = summary(samples)
        pooled += samples
    return {
        "rounds": rounds,
        "tasks": len(know.plan.tasks),
        "loader": summary(load_ms),
        "kinds": kinds,
        "all": summary(pooled),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    result = measure(parser.parse_args().rounds)
    loader = result["loader"]
    print(
        f"loader, shipped notice ({result['tasks']} tasks): "
        f"p50 {loader['p50_ms']:.2f} ms, p99 {loader['p99_ms']:.2f} ms"
    )
    print(f"{'question':48} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for label, row in result["kinds"].items():
        print(
            f"{label:48} {row['n']:>6} {row['p50_ms']:>8.3f} "
            f"{row['p99_ms']:>8.3f} {row['max_ms']:>8.3f}"
        )


if __name__ == "__main__":
    main()
