"""A fake WeCom (企业微信) server API on 127.0.0.1 for the outbound client's tests.

It speaks the five endpoints the bot may call, with WeCom's request and answer shapes:
``gettoken`` (tokens that really expire), ``message/send`` (text, markdown, file and
``button_interaction`` cards; every delivered message recorded per user; the duplicate check),
``message/update_template_card`` (each ``response_code`` once, within 72 h),
``media/upload`` and ``media/get`` (media expire after 3 days). It enforces the per-app,
per-member limit the way WeCom does: at most 30 messages a minute and 1000 an hour per user;
the excess is answered errcode 0 but **not delivered**, and only counted in :attr:`drops`.
Faults (:class:`~tests.fakewecom.faults.Fault`) are injected with :meth:`FakeWeCom.inject`.

Time comes from ``clock`` (a :class:`~tests.fakewecom.clock.VirtualClock` in tests), so token
and media lifetimes and the limit windows can be crossed without waiting.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import json
import re
import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from aiohttp import web

from .faults import ERRMSG, Fault, FaultRule

CORP_ID = "ww0123456789abcdef"
AGENT_ID = 1000002
SECRET = "fake-secret-Zq8vN3kLw0pXr7TtYb2"  # noqa: S105 - a test fixture, not a credential

TOKEN_LIFETIME = 7200
MEDIA_LIFETIME = 3 * 24 * 3600
CODE_LIFETIME = 72 * 3600
PER_MINUTE, PER_HOUR = 30, 1000
DUPLICATE_INTERVAL, MAX_DUPLICATE_INTERVAL = 1800, 4 * 3600
MAX_FILE = 20 * 1024 * 1024
MAX_TEXT_BYTES = 2048
_TASK_ID = re.compile(r"^[A-Za-z0-9_\-@]{1,128}$")
_MSGTYPES = frozenset({"text", "markdown", "file", "template_card"})


class _Refusal(Exception):
    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(errmsg)
        self.errcode, self.errmsg = errcode, errmsg


def _invalid(what: str) -> _Refusal:
    return _Refusal(40058, f"invalid parameter: {what}")


@dataclass(frozen=True)
class Delivered:
    """A message a user really received: its type, its body (``text``, ``file`` …) and when."""

    user: str
    msgtype: str
    body: dict[str, Any]
    msgid: str
    at: float

    @property
    def text(self) -> str:
        """The content of a text or markdown message, else ``""``."""
        return self.body.get("content", "") if self.msgtype in ("text", "markdown") else ""


@dataclass(frozen=True)
class Call:
    """One request: endpoint, query (token and secret masked), JSON body, errcode answered."""

    endpoint: str
    query: dict[str, str]
    body: dict[str, Any] | None
    errcode: int | None
    status: int


@dataclass
class _Media:
    filename: str
    content: bytes
    created: float


@dataclass
class _Card:
    task_id: str
    users: tuple[str, ...]
    card: dict[str, Any]
    updates: list[dict[str, Any]]


class FakeWeCom:
    """WeCom's server API in memory; ``async with FakeWeCom() as wecom:`` or ``with …`` (thread).

    Attributes:
        users: Known userids; ``None`` means every userid exists.
        drops: Messages dropped by the per-member limit, per user.
        suppressed: Messages not delivered by the duplicate check, per user.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        corp_id: str = CORP_ID,
        secret: str = SECRET,
        agent_id: int = AGENT_ID,
        users: Iterable[str] | None = None,
        token_lifetime: int = TOKEN_LIFETIME,
    ) -> None:
        """Creates a stopped server; see the class docstring."""
        self.clock, self.corp_id, self.secret, self.agent_id = clock, corp_id, secret, agent_id
        self.users = None if users is None else set(users)
        self.token_lifetime = token_lifetime
        self.drops: Counter[str] = Counter()
        self.suppressed: Counter[str] = Counter()
        self.port = 0
        self._lock = threading.RLock()
        self._tokens: dict[str, float] = {}
        self._delivered: list[Delivered] = []
        self._times: dict[str, list[float]] = defaultdict(list)
        self._msgids = itertools.count(1)
        self._codes: dict[str, tuple[float, str]] = {}  # response_code → (issued, task_id)
        self._cards: dict[str, _Card] = {}
        self._media: dict[str, _Media] = {}
        self._rules: list[FaultRule] = []
        self._calls: list[Call] = []
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._stop: tuple[asyncio.AbstractEventLoop, asyncio.Event] | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """The client's ``api_base_url``."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Serves in the running loop on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=MAX_FILE + 1024 * 1024)
        app.router.add_route("*", "/cgi-bin/{endpoint:.+}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stops serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeWeCom:
        """Starts in the running loop."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stops."""
        await self.stop()

    def __enter__(self) -> FakeWeCom:
        """Starts in a daemon thread with its own loop (for a bot in a subprocess)."""
        started = threading.Event()

        async def serve() -> None:
            stop = asyncio.Event()
            self._stop = (asyncio.get_running_loop(), stop)
            await self.start()
            started.set()
            await stop.wait()
            await self.stop()

        self._thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("FakeWeCom did not start in time")
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stops the thread."""
        if self._stop is not None and self._thread is not None:
            loop, stop = self._stop
            loop.call_soon_threadsafe(stop.set)
            self._thread.join(10)

    # ------------------------------------------------------------------ for tests

    def inject(
        self,
        fault: Fault,
        *,
        endpoint: str | None = "message/send",
        user: str | None = None,
        times: int | None = 1,
    ) -> FaultRule:
        """Adds a fault for the next ``times`` matching calls (``None``: all of them)."""
        rule = FaultRule(fault, endpoint, user, times)
        with self._lock:
            self._rules.append(rule)
        return rule

    def expire_tokens(self) -> None:
        """Ends every token's life now (as when the app's secret is reset)."""
        with self._lock:
            self._tokens = dict.fromkeys(self._tokens, float("-inf"))

    def issued_tokens(self) -> list[str]:
        """Every access token handed out (to check that none reaches a log)."""
        with self._lock:
            return list(self._tokens)

    def cards(self, user: str) -> list[dict[str, Any]]:
        """The cards delivered to ``user``, in order."""
        return [m.body for m in self.messages(user) if m.msgtype == "template_card"]

    def messages(self, user: str | None = None) -> list[Delivered]:
        """Delivered messages, in order; for one user if given."""
        with self._lock:
            return [m for m in self._delivered if user is None or m.user == user]

    def calls(self, endpoint: str | None = None) -> list[Call]:
        """Requests received, in order; to one endpoint if given."""
        with self._lock:
            return [c for c in self._calls if endpoint is None or c.endpoint == endpoint]

    def card_updates(self, task_id: str) -> list[dict[str, Any]]:
        """The updates applied to the card of ``task_id``."""
        with self._lock:
            return list(self._cards[task_id].updates)

    def press(self, task_id: str) -> str:
        """A user presses a button of the card: the new ``response_code`` the event carries."""
        with self._lock:
            if task_id not in self._cards:
                raise KeyError(task_id)
            return self._issue_code(task_id)

    def media(self, media_id: str) -> tuple[str, bytes]:
        """A stored medium's file name and content (what the bot uploaded, say)."""
        with self._lock:
            found = self._media[media_id]
            return found.filename, found.content

    def upload(self, filename: str, content: bytes) -> str:
        """A user sends a file: its ``MediaId``, as a callback would carry it."""
        with self._lock:
            return self._store_media(filename, content)

    # ------------------------------------------------------------------ serving

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        endpoint = request.match_info["endpoint"]
        query = dict(request.query)
        body = await _json_body(request) if request.method == "POST" else None
        form = await request.post() if endpoint == "media/upload" else None
        users = _addressed(body)
        with self._lock:
            fault = next((f for r in self._rules if (f := r.take(endpoint, users))), None)
        if fault is not None and fault.kind == "slow":
            return await self._slow(fault, endpoint, query, body, form, request)
        if fault is not None and fault.kind == "http":
            self._log(endpoint, query, body, None, fault.code)
            return web.Response(status=fault.code, text="Bad Gateway")
        if fault is not None:
            return self._refuse(endpoint, query, body, _Refusal(fault.code, ERRMSG[fault.code]))
        return self._answer(endpoint, query, body, form)

    async def _slow(self, fault: Fault, endpoint, query, body, form, request) -> web.Response:
        response = self._answer(endpoint, query, body, form) if fault.accepted else None
        await asyncio.sleep(fault.delay)
        if response is not None:
            return response
        if request.transport is not None:
            request.transport.abort()
        return web.Response()

    def _answer(self, endpoint, query, body, form) -> web.StreamResponse:
        try:
            with self._lock:
                if endpoint == "gettoken":
                    result: Any = self._gettoken(query)
                else:
                    self._check_token(query)
                    result = self._endpoint(endpoint, query, body, form)
        except _Refusal as refusal:
            return self._refuse(endpoint, query, body, refusal)
        self._log(endpoint, query, body, 0, 200)
        if isinstance(result, web.StreamResponse):
            return result
        return web.json_response({"errcode": 0, "errmsg": "ok", **result})

    def _refuse(self, endpoint, query, body, refusal: _Refusal) -> web.Response:
        self._log(endpoint, query, body, refusal.errcode, 200)
        return web.json_response({"errcode": refusal.errcode, "errmsg": refusal.errmsg})

    def _log(self, endpoint, query, body, errcode, status) -> None:
        masked = {
            k: ("***" if k in ("corpsecret", "access_token") else v) for k, v in query.items()
        }
        with self._lock:
            self._calls.append(Call(endpoint, masked, body, errcode, status))

    def _endpoint(self, endpoint, query, body, form) -> Any:
        if endpoint == "message/send":
            return self._send(body or {})
        if endpoint == "message/update_template_card":
            return self._update_card(body or {})
        if endpoint == "media/upload":
            return self._upload(query, form)
        if endpoint == "media/get":
            return self._get_media(query)
        raise _Refusal(404, f"unknown api {endpoint}")

    # ------------------------------------------------------------------ endpoints

    def _gettoken(self, query: dict[str, str]) -> dict[str, Any]:
        if query.get("corpid") != self.corp_id:
            raise _Refusal(40013, "invalid corpid")
        if query.get("corpsecret") != self.secret:
            raise _Refusal(40001, "invalid credential")
        now = self.clock()
        live = [t for t, until in self._tokens.items() if until > now]
        if live:  # WeCom hands back the same token while it lives
            return {"access_token": live[0], "expires_in": int(self._tokens[live[0]] - now)}
        token = secrets.token_urlsafe(24)
        self._tokens[token] = now + self.token_lifetime
        return {"access_token": token, "expires_in": self.token_lifetime}

    def _check_token(self, query: dict[str, str]) -> None:
        token = query.get("access_token")
        if not token:
            raise _Refusal(41001, "access_token missing")
        if token not in self._tokens:
            raise _Refusal(40014, ERRMSG[40014])
        if self._tokens[token] <= self.clock():
            raise _Refusal(42001, ERRMSG[42001])

    def _send(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("agentid") != self.agent_id:
            raise _Refusal(40056, "invalid agentid")
        msgtype = body.get("msgtype")
        if msgtype not in _MSGTYPES or not isinstance(body.get(msgtype), dict):
            raise _invalid("msgtype")
        content = body[msgtype]
        self._check_content(msgtype, content)
        wanted = [u for u in str(body.get("touser", "")).split("|") if u]
        invalid = [u for u in wanted if self.users is not None and u not in self.users]
        valid = [u for u in wanted if u not in invalid]
        if not valid:
            raise _Refusal(81013, ERRMSG[81013])
        msgid = f"msg{next(self._msgids):08d}"
        interval = _interval(body) if body.get("enable_duplicate_check") == 1 else None
        for user in valid:
            self._deliver(user, msgtype, content, msgid, interval)
        answer: dict[str, Any] = {"invaliduser": "|".join(invalid), "msgid": msgid}
        if msgtype == "template_card":
            task_id = content["task_id"]
            self._cards[task_id] = _Card(task_id, tuple(valid), content, [])
            answer["response_code"] = self._issue_code(task_id)
        return answer

    def _check_content(self, msgtype: str, content: dict[str, Any]) -> None:
        if msgtype in ("text", "markdown"):
            text = content.get("content")
            if not isinstance(text, str) or not text:
                raise _invalid("content")
            if len(text.encode()) > MAX_TEXT_BYTES:
                raise _Refusal(45002, "content size out of limit")
        elif msgtype == "file":
            self._live_media(content.get("media_id"))
        else:
            self._check_card(content)

    def _check_card(self, card: dict[str, Any]) -> None:
        if card.get("card_type") != "button_interaction":
            raise _invalid("card_type")
        task_id = card.get("task_id")
        if not isinstance(task_id, str) or not _TASK_ID.match(task_id):
            raise _invalid("task_id")
        if task_id in self._cards:
            raise _invalid("task_id already used")
        if not card.get("main_title", {}).get("title") and not card.get("sub_title_text"):
            raise _invalid("main_title.title or sub_title_text")
        buttons = card.get("button_list")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 6:
            raise _invalid("button_list")
        if any(not b.get("text") or not b.get("key") for b in buttons):
            raise _invalid("button text and key")

    def _deliver(self, user, msgtype, content, msgid, interval: int | None) -> None:
        now = self.clock()
        if interval is not None and any(
            m.user == user and m.msgtype == msgtype and m.body == content and now - m.at < interval
            for m in self._delivered
        ):
            self.suppressed[user] += 1
            return
        times = self._times[user]
        del times[: bisect.bisect_right(times, now - 3600)]
        last_minute = len(times) - bisect.bisect_right(times, now - 60)
        if last_minute >= PER_MINUTE or len(times) >= PER_HOUR:
            self.drops[user] += 1  # WeCom answers errcode 0 and shows nothing
            return
        times.append(now)
        self._delivered.append(Delivered(user, msgtype, content, msgid, now))

    def _issue_code(self, task_id: str) -> str:
        code = secrets.token_hex(16)
        self._codes[code] = (self.clock(), task_id)
        return code

    def _update_card(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("agentid") != self.agent_id:
            raise _Refusal(40056, "invalid agentid")
        issued = self._codes.pop(str(body.get("response_code")), None)
        if issued is None or self.clock() - issued[0] > CODE_LIFETIME:
            raise _invalid("response_code")
        if not body.get("button", {}).get("replace_name") and "template_card" not in body:
            raise _invalid("button.replace_name or template_card")
        self._cards[issued[1]].updates.append(body)
        return {"invaliduser": []}

    def _upload(self, query: dict[str, str], form: Any) -> dict[str, Any]:
        if query.get("type") != "file":
            raise _invalid("type")
        part = form.get("media") if form is not None else None
        if not isinstance(part, web.FileField):
            raise _Refusal(41005, "media data missing")
        content = part.file.read()
        if not 5 < len(content) <= MAX_FILE:
            raise _Refusal(40006, "invalid file size")
        media_id = self._store_media(part.filename, content)
        return {"type": "file", "media_id": media_id, "created_at": str(int(self.clock()))}

    def _store_media(self, filename: str, content: bytes) -> str:
        media_id = "3" + secrets.token_urlsafe(40)
        self._media[media_id] = _Media(filename, content, self.clock())
        return media_id

    def _live_media(self, media_id: Any) -> _Media:
        media = self._media.get(str(media_id))
        if media is None or self.clock() - media.created > MEDIA_LIFETIME:
            raise _Refusal(40007, "invalid media_id")
        return media

    def _get_media(self, query: dict[str, str]) -> web.Response:
        media = self._live_media(query.get("media_id"))
        disposition = f"attachment; filename*=UTF-8''{quote(media.filename)}"
        return web.Response(
            body=media.content,
            content_type="application/octet-stream",
            headers={"Content-Disposition": disposition},
        )


async def _json_body(request: web.Request) -> dict[str, Any] | None:
    if request.content_type != "application/json":
        return None
    try:
        return json.loads(await request.text())
    except ValueError:
        return None


def _addressed(body: dict[str, Any] | None) -> frozenset[str]:
    if not body:
        return frozenset()
    users = str(body.get("touser", "")).split("|") + list(body.get("userids", []))
    return frozenset(u for u in users if u)


def _interval(body: dict[str, Any]) -> int:
    interval = body.get("duplicate_check_interval", DUPLICATE_INTERVAL)
    if not isinstance(interval, int) or not 0 < interval <= MAX_DUPLICATE_INTERVAL:
        raise _invalid("duplicate_check_interval")
    return interval
