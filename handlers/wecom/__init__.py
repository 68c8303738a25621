"""The WeCom (企业微信) channel: the callback server and its inbound messages (verified,
decrypted, deduplicated, translated into the conversation's events), the outbound API
client with per-member pacing and message bodies, the adapter that carries out the
conversation's results (choices as cards), the rounds' sender, and the channel assembled.

Knows WeCom's server API and its limits, not what a message means.
"""

from handlers.wecom import (
    adapter,
    api,
    callback,
    callback_crypto,
    cards,
    channel,
    errors,
    inbound,
    inbox,
    messages,
    nudging,
    pacing,
    sender,
    texts,
    timing,
    translate,
)

__all__ = [
    "adapter",
    "api",
    "callback",
    "callback_crypto",
    "cards",
    "channel",
    "errors",
    "inbound",
    "inbox",
    "messages",
    "nudging",
    "pacing",
    "sender",
    "texts",
    "timing",
    "translate",
]
