"""A decrypted WeCom message read and turned into the conversation's events."""

from __future__ import annotations

import pytest

from bot.conversation.events import WECOM, Command, File, Person, Place, Press, Text
from handlers.wecom.inbound import (
    CardPress,
    MediaMessage,
    OtherMessage,
    TextMessage,
    from_record,
    key_of,
    parse,
    to_record,
)
from handlers.wecom.translate import message_id_of, press_id_of, task_id_for, to_event
from tests.handlers.wecom.test_callback import CORP, NOW, card_xml, enter_xml, file_xml, text_xml

ZHANG = 2**53 + 4  # zhangsan's number in the address book
ME = Person(WECOM, ZHANG, "zhangsan")
HERE = Place(ZHANG, group=False)


async def no_media(media_id: str) -> bytes:
    raise AssertionError(f"fetched {media_id}")


def event_of(xml: str, fetch=no_media):
    return to_event(parse(xml), ZHANG, fetch)


def test_a_line_becomes_text_in_the_persons_private_chat():
    # WeCom's MsgId is a 64-bit integer
    event = event_of(text_xml("zhangsan", 2**63 - 5, "  第3项已完成 "))
    assert event == Text(ME, HERE, "第3项已完成", 2**63 - 5)


@pytest.mark.parametrize(
    ("line", "name", "args"),
    [
        ("/export", "export", ()),
        ("/Export 政务公开", "export", ("政务公开",)),
        ("／chart  政务公开  2021", "chart", ("政务公开", "2021")),
        ("/pause_all\n明天", "pause_all", ("明天",)),
    ],
    ids=["bare", "with-notice", "full-width-slash", "newline"],
)
def test_a_slash_and_a_name_make_a_command(line, name, args):
    assert event_of(text_xml("zhangsan", 11, line)) == Command(ME, HERE, name, args, 11)


@pytest.mark.parametrize("line", ["/ export", "/", "3/4 已完成", "/导出"])
def test_a_slash_without_a_command_name_is_text(line):
    assert event_of(text_xml("zhangsan", 12, line)) == Text(ME, HERE, line, 12)


def test_a_card_press_becomes_a_press_on_the_cards_message():
    press = parse(card_xml("zhangsan", "rs:3:done", task_id_for(981), "CODE1"))
    event = to_event(press, ZHANG, no_media)
    assert event == Press(ME, HERE, "rs:3:done", press_id_of(press), 981)


def test_a_press_keeps_its_id_when_delivered_again_and_another_press_gets_another():
    first = parse(card_xml("zhangsan", "rs:3:done", "fg-981", "CODE1"))
    again = parse(card_xml("zhangsan", "rs:3:done", "fg-981", "CODE1"))
    other_button = parse(card_xml("zhangsan", "rs:3:late", "fg-981", "CODE2"))
    later = parse(card_xml("zhangsan", "rs:3:done", "fg-981", "CODE3", created=NOW + 60))
    other_person = parse(card_xml("lisi", "rs:3:done", "fg-981", "CODE4"))
    ids = [press_id_of(p) for p in (first, again, other_button, later, other_person)]
    assert ids[0] == ids[1]
    assert len(set(ids)) == 4
    assert all(0 < n < 2**62 for n in ids)


def test_task_ids_carry_the_cards_message_number():
    assert task_id_for(981) == "fg-981"
    assert message_id_of("fg-981") == 981
    assert message_id_of("someone-elses-card") == 0
    assert message_id_of("fg-9x") == 0


async def test_a_file_becomes_a_file_fetched_by_media_id_only_when_asked():
    asked: list[str] = []

    async def fetch_media(media_id: str) -> bytes:
        asked.append(media_id)
        return b"PK..."

    event = event_of(file_xml("zhangsan", 7009, "MEDIA_abc", "分工方案.docx", 20480), fetch_media)
    assert isinstance(event, File)
    assert (event.person, event.place, event.name, event.size) == (
        ME,
        HERE,
        "分工方案.docx",
        20480,
    )
    assert (event.data, event.message_id, asked) == (None, 7009, [])
    assert await event.fetch() == b"PK..."
    assert asked == ["MEDIA_abc"]


def test_an_image_becomes_a_file_named_by_its_media_id():
    xml = (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName>"
        "<FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime>"
        "<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://p/1.jpg]]></PicUrl>"
        "<MediaId><![CDATA[IMG_1]]></MediaId><MsgId>7010</MsgId><AgentID>1</AgentID></xml>"
    )
    assert parse(xml) == MediaMessage("zhangsan", 1700000000, 7010, "image", "IMG_1")
    event = event_of(xml)
    assert (event.name, event.size, event.message_id) == ("IMG_1.jpg", 0, 7010)


def test_voice_is_read_but_makes_no_event():
    xml = (
        "<xml><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>5</CreateTime>"
        "<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[V]]></MediaId>"
        "<Format><![CDATA[amr]]></Format><MsgId>7011</MsgId></xml>"
    )
    assert parse(xml) == OtherMessage("zhangsan", 5, 7011, "voice")
    assert event_of(xml) is None


def test_entering_the_app_and_other_events_are_ignored():
    assert parse(enter_xml("zhangsan")) is None
    click = enter_xml("zhangsan").replace("enter_agent", "click")
    assert parse(click) is None


def test_keys_tell_messages_and_presses_apart():
    text = parse(text_xml("zhangsan", 7001, "x"))
    assert key_of(text) == key_of(parse(text_xml("zhangsan", 7001, "x", created=NOW + 9)))
    assert key_of(text) != key_of(parse(text_xml("zhangsan", 7002, "x")))
    press = parse(card_xml("zhangsan", "k", "fg-1", "C"))
    assert key_of(press) == key_of(parse(card_xml("zhangsan", "k", "fg-1", "OTHER")))
    assert key_of(press) != key_of(parse(card_xml("zhangsan", "k2", "fg-1", "C")))


@pytest.mark.parametrize(
    "message",
    [
        TextMessage("zhangsan", 1, 2, "第3项已完成"),
        CardPress("zhangsan", 1, "k", "fg-1", "C"),
        MediaMessage("zhangsan", 1, 2, "file", "M", "a.docx", 9),
        OtherMessage("zhangsan", 1, 2, "video"),
    ],
    ids=["text", "press", "file", "other"],
)
def test_a_record_reads_back_as_the_same_message(message):
    assert from_record(to_record(message)) == message
