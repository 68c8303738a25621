"""WeCom's errcodes the client acts on, and the errors it raises (never with a secret in them)."""

from __future__ import annotations

__all__ = [
    "GaveUp",
    "IpNotTrusted",
    "TOKEN_ERRCODES",
    "UNREACHABLE_ERRCODES",
    "Unreachable",
    "WeComError",
]

TOKEN_EXPIRED, TOKEN_INVALID = 42001, 40014
TOKEN_ERRCODES = frozenset({TOKEN_EXPIRED, TOKEN_INVALID})
FREQUENCY = 45009
IP_NOT_TRUSTED = 60020
ALL_RECIPIENTS_INVALID, USERID_NOT_FOUND = 81013, 60111
UNREACHABLE_ERRCODES = frozenset({ALL_RECIPIENTS_INVALID, USERID_NOT_FOUND})


class WeComError(Exception):
    """WeCom answered an errcode the client does not retry; the text names the endpoint only."""

    def __init__(self, endpoint: str, errcode: int, errmsg: str = "") -> None:
        """Builds ``企业微信 message/send 返回 errcode 40058：…`` (no URL, no token)."""
        super().__init__(f"企业微信 {endpoint} 返回 errcode {errcode}：{errmsg}")
        self.endpoint, self.errcode, self.errmsg = endpoint, errcode, errmsg


class Unreachable(WeComError):
    """81013 / 60111: the member does not exist or is outside the app's visible range."""


class IpNotTrusted(WeComError):
    """60020: this server's IP is not in the app's 企业可信IP list."""


class GaveUp(Exception):
    """Every attempt failed on a retryable fault (45009, 5xx, connection, timeout).

    ``ambiguous`` says a timed-out attempt may have reached WeCom.
    """

    def __init__(self, endpoint: str, attempts: int, last: str, *, ambiguous: bool) -> None:
        """Builds the message from the endpoint, the count and the last fault's name."""
        super().__init__(f"企业微信 {endpoint} 重试 {attempts} 次仍失败（最后一次：{last}）")
        self.endpoint, self.attempts, self.ambiguous = endpoint, attempts, ambiguous
