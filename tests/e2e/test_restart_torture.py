"""A short restart torture (the long one is `bench/restart_torture.py`): see `tests.e2e.torture`.

The seed picks four starts that cover each way the bot goes down and comes back: killed
seconds after the 09:00 nudges began, restarted later that day and killed again, down a whole
working day (its nudges listed to the office as stale), up again with the day's nudges caught up
(marked 补发), then two SIGTERM stops.
"""

from tests.e2e.torture import torture

CYCLES = 4
SEED = 1216


def test_kills_and_restarts_lose_and_repeat_nothing(api, tmp_path):
    report = torture(api, tmp_path, CYCLES, seed_value=SEED)
    assert report.problems == [], report.summary()
    assert report.delivered > 0
    assert report.duplicates <= report.ambiguous
    assert report.kills == 2, report.summary()
    assert report.catch_ups > 0, report.summary()
    assert report.stale > 0, report.summary()
