"""Sending to WeCom members: tokens, retries, unreachable members, files and cards.

Errcodes and their meaning as in docs/wecom-facts.md: 42001 / 40014 token expired or invalid
(fetch a new one and repeat), 45009 frequency and 5xx (retry with backoff), 81013 / 60111 the
member does not exist, 60020 the server's IP is not trusted.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.reminders.outbox import State
from handlers.wecom.errors import WeComError
from handlers.wecom.messages import Button
from tests.fakewecom import Fault


async def test_the_token_is_cached_and_fetched_again_before_it_expires(sender, api, wecom, clock):
    await sender.send_text("zhangsan", "早上好")
    await sender.send_text("lisi", "早上好")
    assert len(wecom.calls("gettoken")) == 1
    clock.advance(7200 - 200)  # inside the margin before WeCom's 7200 s
    await sender.send_text("zhangsan", "下午好")
    assert len(wecom.calls("gettoken")) == 2
    assert [c.errcode for c in wecom.calls("message/send")] == [0, 0, 0]


async def test_a_token_that_expires_mid_fan_out_loses_no_message(sender, wecom):
    members = [f"staff{n:02d}" for n in range(50)]
    first = await asyncio.gather(*(sender.send_text(m, "请报送第3项进度") for m in members[:20]))
    wecom.expire_tokens()
    rest = await asyncio.gather(*(sender.send_text(m, "请报送第3项进度") for m in members[20:]))
    assert {o.state for o in first + rest} == {State.SENT}
    assert sorted(m.user for m in wecom.messages()) == sorted(members)
    assert {c.errcode for c in wecom.calls("message/send")} == {0, 42001}
    # 30 sends met the expired token at once; one new token served them all.
    assert len(wecom.calls("gettoken")) == 2


async def test_an_invalid_token_is_replaced_and_the_message_repeated(sender, wecom):
    wecom.inject(Fault.errcode(40014))
    outcome = await sender.send_text("zhangsan", "早上好")
    assert outcome.state is State.SENT
    assert [m.text for m in wecom.messages("zhangsan")] == ["早上好"]
    assert len(wecom.calls("gettoken")) == 2


@pytest.mark.parametrize("fault", [Fault.errcode(45009), Fault.http(502)], ids=["45009", "502"])
async def test_frequency_and_server_errors_are_retried_with_backoff(sender, wecom, clock, fault):
    wecom.inject(fault, times=2)
    outcome = await sender.send_text("zhangsan", "早上好")
    assert outcome.state is State.SENT
    assert [m.text for m in wecom.messages("zhangsan")] == ["早上好"]
    assert len(wecom.calls("message/send")) == 3
    assert clock.slept >= 0.8 * (1 + 2)  # two backoffs: about 1 s, then 2 s


async def test_retries_are_bounded_and_then_the_send_failed(sender, wecom):
    wecom.inject(Fault.errcode(45009), times=None)
    outcome = await sender.send_text("zhangsan", "早上好")
    assert outcome.state is State.FAILED
    assert len(wecom.calls("message/send")) == 5
    assert wecom.messages() == []


@pytest.mark.parametrize("code", [81013, 60111])
async def test_a_member_wecom_does_not_know_is_unreachable(sender, wecom, code):
    wecom.inject(Fault.errcode(code), user="lisi", times=None)
    outcome = await sender.send_text("lisi", "早上好")
    assert outcome.state is State.UNREACHABLE
    assert len(wecom.calls("message/send")) == 1  # never retried


async def test_an_unknown_userid_is_unreachable(sender, wecom):
    outcome = await sender.send_text("wangwu", "早上好")
    assert outcome.state is State.UNREACHABLE
    assert [c.errcode for c in wecom.calls("message/send")] == [81013]


async def test_an_untrusted_ip_is_logged_once_with_the_hint(sender, wecom, caplog):
    wecom.inject(Fault.errcode(60020), times=None)
    with caplog.at_level(logging.INFO):
        outcomes = [await sender.send_text(m, "早上好") for m in ("zhangsan", "lisi", "zhangsan")]
    assert {o.state for o in outcomes} == {State.FAILED}
    hints = [r for r in caplog.records if "企业可信IP" in r.getMessage()]
    assert len(hints) == 1
    assert "60020" in hints[0].getMessage()
    assert hints[0].levelno == logging.ERROR


async def test_a_retry_after_a_timeout_is_shown_once(sender, wecom):
    """An answer (no dedupe): the first attempt arrives but its answer is late; the retry
    turns the duplicate check on, so the member sees one message."""
    wecom.inject(Fault.slow(1.0, accepted=True))
    outcome = await sender.send_text("zhangsan", "第3项由你科室牵头")
    assert outcome.state is State.AMBIGUOUS
    assert [m.text for m in wecom.messages("zhangsan")] == ["第3项由你科室牵头"]
    assert wecom.suppressed["zhangsan"] == 1
    first, retry = wecom.calls("message/send")[-2:]
    assert "enable_duplicate_check" not in first.body
    assert retry.body["enable_duplicate_check"] == 1
    assert 60 <= retry.body["duplicate_check_interval"] <= 14400


async def test_a_nudge_is_sent_with_the_duplicate_check(sender, wecom):
    await sender.send_text("zhangsan", "请报送第3项进度", dedupe=True)
    await sender.send_text("zhangsan", "请报送第3项进度", dedupe=True)  # the same nudge again
    assert len(wecom.messages("zhangsan")) == 1
    body = wecom.calls("message/send")[0].body
    assert (body["enable_duplicate_check"], body["duplicate_check_interval"]) == (1, 1800)


async def test_two_answers_with_the_same_text_both_show(sender, wecom):
    await sender.send_text("zhangsan", "没有找到相关任务")
    await sender.send_text("zhangsan", "没有找到相关任务")
    assert len(wecom.messages("zhangsan")) == 2


async def test_a_file_is_uploaded_then_sent_as_a_file_message(sender, wecom):
    content = "序号,任务,牵头单位\n3,编制方案,发改局\n".encode()
    outcome = await sender.send_file("zhangsan", "台账.csv", content)
    assert outcome.state is State.SENT
    [message] = wecom.messages("zhangsan")
    assert message.msgtype == "file"
    media = await sender.fetch_media(message.body["media_id"])
    assert (media.content, media.filename) == (content, "台账.csv")


async def test_a_card_is_sent_then_updated_once_per_code(sender, wecom):
    buttons = [Button("已完成", "done:3"), Button("有困难", "hard:3", style=2)]
    outcome = await sender.send_card("zhangsan", "nudge-3-0915", "第3项 编制方案", buttons)
    assert outcome.state is State.SENT
    [message] = wecom.messages("zhangsan")
    assert [b["key"] for b in message.body["button_list"]] == ["done:3", "hard:3"]
    code = wecom.press("nudge-3-0915")  # the code a template_card_event carries
    updated = await sender.update_card(["zhangsan"], code, replace_name="已记录：已完成")
    again = await sender.update_card(["zhangsan"], code, replace_name="已记录：已完成")
    assert (updated, again) == (State.SENT, State.FAILED)
    [update] = wecom.card_updates("nudge-3-0915")
    assert update["button"] == {"replace_name": "已记录：已完成"}


async def test_a_file_a_member_sent_is_fetched_until_it_expires(sender, wecom, clock):
    media_id = wecom.upload("关于印发分工方案的通知.docx", b"PK\x03\x04 notice body")
    media = await sender.fetch_media(media_id)
    assert media.content == b"PK\x03\x04 notice body"
    assert media.filename == "关于印发分工方案的通知.docx"
    clock.advance(3 * 24 * 3600 + 1)
    with pytest.raises(WeComError) as raised:
        await sender.fetch_media(media_id)
    assert raised.value.errcode == 40007
