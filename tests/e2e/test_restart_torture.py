"""A short restart torture (the long one is `bench/restart_torture.py`): see `tests.e2e.torture`."""

from tests.e2e.torture import torture

CYCLES = 10


def test_kills_and_restarts_lose_and_repeat_nothing(api, tmp_path):
    report = torture(api, tmp_path, CYCLES, seed_value=20211115)
    assert report.problems == [], report.summary()
    assert report.delivered > 0
    assert report.duplicates <= report.ambiguous
