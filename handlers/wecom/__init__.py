"""The WeCom (企业微信) channel: the outbound API client, per-member pacing and message bodies.

Knows WeCom's server API and its limits, not what a message means.
"""

from handlers.wecom import api, errors, messages, pacing, sender, timing

__all__ = ["api", "errors", "messages", "pacing", "sender", "timing"]
