"""Configuration: the documented example file works, and bad values get a Chinese error."""

from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.config import (
    DEFAULT_NOTICE,
    ReminderSettings,
    WebhookSettings,
    load_config,
    parse_config,
)
from bot.errors import ConfigError
from bot.office.weekly import WeeklySettings
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
        ("[reminders]\nheartbeat_seconds = 0\n", "heartbeat_seconds 应是不小于 1 的整数"),
        ("[digest]\nyellow = 6\n", "yellow 不应大于 blue"),
        ('[digest]\nblue = "5"\n', r"\[digest\] blue 应是不小于 0 的整数"),
        ("[digest]\nweekly_day = 6\n", r"\[digest\] weekly_day 应是 1 到 5 之间的整数"),
        ("[digest]\nweekly_day = 0\n", r"\[digest\] weekly_day 应是 1 到 5 之间的整数"),
        ('[digest]\nweekly_day = "周五"\n', r"\[digest\] weekly_day 应是 1 到 5 之间的整数"),
        ('[digest]\nweekly_time = "4pm"\n', r"\[digest\] weekly_time “4pm” 应写成 时:分"),
        ('[digest]\nweekly_time = "19:00"\n', "weekly_time 应落在 .*send_start 和 send_end 之间"),
        ("[telegram]\nleaders = 9100\n", r"\[telegram\] leaders 应是 Telegram 用户 ID"),
        ('[telegram]\nleaders = ["9100"]\n', r"\[telegram\] leaders 应是 Telegram 用户 ID"),
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
        "zero-heartbeat",
        "yellow-over-blue",
        "blue-type",
        "weekly-day-saturday",
        "weekly-day-zero",
        "weekly-day-text",
        "weekly-time-format",
        "weekly-time-after-hours",
        "leaders-not-a-list",
        "leaders-text",
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


def test_the_heartbeat_is_a_minute_unless_set():
    default = parse_config("", base=Path("/tmp"), source=Path("config.toml"))
    assert default.reminders.heartbeat == timedelta(minutes=1)
    text = "[reminders]\nheartbeat_seconds = 5\n"
    config = parse_config(text, base=Path("/tmp"), source=Path("config.toml"))
    assert config.reminders.heartbeat == timedelta(seconds=5)


def test_weekly_digest_settings_and_leaders_are_read():
    text = (
        "[telegram]\nadmins = [9001]\nleaders = [9100, 9101]\n"
        '[digest]\nweekly_day = 1\nweekly_time = "08:30"\n'
    )
    config = parse_config(text, base=Path("/tmp"), source=Path("config.toml"))
    assert config.telegram.admins == frozenset({9001})
    assert config.telegram.leaders == frozenset({9100, 9101})
    assert config.reminders.weekly == WeeklySettings(1, time(8, 30))


def test_by_default_no_leaders_and_the_digest_on_friday_at_four():
    config = parse_config("", base=Path("/tmp"), source=Path("config.toml"))
    assert config.telegram.leaders == frozenset()
    assert config.reminders.weekly == WeeklySettings(5, time(16, 0))
    assert load_config(ROOT / "config.example.toml").telegram.leaders == frozenset()


WEBHOOK = '[webhook]\nurl = "https://bot.example.gov.cn/fengong"\n'


def _webhook(text: str, env: dict[str, str] | None = None):
    return parse_config(text, base=Path("/tmp"), source=Path("config.toml"), env=env or {}).webhook


def test_without_a_webhook_url_the_bot_polls():
    assert _webhook("").url == ""
    example = load_config(ROOT / "config.example.toml").webhook
    assert example == WebhookSettings(source=str(ROOT / "config.example.toml"))


def test_webhook_settings_are_read():
    text = WEBHOOK + 'listen = "0.0.0.0"\nport = 8443\nsecret_token = "abc_DEF-123"\n'
    webhook = _webhook(text + "max_connections = 10\n")
    assert webhook.url == "https://bot.example.gov.cn/fengong"
    assert (webhook.listen, webhook.port, webhook.max_connections) == ("0.0.0.0", 8443, 10)
    assert webhook.require_secret() == "abc_DEF-123"


def test_the_webhook_secret_from_the_environment_wins_and_is_never_shown():
    text = WEBHOOK + 'secret_token = "from_the_file"\n'
    config = parse_config(
        text,
        base=Path("/tmp"),
        source=Path("config.toml"),
        env={"TELEGRAM_WEBHOOK_SECRET": " from-the-env\n"},
    )
    assert config.webhook.secret_token == "from-the-env"
    assert "from-the-env" not in repr(config)


def test_a_webhook_without_a_secret_is_refused_at_start_not_when_read():
    webhook = _webhook(WEBHOOK)  # backup and plan still read this config
    with pytest.raises(
        ConfigError, match=r"config\.toml.*设置了 url，但没有密钥.*TELEGRAM_WEBHOOK_SECRET"
    ):
        webhook.require_secret()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[webhook]\nurl = "ftp://bot.example.gov.cn/"\n', r"\[webhook\] url 应是"),
        ('[webhook]\nurl = "bot.example.gov.cn/fengong"\n', r"\[webhook\] url 应是"),
        ('[webhook]\nurl = "https://bot example/"\n', r"\[webhook\] url 应是"),
        ('[webhook]\nurl = "https://[::1/"\n', r"\[webhook\] url 应是"),
        ("[webhook]\nurl = 443\n", r"\[webhook\] url 应是"),
        ('[webhook]\nlisten = ""\n', r"\[webhook\] listen 应是"),
        ("[webhook]\nport = 0\n", r"\[webhook\] port 应是 1 到 65535 之间的整数"),
        ("[webhook]\nport = 65536\n", r"\[webhook\] port 应是 1 到 65535 之间的整数"),
        ('[webhook]\nport = "8080"\n', r"\[webhook\] port 应是 1 到 65535 之间的整数"),
        ("[webhook]\nmax_connections = 101\n", r"max_connections 应是 1 到 100 之间的整数"),
        ('[webhook]\nsecret_token = "秘密"\n', r"secret_token.*只能用 A-Z"),
        ('[webhook]\nsecret_token = "a b"\n', r"secret_token.*只能用 A-Z"),
        (f'[webhook]\nsecret_token = "{"a" * 257}"\n', r"1 到 256 个字符"),
        ("[webhook]\nsecret_token = 12345\n", r"secret_token.*只能用 A-Z"),
    ],
    ids=[
        "url-scheme",
        "url-no-scheme",
        "url-space",
        "url-broken-ipv6",
        "url-number",
        "listen-empty",
        "port-zero",
        "port-too-big",
        "port-text",
        "max-connections",
        "secret-chinese",
        "secret-space",
        "secret-too-long",
        "secret-number",
    ],
)
def test_bad_webhook_config(text, message):
    with pytest.raises(ConfigError, match=message):
        _webhook(text)


def test_a_bad_secret_from_the_environment_is_named_but_not_shown():
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET") as error:
        _webhook(WEBHOOK, {"TELEGRAM_WEBHOOK_SECRET": "top secret!"})
    assert "top secret" not in str(error.value)
