"""Faults the fake WeCom server can inject: an errcode, an HTTP status or a slow answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FaultKind = Literal["errcode", "http", "slow"]

ERRMSG = {
    42001: "access_token expired",
    40014: "invalid access_token",
    45009: "reach max api daily quota limit",
    60020: "not allow to access from your ip",
    81013: "user & party & tag all invalid",
    60111: "invalid string value `userid`. userid not found",
}


@dataclass(frozen=True)
class Fault:
    """What goes wrong with one request (build it with the class methods).

    Attributes:
        kind: ``"errcode"`` answers 200 with that errcode, ``"http"`` answers a bare HTTP
            status, ``"slow"`` holds the answer ``delay`` real seconds.
        code: The errcode or the HTTP status.
        delay: For ``"slow"``: how long the answer is held.
        accepted: For ``"slow"``: whether the request takes effect before the answer is held
            (the ambiguous case), or is dropped with the connection afterwards.
    """

    kind: FaultKind
    code: int = 0
    delay: float = 0.0
    accepted: bool = False

    @classmethod
    def errcode(cls, code: int) -> Fault:
        """An errcode answer, e.g. ``Fault.errcode(45009)``."""
        return cls("errcode", code)

    @classmethod
    def http(cls, status: int = 502) -> Fault:
        """A 5xx answer without a JSON body."""
        return cls("http", status)

    @classmethod
    def slow(cls, seconds: float, *, accepted: bool = True) -> Fault:
        """An answer held ``seconds`` (longer than the client's timeout)."""
        return cls("slow", delay=seconds, accepted=accepted)


@dataclass
class FaultRule:
    """When a fault fires: on which endpoint, for which user, how many more times.

    Attributes:
        fault: The fault.
        endpoint: The path after ``/cgi-bin/`` (``"message/send"``), or ``None`` for any.
        user: Only requests addressed to this userid (``touser`` or ``userids``), or ``None``.
        times: How many more times it fires, or ``None`` for every matching request.
        fired: How many times it fired.
    """

    fault: Fault
    endpoint: str | None = "message/send"
    user: str | None = None
    times: int | None = 1
    fired: int = 0

    def take(self, endpoint: str, users: frozenset[str]) -> Fault | None:
        """The fault if this request is hit (counting the hit), else ``None``."""
        if self.times is not None and self.fired >= self.times:
            return None
        if self.endpoint is not None and self.endpoint != endpoint:
            return None
        if self.user is not None and self.user not in users:
            return None
        self.fired += 1
        return self.fault
