"""The WeCom callback server over real HTTP on 127.0.0.1, fed callbacks encrypted and signed
with the app's own Token, EncodingAESKey and corp id (wechatpy's crypto, never a bypass)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.config import WecomSettings
from handlers.wecom.callback import CallbackServer
from handlers.wecom.callback_crypto import CallbackCrypto
from handlers.wecom.inbound import CardPress, Inbound, MediaMessage, TextMessage
from handlers.wecom.inbox import INBOX_FILE, Inbox

CORP = "ww0123456789abcdef"
TOKEN = "callbackTOKEN42"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SECRET = "app-secret-VALUE-9"
NOW = 1_700_000_000  # the server's clock; messages are stamped a few seconds before it


def settings() -> WecomSettings:
    return WecomSettings(
        corp_id=CORP, agent_id=1000002, port=0, secret=SECRET, token=TOKEN, aes_key=AES_KEY
    )


def text_xml(user: str, msg_id: int, text: str, created: int = NOW - 2) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{created}</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>"
        f"<MsgId>{msg_id}</MsgId><AgentID>1000002</AgentID></xml>"
    )


def card_xml(user: str, key: str, task: str, code: str, created: int = NOW - 2) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{created}</CreateTime>"
        "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>"
        f"<EventKey><![CDATA[{key}]]></EventKey><TaskId><![CDATA[{task}]]></TaskId>"
        "<CardType><![CDATA[button_interaction]]></CardType>"
        f"<ResponseCode><![CDATA[{code}]]></ResponseCode><AgentID>1000002</AgentID></xml>"
    )


def file_xml(user: str, msg_id: int, media_id: str, name: str, size: int) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{NOW - 2}</CreateTime>"
        f"<MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[{media_id}]]></MediaId>"
        f"<FileName><![CDATA[{name}]]></FileName><FileSize>{size}</FileSize>"
        f"<MsgId>{msg_id}</MsgId><AgentID>1000002</AgentID></xml>"
    )


def enter_xml(user: str) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{NOW - 2}</CreateTime>"
        "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>"
        "<EventKey><![CDATA[]]></EventKey><AgentID>1000002</AgentID></xml>"
    )


class WeCom:
    """Plays WeCom's side: seals a message as WeCom does and posts it to the server."""

    def __init__(self, url: str, crypto: CallbackCrypto | None = None) -> None:
        self.url = url
        self.crypto = crypto or CallbackCrypto(token=TOKEN, aes_key=AES_KEY, corp_id=CORP)
        self.nonces = 0

    def seal(self, xml: str) -> tuple[dict[str, str], str, str]:
        """The query, body and Encrypt of a callback carrying `xml` (a fresh nonce each)."""
        self.nonces += 1
        nonce, timestamp = f"nonce{self.nonces}", str(NOW)
        body = self.crypto.seal(xml, nonce=nonce, timestamp=timestamp)
        signature = re.search(r"<MsgSignature><!\[CDATA\[(\w+)\]\]>", body).group(1)
        encrypt = re.search(r"<Encrypt><!\[CDATA\[(.+?)\]\]>", body).group(1)
        query = {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}
        return query, body, encrypt

    async def post(self, xml: str) -> tuple[int, str]:
        query, body, _ = self.seal(xml)
        return await self.post_sealed(query, body)

    async def post_sealed(self, query: dict[str, str], body: str) -> tuple[int, str]:
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, params=query, data=body.encode("utf-8")) as response,
        ):
            return response.status, await response.text()

    async def verify(self, plain: str, *, forge: bool = False) -> tuple[int, str]:
        query, _, encrypt = self.seal(plain)
        query["echostr"] = encrypt
        if forge:
            query["msg_signature"] = "0" * 40
        async with (
            aiohttp.ClientSession() as session,
            session.get(self.url, params=query) as response,
        ):
            return response.status, await response.text()


class Recorder:
    """The handler the wiring will plug the conversation into: records, optionally waits."""

    def __init__(self) -> None:
        self.got: list[Inbound] = []
        self.gate: asyncio.Event | None = None
        self.entered = asyncio.Event()

    async def __call__(self, message: Inbound) -> None:
        self.entered.set()
        if self.gate is not None:
            await self.gate.wait()
        self.got.append(message)


class Running:
    """A server on an inbox directory, its recorder and a WeCom to post to it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.recorder = Recorder()
        self.server = CallbackServer(
            settings(), Inbox(directory), self.recorder, clock=lambda: float(NOW)
        )

    async def __aenter__(self) -> Running:
        await self.server.start()
        self.wecom = WeCom(f"http://127.0.0.1:{self.server.port}/wecom/callback")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.server.stop(grace=0.1)


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    async with Running(tmp_path) as run:
        yield run


async def test_url_verification_answers_the_decrypted_echostr(running: Running):
    assert await running.wecom.verify("8623981272365713521") == (200, "8623981272365713521")


async def test_url_verification_with_a_wrong_signature_is_refused(running: Running):
    assert (await running.wecom.verify("8623981272365713521", forge=True))[0] == 403


async def test_a_text_message_is_handed_over_once_and_answered_with_nothing(running: Running):
    assert await running.wecom.post(text_xml("zhangsan", 7001, "第3项已完成")) == (200, "")
    await running.server.idle()
    assert running.recorder.got == [TextMessage("zhangsan", NOW - 2, 7001, "第3项已完成")]


async def test_a_forged_signature_gets_403_and_changes_nothing(running: Running):
    query, body, _ = running.wecom.seal(text_xml("zhangsan", 7001, "第3项已完成"))
    forged = dict(query, msg_signature=query["msg_signature"][::-1])
    assert (await running.wecom.post_sealed(forged, body))[0] == 403
    other_token = CallbackCrypto(token="notOurToken", aes_key=AES_KEY, corp_id=CORP)
    stranger = WeCom(running.wecom.url, other_token)
    assert (await stranger.post(text_xml("zhangsan", 7002, "第4项已完成")))[0] == 403
    await running.server.idle()
    assert running.recorder.got == []
    assert not (running.directory / INBOX_FILE).exists()
    # the genuine callback is still taken afterwards: the forgeries recorded nothing
    assert (await running.wecom.post_sealed(query, body))[0] == 200
    await running.server.idle()
    assert [m.msg_id for m in running.recorder.got] == [7001]


async def test_a_callback_for_another_corp_is_refused(running: Running):
    other_corp = CallbackCrypto(token=TOKEN, aes_key=AES_KEY, corp_id="wwffffffffffffffff")
    wrong = WeCom(running.wecom.url, other_corp)
    assert (await wrong.post(text_xml("zhangsan", 7001, "第3项已完成")))[0] == 403
    await running.server.idle()
    assert running.recorder.got == []
    assert not (running.directory / INBOX_FILE).exists()


async def test_a_body_that_is_not_a_callback_gets_400(running: Running):
    query, _, _ = running.wecom.seal(text_xml("zhangsan", 7001, "x"))
    assert (await running.wecom.post_sealed(query, "not xml at all"))[0] == 400
    assert running.recorder.got == []


async def test_a_replayed_msgid_changes_nothing_even_after_a_restart(tmp_path: Path):
    xml = text_xml("zhangsan", 7001, "第3项已完成")
    async with Running(tmp_path) as run:
        query, body, _ = run.wecom.seal(xml)
        assert await run.wecom.post_sealed(query, body) == (200, "")
        assert await run.wecom.post_sealed(query, body) == (200, "")  # the same request
        assert await run.wecom.post(xml) == (200, "")  # resent with a new nonce
        await run.server.idle()
        assert len(run.recorder.got) == 1
    async with Running(tmp_path) as again:
        assert await again.wecom.post(xml) == (200, "")
        await again.server.idle()
        assert again.recorder.got == []


async def test_a_retry_after_a_slow_first_answer_is_not_handled_twice(running: Running):
    running.recorder.gate = asyncio.Event()  # the conversation takes its time
    xml = text_xml("zhangsan", 7001, "/export")
    started = time.monotonic()
    assert await running.wecom.post(xml) == (200, "")
    answered = time.monotonic() - started
    await asyncio.wait_for(running.recorder.entered.wait(), 5)
    assert answered < 5  # WeCom's limit: the answer did not wait for the handler
    assert await running.wecom.post(xml) == (200, "")  # WeCom's retry
    assert await running.wecom.post(xml) == (200, "")
    running.recorder.gate.set()
    await running.server.idle()
    assert [m.msg_id for m in running.recorder.got] == [7001]


async def test_a_message_caught_by_a_stop_is_handed_over_at_the_next_start(tmp_path: Path):
    async with Running(tmp_path) as run:
        run.recorder.gate = asyncio.Event()  # never opened: the process dies mid-handling
        assert await run.wecom.post(text_xml("zhangsan", 7001, "第3项已完成")) == (200, "")
        await asyncio.wait_for(run.recorder.entered.wait(), 5)
    assert run.recorder.got == []
    async with Running(tmp_path) as again:
        await again.server.idle()
        assert [m.msg_id for m in again.recorder.got] == [7001]
    async with Running(tmp_path) as third:
        await third.server.idle()
        assert third.recorder.got == []  # handled once, then forgotten


async def test_one_persons_messages_are_handled_in_order(running: Running):
    running.recorder.gate = asyncio.Event()
    for n in range(5):
        assert (await running.wecom.post(text_xml("zhangsan", 7001 + n, f"第{n}条")))[0] == 200
    running.recorder.gate.set()
    await running.server.idle()
    assert [m.msg_id for m in running.recorder.got] == [7001, 7002, 7003, 7004, 7005]


async def test_a_callback_older_than_three_days_is_ignored(running: Running):
    old = NOW - 3 * 24 * 3600 - 1
    assert await running.wecom.post(text_xml("zhangsan", 7001, "旧消息", created=old)) == (
        200,
        "",
    )
    await running.server.idle()
    assert running.recorder.got == []


async def test_a_card_press_arrives_with_its_key_task_and_response_code(running: Running):
    xml = card_xml("lisi", "rs:3:done", "fg-42", "RESPCODE-1")
    assert await running.wecom.post(xml) == (200, "")
    assert await running.wecom.post(xml) == (200, "")  # retried: the same press
    await running.server.idle()
    assert running.recorder.got == [CardPress("lisi", NOW - 2, "rs:3:done", "fg-42", "RESPCODE-1")]


async def test_a_file_message_arrives_with_its_media_id(running: Running):
    xml = file_xml("zhangsan", 7009, "MEDIA_abc", "分工方案.docx", 20480)
    assert await running.wecom.post(xml) == (200, "")
    await running.server.idle()
    assert running.recorder.got == [
        MediaMessage("zhangsan", NOW - 2, 7009, "file", "MEDIA_abc", "分工方案.docx", 20480)
    ]


async def test_entering_the_app_is_answered_politely_and_ignored(running: Running):
    assert await running.wecom.post(enter_xml("zhangsan")) == (200, "")
    await running.server.idle()
    assert running.recorder.got == []
    assert not (running.directory / INBOX_FILE).exists()


async def test_no_secret_appears_in_any_log_line(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    async with Running(tmp_path) as run:
        run.recorder.gate = None
        await run.wecom.verify("123")
        await run.wecom.verify("123", forge=True)
        await run.wecom.post(text_xml("zhangsan", 7001, "第3项已完成"))
        stranger = CallbackCrypto(token=TOKEN, aes_key=AES_KEY, corp_id="wwother")
        await WeCom(run.wecom.url, stranger).post(text_xml("zhangsan", 7002, "x"))
        await run.server.idle()
        logging.getLogger("test").info("%r %r", run.server.settings, run.server._crypto)
    assert "拒绝企业微信回调" in caplog.text
    for secret in (TOKEN, AES_KEY, SECRET):
        assert secret not in caplog.text
