"""Configuration: the documented example file works, and bad values get a Chinese error."""

from datetime import time
from pathlib import Path

import pytest

from bot.config import DEFAULT_NOTICE, ReminderSettings, load_config, parse_config
from bot.errors import ConfigError
from tests.conftest import ROOT


def test_example_config_points_at_the_shipped_data():
    config = load_config(ROOT / "config.example.toml")
    assert config.notice == DEFAULT_NOTICE
    assert config.registry == ROOT / "data" / "units.toml"
    assert config.timezone.key == "Asia/Shanghai"


def test_defaults_without_a_file():
    config = load_config(None)
    assert config.notice.exists()
    assert config.timezone.key == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[bot]\ntimezone = "Mars/Olympus"\n', "不是有效时区"),
        ("[notice]\npath = 3\n", "path 应是文件路径字符串"),
        ("[notice\n", "TOML 格式错误"),
        ('[reminders]\ntime = "25:00"\n', "应写成 时:分"),
        ('[reminders]\ntime = "nine"\n', "应写成 时:分"),
        ("[reminders]\nbefore = [5, -1]\n", "工作日数列表"),
        ('[reminders]\ntime = "08:00"\n', "send_start 和 send_end 之间"),
        ("[reminders]\nweekly_cap = 0\n", "weekly_cap 应是不小于 1 的整数"),
        ("[reminders]\nprogress_day = 30\n", "1 到 28"),
        ("[digest]\nyellow = 6\n", "yellow 不应大于 blue"),
        ('[digest]\nblue = "5"\n', r"\[digest\] blue 应是不小于 0 的整数"),
    ],
    ids=[
        "timezone",
        "path-type",
        "toml",
        "bad-hour",
        "bad-time",
        "negative-step",
        "outside-send-hours",
        "zero-cap",
        "progress-day",
        "yellow-over-blue",
        "blue-type",
    ],
)
def test_bad_config(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(text, base=Path("/tmp"), source=Path("config.toml"))


def test_the_example_documents_the_default_reminder_settings():
    assert load_config(ROOT / "config.example.toml").reminders == ReminderSettings()


def test_reminder_settings_are_read():
    text = '[reminders]\ntime = "09:30"\nbefore = [1, 3, 0]\nweekly_cap = 2\n[digest]\nblue = 8\n'
    config = parse_config(text, base=Path("/tmp"), source=Path("config.toml"))
    ladder = config.reminders.ladder
    assert (ladder.send_time, ladder.before, ladder.weekly_cap) == (time(9, 30), (3, 1, 0), 2)
    assert (config.reminders.digest.blue, config.reminders.digest.yellow) == (8, 2)
