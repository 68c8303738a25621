"""The real bot process on WeCom: its config, its start, and WeCom's side of the callbacks.

The fake WeCom server runs in a thread of the test process (real time); the bot reaches it
over HTTP on 127.0.0.1 as it would reach qyapi.weixin.qq.com. Callbacks are sealed with the
app's Token, EncodingAESKey and corp id through wechatpy's crypto and posted to the bot's
callback server, as WeCom does: never a bypass of the signature check.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from bot.people.addresses import Addresses
from bot.people.bindings import Bindings
from bot.store.storage import Store
from handlers.wecom.callback_crypto import CallbackCrypto
from tests.conftest import ROOT
from tests.e2e.conftest import STARTUP_TIMEOUT, RunningBot
from tests.fakewecom import AGENT_ID, CORP_ID, SECRET, FakeWeCom
from tests.fakewecom.server import Delivered

TOKEN = "callbackTOKEN42e2e"  # noqa: S105 - a test fixture
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SECRETS = (SECRET, TOKEN, AES_KEY)
PATH = "/wecom/callback"
WAIT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(
    workdir: Path,
    fake: FakeWeCom,
    port: int,
    *,
    telegram_admins=(),
    admins=(),
    heartbeat_seconds: int | None = None,
):
    lines = ['[data]\npath = "data"']
    if heartbeat_seconds is not None:
        lines.append(f"[reminders]\nheartbeat_seconds = {heartbeat_seconds}")
    if telegram_admins:
        lines.append(f"[telegram]\nadmins = [{', '.join(map(str, telegram_admins))}]")
    quoted = ", ".join(f'"{a}"' for a in admins)
    lines.append(
        f'[wecom]\ncorp_id = "{CORP_ID}"\nagent_id = {AGENT_ID}\n'
        f'api_base_url = "{fake.base_url}"\nlisten = "127.0.0.1:{port}"\npath = "{PATH}"\n'
        f"admins = [{quoted}]"
    )
    (workdir / "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def seed_wecom(workdir: Path, members: dict[str, str], since: datetime) -> dict[str, int]:
    """Bind WeCom members to units before the bot starts; their person ids."""
    ids = {}
    with Store(workdir / "data" / "bot.json") as store:
        addresses, bindings = Addresses(store), Bindings(store)
        for user, unit in members.items():
            ids[user] = addresses.id_for("wecom", user)
            bindings.bind(ids[user], user, unit, since)
    return ids


def wecom_env(telegram: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_API_"))}
    env |= {"WECOM_SECRET": SECRET, "WECOM_TOKEN": TOKEN, "WECOM_AES_KEY": AES_KEY}
    return env | (telegram or {})


def start(workdir: Path, *args: str, env: dict[str, str] | None = None) -> RunningBot:
    """`python -m bot run` on WeCom; returns once the callback server listens."""
    log = workdir / f"bot-{len(list(workdir.glob('bot-*.log')))}.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(workdir / "config.toml"), *args],
            cwd=ROOT,
            env=env or wecom_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    running = RunningBot(process, log)
    wait_until(lambda: "企业微信回调服务已启动" in running.log_text(), running, STARTUP_TIMEOUT)
    return running


def wait_until(condition, running: RunningBot | None = None, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if running is not None and running.process.poll() is not None:
            raise AssertionError(f"the bot exited:\n{running.log_text()}")
        assert time.monotonic() < deadline, running.log_text() if running else "timed out"
        time.sleep(0.02)


def texts_to(fake: FakeWeCom, user: str) -> list[str]:
    return [m.text for m in fake.messages(user) if m.msgtype == "text"]


def wait_messages(fake: FakeWeCom, user: str, count: int, running=None) -> list[Delivered]:
    wait_until(lambda: len(fake.messages(user)) >= count, running)
    return fake.messages(user)


class WeComUser:
    """Plays WeCom posting a member's messages to the bot's callback URL."""

    msg_ids = 7_000_000_000

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}{PATH}"
        self.crypto = CallbackCrypto(token=TOKEN, aes_key=AES_KEY, corp_id=CORP_ID)
        self.nonces = 0

    def seal(self, xml: str) -> tuple[dict[str, str], str]:
        self.nonces += 1
        nonce, timestamp = f"e2e{self.nonces}", str(int(time.time()))
        body = self.crypto.seal(xml, nonce=nonce, timestamp=timestamp)
        signature = re.search(r"<MsgSignature><!\[CDATA\[(\w+)\]\]>", body).group(1)
        return {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}, body

    def post(self, query: dict[str, str], body: str) -> int:
        request = Request(f"{self.url}?{urlencode(query)}", data=body.encode(), method="POST")
        try:
            with urlopen(request, timeout=10) as response:  # noqa: S310 - 127.0.0.1
                return response.status
        except HTTPError as error:
            return error.code

    def send(self, xml: str) -> tuple[dict[str, str], str]:
        """Post a sealed callback; returns what was posted (to replay it)."""
        query, body = self.seal(xml)
        assert self.post(query, body) == 200
        return query, body

    @classmethod
    def next_id(cls) -> int:
        cls.msg_ids += 1
        return cls.msg_ids

    def text(self, user: str, text: str) -> tuple[dict[str, str], str]:
        return self.send(
            _head(user, "text") + f"<Content><![CDATA[{text}]]></Content>"
            f"<MsgId>{self.next_id()}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
        )

    def press(self, user: str, card: dict, key: str, code: str) -> tuple[dict[str, str], str]:
        return self.send(
            _head(user, "event") + "<Event><![CDATA[template_card_event]]></Event>"
            f"<EventKey><![CDATA[{key}]]></EventKey><TaskId><![CDATA[{card['task_id']}]]>"
            "</TaskId><CardType><![CDATA[button_interaction]]></CardType>"
            f"<ResponseCode><![CDATA[{code}]]></ResponseCode><AgentID>{AGENT_ID}</AgentID></xml>"
        )

    def file(self, user: str, media_id: str, name: str, size: int) -> tuple[dict[str, str], str]:
        return self.send(
            _head(user, "file") + f"<MediaId><![CDATA[{media_id}]]></MediaId>"
            f"<FileName><![CDATA[{name}]]></FileName><FileSize>{size}</FileSize>"
            f"<MsgId>{self.next_id()}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
        )


def _head(user: str, kind: str) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{int(time.time())}"
        f"</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>"
    )


def keys(card: dict) -> list[str]:
    return [button["key"] for button in card["button_list"]]
