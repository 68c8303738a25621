"""Telegram's size limits over every message the bot can render, and split_long's properties.

G3: every message part is at most 4096 UTF-16 units; every keyboard has at most 100 buttons,
each with callback data of at most 64 UTF-8 bytes that `decode` reads back exactly.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup

from bot import texts
from bot.answers.model import Answer, ChatState, Knowledge
from bot.normalize import int_to_cjk
from bot.people.picker import fingerprint, kinds, picker_page
from bot.plan import Plan
from bot.registry.units import Registry
from handlers import buttons
from tests.bot.answers.asking import respond

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MESSAGE_LIMIT = 4096
DATA_LIMIT = 64
BUTTON_LIMIT = 100
BIGGEST_USER_ID = 10**15 - 1  # 15 digits, the most the approve/reject data allows
BIGGEST_REQUEST = 10**9 - 1  # 9 digits: a user's requests, numbered
PREFIX = {
    "kind": "k",
    "unit": "u",
    "approve": "ok",
    "reject": "no",
    "old_approve": "ok",
    "old_reject": "no",
    "task": "t",
}

# Characters of every width: ASCII, CJK and full-width punctuation (1 unit), astral emoji (2).
CHARS = st.sampled_from(list("ab 1·、，（）综合科第项") + ["😀", "🎉", "𠀀", "\u200d", "\ufe0f"])
LINES = st.text(CHARS, min_size=1, max_size=30)


def utf16(text: str) -> int:
    """Independent of the code under test: UTF-16 code units, counted per code point."""
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


# ---------------------------------------------------------------- utf16_length


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("", 0),
        ("a", 1),
        ("综合科", 3),
        ("😀", 2),
        ("𠀀", 2),  # CJK Extension B is astral too
        ("👨‍👩‍👧", 8),  # three astral people joined by two ZWJ
        ("🇨🇳", 4),
        ("e\u0301", 2),  # e + combining acute
        ("第17项😀", 6),
    ],
)
def test_utf16_length_samples(text: str, units: int):
    assert texts.utf16_length(text) == units


@given(st.text())
def test_utf16_length_counts_astral_characters_twice(text: str):
    assert texts.utf16_length(text) == utf16(text)


# ---------------------------------------------------------------- split_long


@SETTINGS
@given(st.lists(st.text(CHARS | st.just("\n"), max_size=40), max_size=8), st.integers(2, 40))
def test_every_part_fits(chunks: list[str], limit: int):
    text = "\n".join(chunks)
    parts = texts.split_long(text, limit)
    assert parts
    assert all(utf16(part) <= limit for part in parts)


@SETTINGS
@given(st.lists(LINES, min_size=1, max_size=30), st.integers(2, 60))
def test_lines_within_the_limit_come_back_when_joined(lines: list[str], limit: int):
    lines = [line for line in lines if utf16(line) <= limit] or ["a"]
    text = "\n".join(lines)
    parts = texts.split_long(text, limit)
    assert "\n".join(parts) == text
    assert all(part for part in parts)
    # Cut only at line ends: each part is whole lines.
    assert all(set(part.split("\n")) <= set(lines) for part in parts)


@SETTINGS
@given(st.lists(LINES, min_size=1, max_size=12), st.integers(2, 20))
def test_long_lines_are_cut_without_losing_a_character(lines: list[str], limit: int):
    text = "\n".join(lines)
    parts = texts.split_long(text, limit)
    assert all(0 < utf16(part) <= limit for part in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


@SETTINGS
@given(st.text(CHARS | st.just("\n"), max_size=200), st.integers(2, 30))
def test_no_part_is_empty_unless_the_text_has_no_content(text: str, limit: int):
    parts = texts.split_long(text, limit)
    if text.replace("\n", ""):
        assert all(part for part in parts)
    else:
        assert parts == [""]
    # Non-empty lines keep their order; only blank lines at a cut may go.
    kept = [line for part in parts for line in part.split("\n") if line]
    if all(utf16(line) <= limit for line in text.split("\n")):
        assert kept == [line for line in text.split("\n") if line]


def test_split_long_edge_cases():
    assert texts.split_long("") == [""]
    assert texts.split_long("综合科") == ["综合科"]
    assert texts.split_long("a" * 4096) == ["a" * 4096]
    assert texts.split_long("a" * 4097) == ["a" * 4096, "a"]
    assert texts.split_long("😀" * 2049) == ["😀" * 2048, "😀"]
    assert texts.split_long("a" + "😀" * 2048) == ["a" + "😀" * 2047, "😀"]
    two = "x" * 2048
    assert texts.split_long(f"{two}\n{two}\n{two}") == [two, two, two]
    assert texts.split_long(f"{two}\n{two[:-1]}") == [f"{two}\n{two[:-1]}"]
    assert texts.split_long(f"{two}\n{two}") == [two, two]


# ---------------------------------------------------------------- G3 over the real plan


def every_answer(plan: Plan, registry: Registry) -> dict[str, Answer]:
    """Every message the plan can render, keyed by the question that asks for it."""
    know = Knowledge(plan, registry)
    asked: dict[str, Answer] = {}

    def ask(question: str, state: ChatState | None = None) -> Answer:
        answer = respond(state or ChatState(), question, know)[1]
        asked[question if state is None else f"{state.unit}: {question}"] = answer
        return answer

    for entry in (*registry.units, *registry.groups):
        label = getattr(entry, "kind", "统称")  # a unit's kind, or 统称 for a group
        assert ask(entry.name).text.startswith(f"{entry.name}（{label}）"), entry.name
    for unit in registry.units:
        assert ask("我科室负责什么", ChatState(unit=unit.name)).text.startswith(unit.name)
    for task in plan.tasks:
        assert ask(f"第{task.number}项是什么").text.startswith(f"第{task.number}项（")
        assert ask(f"第{task.number}项谁负责").text.startswith(f"第{task.number}项 ")
    for section in plan.sections:
        answer = ask(f"第{int_to_cjk(section.number)}部分有哪些任务")
        assert answer.text.startswith(texts.section_label(section))
    assert ask("各单位任务总览").text.startswith(f"全部 {len(registry.units)} 个单位")
    assert ask("待明确").text.startswith("以下统称的范围待办公室明确")
    for keyword in ("搜索 公开", "谁牵头政策解读", "谁负责舆情", "信息"):
        assert ask(keyword).tasks, keyword
    return asked


def keyboard_buttons(markup: InlineKeyboardMarkup | None) -> list:
    return [] if markup is None else [b for row in markup.inline_keyboard for b in row]


def every_keyboard(answers: dict[str, Answer], registry: Registry) -> list[InlineKeyboardMarkup]:
    fp = fingerprint(registry)
    boards = [buttons.task_keyboard(a.tasks) for a in answers.values()]
    boards.append(buttons.kind_keyboard(registry, fp))
    for kind_index, _ in enumerate(kinds(registry)):
        page_number = 0
        while (page := picker_page(registry, kind_index, page_number)) is not None:
            boards.append(buttons.unit_keyboard(page, kind_index, fp))
            page_number += 1
    boards.append(buttons.decision_keyboard(BIGGEST_USER_ID, BIGGEST_REQUEST))
    return [board for board in boards if board is not None]


@pytest.fixture(scope="module")
def rendered(plan: Plan, registry: Registry) -> dict[str, Answer]:
    return every_answer(plan, registry)


def test_every_rendered_message_fits_in_4096_utf16_units(rendered: dict[str, Answer]):
    assert len(rendered) > 100
    for question, answer in rendered.items():
        parts = texts.split_long(answer.text)
        assert all(0 < utf16(part) <= MESSAGE_LIMIT for part in parts), question
        assert "\n".join(parts) == answer.text, question


def test_every_keyboard_is_within_telegrams_limits(
    rendered: dict[str, Answer], registry: Registry
):
    boards = every_keyboard(rendered, registry)
    assert len(boards) > 50
    for board in boards:
        found = keyboard_buttons(board)
        assert 0 < len(found) <= BUTTON_LIMIT
        for button in found:
            assert 1 <= len(button.callback_data.encode("utf-8")) <= DATA_LIMIT
            assert 0 < utf16(button.text) <= 64


def encode(press: buttons.Press) -> str:
    return ":".join([PREFIX[press.action], *(f for f in press.fields if f is not None)])


def test_every_callback_data_decodes_back(rendered: dict[str, Answer], registry: Registry):
    for board in every_keyboard(rendered, registry):
        for button in keyboard_buttons(board):
            press = buttons.decode(button.callback_data)
            assert press is not None, button.callback_data
            assert encode(press) == button.callback_data


def test_decoded_fields_mean_what_was_encoded(registry: Registry):
    [[approve, reject]] = buttons.decision_keyboard(BIGGEST_USER_ID, 16).inline_keyboard
    for button, action in ((approve, "approve"), (reject, "reject")):
        press = buttons.decode(button.callback_data)
        assert press == buttons.Press(action, (str(BIGGEST_USER_ID), "16"))
        assert (press.number(0), press.number(1)) == (BIGGEST_USER_ID, 16)
    old = buttons.decode(f"ok:{BIGGEST_USER_ID}:{fingerprint(registry)}:16")
    assert old == buttons.Press("old_approve", (str(BIGGEST_USER_ID), fingerprint(registry), "16"))
    board = buttons.task_keyboard(tuple(range(1, 35)))
    assert [buttons.decode(b.callback_data).number(0) for b in keyboard_buttons(board)] == list(
        range(1, 35)
    )


def test_task_keyboards_stop_at_forty_buttons_in_rows_of_five():
    board = buttons.task_keyboard(tuple(range(1, 1000)))
    assert [len(row) for row in board.inline_keyboard] == [5] * 8
    assert buttons.task_keyboard(()) is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "t",
        "t:",
        "t:12345",
        "k:abcdef:0",
        "k:ABCDEF:0:0",
        "u:abcde:1",
        "ok:1:abcdef",
        "ok:1:",
        "ok:1:1234567890",
        "no:1:-1",
        "ok:123456789012345678:1",  # 18 digits: no person id is that long
        "ok:1234567890123456:abcdef:1",
        "no:-1:abcdef:1",
        " t:1",
        "x:t:1",
        "t:1:",
    ],
)
def test_garbage_decodes_to_none(data: str | None):
    assert buttons.decode(data) is None


NEAR_MISSES = st.from_regex(
    r"\A(t:\d{1,4}|u:[0-9a-f]{6}:\d{1,4}|ok:\d{1,15}:[0-9a-f]{6}:\d|no:\d{1,15}:\d{1,9})\n?\Z"
)


@given(st.text() | NEAR_MISSES)
def test_arbitrary_text_decodes_to_none_or_to_exactly_itself(data: str):
    press = buttons.decode(data)
    assert press is None or encode(press) == data


@given(st.text().filter(lambda s: not re.match(r"(k|u|ok|no|t):", s)))
def test_text_without_a_known_prefix_decodes_to_none(data: str):
    assert buttons.decode(data) is None


@pytest.mark.parametrize("data", ["t:1\n", "t:２", "u:abcdef:١", "ok:９００１:abcdef:1"])
def test_non_canonical_data_is_refused(data: str):
    """A trailing newline (regex ``$``) or non-ASCII digits (``\\d``) are not data the bot made."""
    assert buttons.decode(data) is None
