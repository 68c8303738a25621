"""The fake Bot API against the real python-telegram-bot client, plus its pure rules."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import subprocess
import sys
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from tests.fakebotapi import FakeBotApi, Fault, FaultRule, FloodMonitor, parse_html, utf16_len

ZHANG = {"id": 1001, "is_bot": False, "first_name": "张三"}
LI = {"id": 1002, "is_bot": False, "first_name": "李四"}
GROUP = -1001234567890  # a supergroup, as Telegram numbers them


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods; reading int periods warns (an error under pytest)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


def make_bot(api: FakeBotApi, **request_kwargs: object) -> Bot:
    request = HTTPXRequest(connection_pool_size=40, read_timeout=3, **request_kwargs)
    return Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url, request=request)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with make_bot(api) as client:
        yield client


@contextlib.asynccontextmanager
async def polling(api: FakeBotApi, *handlers: object) -> AsyncIterator[Application]:
    """A real PTB Application polling the fake server, stopped gracefully afterwards."""
    app = (
        Application.builder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    for handler in handlers:
        app.add_handler(handler)  # type: ignore[arg-type]
    async with app:
        await app.updater.start_polling(timeout=5)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(update.message.text or "", do_quote=True)


# --------------------------------------------------------------------------- basics


async def test_get_me(bot: Bot, api: FakeBotApi) -> None:
    me = await bot.get_me()
    assert me.username == "fengong_test_bot"
    assert me.id == api.bot_user["id"]
    assert me.is_bot


async def test_wrong_token_is_unauthorized(api: FakeBotApi) -> None:
    with pytest.raises(InvalidToken, match="rejected"):
        async with Bot("42:wrong", base_url=api.base_url):  # shuts down on failure
            pass


async def test_unknown_method_is_404(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTeleportation", api_kwargs={"chat_id": 1})


async def test_polling_application_echoes_user_text(api: FakeBotApi) -> None:
    async with polling(api, MessageHandler(filters.TEXT, echo)):
        update = api.send_text(1001, "你好，分工助手", user=ZHANG)
        [reply] = await api.wait_for_messages(1001, 1)
        assert reply.text == "你好，分工助手"
        assert reply.message["reply_to_message"]["message_id"] == update["message"]["message_id"]
        assert reply.message_id == update["message"]["message_id"] + 1  # ids are per chat
        assert reply.message["from"]["id"] == api.bot_user["id"]
        # The bot's next poll confirms the update, so Telegram forgets it.
        assert await api.wait_for(lambda: not api.pending_updates(), 5)


async def test_offset_confirms_and_forgets_updates(bot: Bot, api: FakeBotApi) -> None:
    api.send_text(1001, "一", user=ZHANG)
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["一"]
    assert [u.update_id for u in await bot.get_updates()] == [first[0].update_id]  # redelivered
    assert await bot.get_updates(offset=first[0].update_id + 1) == ()
    api.send_text(1001, "二", user=ZHANG)
    assert [u.message.text for u in await bot.get_updates()] == ["二"]


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, api: FakeBotApi) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    assert await api.wait_for(lambda: any(c.status is None for c in api.calls("getUpdates")), 5)
    api.send_text(1001, "在吗", user=ZHANG)
    updates = await poll
    assert [u.message.text for u in updates] == ["在吗"]
    assert time.monotonic() - started < 5


async def test_second_poller_terminates_the_first_with_conflict(api: FakeBotApi) -> None:
    async with make_bot(api) as first, make_bot(api) as second:
        poll = asyncio.create_task(first.get_updates(timeout=10))
        assert await api.wait_for(lambda: len(api.calls("getUpdates")) == 1, 5)
        assert await second.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await poll


async def test_user_message_kinds_parse_in_ptb(bot: Bot, api: FakeBotApi) -> None:
    api.send_sticker(1001, user=ZHANG)
    api.send_photo(1001, user=ZHANG, caption="截图")
    api.send_voice(1001, user=ZHANG)
    api.send_document(1001, "通知.txt", "第一条".encode(), user=ZHANG, mime_type="text/plain")
    api.add_group(GROUP, "分工群")
    api.send_command(GROUP, "start", "参数", user=LI, mention=True)
    sticker, photo, voice, document, command = (u.message for u in await bot.get_updates())
    assert sticker.sticker.emoji == "👍"
    assert photo.photo[-1].width == 800
    assert photo.caption == "截图"
    assert voice.voice.duration == dtm.timedelta(seconds=3)
    assert document.document.file_name == "通知.txt"
    file = await bot.get_file(document.document.file_id)
    assert bytes(await file.download_as_bytearray()) == "第一条".encode()
    assert command.chat.type == "supergroup"
    assert command.chat.title == "分工群"
    assert command.from_user.first_name == "李四"
    assert command.text == "/start@fengong_test_bot 参数"
    assert command.entities[0].type == "bot_command"
    assert command.entities[0].length == len("/start@fengong_test_bot")


async def test_raw_envelopes_and_json_bodies(api: FakeBotApi) -> None:
    async with httpx.AsyncClient() as client:
        url = f"{api.base_url}{api.token}"
        missing = await client.post(f"{url}/sendTeleportation", json={})
        assert (missing.status_code, missing.json()) == (
            404,
            {"ok": False, "error_code": 404, "description": "Not Found"},
        )
        wrong = await client.post(f"{api.base_url}1:bad/getMe")
        assert (wrong.status_code, wrong.json()["description"]) == (401, "Unauthorized")
        keyboard = {"inline_keyboard": [[{"text": "好", "callback_data": "ok"}]]}
        sent = await client.post(
            f"{url}/sendMessage", json={"chat_id": 1001, "text": "JSON", "reply_markup": keyboard}
        )
        assert sent.json()["result"]["reply_markup"] == keyboard
        got = await client.get(f"{url}/getMe")
        assert got.json()["result"]["is_bot"] is True


async def test_other_methods_and_their_errors(bot: Bot, api: FakeBotApi) -> None:
    assert await bot.send_chat_action(1001, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(1001, "dancing")
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(1001, "回复", reply_to_message_id=77)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("nonexistent")
    sent = await bot.send_message(1001, "撤回")
    assert await bot.delete_message(1001, sent.message_id)
    assert api.message(1001, sent.message_id) is None
    api.send_text(1001, "旧消息")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert api.pending_updates() == []


async def test_known_chats_only_rejects_unknown_chats() -> None:
    async with FakeBotApi(known_chats_only=True) as api, make_bot(api) as bot:
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(1001, "你是谁")
        api.send_text(1001, "你好")
        api.add_group(GROUP, "分工群")
        await bot.send_message(1001, "你好")
        await bot.send_message(GROUP, "大家好")
        assert api.texts(GROUP) == ["大家好"]


# --------------------------------------------------------------------------- content rules


async def test_text_over_4096_utf16_units_is_too_long(bot: Bot, api: FakeBotApi) -> None:
    await bot.send_message(1001, "😀" * 2048)  # 4096 UTF-16 units: allowed
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1001, "😀" * 2049)  # 2049 code points, 4098 units
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(1001, "  \n ")
    assert len(api.sent(1001)) == 1


async def test_callback_data_over_64_bytes_is_invalid(bot: Bot) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("认领", callback_data="数" * 21)]])
    await bot.send_message(1001, "63 bytes", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("认领", callback_data="数" * 22)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(1001, "66 bytes", reply_markup=too_long)


async def test_html_is_parsed_into_entities_or_rejected(bot: Bot, api: FakeBotApi) -> None:
    message = await bot.send_message(1001, "<b>粗体</b> &lt;ok&gt;", parse_mode=ParseMode.HTML)
    assert message.text == "粗体 <ok>"
    assert message.entities[0].type == "bold"
    assert message.entities[0].length == 2
    assert api.sent(1001)[0].params["text"] == "<b>粗体</b> &lt;ok&gt;"
    with pytest.raises(BadRequest, match="Can't parse entities: can't find end tag"):
        await bot.send_message(1001, "<b>没关", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match='unsupported start tag "br"'):
        await bot.send_message(1001, "a<br/>b", parse_mode=ParseMode.HTML)


async def test_edits_and_not_modified(bot: Bot, api: FakeBotApi) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("认领", callback_data="claim:1")]])
    sent = await bot.send_message(1001, "任务一", reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("任务一", 1001, sent.message_id, reply_markup=keyboard)
    edited = await bot.edit_message_text("任务一（已认领）", 1001, sent.message_id)
    assert edited.text == "任务一（已认领）"
    assert edited.reply_markup is None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(1001, sent.message_id)
    await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=keyboard)
    assert api.message(1001, sent.message_id)["reply_markup"] == keyboard.to_dict()
    assert api.sent(1001)[0].text == "任务一"  # the record keeps the text as sent
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", 1001, 999)


# --------------------------------------------------------------------------- faults


async def test_retry_after_raises_retry_after(bot: Bot, api: FakeBotApi) -> None:
    rule = api.inject("sendMessage", Fault.retry_after(2), times=1)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1001, "第一次")
    assert caught.value.retry_after == dtm.timedelta(seconds=2)
    await bot.send_message(1001, "第二次")
    assert api.texts(1001) == ["第二次"]
    assert rule.fired == 1
    assert api.calls("sendMessage")[0].status == 429


@pytest.mark.parametrize("status", [502, 500])
async def test_server_errors_raise_network_error(bot: Bot, api: FakeBotApi, status: int) -> None:
    api.inject("sendMessage", Fault.server_error(status), times=1)
    with pytest.raises(NetworkError) as caught:
        await bot.send_message(1001, "x")
    assert type(caught.value) is NetworkError
    assert caught.value.message in ("Bad Gateway", "Internal Server Error")


async def test_blocked_user_raises_forbidden_for_that_chat_only(bot: Bot, api: FakeBotApi) -> None:
    api.inject(None, Fault.blocked(), chat_id=1002)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1002, "李四你好")
    await bot.send_message(1001, "张三你好")
    assert api.texts(1001) == ["张三你好"]
    assert api.texts(1002) == []


async def test_connection_reset_raises_network_error(bot: Bot, api: FakeBotApi) -> None:
    api.inject("sendMessage", Fault.connection_reset(), times=1)
    with pytest.raises(NetworkError, match="httpx"):
        await bot.send_message(1001, "x")
    assert api.sent() == []
    await bot.send_message(1001, "y")  # the client recovers on a new connection
    assert api.texts(1001) == ["y"]


async def test_read_timeout_accepted_is_delivered_but_times_out(bot: Bot, api: FakeBotApi) -> None:
    api.inject("sendMessage", Fault.read_timeout(5, accepted=True), times=1)
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "到底发出去没有", read_timeout=0.3)
    assert api.texts(1001) == ["到底发出去没有"]


async def test_read_timeout_not_accepted_is_lost(bot: Bot, api: FakeBotApi) -> None:
    api.inject("sendMessage", Fault.read_timeout(5), times=1)
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "丢了", read_timeout=0.3)
    assert api.sent() == []


def test_probabilistic_faults_are_reproducible() -> None:
    def pattern(seed: int) -> list[bool]:
        rule = FaultRule(Fault.bad_gateway(), "sendMessage", probability=0.5, seed=seed)
        return [rule.take("sendMessage", 1) is not None for _ in range(40)]

    assert pattern(7) == pattern(7)
    assert 5 < sum(pattern(7)) < 35
    assert pattern(7) != pattern(8)


# --------------------------------------------------------------------------- commands, files


async def test_commands_are_stored_per_scope_and_language(bot: Bot, api: FakeBotApi) -> None:
    await bot.set_my_commands([BotCommand("start", "开始")])
    await bot.set_my_commands(
        [BotCommand("ledger", "台账"), BotCommand("nudge", "催办")],
        scope=BotCommandScopeChat(GROUP),
    )
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    assert [c["command"] for c in api.commands()] == ["start"]
    assert [c["command"] for c in api.commands({"type": "chat", "chat_id": GROUP})] == [
        "ledger",
        "nudge",
    ]
    assert api.commands(language_code="en") == [{"command": "start", "description": "Start"}]
    in_group = await bot.get_my_commands(scope=BotCommandScopeChat(GROUP))
    assert [c.command for c in in_group] == ["ledger", "nudge"]
    await bot.delete_my_commands(scope=BotCommandScopeChat(GROUP))
    assert await bot.get_my_commands(scope=BotCommandScopeChat(GROUP)) == ()
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_send_document_records_name_and_bytes(bot: Bot, api: FakeBotApi) -> None:
    content = "单位,任务\n办公室,汇总\n".encode()
    message = await bot.send_document(
        1001, content, filename="台账.csv", caption="<i>台账</i>", parse_mode=ParseMode.HTML
    )
    [sent] = api.sent(1001)
    assert sent.upload is not None
    assert (sent.upload.filename, sent.upload.content) == ("台账.csv", content)
    assert sent.text == "台账"
    assert message.document.file_name == "台账.csv"
    assert message.document.file_size == len(content)
    assert message.caption_entities[0].type == "italic"


async def test_files_users_send_are_fetched_with_get_file(bot: Bot, api: FakeBotApi) -> None:
    """PTB fetches a photo's largest size and a document as Telegram serves them: getFile
    gives a path of the server's own, downloaded under base_file_url."""
    jpeg, pdf = b"\xff\xd8\xff\xe0real jpeg", b"%PDF-1.4 evidence"
    [nudge] = [await bot.send_message(1001, "请报告第2项进展")]
    api.send_photo(1001, user=ZHANG, content=jpeg, reply_to_message_id=nudge.message_id)
    api.send_document(1001, "方案.pdf", pdf, user=ZHANG, caption="第2项佐证")
    photo, document = (u.message for u in await bot.get_updates())
    assert photo.reply_to_message.message_id == nudge.message_id
    largest = await photo.photo[-1].get_file()
    assert largest.file_path.startswith(f"{api.base_file_url}{api.token}/photos/")
    assert bytes(await largest.download_as_bytearray()) == jpeg
    assert photo.photo[-1].file_size == len(jpeg)
    fetched = await document.document.get_file()
    assert bytes(await fetched.download_as_bytearray()) == pdf
    assert document.caption == "第2项佐证"


async def test_get_file_refuses_what_the_cloud_api_would_not_serve(bot: Bot, api: FakeBotApi):
    api.send_document(1001, "录像.pdf", b"%PDF-", user=ZHANG, size=20 * 1024 * 1024 + 1)
    [update] = await bot.get_updates()
    assert update.message.document.file_size == 20 * 1024 * 1024 + 1
    with pytest.raises(BadRequest, match="File is too big"):
        await update.message.document.get_file()


# --------------------------------------------------------------------------- flood limits


async def test_back_to_back_sends_to_one_chat_are_one_violation(bot: Bot, api: FakeBotApi) -> None:
    await bot.send_message(1001, "一")
    await bot.send_message(1001, "二")
    assert [(v.kind, v.chat_id) for v in api.violations] == [("private_chat", 1001)]


async def test_31_sends_within_a_second_is_a_global_violation(bot: Bot, api: FakeBotApi) -> None:
    await asyncio.gather(*(bot.send_message(2000 + i, "通知") for i in range(31)))
    assert api.peak_sends_per_second == 31
    assert [v.kind for v in api.violations] == ["global"]


async def test_enforced_limits_answer_429() -> None:
    async with FakeBotApi(enforce_limits=True) as api, make_bot(api) as bot:
        await bot.send_message(1001, "一")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(1001, "二")
        assert caught.value.retry_after == dtm.timedelta(seconds=1)
        assert api.texts(1001) == ["一"]
        assert api.violations == []


def test_flood_monitor_windows() -> None:
    monitor = FloodMonitor()
    monitor.record(1, True, 0.0)
    monitor.record(1, True, 1.0)  # exactly 1 s apart: allowed
    monitor.record(1, True, 1.5)
    assert [(v.kind, v.wait) for v in monitor.violations] == [("private_chat", 0.5)]
    for i in range(21):
        monitor.record(-5, False, 10.0 + i * 2.0)  # 21 sends in 40 s to one group
    assert [v.kind for v in monitor.violations[1:]] == ["group_chat"]
    monitor.record(-5, False, 71.0)  # 21 sends in (11, 71], the one at 10.0 has expired
    assert len(monitor.violations) == 3
    for i in range(30):
        monitor.record(100 + i, True, 200.0 + i / 100)
    assert monitor.peak_per_second == 30
    assert len(monitor.violations) == 3
    monitor.record(999, True, 200.5)
    assert monitor.violations[-1].kind == "global"


# --------------------------------------------------------------------------- buttons


async def test_button_press_reaches_callback_query_handler(api: FakeBotApi) -> None:
    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("已认领")
        await query.edit_message_text(f"{query.from_user.first_name} 认领了 {query.data}")

    async with polling(api, CallbackQueryHandler(on_press)) as app:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("认领", callback_data="task:7")]])
        sent = await app.bot.send_message(GROUP, "任务七", reply_markup=keyboard)
        with pytest.raises(AssertionError, match="no button 'task:8'"):
            api.press_button(GROUP, sent.message_id, "task:8", user=LI)
        api.press_button(GROUP, sent.message_id, "task:7", user=LI)
        await api.wait_for_calls("editMessageText")
    [answer] = api.callback_answers()
    assert (answer["data"], answer["text"]) == ("task:7", "已认领")
    assert api.message(GROUP, sent.message_id)["text"] == "李四 认领了 task:7"


# --------------------------------------------------------------------------- webhook


class Receiver:
    """A bot's webhook on 127.0.0.1: records every post, answers what ``answer`` returns."""

    def __init__(self) -> None:
        self.posts: list[tuple[dict, str | None]] = []
        self.statuses: list[int] = []  # answered in turn; 200 once they run out
        self.hold = asyncio.Event()  # posts from chat HELD wait for it
        self.hold.set()
        self.held_chat = 0
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.posts.append((body, request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        if body.get("message", {}).get("chat", {}).get("id") == self.held_chat:
            await self.hold.wait()
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_post("/hook", self.receive)
        self.runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}/hook"

    async def stop(self) -> None:
        self.hold.set()
        if self.runner is not None:
            await self.runner.cleanup()

    def ids(self) -> list[int]:
        return [body["update_id"] for body, _ in self.posts]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver()
    await receiver.start()
    yield receiver
    await receiver.stop()


async def test_a_webhook_gets_each_update_with_the_secret(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    first = api.send_text(1001, "一", user=ZHANG)
    assert await bot.set_webhook(receiver.url, secret_token="s3cret", max_connections=5)
    second = api.send_text(1002, "二", user=LI)
    assert await api.wait_for(lambda: not api.pending_updates(), 5)
    assert sorted(receiver.ids()) == [first["update_id"], second["update_id"]]
    assert {secret for _, secret in receiver.posts} == {"s3cret"}
    assert receiver.posts[0][0]["message"]["text"] == "一"
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count, info.max_connections) == (receiver.url, 0, 5)
    assert [d.status for d in api.webhook_deliveries()] == [200, 200]


async def test_get_updates_conflicts_while_a_webhook_is_set(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    [call] = api.calls("getUpdates")
    assert call.status == 409
    assert call.description == (
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
        "delete the webhook first"
    )
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
    api.send_text(1001, "轮询", user=ZHANG)
    [update] = await bot.get_updates()
    assert update.message.text == "轮询"


async def test_a_failed_post_is_retried_until_the_bot_answers_2xx(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    receiver.statuses = [500, 403]
    update = api.send_text(1001, "重试", user=ZHANG)
    await bot.set_webhook(receiver.url)
    assert await api.wait_for(lambda: not api.pending_updates(), 5)
    assert receiver.ids() == [update["update_id"]] * 3
    assert [d.status for d in api.webhook_deliveries()] == [500, 403, 200]
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 403 Forbidden"


async def test_an_unreachable_webhook_keeps_the_update_until_it_listens(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    url, port = receiver.url, receiver.runner.addresses[0][1]
    await receiver.stop()  # the bot is down
    update = api.send_text(1001, "等我", user=ZHANG)
    await bot.set_webhook(url)
    assert await api.wait_for(lambda: len(api.webhook_deliveries()) >= 2, 5)
    assert {d.status for d in api.webhook_deliveries()} == {0}
    assert [u["update_id"] for u in api.pending_updates()] == [update["update_id"]]
    await receiver.start(port)  # back up on the same port
    assert await api.wait_for(lambda: not api.pending_updates(), 5)
    assert receiver.ids() == [update["update_id"]]


async def test_one_chat_in_order_and_other_chats_meanwhile(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    receiver.held_chat, receiver.hold = 1001, asyncio.Event()
    first = api.send_text(1001, "一", user=ZHANG)
    second = api.send_text(1001, "二", user=ZHANG)
    other = api.send_text(1002, "别人", user=LI)
    await bot.set_webhook(receiver.url)
    assert await api.wait_for(lambda: len(api.webhook_deliveries()) == 1, 5)
    assert receiver.ids() == [first["update_id"], other["update_id"]]  # 张三's second waits
    receiver.hold.set()
    assert await api.wait_for(lambda: not api.pending_updates(), 5)
    assert receiver.ids() == [first["update_id"], other["update_id"], second["update_id"]]


async def test_max_connections_one_posts_one_update_at_a_time(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    receiver.held_chat, receiver.hold = 1001, asyncio.Event()
    first = api.send_text(1001, "一", user=ZHANG)
    other = api.send_text(1002, "别人", user=LI)
    await bot.set_webhook(receiver.url, max_connections=1)
    async with asyncio.timeout(5):
        while not receiver.posts:
            await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)
    assert receiver.ids() == [first["update_id"]]
    receiver.hold.set()
    assert await api.wait_for(lambda: not api.pending_updates(), 5)
    assert receiver.ids() == [first["update_id"], other["update_id"]]


async def test_delete_webhook_stops_delivery(
    bot: Bot, api: FakeBotApi, receiver: Receiver
) -> None:
    receiver.statuses = [503] * 1000
    update = api.send_text(1001, "删除", user=ZHANG)
    await bot.set_webhook(receiver.url)
    assert await api.wait_for(lambda: api.webhook_deliveries(), 5)
    assert await bot.delete_webhook()
    await asyncio.sleep(0.1)  # a post under way may still end
    posts = len(receiver.posts)
    await asyncio.sleep(0.5)  # more than the 0.2 s retry delay
    assert len(receiver.posts) == posts
    assert [u.update_id for u in await bot.get_updates()] == [update["update_id"]]


# --------------------------------------------------------------------------- thread mode

ECHO_BOT = """
import sys
from telegram.ext import Application, MessageHandler, filters

async def echo(update, context):
    await update.message.reply_text("回声：" + update.message.text)

app = Application.builder().token(sys.argv[1]).base_url(sys.argv[2]).build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(timeout=5)
"""


def test_thread_mode_drives_a_subprocess_bot() -> None:
    with FakeBotApi() as api:
        bot = subprocess.Popen([sys.executable, "-c", ECHO_BOT, api.token, api.base_url])
        try:
            api.send_text(1001, "在线吗", user=ZHANG)
            [reply] = api.wait_for_messages_sync(1001, 1, timeout=15)
            assert reply.text == "回声：在线吗"
        finally:
            bot.terminate()
            assert bot.wait(timeout=15) == 0
        assert api.pending_updates() == []  # confirmed by the bot's last getUpdates


def test_wait_timeout_explains_what_arrived() -> None:
    with FakeBotApi() as api, pytest.raises(AssertionError, match=r"got 0: \[\]"):
        api.wait_for_messages_sync(1001, 1, timeout=0.05)


# --------------------------------------------------------------------------- pure rules


def test_parse_html_entities_use_utf16_offsets() -> None:
    text, entities = parse_html('😀 <a href="https://t.me">链接</a> <pre language="py">x</pre>')
    assert text == "😀 链接 x"
    assert entities == [
        {"type": "text_link", "offset": 3, "length": 2, "url": "https://t.me"},
        {"type": "pre", "offset": 6, "length": 1, "language": "py"},
    ]
    assert utf16_len("😀") == 2


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<b>a</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("a</b>", "Unexpected end tag at byte offset 1"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
def test_parse_html_errors(source: str, error: str) -> None:
    with pytest.raises(ValueError, match="^" + error.replace("(", r"\(") + "$"):
        parse_html(source)
