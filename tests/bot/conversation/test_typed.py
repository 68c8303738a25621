"""A report's words as typed, found again from the grammar's rewriting of them."""

from __future__ import annotations

import pytest

from bot.conversation.typed import Typed


@pytest.mark.parametrize(
    ("line", "rewritten", "typed"),
    [
        ("第8项己完成", ["已完成"], ["己完成"]),
        ("第9项搞掂咗", ["搞定了"], ["搞掂咗"]),
        ("第17项做紧", ["在做"], ["做紧"]),
        ("第10项 在做 统计数据😊", ["在做，统计数据"], ["在做 统计数据😊"]),
        ("第8项已完成，第10项已完成", ["已完成", "已完成"], ["已完成", "已完成"]),
        ("第5项己完成第27项仲未完成", ["已完成", "还未完成"], ["己完成", "仲未完成"]),
        ("已完成第16项", ["已完成"], ["已完成"]),
    ],
    ids=["typo", "cantonese", "inserted", "spaces-emoji", "same-words", "no-separator", "first"],
)
def test_each_part_is_found_in_order(line, rewritten, typed):
    reader = Typed(line)
    assert [reader.part(words) for words in rewritten] == typed


def test_a_part_that_cannot_be_found_is_the_whole_line():
    assert Typed(" 第3项 ok ").part("已完成") == "第3项 ok"
