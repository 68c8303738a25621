"""Who people are to the bot: their numbers on every channel, unit bindings, work group chats,
unreachable chats, the unit picker.

Knows chat ids and units, not the plan or Telegram.
"""

from bot.people import addresses, bindings, picker, texts, unit_groups, unreachable

__all__ = ["addresses", "bindings", "picker", "texts", "unit_groups", "unreachable"]
