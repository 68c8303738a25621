"""Faults the fake Bot API server can inject, and the rules that decide when they fire."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Literal

FaultKind = Literal["error", "reset", "timeout"]


@dataclass(frozen=True)
class Fault:
    """What goes wrong with one request.

    Build faults with the class methods rather than directly.

    Attributes:
        kind: ``"error"`` answers with an error envelope, ``"reset"`` closes the connection
            without an answer, ``"timeout"`` holds the request for ``delay`` seconds.
        status: HTTP status and ``error_code`` of an ``"error"`` fault.
        description: Telegram's ``description`` of an ``"error"`` fault.
        parameters: Telegram's ``parameters`` (e.g. ``retry_after``) of an ``"error"`` fault.
        delay: How long a ``"timeout"`` fault holds the request.
        accepted: For ``"timeout"``: whether the request takes effect (the message is delivered
            and recorded) before the response is held back. This is the ambiguous case a client
            cannot tell apart from a lost request.
    """

    kind: FaultKind
    status: int = 0
    description: str = ""
    parameters: dict[str, Any] | None = None
    delay: float = 0.0
    accepted: bool = False

    @classmethod
    def error(
        cls, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> Fault:
        """Any Telegram error envelope, e.g. ``Fault.error(400, "Bad Request: chat not found")``."""
        return cls("error", status, description, parameters)

    @classmethod
    def retry_after(cls, seconds: int) -> Fault:
        """429 flood-control answer asking the client to wait ``seconds``."""
        return cls.error(
            429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
        )

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        """A 5xx answer: 500 Internal Server Error, 502 Bad Gateway, 503 or 504."""
        phrases = {
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
            504: "Gateway Timeout",
        }
        return cls.error(status, phrases.get(status, "Internal Server Error"))

    @classmethod
    def bad_gateway(cls) -> Fault:
        """502 Bad Gateway, which Telegram answers when its backend is restarting."""
        return cls.server_error(502)

    @classmethod
    def blocked(cls) -> Fault:
        """403 because the user blocked the bot."""
        return cls.error(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def connection_reset(cls) -> Fault:
        """Close the connection after reading the request, without answering."""
        return cls("reset")

    @classmethod
    def read_timeout(cls, seconds: float, *, accepted: bool = False) -> Fault:
        """Hold the request ``seconds`` (longer than the client's read timeout).

        Args:
            seconds: How long to hold the request.
            accepted: If true, the request takes effect first and only the answer is late;
                otherwise the request is dropped and the connection closed afterwards.
        """
        return cls("timeout", delay=seconds, accepted=accepted)


@dataclass
class FaultRule:
    """When a fault fires: which method and chat, how often, with which probability.

    Attributes:
        fault: The fault to inject.
        method: Bot API method name (case-insensitive), or ``None`` for any method.
        chat_id: Only requests whose ``chat_id`` parameter equals this, or ``None`` for any.
        times: How many more times the rule may fire, or ``None`` for unlimited.
        probability: Chance that a matching request is hit.
        seed: Seed of the rule's own random generator, so runs are reproducible.
        fired: How many times the rule has fired so far.
    """

    fault: Fault
    method: str | None = None
    chat_id: int | None = None
    times: int | None = None
    probability: float = 1.0
    seed: int = 0
    fired: int = 0
    _random: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Seeds the rule's random generator."""
        self._random = random.Random(self.seed)  # noqa: S311 - reproducible, not security

    @property
    def exhausted(self) -> bool:
        """Whether the rule has fired as often as it may."""
        return self.times is not None and self.fired >= self.times

    def take(self, method: str, chat_id: int | str | None) -> Fault | None:
        """Returns the fault if this request is hit, counting the hit; otherwise ``None``."""
        if self.exhausted:
            return None
        if self.method is not None and self.method.lower() != method.lower():
            return None
        if self.chat_id is not None and str(self.chat_id) != str(chat_id):
            return None
        if self.probability < 1.0 and self._random.random() >= self.probability:
            return None
        self.fired += 1
        return self.fault
