"""The fake WeCom server itself, spoken to with plain HTTP: its limit, duplicate check, faults.

Expected values come from WeCom's documents as summarised in docs/wecom-facts.md: 30 messages a
minute and 1000 an hour per member, the excess dropped with errcode 0; the duplicate check
holds back equal content within the interval; tokens live 7200 s; media 3 days.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.fakewecom import AGENT_ID, CORP_ID, SECRET, FakeWeCom, Fault, VirtualClock


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
async def wecom(clock: VirtualClock) -> AsyncIterator[FakeWeCom]:
    async with FakeWeCom(clock=clock.now, users=["zhangsan", "lisi"]) as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def token(http: aiohttp.ClientSession, wecom: FakeWeCom) -> str:
    query = {"corpid": CORP_ID, "corpsecret": SECRET}
    async with http.get(f"{wecom.base_url}/cgi-bin/gettoken", params=query) as response:
        body = await response.json()
    assert body["errcode"] == 0
    return body["access_token"]


async def send(http, wecom, access_token: str, **body: Any) -> dict[str, Any]:
    body = {"agentid": AGENT_ID, "msgtype": "text", **body}
    url = f"{wecom.base_url}/cgi-bin/message/send"
    async with http.post(url, params={"access_token": access_token}, json=body) as response:
        return await response.json()


def text(content: str) -> dict[str, Any]:
    return {"content": content}


async def test_gettoken_checks_the_secret_and_tokens_expire(http, wecom, clock):
    query = {"corpid": CORP_ID, "corpsecret": "wrong"}
    async with http.get(f"{wecom.base_url}/cgi-bin/gettoken", params=query) as response:
        assert (await response.json())["errcode"] == 40001
    first = await token(http, wecom)
    clock.advance(100)  # the same token comes back while it lives, with its remaining life
    async with http.get(
        f"{wecom.base_url}/cgi-bin/gettoken", params=query | {"corpsecret": SECRET}
    ) as response:
        assert await response.json() == {
            "errcode": 0,
            "errmsg": "ok",
            "access_token": first,
            "expires_in": 7100,
        }
    assert (await send(http, wecom, first, touser="zhangsan", text=text("早")))["errcode"] == 0
    clock.advance(7200)
    answer = await send(http, wecom, first, touser="zhangsan", text=text("早"))
    assert answer["errcode"] == 42001
    assert await token(http, wecom) != first
    assert (await send(http, wecom, "made-up", touser="zhangsan", text=text("早")))[
        "errcode"
    ] == 40014


async def test_the_31st_message_in_a_minute_is_dropped_silently(http, wecom, clock):
    access = await token(http, wecom)
    for n in range(31):
        answer = await send(http, wecom, access, touser="zhangsan", text=text(f"第{n}条"))
        assert answer["errcode"] == 0
        clock.advance(1)
    assert len(wecom.messages("zhangsan")) == 30
    assert wecom.drops["zhangsan"] == 1
    # lisi is another member: his own 30.
    assert (await send(http, wecom, access, touser="lisi", text=text("第0条")))["errcode"] == 0
    assert len(wecom.messages("lisi")) == 1
    clock.advance(60)  # the first minute's messages have left the window
    await send(http, wecom, access, touser="zhangsan", text=text("第31条"))
    assert len(wecom.messages("zhangsan")) == 31


async def test_the_1001st_message_in_an_hour_is_dropped(http, wecom, clock):
    access = await token(http, wecom)
    for n in range(1001):
        await send(http, wecom, access, touser="zhangsan", text=text(f"第{n}条"))
        clock.advance(3)  # 20 a minute, under the minute limit; 1001 take 50 minutes
        if n % 300 == 299:
            access = await token(http, wecom)
    assert len(wecom.messages("zhangsan")) == 1000
    assert wecom.drops["zhangsan"] == 1


async def test_the_duplicate_check_holds_back_equal_content_within_the_interval(
    http, wecom, clock
):
    access = await token(http, wecom)
    check = {"enable_duplicate_check": 1, "duplicate_check_interval": 600}
    await send(http, wecom, access, touser="zhangsan", text=text("请报送进度"), **check)
    # Two different questions with the same answer: the second is not shown.
    answer = await send(http, wecom, access, touser="zhangsan", text=text("请报送进度"), **check)
    assert answer["errcode"] == 0
    assert [m.text for m in wecom.messages("zhangsan")] == ["请报送进度"]
    assert wecom.suppressed["zhangsan"] == 1
    # Without the flag, or after the interval, it is shown again.
    await send(http, wecom, access, touser="zhangsan", text=text("请报送进度"))
    clock.advance(601)
    await send(http, wecom, access, touser="zhangsan", text=text("请报送进度"), **check)
    assert len(wecom.messages("zhangsan")) == 3


async def test_unknown_users_are_listed_and_all_unknown_is_81013(http, wecom):
    access = await token(http, wecom)
    answer = await send(http, wecom, access, touser="zhangsan|wangwu", text=text("早"))
    assert answer["invaliduser"] == "wangwu"
    answer = await send(http, wecom, access, touser="wangwu", text=text("早"))
    assert answer["errcode"] == 81013


async def test_faults_fire_for_the_next_calls_or_one_user(http, wecom):
    access = await token(http, wecom)
    wecom.inject(Fault.errcode(45009), times=2)
    wecom.inject(Fault.errcode(60111), user="lisi", times=None)
    codes = [
        (await send(http, wecom, access, touser=user, text=text("早")))["errcode"]
        for user in ("zhangsan", "zhangsan", "zhangsan", "lisi", "lisi")
    ]
    assert codes == [45009, 45009, 0, 60111, 60111]
    wecom.inject(Fault.http(502))
    url = f"{wecom.base_url}/cgi-bin/message/send"
    async with http.post(url, params={"access_token": access}, json={}) as response:
        assert response.status == 502
    assert len(wecom.messages()) == 1


async def test_a_slow_answer_that_was_accepted_delivers_once(http, wecom):
    access = await token(http, wecom)
    wecom.inject(Fault.slow(0.5, accepted=True))
    timeout = aiohttp.ClientTimeout(total=0.1)
    body = {"agentid": AGENT_ID, "msgtype": "text", "touser": "zhangsan", "text": text("早")}
    url = f"{wecom.base_url}/cgi-bin/message/send"
    with pytest.raises(TimeoutError):
        async with http.post(
            url, params={"access_token": access}, json=body, timeout=timeout
        ) as response:
            await response.read()
    assert [m.text for m in wecom.messages("zhangsan")] == ["早"]


async def test_a_card_holds_one_to_six_buttons_and_its_code_works_once(http, wecom, clock):
    access = await token(http, wecom)

    def card(task_id: str, n: int) -> dict[str, Any]:
        buttons = [{"text": f"按钮{i}", "key": f"k{i}"} for i in range(n)]
        return {
            "card_type": "button_interaction",
            "main_title": {"title": "第3项"},
            "task_id": task_id,
            "button_list": buttons,
        }

    async def send_card(task_id: str, n: int) -> dict[str, Any]:
        card_body = card(task_id, n)
        return await send(
            http,
            wecom,
            access,
            touser="zhangsan",
            msgtype="template_card",
            template_card=card_body,
        )

    assert (await send_card("t7", 7))["errcode"] == 40058
    sent = await send_card("t6", 6)
    assert sent["errcode"] == 0
    url = f"{wecom.base_url}/cgi-bin/message/update_template_card"
    update = {
        "agentid": AGENT_ID,
        "userids": ["zhangsan"],
        "response_code": sent["response_code"],
        "button": {"replace_name": "已记录"},
    }
    codes = []
    for _ in range(2):
        async with http.post(url, params={"access_token": access}, json=update) as response:
            codes.append((await response.json())["errcode"])
    assert codes == [0, 40058]
    # A press gives a fresh code, valid for 72 hours only.
    update["response_code"] = wecom.press("t6")
    clock.advance(72 * 3600 + 1)
    async with http.post(
        url, params={"access_token": await token(http, wecom)}, json=update
    ) as response:
        assert (await response.json())["errcode"] == 40058
    assert len(wecom.card_updates("t6")) == 1


async def test_media_expire_after_three_days(http, wecom, clock):
    media_id = wecom.upload("通知.docx", b"PK\x03\x04 notice")
    access = await token(http, wecom)
    url = f"{wecom.base_url}/cgi-bin/media/get"
    async with http.get(url, params={"access_token": access, "media_id": media_id}) as response:
        assert await response.read() == b"PK\x03\x04 notice"
    clock.advance(3 * 24 * 3600 + 1)
    access = await token(http, wecom)
    async with http.get(url, params={"access_token": access, "media_id": media_id}) as response:
        assert (await response.json())["errcode"] == 40007
