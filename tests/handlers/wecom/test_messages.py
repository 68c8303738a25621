"""Message bodies: a button card holds 1–6 buttons and a task_id WeCom accepts."""

from __future__ import annotations

import pytest

from handlers.wecom.messages import Button, button_card, file, text


def test_a_card_carries_its_task_id_and_button_keys():
    body = button_card("nudge-3", "第3项", [Button("已完成", "done:3")], detail="请于周五前报送")
    card = body["template_card"]
    assert body["msgtype"] == "template_card"
    assert card["card_type"] == "button_interaction"
    assert (card["task_id"], card["sub_title_text"]) == ("nudge-3", "请于周五前报送")
    assert card["button_list"] == [{"text": "已完成", "style": 1, "key": "done:3"}]


@pytest.mark.parametrize("count", [0, 7])
def test_a_card_outside_one_to_six_buttons_is_refused(count):
    buttons = [Button(f"选项{n}", f"k{n}") for n in range(count)]
    with pytest.raises(ValueError, match="1-6"):
        button_card("nudge-3", "第3项", buttons)


@pytest.mark.parametrize("task_id", ["", "第3项", "a" * 129, "a b"])
def test_a_task_id_wecom_would_refuse_is_refused(task_id):
    with pytest.raises(ValueError, match="task_id"):
        button_card(task_id, "第3项", [Button("已完成", "done")])


def test_text_and_file_bodies_have_wecom_shapes():
    assert text("早") == {"msgtype": "text", "text": {"content": "早"}}
    assert file("3abc") == {"msgtype": "file", "file": {"media_id": "3abc"}}
