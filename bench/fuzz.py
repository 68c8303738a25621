"""A long fuzz run: every path of tests/adversarial with many examples and fresh randomness.

In CI each path runs a small fixed (derandomized) set of examples; FUZZ_EXAMPLES, which this
sets, makes each path run that many with new random inputs every run. A failure prints
hypothesis's smallest failing input, and the seed to replay it with --seed.
Run from the repository root: .venv/bin/python bench/fuzz.py [--examples 2000] [--seed N]
[-k PATTERN]. The exit status is pytest's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per path")
    parser.add_argument("--seed", type=int, help="replay the run that printed this seed")
    parser.add_argument("-k", dest="pattern", help="only the tests matching (pytest -k)")
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "pytest", "tests/adversarial", "-p", "no:cacheprovider"]
    command += ["-q", "--hypothesis-show-statistics"]
    if args.seed is not None:
        command.append(f"--hypothesis-seed={args.seed}")
    if args.pattern:
        command += ["-k", args.pattern]
    env = {**os.environ, "FUZZ_EXAMPLES": str(args.examples), "PTB_TIMEDELTA": "true"}
    start = time.perf_counter()
    status = subprocess.call(command, cwd=ROOT, env=env)
    took = time.perf_counter() - start
    print(f"fuzz: {args.examples} examples per path, {took:.0f} s, pytest exit status {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
