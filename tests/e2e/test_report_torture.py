"""A short run of the report torture (the long one is `bench/report_torture.py`)."""

from tests.e2e.report_torture import report_torture

KILLS = 3  # each costs a start-up and its backlog; the bench kills 100 times


def test_every_report_sent_survives_kill_9_and_is_acknowledged(api, tmp_path):
    report = report_torture(api, tmp_path, KILLS, seed_value=17)
    assert report.problems == [], report.summary()
    assert report.recorded == report.sent, report.summary()
