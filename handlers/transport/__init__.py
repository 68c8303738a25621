"""How updates reach the bot and replies leave it: long polling, the webhook server and the
rate limiter.

Knows the Bot API's transport, not what a message means.
"""

from handlers.transport.polling import serve
from handlers.transport.ratelimit import BULK, MARGIN, FairRateLimiter
from handlers.transport.webhook import serve_webhook

__all__ = ["BULK", "FairRateLimiter", "MARGIN", "serve", "serve_webhook"]
