"""The reminder rounds: what one wake-up does, for every channel. It begins at the outbox,
picks up a changed holidays.toml, settles what a crash left in flight, sends the nudges that
are due and records the ones too late, and sends the office what it is owed (stale lists,
calendar notes, the daily and weekly digests), each message recorded in the outbox before
and after it goes.

A channel supplies only a `sender.Sender` (one message to one chat, its outcome); with several
channels `routing.RoutingSender` picks each message's, and `waking.keep_waking` is the one
timer that calls `service.Rounds.wake`, whichever channels run. The decisions are `bot.reminders`', `bot.office`'s
and `bot.holidays`'; the wording `bot.notices.reminding`'s. Knows no channel.
"""

from bot.rounds import office, routing, sender, service, waking

__all__ = ["office", "routing", "sender", "service", "waking"]
