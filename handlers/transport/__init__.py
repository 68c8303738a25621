"""How updates reach the bot and replies leave it: long polling, the webhook server and the
rate limiter.

Knows the Bot API's transport, not what a message means.
"""

from handlers.transport import polling, ratelimit, webhook

__all__ = ["polling", "ratelimit", "webhook"]
