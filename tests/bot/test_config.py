"""Configuration: the documented example file works, and bad values get a Chinese error."""

from pathlib import Path

import pytest

from bot.config import DEFAULT_NOTICE, load_config, parse_config
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
    ],
    ids=["timezone", "path-type", "toml"],
)
def test_bad_config(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(text, base=Path("/tmp"), source=Path("config.toml"))
