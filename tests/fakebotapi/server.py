"""A fake Telegram Bot API server for end-to-end tests of the bot.

The server speaks just enough of the Bot API for a python-telegram-bot 22 bot: Telegram's
envelopes, status codes and error descriptions, long polling with offset confirmation, a
webhook that posts updates to the bot until it answers 2xx (:mod:`tests.fakebotapi.webhook`),
message ids per chat, edits, inline keyboards, commands per scope, document uploads, and files
users send (photos, documents) that the bot fetches with ``getFile`` and a download, refused
above the cloud API's 20 MB as Telegram refuses them.
Tests play the users (:meth:`FakeBotApi.send_text`, :meth:`FakeBotApi.press_button` ...),
wait on what the bot sent (:meth:`FakeBotApi.wait_for_messages`), inject faults
(:meth:`FakeBotApi.inject`) and read the flood-limit accounting (:attr:`FakeBotApi.violations`).

All state sits behind one re-entrant lock, so a test thread may drive the server while it runs
in its own thread (``with FakeBotApi() as api:``), or in the test's event loop
(``async with FakeBotApi() as api:``).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .faults import Fault, FaultRule
from .rules import (
    MAX_CAPTION_UTF16,
    MAX_TEXT_UTF16,
    EntityParseError,
    FloodMonitor,
    Violation,
    inline_keyboard_problem,
    parse_html,
    strip_text,
    utf16_len,
)
from .webhook import Delivery, Webhook, WebhookPusher, lane_of

DEFAULT_TOKEN = "123456789:AAFakeTokenForTests_0123456789abcdef"
"""A well-formed token; the bot's user id is the part before the colon."""
# getFile refuses larger files ("Bad Request: file is too big"): the cloud Bot API's limit.
MAX_DOWNLOAD = 20 * 1024 * 1024
_FAKE_JPEG = b"\xff\xd8\xff\xe0fakejpeg"

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Telegram's default when a bot never chose allowed_updates: all but member and reaction updates.
_DEFAULT_ALLOWED = _words(
    "message edited_message channel_post edited_channel_post callback_query inline_query "
    "chosen_inline_result my_chat_member poll poll_answer"
)
_CHAT_ACTIONS = _words(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note"
)
# How form fields (always strings) are decoded, so params look the same as from a JSON body.
_JSON_FIELDS = _words(
    "reply_markup reply_parameters scope commands entities caption_entities "
    "link_preview_options allowed_updates"
)
_INT_FIELDS = _words(
    "chat_id message_id offset limit reply_to_message_id message_thread_id max_connections"
)
_FLOAT_FIELDS = frozenset({"timeout"})
_BOOL_FIELDS = _words(
    "disable_notification protect_content show_alert drop_pending_updates "
    "allow_sending_without_reply disable_web_page_preview"
)
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
_BOT_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    """A Telegram error answer: status (= ``error_code``), description and parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        """Creates the error; ``description`` is Telegram's full text, e.g. "Bad Request: …"."""
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _error_response(status: int, description: str, parameters: dict[str, Any] | None = None):
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    field: str
    filename: str
    content: bytes
    content_type: str


@dataclass
class Call:
    """One request the bot made, in arrival order.

    Attributes:
        method: The method name as the client spelt it, e.g. ``"sendMessage"``.
        params: Parameters decoded the same way for JSON, form and multipart bodies (JSON
            fields such as ``reply_markup`` parsed, ids as ``int``, flags as ``bool``).
        files: Uploaded files by form field name.
        time: Server-side ``time.monotonic()`` when the request arrived.
        status: HTTP status answered, 0 if the connection was dropped, ``None`` while pending.
        description: The error description, if any.
        result: The ``result`` of a successful answer.
        fault: The injected fault, if one hit this call.
    """

    method: str
    params: dict[str, Any]
    files: dict[str, Upload]
    time: float
    status: int | None = None
    description: str = ""
    result: Any = None
    fault: Fault | None = None

    @property
    def chat_id(self) -> Any:
        """The ``chat_id`` parameter, or ``None``."""
        return self.params.get("chat_id")


@dataclass(frozen=True)
class SentMessage:
    """A message the bot delivered (``sendMessage``, ``sendDocument``), as it was when sent.

    Attributes:
        method: The method that sent it.
        chat_id: The chat it went to.
        message_id: Its id in that chat.
        time: Server-side ``time.monotonic()`` when the request arrived.
        message: The Message object returned to the bot (plain text, entities, markup).
        params: The decoded request parameters (raw text with markup, parse_mode …).
        upload: The uploaded file of a ``sendDocument`` call, if one was uploaded.
    """

    method: str
    chat_id: int
    message_id: int
    time: float
    message: dict[str, Any]
    params: dict[str, Any]
    upload: Upload | None = None

    @property
    def text(self) -> str:
        """The plain text (or caption) as a user would see it."""
        return self.message.get("text") or self.message.get("caption") or ""

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """The rows of the inline keyboard (empty if there is none)."""
        return self.message.get("reply_markup", {}).get("inline_keyboard", [])

    @property
    def callback_data(self) -> list[str]:
        """The ``callback_data`` of every inline button, row by row."""
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]


@dataclass(eq=False)
class _Waiter:
    loop: asyncio.AbstractEventLoop
    event: asyncio.Event = field(default_factory=asyncio.Event)


class FakeBotApi:
    """An in-memory Telegram Bot API on 127.0.0.1, with users played by the test.

    Use it in the test's event loop (``async with FakeBotApi() as api:``) or in a background
    thread for a bot that runs as a subprocess (``with FakeBotApi() as api:``). Point the bot
    at it with ``base_url=api.base_url`` and ``base_file_url=api.base_file_url``.

    Attributes:
        token: The token the bot must use; any other gets 401 Unauthorized.
        bot_user: The ``User`` object of the bot, as ``getMe`` returns it.
        enforce_limits: Whether sends that break a flood limit are answered 429 (and not
            delivered) instead of only being counted.
        known_chats_only: Whether sends to chats no user has written from (and that were not
            added with :meth:`add_group`) fail with "Bad Request: chat not found".
        webhook_retry_delay: Seconds before a failed webhook post is retried.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_name: str = "分工助手",
        bot_username: str = "fengong_test_bot",
        enforce_limits: bool = False,
        known_chats_only: bool = False,
        webhook_retry_delay: float = 0.2,
    ) -> None:
        """Creates a stopped server; see the class docstring for the arguments."""
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.enforce_limits = enforce_limits
        self.known_chats_only = known_chats_only
        self.webhook_retry_delay = webhook_retry_delay
        self.port = 0

        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._waiters: set[_Waiter] = set()
        self._closing = False

        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(10_000)
        self._poll_generation = 0
        self._allowed_updates: frozenset[str] = _DEFAULT_ALLOWED
        self._chats: dict[int, dict[str, Any]] = {}
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._sent: list[SentMessage] = []
        self._calls: list[Call] = []
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._queries: dict[str, dict[str, Any]] = {}
        self._answers: list[dict[str, Any]] = []
        self._files: dict[str, tuple[dict[str, Any], bytes]] = {}
        self._file_ids = itertools.count(1)
        self._rules: list[FaultRule] = []
        self._flood = FloodMonitor()
        self._webhook: Webhook | None = None
        self._pusher: WebhookPusher | None = None
        self._pusher_tasks: set[asyncio.Task[None]] = set()
        self._posting: set[int] = set()  # update ids being posted to the webhook
        self._deliveries: list[Delivery] = []

        # Synchronous methods, run under the lock. getUpdates (long polling) is awaited apart.
        self._methods: dict[str, Callable[[Call], Any]] = {
            "getme": lambda call: self.bot_user,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "close": lambda call: True,
            "logout": lambda call: True,
            "sendmessage": self._send_message,
            "senddocument": self._send_document,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "sendchataction": self._send_chat_action,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "getfile": self._get_file,
        }
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._thread_loop: asyncio.AbstractEventLoop | None = None
        self._thread_stop: asyncio.Event | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """The bot's ``base_url``: PTB appends the token and calls ``…/bot<token>/<method>``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """The bot's ``base_file_url`` for downloading files returned by ``getFile``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self) -> None:
        """Starts serving in the running event loop on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Releases held requests and long polls, then stops serving."""
        with self._lock:
            self._closing = True
            self._changed()
        for task in list(self._pusher_tasks):
            task.cancel()
        await asyncio.gather(*self._pusher_tasks, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        """Starts the server in the running loop."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stops the server."""
        await self.stop()

    def start_in_thread(self, timeout: float = 10.0) -> FakeBotApi:
        """Starts the server in a daemon thread with its own event loop.

        Args:
            timeout: How long to wait for the server to listen.

        Returns:
            The server itself, listening when this returns.
        """
        started = threading.Event()
        failures: list[Exception] = []

        async def serve() -> None:
            self._thread_loop = asyncio.get_running_loop()
            self._thread_stop = asyncio.Event()
            try:
                await self.start()
            except Exception as exc:
                failures.append(exc)
                return
            finally:
                started.set()
            await self._thread_stop.wait()
            await self.stop()

        self._thread = threading.Thread(
            target=asyncio.run, args=(serve(),), name="FakeBotApi", daemon=True
        )
        self._thread.start()
        if not started.wait(timeout):
            raise RuntimeError("FakeBotApi did not start in time")
        if failures:
            raise failures[0]
        return self

    def stop_thread(self, timeout: float = 10.0) -> None:
        """Stops a server started with :meth:`start_in_thread` and joins its thread."""
        if self._thread is None or self._thread_loop is None or self._thread_stop is None:
            return
        self._thread_loop.call_soon_threadsafe(self._thread_stop.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("FakeBotApi thread did not stop in time")
        self._thread = None

    def __enter__(self) -> FakeBotApi:
        """Starts the server in a background thread."""
        return self.start_in_thread()

    def __exit__(self, *exc_info: object) -> None:
        """Stops the background thread."""
        self.stop_thread()

    # ------------------------------------------------------------------ waiting

    def _changed(self) -> None:
        """Wakes every waiter; call with the lock held after changing state."""
        self._cond.notify_all()
        for waiter in list(self._waiters):
            try:
                waiter.loop.call_soon_threadsafe(waiter.event.set)
            except RuntimeError:  # the waiter's loop is closed
                self._waiters.discard(waiter)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Waits in any event loop until ``predicate()`` holds; it is called under the lock.

        Returns:
            Whether the predicate held before the timeout.
        """
        loop = asyncio.get_running_loop()
        waiter = _Waiter(loop)
        deadline = loop.time() + timeout
        with self._lock:
            self._waiters.add(waiter)
        try:
            while True:
                with self._lock:
                    waiter.event.clear()
                    if predicate():
                        return True
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return False
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.event.wait(), remaining)
        finally:
            with self._lock:
                self._waiters.discard(waiter)

    def wait_for_sync(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Blocking :meth:`wait_for`, for a test thread; never call it in the server's loop."""
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    async def wait_for_messages(
        self, chat_id: int, n: int = 1, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Waits until the bot has sent at least ``n`` messages to ``chat_id``.

        Returns:
            All messages sent to the chat so far, in order.

        Raises:
            AssertionError: On timeout, listing what was received.
        """
        if not await self.wait_for(lambda: len(self.sent(chat_id)) >= n, timeout):
            raise AssertionError(self._shortfall(chat_id, n, timeout))
        return self.sent(chat_id)

    def wait_for_messages_sync(
        self, chat_id: int, n: int = 1, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Blocking :meth:`wait_for_messages`, for a test thread driving a subprocess bot."""
        if not self.wait_for_sync(lambda: len(self.sent(chat_id)) >= n, timeout):
            raise AssertionError(self._shortfall(chat_id, n, timeout))
        return self.sent(chat_id)

    async def wait_for_calls(
        self, method: str, n: int = 1, *, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[Call]:
        """Waits until ``n`` answered calls of ``method`` (to ``chat_id``, if given) exist.

        Raises:
            AssertionError: On timeout, listing the recent calls.
        """
        if not await self.wait_for(lambda: len(self._answered(method, chat_id)) >= n, timeout):
            raise AssertionError(self._call_shortfall(method, n, timeout))
        return self._answered(method, chat_id)

    def wait_for_calls_sync(
        self, method: str, n: int = 1, *, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[Call]:
        """Blocking :meth:`wait_for_calls`."""
        if not self.wait_for_sync(lambda: len(self._answered(method, chat_id)) >= n, timeout):
            raise AssertionError(self._call_shortfall(method, n, timeout))
        return self._answered(method, chat_id)

    def _answered(self, method: str, chat_id: int | None) -> list[Call]:
        return [c for c in self.calls(method, chat_id) if c.status is not None]

    def _shortfall(self, chat_id: int, n: int, timeout: float) -> str:
        with self._lock:
            got = [m.text for m in self.sent(chat_id)]
            others = Counter(m.chat_id for m in self._sent if m.chat_id != chat_id)
            recent = [_describe(c) for c in self._calls[-8:]]
        return (
            f"expected at least {n} message(s) from the bot in chat {chat_id} within "
            f"{timeout}s, got {len(got)}: {got!r}; messages in other chats: {dict(others)}; "
            f"last calls: {recent}"
        )

    def _call_shortfall(self, method: str, n: int, timeout: float) -> str:
        with self._lock:
            recent = [_describe(c) for c in self._calls[-8:]]
        return f"expected at least {n} {method} call(s) within {timeout}s; last calls: {recent}"

    # ------------------------------------------------------------------ inspection

    def sent(self, chat_id: int | None = None) -> list[SentMessage]:
        """The messages the bot delivered, in order, to ``chat_id`` or to all chats."""
        with self._lock:
            return [m for m in self._sent if chat_id is None or m.chat_id == chat_id]

    def texts(self, chat_id: int) -> list[str]:
        """The plain texts (or captions) the bot delivered to ``chat_id``, in order."""
        return [m.text for m in self.sent(chat_id)]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The current state of a message (after edits), or ``None`` if unknown or deleted."""
        with self._lock:
            return copy.deepcopy(self._messages.get((chat_id, message_id)))

    def calls(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Every request the bot made, optionally only of ``method`` and/or to ``chat_id``."""
        with self._lock:
            return [
                c
                for c in self._calls
                if (method is None or c.method.lower() == method.lower())
                and (chat_id is None or c.chat_id == chat_id)
            ]

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The command list set for exactly this scope and language (no fallback)."""
        with self._lock:
            return copy.deepcopy(self._commands.get((_scope_key(scope), language_code), []))

    def callback_answers(self) -> list[dict[str, Any]]:
        """Every ``answerCallbackQuery`` the bot made, with the pressed button's details."""
        with self._lock:
            return copy.deepcopy(self._answers)

    def pending_updates(self) -> list[dict[str, Any]]:
        """The updates not yet confirmed by the bot."""
        with self._lock:
            return copy.deepcopy(self._updates)

    def webhook_info(self) -> dict[str, Any]:
        """What ``getWebhookInfo`` would answer now (``url`` is empty without a webhook)."""
        with self._lock:
            return self._webhook_info()

    def webhook_deliveries(self) -> list[Delivery]:
        """Every post of an update to a webhook, in the order the answers came."""
        with self._lock:
            return list(self._deliveries)

    @property
    def violations(self) -> list[Violation]:
        """Flood-limit violations among the delivered sends, in order."""
        with self._lock:
            return list(self._flood.violations)

    @property
    def peak_sends_per_second(self) -> int:
        """The most sends delivered in any sliding one-second window."""
        with self._lock:
            return self._flood.peak_per_second

    # ------------------------------------------------------------------ faults

    def inject(
        self,
        method: str | None,
        fault: Fault,
        *,
        chat_id: int | None = None,
        times: int | None = None,
        probability: float = 1.0,
        seed: int = 0,
    ) -> FaultRule:
        """Makes requests fail. Rules are tried in the order they were added.

        Args:
            method: Bot API method (any case), or ``None`` for every method.
            fault: What happens, e.g. ``Fault.retry_after(2)``.
            chat_id: Only requests to this chat.
            times: Fire at most this often; ``None`` means until :meth:`clear_faults`.
            probability: Chance per matching request, drawn from a generator seeded by ``seed``.
            seed: Seed for ``probability``.

        Returns:
            The rule; its ``fired`` attribute counts the hits.
        """
        rule = FaultRule(fault, method, chat_id, times, probability, seed)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear_faults(self) -> None:
        """Removes every fault rule."""
        with self._lock:
            self._rules.clear()

    def _take_fault(self, method: str, chat_id: Any) -> Fault | None:
        for rule in self._rules:
            fault = rule.take(method, chat_id)
            if fault is not None:
                return fault
        return None

    # ------------------------------------------------------------------ users

    def add_group(
        self, chat_id: int, title: str | None = None, *, kind: str | None = None
    ) -> dict[str, Any]:
        """Registers a group chat (negative id); ids from -1000000000000 are supergroups.

        Returns:
            The Chat object.
        """
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        with self._lock:
            chat = self._chats.setdefault(chat_id, _group_chat(chat_id, title, kind))
            return copy.deepcopy(chat)

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user: dict[str, Any] | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A user writes ``text``; a leading ``/command`` gets a ``bot_command`` entity.

        Args:
            chat_id: The chat; for a private chat, the user's id.
            text: The text.
            user: The sender (``{"id": …, "is_bot": False, "first_name": …}``); optional in a
                private chat, required in a group.
            reply_to_message_id: Makes the message a reply to this message of the chat.

        Returns:
            The update queued for the bot.
        """
        fields: dict[str, Any] = {"text": text}
        command = _COMMAND_RE.match(text)
        if command:
            fields["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        return self.send_message(
            chat_id, fields, user=user, reply_to_message_id=reply_to_message_id
        )

    def send_command(
        self,
        chat_id: int,
        command: str,
        args: str = "",
        *,
        user: dict[str, Any] | None = None,
        mention: bool = False,
    ) -> dict[str, Any]:
        """A user sends ``/command args`` (``/command@bot args`` with ``mention``).

        Returns:
            The update queued for the bot.
        """
        text = "/" + command.lstrip("/")
        if mention:
            text += "@" + self.bot_user["username"]
        if args:
            text += " " + args
        return self.send_text(chat_id, text, user=user)

    def send_sticker(
        self, chat_id: int, *, user: dict[str, Any] | None = None, emoji: str = "👍"
    ) -> dict[str, Any]:
        """A user sends a sticker. Returns the update."""
        file = self._register_file("sticker", b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp")
        sticker = {
            **_file_ref(file),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self.send_message(chat_id, {"sticker": sticker}, user=user)

    def send_photo(
        self,
        chat_id: int,
        *,
        user: dict[str, Any] | None = None,
        caption: str | None = None,
        content: bytes = _FAKE_JPEG,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A user sends a photo, optionally with a caption: a thumbnail and ``content`` as the
        largest size (Telegram's sizes are JPEGs of their own). Returns the update."""
        sizes = []
        for side, data in ((90, _FAKE_JPEG), (800, content)):
            file = self._register_file("photo", data, "photo.jpg")
            sizes.append(
                {**_file_ref(file), "width": side, "height": side, "file_size": len(data)}
            )
        fields: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            fields["caption"] = caption
        return self.send_message(
            chat_id, fields, user=user, reply_to_message_id=reply_to_message_id
        )

    def send_voice(
        self, chat_id: int, *, user: dict[str, Any] | None = None, duration: int = 3
    ) -> dict[str, Any]:
        """A user sends a voice message. Returns the update."""
        file = self._register_file("voice", b"OggSfakevoice", "voice.ogg", "audio/ogg")
        voice = {**_file_ref(file), "duration": duration, "mime_type": "audio/ogg"}
        return self.send_message(chat_id, {"voice": voice}, user=user)

    def send_document(
        self,
        chat_id: int,
        filename: str,
        content: bytes,
        *,
        user: dict[str, Any] | None = None,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        reply_to_message_id: int | None = None,
        size: int | None = None,
    ) -> dict[str, Any]:
        """A user sends a file; the bot can fetch it with ``getFile``. ``size`` states a size
        other than the content's (a file too big to download, without its bytes). Returns the
        update."""
        file = self._register_file("document", content, filename, mime_type)
        if size is not None:
            file["file_size"] = size
        fields: dict[str, Any] = {"document": file}
        if caption is not None:
            fields["caption"] = caption
        return self.send_message(
            chat_id, fields, user=user, reply_to_message_id=reply_to_message_id
        )

    def send_message(
        self,
        chat_id: int,
        fields: dict[str, Any],
        *,
        user: dict[str, Any] | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A user sends a message of any kind; ``fields`` are its content fields.

        Returns:
            The update queued for the bot.
        """
        with self._lock:
            chat, sender = self._user_chat(chat_id, user)
            message = {
                "message_id": self._next_message_id(chat_id),
                "from": sender,
                "chat": chat,
                "date": int(time.time()),
                **copy.deepcopy(fields),
            }
            if reply_to_message_id is not None:
                original = self._messages.get((chat_id, reply_to_message_id))
                if original is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = _without_reply(original)
            self._messages[(chat_id, message["message_id"])] = message
            return self.push_update({"message": message})

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        *,
        user: dict[str, Any] | None = None,
        forged: bool = False,
    ) -> dict[str, Any]:
        """A user presses the inline button carrying ``callback_data`` under a bot message.

        With ``forged`` the button need not exist: a modified client sending data of its own.

        Returns:
            The ``callback_query`` update queued for the bot.

        Raises:
            AssertionError: If the message does not exist or (unless forged) has no such button.
        """
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise AssertionError(f"no message {message_id} in chat {chat_id}")
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            data = [b.get("callback_data") for row in rows for b in row]
            if callback_data not in data and not forged:
                raise AssertionError(
                    f"message {message_id} in chat {chat_id} has no button {callback_data!r}; "
                    f"its buttons carry {data!r}"
                )
            _, sender = self._user_chat(chat_id, user)
            query_id = str(next(self._update_ids) * 7919)
            query = {
                "id": query_id,
                "from": sender,
                "message": copy.deepcopy(message),
                "chat_instance": str(chat_id),
                "data": callback_data,
            }
            self._queries[query_id] = query
            return self.push_update({"callback_query": query})

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queues a raw update (its ``update_id`` is assigned here) and returns a copy."""
        with self._lock:
            queued = {"update_id": next(self._update_ids), **copy.deepcopy(update)}
            self._updates.append(queued)
            self._changed()
            return copy.deepcopy(queued)

    def _user_chat(
        self, chat_id: int, user: dict[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        if chat_id > 0:
            user = user or {"id": chat_id, "is_bot": False, "first_name": f"User{chat_id}"}
            if user["id"] != chat_id:
                raise ValueError("a private chat's id is the id of its user")
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    chat[key] = user[key]
            self._chats[chat_id] = chat
        else:
            if user is None:
                raise ValueError("a group message needs a user")
            chat = self._chats.setdefault(chat_id, _group_chat(chat_id, None, None))
        return copy.deepcopy(chat), copy.deepcopy(user)

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _register_file(
        self,
        kind: str,
        content: bytes,
        filename: str,
        mime_type: str = "application/octet-stream",
    ) -> dict[str, Any]:
        number = next(self._file_ids)
        meta = {
            "file_id": f"fake-{kind}-{number}",
            "file_unique_id": f"u{number}",
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        with self._lock:
            self._files[meta["file_id"]] = (meta, content)
        return meta

    # ------------------------------------------------------------------ HTTP

    async def _not_found(self, request: web.Request) -> web.Response:
        return _error_response(404, "Not Found")

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(401, "Unauthorized")
        path = request.match_info["path"]
        with self._lock:
            content = next(
                (c for m, c in self._files.values() if m.get("file_path") == path), None
            )
        if content is None:
            return _error_response(404, "Not Found")
        return web.Response(body=content)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        arrived = time.monotonic()
        if request.match_info["token"] != self.token:
            return _error_response(401, "Unauthorized")
        name = request.match_info["method"]
        key = name.lower()
        if key not in self._methods and key != "getupdates":
            return _error_response(404, "Not Found")
        try:
            params, files = await _read_params(request)
        except ApiError as err:
            return _error_response(err.status, err.description)
        call = Call(name, params, files, arrived)
        with self._lock:
            self._calls.append(call)
            call.fault = self._take_fault(key, call.chat_id)
            self._changed()  # a test may wait for a call to arrive, not only to be answered
        if call.fault is None:
            return await self._answer(key, call)
        return await self._apply_fault(call.fault, key, call, request)

    async def _answer(self, key: str, call: Call) -> web.Response:
        try:
            if key == "getupdates":
                result = await self._get_updates(call)
            else:
                with self._lock:
                    result = self._methods[key](call)
        except ApiError as err:
            self._finish(call, err.status, err.description)
            return _error_response(err.status, err.description, err.parameters)
        self._finish(call, 200, result=result)
        return web.json_response({"ok": True, "result": result})

    async def _apply_fault(
        self, fault: Fault, key: str, call: Call, request: web.Request
    ) -> web.Response:
        if fault.kind == "error":
            self._finish(call, fault.status, fault.description)
            return _error_response(fault.status, fault.description, fault.parameters)
        if fault.kind == "timeout" and fault.accepted:
            response = await self._answer(key, call)
            await self._pause(fault.delay)
            return response
        if fault.kind == "timeout":
            await self._pause(fault.delay)
        self._finish(call, 0, f"connection dropped ({fault.kind})")
        if request.transport is not None:
            request.transport.abort()
        return web.Response()  # never written: the connection is gone

    def _finish(self, call: Call, status: int, description: str = "", result: Any = None) -> None:
        with self._lock:
            call.status, call.description, call.result = status, description, result
            self._changed()

    async def _pause(self, seconds: float) -> None:
        """Sleeps ``seconds``, or less if the server is stopping."""
        await self.wait_for(lambda: self._closing, seconds)

    # ------------------------------------------------------------------ methods

    async def _get_updates(self, call: Call) -> list[dict[str, Any]]:
        offset = call.params.get("offset")
        limit = min(max(int(call.params.get("limit") or 100), 1), 100)
        timeout = float(call.params.get("timeout") or 0)
        with self._lock:
            if self._webhook is not None:
                raise ApiError(409, WEBHOOK_ACTIVE)
            self._poll_generation += 1
            generation = self._poll_generation
            allowed = call.params.get("allowed_updates")
            if allowed is not None:
                self._allowed_updates = frozenset(allowed) or _DEFAULT_ALLOWED
            if isinstance(offset, int) and offset < 0:
                self._updates = self._updates[offset:]
            elif isinstance(offset, int):
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._changed()  # an older long poll, if any, now ends with 409

        def ready() -> bool:
            self._drop_unwanted()
            ended = self._closing or generation != self._poll_generation
            return ended or self._webhook is not None or bool(self._updates)

        await self.wait_for(ready, timeout)
        with self._lock:
            if self._webhook is not None:
                raise ApiError(409, WEBHOOK_ACTIVE)
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT)
            return copy.deepcopy(self._updates[:limit])

    def _drop_unwanted(self) -> None:
        """Forgets pending updates of types the bot did not ask for, as Telegram does."""
        self._updates = [u for u in self._updates if _update_type(u) in self._allowed_updates]

    def _set_webhook(self, call: Call) -> bool:
        url = str(call.params.get("url") or "")
        if not url:  # Telegram: an empty url removes the webhook
            return self._delete_webhook(call)
        self._stop_pusher()
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        allowed = call.params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = frozenset(allowed) or _DEFAULT_ALLOWED
        self._webhook = Webhook(
            url,
            str(call.params.get("secret_token") or ""),
            int(call.params.get("max_connections") or 40),
        )
        self._pusher = WebhookPusher(self, self._webhook, self.webhook_retry_delay)
        task = asyncio.get_running_loop().create_task(self._pusher.run())
        self._pusher_tasks.add(task)
        task.add_done_callback(self._pusher_tasks.discard)
        self._changed()  # a long poll, if any, now ends with 409
        return True

    def _delete_webhook(self, call: Call) -> bool:
        self._stop_pusher()
        self._webhook = None
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _stop_pusher(self) -> None:
        if self._pusher is not None:
            self._pusher.stop()
            self._pusher = None

    def _get_webhook_info(self, call: Call) -> dict[str, Any]:
        return self._webhook_info()

    def _webhook_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook.url if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook is None:
            return info
        info["max_connections"] = self._webhook.max_connections
        info["allowed_updates"] = sorted(self._allowed_updates)
        failed = [d for d in self._deliveries if not d.ok]
        if failed:
            info["last_error_message"] = failed[-1].error
        return info

    def _deliverable(self, limit: int) -> list[dict[str, Any]]:
        """Takes the oldest pending update of each chat that has none being posted (lock held).

        The updates taken count as being posted until :meth:`_posted`.
        """
        self._drop_unwanted()
        busy = {lane_of(u) for u in self._updates if u["update_id"] in self._posting}
        taken: list[dict[str, Any]] = []
        for update in self._updates:
            lane = lane_of(update)
            if len(taken) >= limit:
                break
            if lane not in busy:
                taken.append(copy.deepcopy(update))
                self._posting.add(update["update_id"])
            busy.add(lane)
        return taken

    def _delivered(self, delivery: Delivery) -> None:
        """Records a post's answer; a 2xx confirms (forgets) the update."""
        with self._lock:
            self._deliveries.append(delivery)
            if delivery.ok:
                self._updates = [u for u in self._updates if u["update_id"] != delivery.update_id]
            self._changed()

    def _posted(self, update_id: int) -> None:
        """The update is no longer being posted: confirmed, or its webhook was removed."""
        with self._lock:
            self._posting.discard(update_id)
            self._changed()

    def _send_message(self, call: Call) -> dict[str, Any]:
        chat = self._target_chat(call)
        text, entities = _formatted(
            call.params, "text", "entities", MAX_TEXT_UTF16, "message is too long", required=True
        )
        fields: dict[str, Any] = {"text": text}
        if entities:
            fields["entities"] = entities
        return self._deliver(call, chat, fields)

    def _send_document(self, call: Call) -> dict[str, Any]:
        chat = self._target_chat(call)
        upload = call.files.get("document")
        if upload is not None:
            if not upload.content:
                raise _bad("file must be non-empty")
            document = self._register_file(
                "document", upload.content, upload.filename, upload.content_type
            )
        elif isinstance(call.params.get("document"), str) and call.params["document"]:
            reference = call.params["document"]
            known = self._files.get(reference)
            if known is None and not reference.startswith(("http://", "https://")):
                raise _bad("wrong file identifier/HTTP URL specified")
            document = known[0] if known else self._register_file("document", b"", reference)
        else:
            raise _bad("there is no document in the request")
        caption, entities = _formatted(
            call.params,
            "caption",
            "caption_entities",
            MAX_CAPTION_UTF16,
            "message caption is too long",
            required=False,
        )
        fields: dict[str, Any] = {"document": _public_file(document)}
        if caption:
            fields["caption"] = caption
        if entities:
            fields["caption_entities"] = entities
        return self._deliver(call, chat, fields, upload)

    def _deliver(
        self,
        call: Call,
        chat: dict[str, Any],
        fields: dict[str, Any],
        upload: Upload | None = None,
    ) -> dict[str, Any]:
        """Adds reply markup and reply, applies flood limits, and records the message."""
        markup = _reply_markup(call.params)
        reply_to = self._reply_to(chat["id"], call.params)
        self._account_send(chat, call.time)
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            **fields,
        }
        if reply_to is not None:
            message["reply_to_message"] = _without_reply(reply_to)
        if markup is not None:
            message["reply_markup"] = markup
        message = copy.deepcopy(message)
        self._messages[(chat["id"], message["message_id"])] = message
        self._sent.append(
            SentMessage(
                call.method,
                chat["id"],
                message["message_id"],
                call.time,
                copy.deepcopy(message),
                call.params,
                upload,
            )
        )
        return copy.deepcopy(message)

    def _account_send(self, chat: dict[str, Any], arrived: float) -> None:
        private = chat["type"] == "private"
        if self.enforce_limits:
            broken = self._flood.check(chat["id"], private, arrived)
            if broken:
                wait = max(1, math.ceil(max(v.wait for v in broken)))
                raise ApiError(
                    429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
                )
        self._flood.record(chat["id"], private, arrived)

    def _target_chat(self, call: Call) -> dict[str, Any]:
        chat_id = call.params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if not isinstance(chat_id, int):
            raise _bad("chat not found")
        if chat_id not in self._chats:
            if self.known_chats_only or chat_id == 0:
                raise _bad("chat not found")
            if chat_id > 0:
                self._chats[chat_id] = {
                    "id": chat_id,
                    "type": "private",
                    "first_name": f"User{chat_id}",
                }
            else:
                self._chats[chat_id] = _group_chat(chat_id, None, None)
        return copy.deepcopy(self._chats[chat_id])

    def _reply_to(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict):
            reply = {}
            if params.get("reply_to_message_id") is not None:
                reply = {
                    "message_id": params["reply_to_message_id"],
                    "allow_sending_without_reply": params.get("allow_sending_without_reply"),
                }
        if not reply:
            return None
        original = self._messages.get((chat_id, _as_int(reply.get("message_id"))))
        if original is None and not reply.get("allow_sending_without_reply"):
            raise _bad("message to be replied not found")
        return original

    def _editable(self, call: Call) -> dict[str, Any]:
        if call.params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        key = (call.params.get("chat_id"), call.params.get("message_id"))
        message = self._messages.get(key)  # type: ignore[arg-type]
        if message is None:
            raise _bad("message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise _bad("message can't be edited")
        return message

    def _edit_message_text(self, call: Call) -> dict[str, Any]:
        message = self._editable(call)
        text, entities = _formatted(
            call.params, "text", "entities", MAX_TEXT_UTF16, "MESSAGE_TOO_LONG", required=True
        )
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        markup = _reply_markup(call.params)
        old = (message["text"], message.get("entities", []), message.get("reply_markup"))
        if (text, entities, markup) == old:
            raise ApiError(400, NOT_MODIFIED)
        message["text"] = text
        _set_or_drop(message, "entities", entities or None)
        _set_or_drop(message, "reply_markup", markup)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _edit_message_reply_markup(self, call: Call) -> dict[str, Any]:
        message = self._editable(call)
        markup = _reply_markup(call.params)
        if markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        _set_or_drop(message, "reply_markup", markup)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _delete_message(self, call: Call) -> bool:
        key = (call.params.get("chat_id"), call.params.get("message_id"))
        if self._messages.pop(key, None) is None:  # type: ignore[arg-type]
            raise _bad("message to delete not found")
        return True

    def _answer_callback_query(self, call: Call) -> bool:
        query = self._queries.pop(str(call.params.get("callback_query_id")), None)
        if query is None:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        self._answers.append(
            {
                "callback_query_id": query["id"],
                "data": query["data"],
                "chat_id": query["message"]["chat"]["id"],
                "message_id": query["message"]["message_id"],
                "text": call.params.get("text"),
                "show_alert": bool(call.params.get("show_alert")),
                "time": call.time,
            }
        )
        return True

    def _send_chat_action(self, call: Call) -> bool:
        self._target_chat(call)
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _set_my_commands(self, call: Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        for command in commands:
            if not _BOT_COMMAND_RE.match(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("command description is empty")
        key = (_scope_key(call.params.get("scope")), call.params.get("language_code") or "")
        self._commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _get_my_commands(self, call: Call) -> list[dict[str, Any]]:
        key = (_scope_key(call.params.get("scope")), call.params.get("language_code") or "")
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, call: Call) -> bool:
        key = (_scope_key(call.params.get("scope")), call.params.get("language_code") or "")
        self._commands.pop(key, None)
        return True

    def _get_file(self, call: Call) -> dict[str, Any]:
        known = self._files.get(str(call.params.get("file_id")))
        if known is None:
            raise _bad("invalid file_id")
        meta = known[0]
        if meta["file_size"] > MAX_DOWNLOAD:
            raise _bad("file is too big")
        # Like Telegram's, the path is the server's own: the sender's file name may hold anything.
        folder = "photos" if meta["file_id"].startswith("fake-photo-") else "documents"
        meta.setdefault("file_path", f"{folder}/file_{meta['file_unique_id']}")
        return {k: meta[k] for k in ("file_id", "file_unique_id", "file_size", "file_path")}


# ---------------------------------------------------------------------- helpers


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Reads query, JSON, form or multipart parameters into one typed dict."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise _bad("can't parse JSON request body") from exc
        if not isinstance(body, dict):
            raise _bad("can't parse JSON request body")
        raw.update(body)
    elif request.can_read_body:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                files[name] = Upload(name, value.filename, content, value.content_type)
            else:
                raw[name] = value if isinstance(value, str) else bytes(value).decode()
    return {name: _decode(name, value) for name, value in raw.items()}, files


def _decode(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            raise _bad(f"can't parse {name} JSON object") from exc
    if name in _INT_FIELDS:
        return _as_int(value)
    if name in _FLOAT_FIELDS:
        try:
            return float(value)
        except ValueError:
            return value
    if name in _BOOL_FIELDS:
        return value.lower() in ("true", "1")
    return value


def _as_int(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _formatted(
    params: dict[str, Any],
    name: str,
    entities_name: str,
    limit: int,
    too_long: str,
    *,
    required: bool,
) -> tuple[str, list[dict[str, Any]]]:
    """Applies ``parse_mode`` (HTML is checked; Markdown passes through) and Telegram's limits."""
    raw = str(params.get(name) or "")
    mode = str(params.get("parse_mode") or "").lower()
    if mode == "html":
        try:
            text, entities = parse_html(raw)
        except EntityParseError as err:
            raise _bad(f"can't parse entities: {err}") from err
    elif mode in ("", "markdown", "markdownv2"):
        text, entities = raw, list(params.get(entities_name) or [])
    else:
        raise _bad("unsupported parse_mode")
    text, entities = strip_text(text, entities)
    if required and not text:
        raise _bad("message text is empty")
    if utf16_len(text) > limit:
        raise _bad(too_long)
    return text, entities


def _reply_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    """The inline keyboard to echo in the Message (other keyboards are not echoed)."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None
    problem = inline_keyboard_problem(markup)
    if problem:
        raise _bad(problem)
    return markup if markup["inline_keyboard"] else None


def _set_or_drop(message: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        message.pop(key, None)
    else:
        message[key] = value


def _without_reply(message: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}


def _group_chat(chat_id: int, title: str | None, kind: str | None) -> dict[str, Any]:
    kind = kind or ("supergroup" if chat_id <= -1_000_000_000_000 else "group")
    return {"id": chat_id, "type": kind, "title": title or f"Group {chat_id}"}


def _file_ref(meta: dict[str, Any]) -> dict[str, Any]:
    return {"file_id": meta["file_id"], "file_unique_id": meta["file_unique_id"]}


def _public_file(meta: dict[str, Any]) -> dict[str, Any]:
    keys = ("file_id", "file_unique_id", "file_name", "mime_type", "file_size")
    return {k: meta[k] for k in keys}


def _scope_key(scope: Any) -> str:
    scope = dict(scope) if isinstance(scope, dict) else {"type": "default"}
    for key in ("chat_id", "user_id"):
        if key in scope:
            scope[key] = _as_int(scope[key])
    return json.dumps(scope, sort_keys=True)


def _update_type(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def _describe(call: Call) -> str:
    status = "pending" if call.status is None else call.status
    text = call.params.get("text")
    detail = f" {text!r}" if isinstance(text, str) else ""
    return f"{call.method}(chat={call.chat_id}){detail} -> {status} {call.description}".rstrip()
