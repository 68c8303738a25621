"""The [wecom] table: the fixed interface read, bad values refused in Chinese, the three
secrets only from the environment and never shown."""

import logging
import re
from pathlib import Path

import pytest

from bot.config import Config, WecomSettings, load_config, parse_config
from bot.errors import ConfigError
from tests.conftest import ROOT

# The "Interface" block, word for word.
INTERFACE = """[wecom]
corp_id = "ww0123456789abcdef"
agent_id = 1000002
api_base_url = "https://qyapi.weixin.qq.com"   # a private deployment gives its own address
listen = "127.0.0.1:8090"                       # the callback server; behind the office's HTTPS proxy
path = "/wecom/callback"
admins = ["zhangsan"]                            # WeCom userids of the office
leaders = []
"""
SECRET, TOKEN, AES_KEY = "app-secret-VALUE-9", "callbackTOKEN42", "k" * 42 + "A"
ENV = {"WECOM_SECRET": SECRET, "WECOM_TOKEN": TOKEN, "WECOM_AES_KEY": AES_KEY}


def _config(text: str, env: dict[str, str] | None = None) -> Config:
    return parse_config(text, base=Path("/tmp"), source=Path("config.toml"), env=env or {})


def test_the_interface_block_is_read():
    wecom = _config(INTERFACE, ENV).wecom
    assert wecom == WecomSettings(
        corp_id="ww0123456789abcdef",
        agent_id=1000002,
        api_base_url="https://qyapi.weixin.qq.com",
        host="127.0.0.1",
        port=8090,
        path="/wecom/callback",
        admins=frozenset({"zhangsan"}),
        leaders=frozenset(),
        secret=SECRET,
        token=TOKEN,
        aes_key=AES_KEY,
        source="config.toml",
    )
    wecom.require_secrets()


def test_defaults_for_everything_but_the_corp_and_agent():
    wecom = _config('[wecom]\ncorp_id = "wwabc"\nagent_id = 7\n').wecom
    assert (wecom.api_base_url, wecom.host, wecom.port, wecom.path) == (
        "https://qyapi.weixin.qq.com",
        "127.0.0.1",
        8090,
        "/wecom/callback",
    )
    assert wecom.admins == wecom.leaders == frozenset()


def test_a_private_deployment_address_loses_its_trailing_slash_and_ipv6_listens():
    text = (
        '[wecom]\ncorp_id = "wwabc"\nagent_id = 7\n'
        'api_base_url = "http://10.1.2.3:8080/"\nlisten = "[::1]:9000"\n'
    )
    wecom = _config(text).wecom
    assert (wecom.api_base_url, wecom.host, wecom.port) == ("http://10.1.2.3:8080", "::1", 9000)


def test_the_leaders_and_admins_observe():
    text = '[wecom]\ncorp_id = "wwabc"\nagent_id = 7\nadmins = ["a1"]\nleaders = ["lee.w@x"]\n'
    assert _config(text).wecom.observers == frozenset({"a1", "lee.w@x"})


def test_the_channels_set_up():
    assert _config("").channels == ()
    assert _config("", {"TELEGRAM_BOT_TOKEN": "1:x"}).channels == ("telegram",)
    assert _config(INTERFACE).channels == ("wecom",)
    assert _config(INTERFACE, {"TELEGRAM_BOT_TOKEN": "1:x"}).channels == ("telegram", "wecom")


def test_the_example_documents_wecom_commented_out():
    example = ROOT / "config.example.toml"
    assert load_config(example).wecom is None
    text = example.read_text(encoding="utf-8")
    block = text[text.index("# [wecom]") :]
    enabled = "\n".join(
        line[2:] if re.match(r"# (\[wecom\]|\w+ = )", line) else line
        for line in block.splitlines()
    )
    assert _config(enabled, ENV).wecom == _config(INTERFACE, ENV).wecom


BASE = '[wecom]\ncorp_id = "wwabc"\nagent_id = 7\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[wecom]\nagent_id = 7\n", r"\[wecom\] corp_id 应是企业 ID"),
        ('[wecom]\ncorp_id = "ww abc"\nagent_id = 7\n', r"corp_id 只能用字母"),
        ('[wecom]\ncorp_id = "wwabc"\n', r"\[wecom\] agent_id 应是.*正整数"),
        ('[wecom]\ncorp_id = "wwabc"\nagent_id = "1000002"\n', r"agent_id 应是.*正整数"),
        ('[wecom]\ncorp_id = "wwabc"\nagent_id = 0\n', r"agent_id 应是.*正整数"),
        ('[wecom]\ncorp_id = "wwabc"\nagent_id = true\n', r"agent_id 应是.*正整数"),
        (BASE + 'api_base_url = "qyapi.weixin.qq.com"\n', r"api_base_url 应是企业微信接口的地址"),
        (BASE + 'listen = "127.0.0.1"\n', r"listen 应写成 地址:端口"),
        (BASE + 'listen = "127.0.0.1:70000"\n', r"listen 应写成 地址:端口"),
        (BASE + 'listen = ":8090"\n', r"listen 应写成 地址:端口"),
        (BASE + "listen = 8090\n", r"listen 应写成 地址:端口"),
        (BASE + 'path = "wecom/callback"\n', r"path 应是以 / 开头"),
        (BASE + 'path = "/wecom callback"\n', r"path 应是以 / 开头"),
        (BASE + "admins = [1001]\n", r"\[wecom\] admins 应是企业微信成员账号（UserID）的列表"),
        (BASE + 'admins = "zhangsan"\n', r"admins 应是企业微信成员账号"),
        (BASE + 'leaders = ["张三"]\n', r"\[wecom\] leaders 应是企业微信成员账号"),
        (BASE + 'leaders = ["_lead"]\n', r"leaders 应是企业微信成员账号"),
        ('wecom = "on"\n', r"\[wecom\] 应是一个表"),
    ],
    ids=[
        "no-corp",
        "corp-space",
        "no-agent",
        "agent-text",
        "agent-zero",
        "agent-bool",
        "api-no-scheme",
        "listen-no-port",
        "listen-port-too-big",
        "listen-no-host",
        "listen-number",
        "path-relative",
        "path-space",
        "admins-numbers",
        "admins-not-list",
        "leaders-chinese",
        "leaders-underscore-first",
        "not-a-table",
    ],
)
def test_bad_wecom_config(text, message):
    with pytest.raises(ConfigError, match=message):
        _config(text)


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ({"WECOM_SECRET": ""}, "WECOM_SECRET"),
        ({"WECOM_TOKEN": ""}, "WECOM_TOKEN"),
        ({"WECOM_AES_KEY": ""}, "WECOM_AES_KEY"),
        ({"WECOM_AES_KEY": "tooshort"}, "WECOM_AES_KEY"),
        ({"WECOM_TOKEN": "has space"}, "WECOM_TOKEN"),
    ],
    ids=["secret", "token", "aes-key", "aes-key-short", "token-shape"],
)
def test_a_missing_secret_is_refused_at_start_not_when_read(missing, named):
    wecom = _config(INTERFACE, ENV | missing).wecom  # backup and plan still read this config
    with pytest.raises(ConfigError, match=rf"config\.toml.*设置了 \[wecom\].*{named}") as error:
        wecom.require_secrets()
    for value in (SECRET, TOKEN, AES_KEY, "tooshort"):
        assert value not in str(error.value)


def test_secrets_come_only_from_the_environment():
    text = INTERFACE + 'secret = "in-the-file"\ntoken = "tok"\naes_key = "x"\n'
    wecom = _config(text).wecom
    assert (wecom.secret, wecom.token, wecom.aes_key) == ("", "", "")
    with pytest.raises(ConfigError, match="WECOM_SECRET.*WECOM_TOKEN.*WECOM_AES_KEY"):
        wecom.require_secrets()


def test_secrets_never_appear_in_a_repr_a_str_or_a_log(caplog):
    caplog.set_level(logging.DEBUG)
    config = _config(INTERFACE, ENV)
    logging.getLogger("fengong.test").info("config %s %r", config, config.wecom)
    shown = repr(config) + str(config) + str(config.wecom) + caplog.text
    assert "WecomSettings(corp_id='ww0123456789abcdef'" in shown
    for value in (SECRET, TOKEN, AES_KEY):
        assert value not in shown
