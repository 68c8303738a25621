"""The WeCom (企业微信) channel: the callback server and its inbound messages (verified,
decrypted, deduplicated, translated into the conversation's events), and the outbound API
client with per-member pacing and message bodies.

Knows WeCom's server API and its limits, not what a message means.
"""

from handlers.wecom import (
    api,
    callback,
    callback_crypto,
    errors,
    inbound,
    inbox,
    messages,
    pacing,
    sender,
    timing,
    translate,
)

__all__ = [
    "api",
    "callback",
    "callback_crypto",
    "errors",
    "inbound",
    "inbox",
    "messages",
    "pacing",
    "sender",
    "timing",
    "translate",
]
