"""The WeCom server API over async HTTP: the access token, retries and WeCom's errcodes.

Only the five endpoints the bot uses, under a configurable ``api_base_url`` (a private
deployment such as 粤政易 or 政务微信 has its own). The access token is cached until shortly
before it expires, and fetched again at once when WeCom answers 42001 / 40014, so the request in
flight is repeated, not lost. 45009, 5xx answers and connection failures are retried with
bounded exponential backoff; a timeout is retried too, and the answer is marked ambiguous
(the first attempt may have arrived). 60020 (IP not trusted) is logged once with the hint for
the office. The secret and the token travel only in the query string; no log line or error
built here contains the URL, and errors from the HTTP library are not chained.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from email.message import Message
from typing import Any

import aiohttp

from handlers.wecom import client_texts
from handlers.wecom.errors import (
    FREQUENCY,
    IP_NOT_TRUSTED,
    TOKEN_ERRCODES,
    UNREACHABLE_ERRCODES,
    GaveUp,
    IpNotTrusted,
    Unreachable,
    WeComError,
)
from handlers.wecom.timing import SYSTEM_TIMER, Timer

__all__ = ["Answer", "Media", "WeComApi"]

log = logging.getLogger(__name__)

TOKEN_MARGIN = 300.0  # fetch a new token this long before WeCom says it expires
TOKEN_RETRIES = 2  # 42001/40014 answers in a row before giving up
BAD_CREDENTIALS = frozenset({40001, 40013, 40091})


@dataclass(frozen=True, slots=True)
class Answer:
    """WeCom's JSON answer (errcode 0), and whether an earlier attempt timed out."""

    body: dict[str, Any]
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Media:
    """A file fetched with ``media/get``: its bytes and the name WeCom gave, if any."""

    content: bytes
    filename: str | None


class _Retry(Exception):
    """One attempt failed in a way worth another (a name for the log, never the URL)."""

    def __init__(self, fault: str, *, ambiguous: bool = False, errcode: int = 0) -> None:
        super().__init__(fault)
        self.fault, self.ambiguous, self.errcode = fault, ambiguous, errcode


Attempt = Callable[[str], Awaitable[tuple[dict[str, Any] | None, bytes | None, Message]]]
"""One HTTP exchange given the token: (JSON body or None, raw bytes or None, headers)."""


class WeComApi:
    """An app's access to WeCom: ``corp_id`` + ``secret`` (from the environment) + ``agent_id``.

    Use ``async with WeComApi(...) as api:`` or call :meth:`close`. The HTTP session is made in
    the running loop on first use.
    """

    def __init__(
        self,
        api_base_url: str,
        corp_id: str,
        secret: str,
        agent_id: int,
        *,
        timer: Timer = SYSTEM_TIMER,
        timeout: float = 10.0,
        attempts: int = 5,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
    ) -> None:
        """Keeps the settings; ``attempts`` bounds every call, ``backoff`` doubles per retry."""
        self.base_url = api_base_url.rstrip("/")
        self.corp_id, self.agent_id = corp_id, agent_id
        self._secret = secret
        self.timer, self.timeout, self.attempts = timer, timeout, attempts
        self.backoff, self.max_backoff = backoff, max_backoff
        self._token: str | None = None
        self._token_until = 0.0
        self._token_lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None
        self._warned_ip = False
        self.token_fetches = 0

    def __repr__(self) -> str:
        """Names the corp and agent, never the secret or the token."""
        return f"WeComApi({self.base_url!r}, corp_id={self.corp_id!r}, agent_id={self.agent_id})"

    async def __aenter__(self) -> WeComApi:
        """Returns itself."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Closes the HTTP session."""
        await self.close()

    async def close(self) -> None:
        """Closes the HTTP session, if one was made."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    # ------------------------------------------------------------------ the endpoints

    async def post(
        self,
        endpoint: str,
        body: Mapping[str, Any],
        *,
        turn: Callable[[], AbstractAsyncContextManager[None]] | None = None,
        on_timeout: Callable[[], Mapping[str, Any]] | None = None,
    ) -> Answer:
        """POSTs JSON to ``/cgi-bin/{endpoint}``; every attempt runs inside ``turn()``.

        Args:
            endpoint: ``message/send`` or ``message/update_template_card``.
            body: The request body (``agentid`` is added).
            turn: A pacer's turn, taken for each attempt (each may reach the member).
            on_timeout: Called after a timed-out attempt; its fields replace the body's for the
                next attempts (the sender turns the duplicate check on).
        """
        payload = {"agentid": self.agent_id, **body}

        async def attempt(token: str) -> tuple[dict[str, Any] | None, bytes | None, Message]:
            async with (turn or nullcontext)():
                return await self._exchange("POST", endpoint, {"access_token": token}, payload)

        def timed_out() -> None:
            if on_timeout is not None:
                payload.update(on_timeout())

        return await self._call(endpoint, attempt, timed_out)

    async def upload(self, filename: str, content: bytes) -> str:
        """``media/upload?type=file`` (multipart): the temporary ``media_id`` (3 days)."""

        async def attempt(token: str) -> tuple[dict[str, Any] | None, bytes | None, Message]:
            form = aiohttp.FormData(quote_fields=False)  # WeCom reads a raw UTF-8 name
            form.add_field(
                "media", content, filename=filename, content_type="application/octet-stream"
            )
            query = {"access_token": token, "type": "file"}
            return await self._exchange("POST", "media/upload", query, form)

        answer = await self._call("media/upload", attempt)
        return str(answer.body["media_id"])

    async def media(self, media_id: str) -> Media:
        """``media/get``: the bytes of a file a user sent (fetch it before 3 days pass)."""

        async def attempt(token: str) -> tuple[dict[str, Any] | None, bytes | None, Message]:
            query = {"access_token": token, "media_id": media_id}
            return await self._exchange("GET", "media/get", query, None)

        answer = await self._call("media/get", attempt)
        return Media(answer.body["content"], answer.body["filename"])

    # ------------------------------------------------------------------ the token

    async def token(self, *, attempts: int | None = None) -> str:
        """The cached access token, fetched again shortly before it expires (in at most
        `attempts` tries, default the client's)."""
        async with self._token_lock:
            if self._token is None or self.timer.now() >= self._token_until:
                await self._fetch_token(attempts)
            assert self._token is not None  # noqa: S101 - set by _fetch_token or it raised
            return self._token

    def _forget(self, token: str) -> None:
        if self._token == token:
            self._token = None

    async def _fetch_token(self, attempts: int | None = None) -> None:
        query = {"corpid": self.corp_id, "corpsecret": self._secret}

        async def attempt(_: str) -> tuple[dict[str, Any] | None, bytes | None, Message]:
            return await self._exchange("GET", "gettoken", query, None)

        started = self.timer.now()
        answer = await self._call("gettoken", attempt, token_free=True, attempts=attempts)
        self.token_fetches += 1
        self._token = str(answer.body["access_token"])
        lifetime = float(answer.body.get("expires_in", 7200))
        self._token_until = started + max(lifetime - TOKEN_MARGIN, lifetime / 2)

    # ------------------------------------------------------------------ one call, retried

    async def _call(
        self,
        endpoint: str,
        attempt: Attempt,
        timed_out: Callable[[], None] = lambda: None,
        *,
        token_free: bool = False,
        attempts: int | None = None,
    ) -> Answer:
        limit = attempts or self.attempts
        ambiguous, token_errors, tries = False, 0, 0
        while True:
            token = "" if token_free else await self.token()
            tries += 1
            try:
                body = await self._checked(endpoint, attempt, token)
            except _Retry as retry:
                ambiguous = ambiguous or retry.ambiguous
                if retry.ambiguous:
                    timed_out()
                if retry.errcode in TOKEN_ERRCODES:
                    self._forget(token)
                    token_errors += 1
                    if token_errors <= TOKEN_RETRIES:
                        tries -= 1  # a stale token is not the endpoint's fault
                        continue
                if tries >= limit:
                    raise GaveUp(endpoint, tries, retry.fault, ambiguous=ambiguous) from None
                await self._back_off(endpoint, retry.fault, tries)
                continue
            return Answer(body, ambiguous)

    async def _checked(self, endpoint: str, attempt: Attempt, token: str) -> dict[str, Any]:
        """One attempt; raises ``_Retry`` for what is worth another, WeComError for the rest."""
        try:
            body, raw, headers = await attempt(token)
        except TimeoutError:
            raise _Retry("timeout", ambiguous=True) from None
        except aiohttp.ClientConnectorError:
            raise _Retry("connection refused") from None
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError):
            raise _Retry("connection dropped", ambiguous=True) from None
        except aiohttp.ClientError as error:
            raise _Retry(type(error).__name__) from None
        if body is None:
            return {"content": raw or b"", "filename": _filename(headers)}
        return self._judge(endpoint, body)

    def _judge(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        errcode = int(body.get("errcode", 0))
        errmsg = str(body.get("errmsg", ""))
        if errcode == 0:
            return body
        if errcode in TOKEN_ERRCODES or errcode == FREQUENCY or errcode == -1:
            raise _Retry(f"errcode {errcode}", errcode=errcode)  # -1: WeCom's "system busy"
        if errcode == IP_NOT_TRUSTED:
            if not self._warned_ip:
                self._warned_ip = True
                log.error(client_texts.IP_NOT_TRUSTED)
            raise IpNotTrusted(endpoint, errcode, errmsg)
        if errcode in UNREACHABLE_ERRCODES:
            raise Unreachable(endpoint, errcode, errmsg)
        if errcode in BAD_CREDENTIALS and endpoint == "gettoken":
            log.error(client_texts.BAD_CREDENTIALS.format(errcode=errcode))
        raise WeComError(endpoint, errcode, errmsg)

    async def _exchange(
        self, method: str, endpoint: str, query: dict[str, str], data: Any
    ) -> tuple[dict[str, Any] | None, bytes | None, Message]:
        """One request; JSON answers are parsed, other 2xx bodies returned raw."""
        session = self._session_in_loop()
        url = f"{self.base_url}/cgi-bin/{endpoint}"
        kwargs: dict[str, Any] = {"params": query}
        if isinstance(data, aiohttp.FormData):
            kwargs["data"] = data
        elif data is not None:
            kwargs["json"] = data
        async with asyncio.timeout(self.timeout):
            async with session.request(method, url, **kwargs) as response:
                if response.status >= 500 or response.status == 429:
                    raise _Retry(f"HTTP {response.status}")
                if response.status >= 400:
                    raise WeComError(endpoint, -response.status, f"HTTP {response.status}")
                headers = Message()
                for name, value in response.headers.items():
                    headers[name] = value
                if response.content_type in ("application/json", "text/plain"):
                    return await response.json(content_type=None), None, headers
                return None, await response.read(), headers

    def _session_in_loop(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def _back_off(self, endpoint: str, fault: str, tries: int) -> None:
        delay = min(self.backoff * 2 ** (tries - 1), self.max_backoff)
        delay *= random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not security
        log.warning(
            client_texts.RETRYING.format(
                endpoint=endpoint, fault=fault, delay=delay, attempt=tries + 1
            )
        )
        await self.timer.sleep(delay)


def _filename(headers: Message) -> str | None:
    """The file name in ``Content-Disposition`` (``filename*=UTF-8''…`` or ``filename=``)."""
    if "Content-Disposition" not in headers:
        return None
    name = headers.get_filename()
    return str(name) if name else None
