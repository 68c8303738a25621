"""How updates reach the bot and replies leave it: long polling, the webhook server, the rate
limiter, and what is said when Telegram or the disk fails.

Knows the Bot API's transport, not what a message means.
"""

from handlers.transport import texts
from handlers.transport.polling import serve
from handlers.transport.ratelimit import BULK, MARGIN, FairRateLimiter
from handlers.transport.texts import BUSY, TOO_MANY
from handlers.transport.webhook import serve_webhook

__all__ = [
    "BULK",
    "BUSY",
    "FairRateLimiter",
    "MARGIN",
    "TOO_MANY",
    "serve",
    "serve_webhook",
    "texts",
]
