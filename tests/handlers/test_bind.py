"""Joining a unit through the real handlers: the picker, typed claims, the office's decision.

Every refused press is checked twice: the answer the user sees, and the store file's bytes.
"""

from __future__ import annotations

import json

import pytest

from bot.answers.model import Knowledge
from bot.people.bindings import Request
from bot.people.picker import fingerprint
from bot.plan import Plan
from bot.registry.units import Registry, parse_registry
from tests.conftest import UNITS
from tests.fakebotapi import Fault
from tests.fakebotapi.server import SentMessage
from tests.handlers.conftest import ADMIN, NOW, Build, Harness

LI = 2002
WANG = 3003
EXPIRED = "按钮已失效，请重新发送 /start。"
DECIDED = "该申请已处理或已变更。"
RENEWED = "这是旧版本的按钮，已换成新按钮，请核对申请后重新审批。"
OFFICE_ONLY = "这是办公室管理员的命令，您没有权限使用。"
KINDS = ["科室", "党组织", "直属事业单位", "分局"]
OFFICES = [
    "办公室",
    "综合科",
    "法规与标准科",
    "财务与审计科",
    "环境影响评价与排放管理科",
    "固体废物与核（辐射）安全管理科",
    "执法一科",
    "执法二科",
]


def texts_to(sent: list[SentMessage], chat: int) -> list[str]:
    return [m.text for m in sent if m.chat_id == chat]


def to_admin(user_id: int, unit: str, name: str = "李四") -> str:
    return f"绑定申请 · 用户 ID {user_id}\n姓名：{name}\n申请加入：“{unit}”"


def live(bot: Harness, message: SentMessage, chat: int = ADMIN) -> tuple[str, list[str]]:
    """A message as it is now: its text and its buttons' data."""
    now = bot.api.message(chat, message.message_id)
    rows = now.get("reply_markup", {}).get("inline_keyboard", [])
    return now["text"], [b["callback_data"] for row in rows for b in row]


async def claim(bot: Harness, text: str = "我是综合科", who: int = LI) -> SentMessage:
    """A user claims a unit by typing; returns the request message the admin got."""
    sent = await bot.text(who, text, "李四")
    [request] = [m for m in sent if m.chat_id == ADMIN]
    return request


# ---------------------------------------------------------------- typed claims


async def test_typed_claim_records_a_request_and_asks_the_admin(bot: Harness):
    sent = await bot.text(LI, "我是综合科", "李四")
    assert texts_to(sent, LI) == [
        "已提交申请：绑定到“综合科”。办公室批准后会通知您；在此之前可以查询通知内容。"
    ]
    [request] = [m for m in sent if m.chat_id == ADMIN]
    assert request.text == to_admin(LI, "综合科")
    assert [b["text"] for row in request.buttons for b in row] == ["批准", "拒绝"]
    assert request.callback_data == [f"ok:{LI}:1", f"no:{LI}:1"]

    shown = ((ADMIN, request.message_id),)
    assert bot.core.bindings.pending_of(LI) == Request(LI, "李四", "综合科", NOW, 1, shown)
    assert bot.core.bindings.unit_of(LI) is None
    stored = json.loads(bot.store_bytes())
    assert stored["bindings"][str(LI)]["pending"]["unit"] == "综合科"
    assert stored["bindings"][str(LI)]["pending"]["at"] == "2021-11-15T09:00:00+08:00"


async def test_claim_by_alias_requests_the_canonical_unit(bot: Harness):
    request = await claim(bot, "我是信息中心的")
    assert request.text.endswith("申请加入：“市环境信息中心”")
    assert bot.core.bindings.pending_of(LI).unit == "市环境信息中心"


async def test_claiming_a_group_is_not_a_request(bot: Harness):
    sent = await bot.text(LI, "我是各市（区）分局")
    assert texts_to(sent, LI) == ["“各市（区）分局”是统称，请说具体单位，例如“我是蓬江分局”。"]
    assert texts_to(sent, ADMIN) == []
    assert bot.store_bytes() == b""


async def test_a_second_claim_updates_the_admins_message(bot: Harness):
    request = await claim(bot, "我是综合科")
    sent = await bot.text(LI, "我是执法一科", "李四")
    assert texts_to(sent, ADMIN) == []
    assert live(bot, request) == (to_admin(LI, "执法一科"), [f"ok:{LI}:2", f"no:{LI}:2"])
    assert bot.core.bindings.pending_of(LI).unit == "执法一科"
    assert [r.unit for r in bot.core.bindings.pending()] == ["执法一科"]


async def test_repeating_a_claim_changes_nothing(bot: Harness):
    request = await claim(bot, "我是综合科")
    before = bot.store_bytes()
    sent = await bot.text(LI, "我是综合科", "李四")
    assert texts_to(sent, ADMIN) == []
    assert bot.store_bytes() == before
    assert live(bot, request) == (to_admin(LI, "综合科"), request.callback_data)


async def test_an_admin_message_that_cannot_be_edited_is_sent_anew(bot: Harness):
    request = await claim(bot, "我是综合科")
    gone = Fault.error(400, "Bad Request: message to edit not found")
    bot.api.inject("editMessageText", gone, chat_id=ADMIN, times=1)
    [again] = [m for m in await bot.text(LI, "我是执法一科", "李四") if m.chat_id == ADMIN]
    assert (again.text, again.callback_data) == (
        to_admin(LI, "执法一科"),
        [f"ok:{LI}:2", f"no:{LI}:2"],
    )
    assert bot.core.bindings.pending_of(LI).shown == ((ADMIN, again.message_id),)
    assert live(bot, request)[0] == to_admin(LI, "综合科")  # the edit failed
    await bot.press(ADMIN, again.message_id, again.callback_data[0])
    assert bot.core.bindings.unit_of(LI) == "执法一科"


async def test_every_admin_has_one_message_per_user_and_sees_the_decision(build: Build):
    other = ADMIN + 1
    bot = await build(admins=frozenset({ADMIN, other}))
    first = await bot.text(LI, "我是综合科", "李四")
    second = await bot.text(LI, "我是执法一科", "李四")
    mine, theirs = [m for m in first if m.chat_id in (ADMIN, other)]
    assert [m.chat_id for m in (mine, theirs)] == [ADMIN, other]
    assert [m for m in second if m.chat_id in (ADMIN, other)] == []
    assert live(bot, theirs, other)[0] == to_admin(LI, "执法一科")
    await bot.press(ADMIN, mine.message_id, f"ok:{LI}:2", name="小陈")
    decided = to_admin(LI, "执法一科") + "\n—— 已批准（小陈）"
    assert live(bot, mine) == live(bot, theirs, other) == (decided, [])


async def test_claiming_the_unit_one_already_has(bot: Harness):
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    sent = await bot.text(LI, "我是综合科")
    assert texts_to(sent, LI) == ["您已属于“综合科”，无需再申请。"]
    assert texts_to(sent, ADMIN) == []
    assert bot.core.bindings.pending_of(LI) is None


async def test_without_admins_the_request_is_kept_and_the_user_told(build: Build):
    bot = await build(admins=frozenset())
    sent = await bot.text(LI, "我是综合科", "李四")
    assert texts_to(sent, LI) == [
        "已提交申请：绑定到“综合科”。办公室批准后会通知您；在此之前可以查询通知内容。",
        "尚未配置办公室管理员，申请已记录，请联系办公室处理。",
    ]
    assert [m.chat_id for m in sent] == [LI, LI]
    assert bot.core.bindings.pending_of(LI).unit == "综合科"


# ---------------------------------------------------------------- decisions


async def test_admin_approves(bot: Harness):
    request = await claim(bot)
    answer, sent = await bot.press(
        ADMIN, request.message_id, request.callback_data[0], name="小陈"
    )
    assert answer is not None
    assert answer["text"] is None
    assert bot.core.bindings.unit_of(LI) == "综合科"
    assert bot.core.bindings.pending_of(LI) is None
    assert texts_to(sent, LI) == [
        "办公室已批准：您属于“综合科”。现在可以问“我科室负责什么”，或发 /my。"
    ]
    edited = bot.api.message(ADMIN, request.message_id)
    assert edited["text"] == to_admin(LI, "综合科") + "\n—— 已批准（小陈）"
    assert "reply_markup" not in edited
    assert (await bot.ask(LI, "/my")).startswith("综合科（科室）：共 10 项")
    assert (await bot.ask(LI, "/start")).startswith("您好，我是分工助手")
    assert bot.api.texts(LI)[-1] == "您属于“综合科”。发 /my 查看本单位任务。"


async def test_admin_rejects(bot: Harness):
    request = await claim(bot, "我是信息中心")
    answer, sent = await bot.press(
        ADMIN, request.message_id, request.callback_data[1], name="小陈"
    )
    assert answer is not None
    assert answer["text"] is None
    assert bot.core.bindings.unit_of(LI) is None
    assert bot.core.bindings.pending_of(LI) is None
    assert texts_to(sent, LI) == [
        "办公室未批准您加入“市环境信息中心”的申请。如有疑问请联系办公室，或重新选择单位：/unit"
    ]
    assert bot.api.message(ADMIN, request.message_id)["text"].endswith("\n—— 已拒绝（小陈）")
    assert "我是综合科" in await bot.ask(LI, "/my")


async def test_rejecting_a_move_keeps_the_current_unit(bot: Harness):
    bot.core.bindings.bind(LI, "李四", "综合科", NOW)
    request = await claim(bot, "我是执法一科")
    await bot.press(ADMIN, request.message_id, request.callback_data[1])
    assert bot.core.bindings.unit_of(LI) == "综合科"


@pytest.mark.parametrize(("first", "second"), [(0, 1), (0, 0), (1, 0), (1, 1)])
async def test_a_second_press_decides_nothing(bot: Harness, first: int, second: int):
    request = await claim(bot)
    await bot.press(ADMIN, request.message_id, request.callback_data[first])
    before = bot.store_bytes()
    answer, sent = await bot.press(
        ADMIN, request.message_id, request.callback_data[second], forged=True
    )
    assert answer is not None
    assert (answer["text"], answer["show_alert"]) == (DECIDED, True)
    assert sent == []
    assert bot.store_bytes() == before
    assert bot.core.bindings.unit_of(LI) == ("综合科" if first == 0 else None)


async def test_non_admin_cannot_decide(bot: Harness):
    request = await claim(bot)
    [own] = await bot.text(WANG, "/help")
    before = bot.store_bytes()
    for data in request.callback_data:
        answer, sent = await bot.press(WANG, own.message_id, data, forged=True)
        assert answer is not None
        assert (answer["text"], answer["show_alert"]) == (OFFICE_ONLY, True)
        assert sent == []
    assert bot.store_bytes() == before
    assert bot.core.bindings.pending_of(LI) is not None
    assert bot.api.message(ADMIN, request.message_id)["text"] == request.text


@pytest.mark.parametrize("kind", ["ok", "no"])
async def test_a_replaced_request_is_refused_with_fresh_buttons(bot: Harness, kind: str):
    request = await claim(bot, "我是综合科")
    await bot.text(LI, "我是执法一科", "李四")
    before = bot.store_bytes()
    answer, sent = await bot.press(ADMIN, request.message_id, f"{kind}:{LI}:1", forged=True)
    assert answer is not None
    assert answer["text"] == "该申请已被用户更改为“执法一科”，请按新申请审批。"
    assert answer["show_alert"]
    assert sent == []
    assert bot.store_bytes() == before
    assert bot.core.bindings.unit_of(LI) is None
    text, fresh = live(bot, request)
    assert (text, fresh) == (to_admin(LI, "执法一科"), [f"ok:{LI}:2", f"no:{LI}:2"])
    await bot.press(ADMIN, request.message_id, fresh[0])
    assert bot.core.bindings.unit_of(LI) == "执法一科"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(f"ok:{LI}:{{fp}}:1", id="approve"),
        pytest.param(f"no:{LI}:{{fp}}:1", id="reject"),
        pytest.param(f"ok:{LI}:000000:1", id="stale-fingerprint"),
        pytest.param(f"no:{LI}:abcdef:9999", id="stale-index"),
    ],
)
async def test_an_old_kind_of_button_is_refused_with_fresh_buttons(bot: Harness, data: str):
    request = await claim(bot)
    before = bot.store_bytes()
    fp = fingerprint(bot.core.knowledge.registry)
    answer, sent = await bot.press(ADMIN, request.message_id, data.format(fp=fp), forged=True)
    assert answer is not None
    assert (answer["text"], answer["show_alert"]) == (RENEWED, True)
    assert sent == []
    assert bot.store_bytes() == before
    assert live(bot, request) == (to_admin(LI, "综合科"), [f"ok:{LI}:1", f"no:{LI}:1"])


async def test_an_old_button_from_another_message_gets_fresh_buttons_there(bot: Harness):
    request = await claim(bot)
    [old] = await bot.text(ADMIN, "/help")  # stands for a message sent before the upgrade
    await bot.press(ADMIN, old.message_id, f"ok:{LI}:abcdef:1", forged=True)
    assert live(bot, old)[1] == [f"ok:{LI}:1", f"no:{LI}:1"]
    here = (ADMIN, old.message_id)
    assert bot.core.bindings.pending_of(LI).shown == ((ADMIN, request.message_id), here)
    await bot.press(ADMIN, old.message_id, f"no:{LI}:1", name="小陈")
    assert live(bot, request)[0].endswith("—— 已拒绝（小陈）")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(f"ok:{WANG}:1", id="user-without-request"),
        pytest.param(f"ok:{WANG}:abcdef:1", id="old-kind-user-without-request"),
    ],
)
async def test_a_press_for_nothing_pending_changes_nothing(bot: Harness, data: str):
    request = await claim(bot)
    before = bot.store_bytes()
    answer, sent = await bot.press(ADMIN, request.message_id, data, forged=True)
    assert answer is not None
    assert (answer["text"], answer["show_alert"]) == (DECIDED, True)
    assert sent == []
    assert bot.store_bytes() == before
    assert bot.api.message(ADMIN, request.message_id)["text"] == request.text


async def test_buttons_of_a_request_settled_by_bind_are_removed(bot: Harness):
    request = await claim(bot)
    await bot.text(ADMIN, "/bind 2002 办公室")
    answer, _ = await bot.press(ADMIN, request.message_id, request.callback_data[0])
    assert answer is not None
    assert answer["text"] == DECIDED
    assert live(bot, request) == (request.text, [])
    assert bot.core.bindings.unit_of(LI) == "办公室"


async def test_a_registry_change_leaves_the_buttons_working(bot: Harness, plan: Plan):
    request = await claim(bot)
    text = UNITS.read_text(encoding="utf-8") + '\n[[units]]\nname = "人事科"\nkind = "科室"\n'
    bot.core.knowledge = Knowledge(plan, parse_registry(text))
    answer, _ = await bot.press(ADMIN, request.message_id, request.callback_data[0])
    assert answer is not None
    assert answer["text"] is None
    assert bot.core.bindings.unit_of(LI) == "综合科"


async def test_a_unit_gone_from_the_registry_is_not_approved(bot: Harness, plan: Plan):
    request = await claim(bot)
    text = UNITS.read_text(encoding="utf-8").replace('name = "综合科"', 'name = "综合二科"')
    bot.core.knowledge = Knowledge(plan, parse_registry(text))
    before = bot.store_bytes()
    answer, _ = await bot.press(ADMIN, request.message_id, request.callback_data[0])
    assert answer is not None
    assert answer["text"] == (
        "“综合科”已不在单位名录中，无法批准；请拒绝该申请，或用 /bind 绑定到其他单位。"
    )
    assert bot.store_bytes() == before
    assert live(bot, request) == (request.text, request.callback_data)
    await bot.press(ADMIN, request.message_id, request.callback_data[1])
    assert bot.core.bindings.pending_of(LI) is None


@pytest.mark.parametrize(
    "data",
    [
        "zzz",
        "",
        "u:000000:1",
        "k:000000:0:0",
        "k:" + "9" * 60,
        "ok:12:3a",
        "ok:1234567890123456:abcdef:1",
        "u:ABCDEF:1",
        "t:99999",
        "k:abcdef:0:0\n",
    ],
)
async def test_forged_data_is_refused_and_nothing_changes(bot: Harness, data: str):
    bot.core.bindings.request(WANG, "王五", "综合科", NOW)
    before = bot.store_bytes()
    [picker] = [m for m in await bot.text(LI, "/unit") if m.chat_id == LI]
    answer, sent = await bot.press(LI, picker.message_id, data, forged=True)
    assert answer is not None
    assert answer["text"] == EXPIRED
    assert sent == []
    assert bot.store_bytes() == before
    assert bot.api.sent(ADMIN) == []
    assert bot.api.message(LI, picker.message_id)["text"] == picker.text


# ---------------------------------------------------------------- the picker


async def test_start_greets_then_offers_the_kinds(bot: Harness):
    greeting, picker = await bot.text(LI, "/start")
    assert greeting.text.splitlines()[0] == "您好，我是分工助手。"
    assert picker.text == "请选择您所在单位的类别："
    assert [b["text"] for row in picker.buttons for b in row] == KINDS
    fp = fingerprint(bot.core.knowledge.registry)
    assert picker.callback_data == [f"k:{fp}:{i}:0" for i in range(4)]


async def test_start_while_waiting_says_so(bot: Harness):
    await claim(bot)
    sent = await bot.text(LI, "/start")
    assert [m.text for m in sent][1:] == ["您加入“综合科”的申请正在等待办公室批准。"]


async def test_picking_a_kind_then_a_unit_sends_the_request(bot: Harness):
    [picker] = await bot.text(LI, "/unit", "李四")
    fp = fingerprint(bot.core.knowledge.registry)
    answer, sent = await bot.press(LI, picker.message_id, f"k:{fp}:0:0")
    assert answer is not None
    assert answer["text"] is None
    assert sent == []
    page = bot.api.message(LI, picker.message_id)
    assert page["text"] == "请选择您的单位（科室，第 1/1 页）："
    rows = page["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in rows] == [[name] for name in OFFICES]
    assert [row[0]["callback_data"] for row in rows] == [f"u:{fp}:{i}" for i in range(8)]

    answer, sent = await bot.press(LI, picker.message_id, f"u:{fp}:6", name="李四")
    assert answer is not None
    assert answer["text"] is None
    assert texts_to(sent, LI) == [
        "已提交申请：绑定到“执法一科”。办公室批准后会通知您；在此之前可以查询通知内容。"
    ]
    assert texts_to(sent, ADMIN) == [to_admin(LI, "执法一科")]
    assert bot.core.bindings.pending_of(LI).unit == "执法一科"


async def test_each_kind_lists_its_units(bot: Harness):
    [picker] = await bot.text(LI, "/unit")
    fp = fingerprint(bot.core.knowledge.registry)
    expected = {
        1: ("党组织", ["机关党委"], [8]),
        2: ("直属事业单位", ["市环境信息中心"], [9]),
        3: (
            "分局",
            ["蓬江分局", "江海分局", "新会分局", "台山分局", "开平分局", "鹤山分局", "恩平分局"],
            list(range(10, 17)),
        ),
    }
    for kind_index, (kind, names, indexes) in expected.items():
        await bot.press(LI, picker.message_id, f"k:{fp}:{kind_index}:0", forged=True)
        page = bot.api.message(LI, picker.message_id)
        assert page["text"] == f"请选择您的单位（{kind}，第 1/1 页）："
        rows = page["reply_markup"]["inline_keyboard"]
        assert [row[0]["text"] for row in rows] == names
        assert [row[0]["callback_data"] for row in rows] == [f"u:{fp}:{i}" for i in indexes]


@pytest.mark.parametrize(
    "data", ["k:{fp}:4:0", "k:{fp}:0:1", "k:{fp}:999:0", "u:{fp}:17", "u:{fp}:9999"]
)
async def test_out_of_range_picks_expire(bot: Harness, data: str):
    [picker] = await bot.text(LI, "/unit")
    fp = fingerprint(bot.core.knowledge.registry)
    answer, sent = await bot.press(LI, picker.message_id, data.format(fp=fp), forged=True)
    assert answer is not None
    assert answer["text"] == EXPIRED
    assert sent == []
    assert bot.store_bytes() == b""
    assert bot.api.message(LI, picker.message_id)["text"] == picker.text


async def test_a_picker_from_before_a_registry_change_expires(bot: Harness, plan: Plan):
    [picker] = await bot.text(LI, "/unit")
    old = fingerprint(bot.core.knowledge.registry)
    text = UNITS.read_text(encoding="utf-8") + '\n[[units]]\nname = "人事科"\nkind = "科室"\n'
    bot.core.knowledge = Knowledge(plan, parse_registry(text))
    assert fingerprint(bot.core.knowledge.registry) != old
    for data in (f"k:{old}:0:0", f"u:{old}:1"):
        answer, sent = await bot.press(LI, picker.message_id, data, forged=True)
        assert answer is not None
        assert answer["text"] == EXPIRED
        assert sent == []
    assert bot.store_bytes() == b""


# ---------------------------------------------------------------- paging

LETTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"


def twenty_units() -> Registry:
    entries = [f'[[units]]\nname = "{c}科"\nkind = "科室"\n' for c in LETTERS]
    entries.append('[[units]]\nname = "某分局"\nkind = "分局"\n')
    return parse_registry("\n".join(entries))


@pytest.fixture
async def many(build: Build, plan: Plan) -> Harness:
    return await build(Knowledge(plan, twenty_units()))


async def test_twenty_units_page_by_eight(many: Harness):
    [picker] = await many.text(LI, "/unit", "李四")
    fp = fingerprint(many.core.knowledge.registry)
    assert picker.callback_data == [f"k:{fp}:0:0", f"k:{fp}:1:0"]

    def page() -> tuple[str, list[list[tuple[str, str]]]]:
        message = many.api.message(LI, picker.message_id)
        rows = message["reply_markup"]["inline_keyboard"]
        return message["text"], [[(b["text"], b["callback_data"]) for b in row] for row in rows]

    await many.press(LI, picker.message_id, f"k:{fp}:0:0")
    heading, rows = page()
    assert heading == "请选择您的单位（科室，第 1/3 页）："
    assert rows[:-1] == [[(f"{c}科", f"u:{fp}:{i}")] for i, c in enumerate(LETTERS[:8])]
    assert rows[-1] == [("下一页 ›", f"k:{fp}:0:1")]

    await many.press(LI, picker.message_id, f"k:{fp}:0:1")
    heading, rows = page()
    assert heading == "请选择您的单位（科室，第 2/3 页）："
    assert rows[:-1] == [[(f"{c}科", f"u:{fp}:{i + 8}")] for i, c in enumerate(LETTERS[8:16])]
    assert rows[-1] == [("‹ 上一页", f"k:{fp}:0:0"), ("下一页 ›", f"k:{fp}:0:2")]

    await many.press(LI, picker.message_id, f"k:{fp}:0:2")
    heading, rows = page()
    assert heading == "请选择您的单位（科室，第 3/3 页）："
    assert rows[:-1] == [[(f"{c}科", f"u:{fp}:{i + 16}")] for i, c in enumerate(LETTERS[16:])]
    assert rows[-1] == [("‹ 上一页", f"k:{fp}:0:1")]

    await many.press(LI, picker.message_id, f"k:{fp}:0:1")
    assert page()[0] == "请选择您的单位（科室，第 2/3 页）："
    answer, _ = await many.press(LI, picker.message_id, f"k:{fp}:0:3", forged=True)
    assert answer is not None
    assert answer["text"] == EXPIRED

    await many.press(LI, picker.message_id, f"k:{fp}:0:2")
    answer, sent = await many.press(LI, picker.message_id, f"u:{fp}:18", name="李四")
    [request] = [m for m in sent if m.chat_id == ADMIN]
    assert request.text == to_admin(LI, "申科")
    assert request.callback_data == [f"ok:{LI}:1", f"no:{LI}:1"]
    await many.press(ADMIN, request.message_id, request.callback_data[0])
    assert many.core.bindings.unit_of(LI) == "申科"


async def test_turning_to_the_same_page_again_is_harmless(many: Harness):
    [picker] = await many.text(LI, "/unit")
    fp = fingerprint(many.core.knowledge.registry)
    await many.press(LI, picker.message_id, f"k:{fp}:0:0")
    # Telegram answers "message is not modified"; the bot must not crash or say 出错了.
    answer, sent = await many.press(LI, picker.message_id, f"k:{fp}:0:0", forged=True)
    assert answer is not None
    assert sent == []
