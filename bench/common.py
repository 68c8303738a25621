"""What the torture benches share: the command line, the timing and the report."""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from tests.fakebotapi import FakeBotApi


class Outcome(Protocol):
    """A torture's result: a one-line summary and the broken promises."""

    problems: list[str]

    def summary(self) -> str: ...


def as_dict(outcome: Outcome) -> dict:
    """An outcome's fields (it is a dataclass) as a dict, for the runner and its JSON."""
    return dataclasses.asdict(outcome)


def torture_main(doc: str, flag: str, default: int, run: Callable[[int, int], Outcome]) -> int:
    """Parse `--<flag> N --seed S`, run, print the summary, time and problems; exit 1 on any."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(f"--{flag}", type=int, default=default)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = time.monotonic()
    outcome = run(getattr(args, flag), args.seed)
    print(outcome.summary())
    print(f"用时 {time.monotonic() - began:.0f} s")
    for problem in outcome.problems:
        print("问题：", problem)
    return 1 if outcome.problems else 0


@contextmanager
def running_bot(api: FakeBotApi, code: Path) -> Iterator[None]:
    """`python -m bot run` from the checkout `code` on a fresh data directory."""
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "BOT_API_BASE_URL": api.base_url,
            "PTB_TIMEDELTA": "true",
            "PYTHONPATH": str(code),
        }
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--data", data],
            cwd=code,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert api.wait_for_sync(lambda: len(api.calls("getUpdates")) > 0, 30)
            yield
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=30)
            except subprocess.TimeoutExpired:
                bot.kill()
                bot.wait()
