"""The app secret and the access token never reach a log line, an error text or a repr."""

from __future__ import annotations

import logging

from handlers.wecom.api import WeComApi
from handlers.wecom.errors import GaveUp
from tests.fakewecom import AGENT_ID, CORP_ID, SECRET, Fault


async def test_no_secret_or_token_in_logs_or_errors(sender, api, wecom, caplog):
    wecom.inject(Fault.errcode(42001))
    wecom.inject(Fault.errcode(45009))
    wecom.inject(Fault.http(503))
    wecom.inject(Fault.slow(1.0, accepted=True))
    wecom.inject(Fault.errcode(60020), user="lisi", times=None)
    wecom.inject(Fault.errcode(45009), user="staff01", times=None)
    texts = [repr(api), repr(sender)]
    with caplog.at_level(logging.DEBUG):
        for member in ("zhangsan", "zhangsan", "lisi", "staff01", "wangwu"):
            await sender.send_text(member, "早上好")
        try:
            await api.post("message/send", {"touser": "staff01", "msgtype": "text"})
        except GaveUp as error:
            texts += [str(error), repr(error)]
    tokens = [c for c in wecom._tokens]
    assert tokens
    texts += [record.getMessage() for record in caplog.records]
    texts += [str(record.args) for record in caplog.records]
    assert any("企业可信IP" in t for t in texts)  # the logs were captured
    for secret in [SECRET, *tokens]:
        assert [t for t in texts if secret in t] == []


async def test_wrong_credentials_are_named_without_the_secret(wecom, clock, caplog):
    async with WeComApi(wecom.base_url, CORP_ID, "wrong-secret-9", AGENT_ID, timer=clock) as api:
        with caplog.at_level(logging.DEBUG):
            try:
                await api.token()
            except Exception as error:  # noqa: BLE001 - the text is what is checked
                caught = str(error)
    assert "40001" in caught
    lines = [r.getMessage() for r in caplog.records]
    assert any("WECOM_SECRET" in line for line in lines)
    assert not any("wrong-secret-9" in t for t in [*lines, caught])
