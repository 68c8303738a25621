"""Benchmarks: numbers, not tests. `python -m bench` runs them all (see run_all.py)."""
